export { slaDueAt } from './clock';
export { slaTargetSchema, type SlaTarget } from './target';
export {
  workingCalendar,
  nhsDefaultCalendar,
  type WorkingCalendar,
  type WorkingCalendarOptions,
  type IsoWeekday,
  type BankHolidayRegion,
} from './calendar';
export { ENGLAND_AND_WALES_BANK_HOLIDAYS, englandAndWalesBankHolidays, statutoryBankHolidays } from './bank-holidays';
