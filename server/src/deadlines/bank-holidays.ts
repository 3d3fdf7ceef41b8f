/**
 * Bank holidays of England and Wales from a maintained source: the `date-holidays` library (its
 * rules for GB-ENG, kept up to date by its maintainers, one-off holidays such as a coronation
 * included once announced). Only weekdays are bank holidays: when Christmas or Boxing Day falls at a
 * weekend the library also lists the weekend day, which gov.uk does not (the substitute Monday or
 * Tuesday is the bank holiday), so weekend days are left out.
 */
import Holidays from 'date-holidays';

const ENGLAND_AND_WALES = new Holidays('GB', 'ENG', { types: ['public', 'bank'] });

/** The bank holidays of England and Wales from `fromYear` to `toYear` inclusive, YYYY-MM-DD, in order. */
export function englandAndWalesBankHolidays(fromYear: number, toYear: number): string[] {
  const days = new Set<string>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const holiday of ENGLAND_AND_WALES.getHolidays(year)) {
      const day = holiday.date.slice(0, 10);
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) days.add(day);
    }
  }
  return [...days].sort();
}
