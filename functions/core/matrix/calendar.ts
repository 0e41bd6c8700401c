import { workingCalendar, type IsoWeekday, type WorkingCalendar } from '../sla/calendar';
import { WEEKDAYS, type ResponseMatrix } from './schema';

/** The matrix's monitored hours and bank holidays as a working calendar for the SLA clock. */
export function matrixCalendar(matrix: ResponseMatrix): WorkingCalendar {
  const { timeZone, monitoredHours, bankHolidays } = matrix.clock;
  return workingCalendar({
    timeZone,
    workingDays: monitoredHours.days.map((day) => (WEEKDAYS.indexOf(day) + 1) as IsoWeekday),
    opensAt: monitoredHours.start,
    closesAt: monitoredHours.end,
    bankHolidays,
  });
}
