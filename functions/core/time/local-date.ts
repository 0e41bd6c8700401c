/**
 * The local calendar date (YYYY-MM-DD) of an instant in a time zone. One cached Intl formatter per zone:
 * the matrix asks this for every interaction (programme periods, pre-election periods), and building a
 * luxon DateTime for it was a tenth of an assessment's time.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDate(instant: string, timeZone: string): string | undefined {
  const at = Date.parse(instant);
  if (Number.isNaN(at)) return undefined;
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(at);
}
