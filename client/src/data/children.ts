/** How children are named and aged on screen. */
import { ageInYears, type Child } from '@mashboard/shared';
import { formatCalendarDate, londonToday } from './time.ts';

export function ageText(child: Pick<Child, 'dateOfBirth' | 'expectedDateOfBirth'>, today = londonToday()): string {
  if (child.dateOfBirth) {
    const years = ageInYears(child.dateOfBirth, today);
    if (years >= 1) return `${years}`;
    const [by, bm, bd] = child.dateOfBirth.split('-').map(Number) as [number, number, number];
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    let months = (y - by) * 12 + (m - bm);
    if (d < bd) months -= 1;
    return months <= 0 ? 'under 1 month' : `${months} month${months === 1 ? '' : 's'}`;
  }
  if (child.expectedDateOfBirth) return `unborn, due ${formatCalendarDate(child.expectedDateOfBirth)}`;
  return 'age unknown';
}

/** "Ayesha K., 7" or "Baby S., unborn, due 3 Mar 2026" (the list). */
export function childShort(child: Child, today?: string): string {
  const initial = child.lastName.trim().charAt(0).toUpperCase();
  return `${child.firstName}${initial ? ` ${initial}.` : ''}, ${ageText(child, today)}`;
}

export function childFullName(child: Pick<Child, 'firstName' | 'lastName'>): string {
  return `${child.firstName} ${child.lastName}`.trim();
}

/** "born 3 Mar 2019, age 7" or "unborn, due 3 Mar 2026" (the board). */
export function childBirthText(child: Child, today?: string): string {
  if (child.dateOfBirth) return `born ${formatCalendarDate(child.dateOfBirth)}, age ${ageText(child, today)}`;
  return ageText(child, today);
}
