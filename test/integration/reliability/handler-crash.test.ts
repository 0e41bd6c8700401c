/**
 * The handler crash of `npm run reliability:crash`, small: a flaky target is absorbed by retries; a
 * target that is down dead-letters every event; after the fix a redrive loses nothing.
 */
import { CRASH_TARGETS, handlerCrash } from '../../../local/reliability/handler-crash';
import { Report } from '../../../local/reliability/support';

it('dead-letters while a target throws and redrives without loss', async () => {
  const report = new Report(false);
  await handlerCrash({ deliveries: 10 }, report);
  expect(report.checks.map(({ name, ok, detail }) => ({ name, ok, detail: ok ? 'ok' : detail }))).toEqual(
    report.checks.map(({ name }) => ({ name, ok: true, detail: 'ok' })),
  );
  expect(report.checks).toHaveLength(CRASH_TARGETS.length * 6);
}, 60_000);
