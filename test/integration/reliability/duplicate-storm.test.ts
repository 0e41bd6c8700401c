/**
 * The duplicate storm of `npm run reliability:duplicates`, small: every delivery sent five times at
 * once ends as exactly one interaction with one audit trail. (Figures are printed by the script only.)
 */
import { duplicateStorm } from '../../../local/reliability/duplicate-storm';
import { Report } from '../../../local/reliability/support';

it('keeps exactly one interaction and one audit trail per delivery sent five times at once', async () => {
  const report = new Report(false);
  await duplicateStorm({ deliveries: 25, copies: 5, concurrency: 5 }, report);
  expect(report.checks.map(({ name, ok, detail }) => ({ name, ok, detail: ok ? 'ok' : detail }))).toEqual(
    report.checks.map(({ name }) => ({ name, ok: true, detail: 'ok' })),
  );
  expect(report.checks.map((check) => check.name)).toContain('exactly one interaction item per delivery');
}, 60_000);
