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
export {
  BANK_HOLIDAY_DIVISIONS,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  UK_BANK_HOLIDAYS,
  bankHolidays,
  englandAndWalesBankHolidays,
  statutoryBankHolidays,
  govUkBankHolidaysSchema,
  type BankHolidayDivision,
} from './bank-holidays';
