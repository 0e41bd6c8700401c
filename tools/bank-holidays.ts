/**
 * Keeps the shipped UK bank holidays (functions/core/sla/uk-bank-holidays.json) up to date.
 *
 *   npm run bank-holidays -- --update              download https://www.gov.uk/bank-holidays.json and merge it
 *   npm run bank-holidays -- --file download.json  merge a file saved from that address
 *   npm run bank-holidays                          list the years held for each division
 *
 * Merging keeps every year already held and adds or replaces GOV.UK's dates by year, so a one-off
 * holiday GOV.UK adds (or moves) replaces the whole year. The file is validated before it is written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BANK_HOLIDAY_DIVISIONS,
  byDivisionAndYear,
  govUkBankHolidaysSchema,
  type GovUkBankHolidays,
} from '../functions/core/sla/bank-holidays';

export const DATA_FILE = join(__dirname, '..', 'functions', 'core', 'sla', 'uk-bank-holidays.json');
const GOV_UK = 'https://www.gov.uk/bank-holidays.json';

export function mergeBankHolidays(current: GovUkBankHolidays, incoming: GovUkBankHolidays): GovUkBankHolidays {
  const merged = {} as GovUkBankHolidays;
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    const newYears = new Set(incoming[division].events.map((event) => event.date.slice(0, 4)));
    const kept = current[division].events.filter((event) => !newYears.has(event.date.slice(0, 4)));
    const events = [...kept, ...incoming[division].events].sort((a, b) => a.date.localeCompare(b.date));
    merged[division] = { division, events };
  }
  return merged;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { update: { type: 'boolean' }, file: { type: 'string' } } });
  const current = govUkBankHolidaysSchema.parse(JSON.parse(readFileSync(DATA_FILE, 'utf8'))) as GovUkBankHolidays;
  let incoming: unknown;
  if (values.file) incoming = JSON.parse(readFileSync(values.file, 'utf8'));
  else if (values.update) incoming = await (await fetch(GOV_UK)).json();
  if (incoming !== undefined) {
    const merged = mergeBankHolidays(current, govUkBankHolidaysSchema.parse(incoming) as GovUkBankHolidays);
    writeFileSync(DATA_FILE, `${JSON.stringify(merged, null, 2)}\n`);
  }
  const held = byDivisionAndYear(govUkBankHolidaysSchema.parse(JSON.parse(readFileSync(DATA_FILE, 'utf8'))) as GovUkBankHolidays);
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    process.stdout.write(`${division}: ${Object.keys(held[division]).join(', ')}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
