/**
 * The dependency outage of `npm run reliability:outage`, short (DynamoDB down for 2 s instead of 30):
 * intake answers throughout, and after restart and redrive count in = count stored, none twice.
 */
import { dependencyOutage } from '../../../local/reliability/dependency-outage';
import { Report } from '../../../local/reliability/support';

it('loses nothing and duplicates nothing when DynamoDB is stopped and restarted mid-stream', async () => {
  const report = new Report(false);
  await dependencyOutage({ 'outage-seconds': 2, rate: 20, 'before-seconds': 1, 'after-seconds': 1 }, report);
  expect(report.checks.map(({ name, ok, detail }) => ({ name, ok, detail: ok ? 'ok' : detail }))).toEqual(
    report.checks.map(({ name }) => ({ name, ok: true, detail: 'ok' })),
  );
  expect(report.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['count stored = count in', 'the outage was real (log writes dead-lettered)']));
}, 60_000);
