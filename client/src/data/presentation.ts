/**
 * What the meeting room shows of a case, as pure functions of the reader's own view of it (the
 * server has already withheld what their agency may not see): an agenda item's short label
 * (children's initials and ages, the rating) and the presentation view's item (children, rating and
 * reason, the child's voice, facts and opinions apart, information still awaited, decisions made in
 * this meeting).
 *
 * The presentation view is a shared screen: everyone in the room reads it, whatever their agency.
 * So it shows only what every agency may see: a contribution restricted to named agencies is left
 * off it (the screen says how many, and from which agency, so the room knows to ask), and a case
 * restricted to named agencies is not shown at all. Those who may see them read them on their own
 * devices.
 */
import type { AgendaItem, CaseDecision, CaseSummary, CaseView, Child, ContributionContent, ContributionEntry, Deadline, Rating, VoiceContent } from '@mashboard/shared';
import { agencyName, agendaItemLabel, caseAudience } from '@mashboard/shared';
import { ageText, childFullName } from './children.ts';

/** "A.M." */
export function childInitials(child: Pick<Child, 'firstName' | 'lastName'>): string {
  return [child.firstName, child.lastName]
    .map((n) => n.trim().charAt(0).toUpperCase())
    .filter(Boolean)
    .map((c) => `${c}.`)
    .join('');
}

/** "A.M., 11" or "B.M., unborn, due 3 Mar 2027". */
export function childInitialsAndAge(child: Child, today?: string): string {
  return `${childInitials(child)}, ${ageText(child, today)}`;
}

export interface AgendaItemCard {
  /** "A.M., 11; N.M., 1" (the case's children), or for a withheld or erased item what stands in its place. */
  children: string;
  /** The rating now (undefined: not rated, or not known to this reader). */
  rating?: Rating | null;
  /** The case reference (empty for a withheld item). */
  reference: string;
  /** False for a withheld or erased item, or one whose case has not loaded yet: only the placeholder or reference is shown. */
  known: boolean;
}

/**
 * An agenda item as the agenda shows it, from its case's summary. A withheld item stays the neutral
 * placeholder whatever is known (the reader's agency may not see it, so nothing of it is ever asked for).
 */
export function agendaItemCard(item: AgendaItem, s: CaseSummary | null | undefined, today?: string): AgendaItemCard {
  if (item.withheld || item.erased || !s) return { children: agendaItemLabel(item), reference: item.withheld ? '' : item.reference, known: false };
  return { children: s.children.map((c) => childInitialsAndAge(c, today)).join('; '), rating: s.rating?.value ?? null, reference: s.reference, known: true };
}

export interface PresentedVoice {
  child: string;
  words?: string;
  wishes?: string;
  feelings?: string;
  observed?: string;
  /** Why no voice is recorded (for a child with none). */
  absent?: string;
}

export interface PresentedInformation {
  id: string;
  agency: string;
  /** Empty when withheld from this reader. */
  content: ContributionContent | null;
}

export interface PresentedItem {
  children: { id: string; name: string; age: string }[];
  rating: { value: Rating; reason: string } | null;
  reasonForConcern: string;
  voices: PresentedVoice[];
  /** Children with neither a voice entry nor a reason it could not be recorded. */
  voiceMissing: string[];
  facts: PresentedInformation[];
  opinions: PresentedInformation[];
  /** Entries restricted to named agencies (or withheld from this reader): not on the shared screen; only their agency is shown. */
  restricted: { id: string; agency: string }[];
  /** Information requests still open, soonest due first. */
  awaited: Pick<Deadline, 'id' | 'agency' | 'detail' | 'dueAt' | 'label'>[];
  decisions: Omit<CaseDecision, 'recordedBy'>[];
}

/** The presentation view of one case on the agenda, from the reader's own view of it. */
export function presentedItem(view: CaseView, meetingId: string, today?: string): PresentedItem {
  const s = view.summary;
  const name = (id: string) => {
    const c = s.children.find((k) => k.id === id);
    return c ? childFullName(c) : 'A child';
  };
  const voices: PresentedVoice[] = [];
  const heard = new Set<string>();
  for (const entry of view.entries) {
    if (entry.kind !== 'voice') continue;
    const v: VoiceContent | undefined = entry.versions[entry.versions.length - 1]?.content;
    if (!v) continue;
    heard.add(v.childId);
    voices.push({
      child: name(v.childId),
      ...(v.words ? { words: v.words } : {}),
      ...(v.wishes ? { wishes: v.wishes } : {}),
      ...(v.feelings ? { feelings: v.feelings } : {}),
      ...(v.observedBehaviour ? { observed: v.observedBehaviour } : {}),
    });
  }
  for (const [childId, a] of Object.entries(s.voiceAbsence)) {
    if (heard.has(childId)) continue;
    heard.add(childId);
    voices.push({ child: name(childId), absent: a.explanation });
  }
  const contributions = view.entries.filter((e): e is ContributionEntry => e.kind === 'contribution');
  const shown = (e: ContributionEntry): PresentedInformation => ({ id: e.id, agency: e.agency, content: e.versions[e.versions.length - 1]?.content ?? null });
  const forEveryone = (e: ContributionEntry) => !e.withheld && e.versions.length > 0 && e.restrictedTo.length === 0;
  const visible = contributions.filter(forEveryone).map(shown);
  return {
    children: s.children.map((c) => ({ id: c.id, name: childFullName(c), age: ageText(c, today) })),
    rating: s.rating ? { value: s.rating.value, reason: s.rating.reason } : null,
    reasonForConcern: s.reasonForConcern,
    voices,
    voiceMissing: s.children.filter((c) => !heard.has(c.id)).map(childFullName),
    facts: visible.filter((i) => i.content?.kind === 'fact'),
    opinions: visible.filter((i) => i.content?.kind === 'opinion'),
    restricted: contributions.filter((e) => !forEveryone(e)).map((e) => ({ id: e.id, agency: e.agency })),
    awaited: s.deadlines
      .filter((d) => d.kind === 'information-request' && d.state === 'open')
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
      .map(({ id, agency, detail, dueAt, label }) => ({ id, agency, detail, dueAt, label })),
    decisions: s.decisions.filter((d) => d.meetingId === meetingId).map(({ recordedBy: _r, ...d }) => d),
  };
}

/** Why a case is not shown on the shared screen (restricted to named agencies), or null when it may be. */
export function notForSharedScreen(view: CaseView): string | null {
  const audience = caseAudience(view.summary);
  return audience ? `This case is restricted to ${audience.map(agencyName).join(', ')}, so it is not shown on the shared screen. Those agencies can read it on their own devices.` : null;
}

/** "2 restricted entries from Police, 1 from Health": what the shared screen leaves off, by agency. */
export function restrictedText(restricted: readonly { agency: string }[]): string {
  const counts = new Map<string, number>();
  for (const r of restricted) counts.set(r.agency, (counts.get(r.agency) ?? 0) + 1);
  return [...counts.entries()].map(([agency, n], i) => `${n} ${i === 0 ? `restricted ${n === 1 ? 'entry' : 'entries'} ` : ''}from ${agencyName(agency)}`).join(', ');
}
