/**
 * Need-to-know on the board, as pure helpers: a restricted entry this viewer may not see arrives
 * withheld (agency and time only, no versions, no author), and every place that reads an entry's
 * content goes through latestVersion(), which copes with an entry that has no versions.
 */
import { AGENCIES, agencyName, type BoardEntry, type ContributionContent, type ContributionEntry } from '@mashboard/shared';
import { formatDateTime } from '../data/time.ts';

/** The one line of guidance beside the control (from the information-sharing guidance). */
export const RESTRICT_GUIDANCE = 'Share only with those who need it: others will see that your agency recorded something, and when, but not what.';

/** The newest version of an entry, or undefined when the viewer may not see any (withheld). */
export function latestVersion<E extends BoardEntry>(entry: E): E['versions'][number] | undefined {
  return entry.versions.length ? entry.versions[entry.versions.length - 1] : undefined;
}

/** A contribution's current content, or null when withheld from this viewer. */
export function latestContent(entry: ContributionEntry): ContributionContent | null {
  return latestVersion(entry)?.content ?? null;
}

/** True when this viewer may not see the entry's content. */
export function isWithheld(entry: Pick<ContributionEntry, 'versions'> & { withheld?: true | undefined }): boolean {
  return entry.withheld === true || entry.versions.length === 0;
}

/** Is the entry restricted to some agencies (whether or not this viewer is one of them)? */
export function isRestricted(entry: { restrictedTo?: readonly string[] | undefined }): boolean {
  return (entry.restrictedTo?.length ?? 0) > 0;
}

/**
 * The agencies that see a restricted entry in full, contributor first then in the usual order:
 * ["police", "health"]. Empty when it is not restricted.
 */
export function restrictionAgencies(agency: string, restrictedTo: readonly string[] | undefined): string[] {
  if (!restrictedTo?.length) return [];
  const rest = [...new Set(restrictedTo.filter((a) => a !== agency))];
  const order = (id: string) => {
    const i = AGENCIES.findIndex((a) => a.id === id);
    return i < 0 ? AGENCIES.length : i;
  };
  rest.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return [agency, ...rest];
}

/** "Restricted to Police, Health" ("Restricted to Police" for one agency); '' when not restricted. */
export function restrictedToText(agency: string, restrictedTo: readonly string[] | undefined): string {
  const list = restrictionAgencies(agency, restrictedTo);
  return list.length ? `Restricted to ${list.map(agencyName).join(', ')}` : '';
}

/** The placeholder for an entry withheld from this viewer, in words. */
export function withheldText(entry: Pick<ContributionEntry, 'agency' | 'recordedAt'>): { title: string; body: string } {
  const agency = agencyName(entry.agency);
  return {
    title: `Restricted entry from ${agency}`,
    body: `Recorded ${formatDateTime(entry.recordedAt)}. Only the agencies it is shared with can read it: ask ${agency} if you need it.`,
  };
}

/** One line for a screen reader or a notice: "Restricted entry from Police, recorded 21 Nov 2026, 10:05 – ask Police if you need it." */
export function withheldSentence(entry: Pick<ContributionEntry, 'agency' | 'recordedAt'>): string {
  const agency = agencyName(entry.agency);
  return `Restricted entry from ${agency}, recorded ${formatDateTime(entry.recordedAt)} – ask ${agency} if you need it.`;
}
