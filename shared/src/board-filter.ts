/**
 * The board's filters, like the chronology's: by agency, child, person, fact or opinion, current or
 * historic. A pure function, so what a filter shows is testable without a browser.
 */
import { currentVersion, type ContributionEntry, type ContributionKind, type Timeframe } from './contributions.ts';

/** Each criterion left out means "no filter on this"; an empty list matches nothing (see each). */
export interface BoardFilter {
  /** Entries from these agencies. */
  agencies?: readonly string[];
  /** Entries about any of these children; entries about the whole case (no child named) always stay. */
  childIds?: readonly string[];
  /** Entries naming any of these people around the children. */
  personIds?: readonly string[];
  kinds?: readonly ContributionKind[];
  timeframes?: readonly Timeframe[];
}

/** Whether the filter asks about content (anything but the agency): a withheld entry's content cannot be judged. */
export function filtersContent(filter: BoardFilter): boolean {
  return Boolean(filter.childIds || filter.personIds || filter.kinds || filter.timeframes);
}

/**
 * The contributions that pass the filter, in their order. A restricted entry withheld from the
 * reader passes only a filter by agency: nothing of its content may be used to sort it.
 */
export function filterBoardEntries(entries: readonly ContributionEntry[], filter: BoardFilter): ContributionEntry[] {
  return entries.filter((entry) => {
    if (filter.agencies && !filter.agencies.includes(entry.agency)) return false;
    if (entry.withheld || entry.versions.length === 0) return !filtersContent(filter);
    const content = currentVersion(entry).content;
    if (filter.kinds && !filter.kinds.includes(content.kind)) return false;
    if (filter.timeframes && !filter.timeframes.includes(content.timeframe)) return false;
    if (filter.childIds && content.childIds.length > 0 && !content.childIds.some((id) => filter.childIds!.includes(id))) return false;
    if (filter.personIds && !(content.personIds ?? []).some((id) => filter.personIds!.includes(id))) return false;
    return true;
  });
}
