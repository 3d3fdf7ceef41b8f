/** The chronology page as pure helpers: the filter in use, the date column's words, the groups. */
import { agencyName, CHRONOLOGY_KINDS, formatUkDateOf, formatUkTime, type ChronologyFilter, type ChronologyKind, type ChronologyLine } from '@mashboard/shared';
import { formatCalendarDate } from './time.ts';

export const KIND_LABELS: Record<ChronologyKind, string> = {
  fact: 'Fact',
  opinion: 'Opinion',
  voice: 'Child’s voice',
  event: 'Event',
  withheld: 'Restricted',
};

/** What the person ticked; null means "no filter on this". */
export interface ChronologyFilterState {
  agencies: string[] | null;
  childIds: string[] | null;
  kinds: ChronologyKind[] | null;
  significantOnly: boolean;
}

export const NO_FILTER: ChronologyFilterState = { agencies: null, childIds: null, kinds: null, significantOnly: false };

/** The shared filter from the page's state (criteria left out when not in use). */
export function toChronologyFilter(s: ChronologyFilterState): ChronologyFilter {
  return {
    ...(s.agencies ? { agencies: s.agencies } : {}),
    ...(s.childIds ? { childIds: s.childIds } : {}),
    ...(s.kinds ? { kinds: s.kinds } : {}),
    ...(s.significantOnly ? { significantOnly: true } : {}),
  };
}

/** Toggle one value in a filter list; all ticked again means no filter. */
export function toggle<T extends string>(current: T[] | null, all: readonly T[], value: T, on: boolean): T[] | null {
  const base = current ?? [...all];
  const next = on ? [...new Set([...base, value])] : base.filter((v) => v !== value);
  return next.length === all.length && all.every((v) => next.includes(v)) ? null : next;
}

/** The date column: the day it happened ("about" when approximate) and the time, or when an event took place. */
export function lineWhen(line: ChronologyLine): { date: string; time: string } {
  if (line.happened && line.happened.precision !== 'unknown' && line.happened.date) {
    const date = formatCalendarDate(line.happened.date);
    return { date: line.happened.precision === 'approximate' ? `About ${date}` : date, time: line.happened.time ?? '' };
  }
  if (line.kind === 'event') {
    return { date: formatUkDateOf(line.recordedAt), time: formatUkTime(line.recordedAt) };
  }
  return { date: 'Date not known', time: '' };
}

export function groupLines(lines: readonly ChronologyLine[]): { dated: ChronologyLine[]; unknown: ChronologyLine[] } {
  return { dated: lines.filter((l) => l.group === 'dated'), unknown: lines.filter((l) => l.group === 'date-not-known') };
}

/** "Showing Police, Health; facts and opinions; significant lines only" for the screen and the printout. */
export function filterSummary(s: ChronologyFilterState, childName: (id: string) => string): string {
  const parts: string[] = [];
  if (s.agencies) parts.push(s.agencies.length ? `from ${s.agencies.map(agencyName).join(', ')}` : 'from no agency');
  if (s.childIds) parts.push(s.childIds.length ? `about ${s.childIds.map(childName).join(', ')} (and the whole case)` : 'about the whole case only');
  if (s.kinds) parts.push(s.kinds.length ? `kinds: ${s.kinds.map((k) => KIND_LABELS[k]).join(', ')}` : 'no kinds');
  if (s.significantOnly) parts.push('significant lines only');
  return parts.length ? `Filtered: ${parts.join('; ')}` : 'All lines';
}

export const ALL_KINDS = CHRONOLOGY_KINDS;
