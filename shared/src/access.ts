/**
 * Need-to-know, as pure rules: what of a case one viewer may see. The server runs every case,
 * entry and event through these before it leaves (REST, socket pushes, catch-up, exports), so a
 * restricted entry's content and a protected referrer's identity never reach another agency.
 */
import type { Actor } from './agencies.ts';
import type { BoardEntry } from './contributions.ts';
import { isServiceAlert, type Alert } from './deadlines.ts';
import { addressAudience, type Address, type WithheldAddress } from './people.ts';
import type { CaseSummary, CaseEvent, EventAddress } from './model.ts';

/** Whom a view is for: what they may see depends on their agency. */
export interface Audience {
  agency: string;
}

/** What decides who may see a case: its restriction and the agency that opened it. */
export type CaseAccess = { restrictedTo?: readonly string[] | undefined; openedBy: { agency: string } };

/**
 * What decides who may read something: the agency that recorded it (a case: the agency that
 * opened it), which always may, and the agencies it is restricted to (none: every agency may).
 * Entries, cases and minutes all follow this one rule.
 */
export interface Restriction {
  agency: string;
  restrictedTo?: readonly string[] | undefined;
}

/** The agencies that may read something restricted, or null when every agency may. */
export function fullAudience(restriction: Restriction): string[] | null {
  const restricted = restriction.restrictedTo ?? [];
  return restricted.length === 0 ? null : [...new Set([restriction.agency, ...restricted])];
}

/** Is this viewer's agency in an audience (`fullAudience`, `caseAudience`: null when every agency is)? */
export function inAudience(audience: readonly string[] | null, viewer: Audience): boolean {
  return audience === null || audience.includes(viewer.agency);
}

/** May this viewer read something restricted (an entry, a case)? */
export function maySee(restriction: Restriction, viewer: Audience): boolean {
  return inAudience(fullAudience(restriction), viewer);
}

/** A case's restriction: the agencies it is restricted to, with the agency that opened it. */
export function caseRestriction(summary: CaseAccess): Restriction {
  const restrictedTo = summary.restrictedTo ?? [];
  // Who opened it matters only to a restricted case: an open one is read without asking.
  return restrictedTo.length === 0 ? { agency: '', restrictedTo } : { agency: summary.openedBy.agency, restrictedTo };
}

/** May this viewer see the case at all? A case restricted to named agencies is theirs (and its opener's) alone. */
export function maySeeCase(summary: CaseAccess, viewer: Audience): boolean {
  return maySee(caseRestriction(summary), viewer);
}

/**
 * What a reader is told of a case they may not see, and of a case that does not exist: the same
 * words, so that no answer confirms a restricted case exists.
 */
export const CASE_NOT_SHARED = 'No case with that id is shared with your agency.';

/** The agencies that may see a restricted case, or null when every case worker may. */
export function caseAudience(summary: CaseAccess): string[] | null {
  return fullAudience(caseRestriction(summary));
}

/** An author reduced to what a viewer without access may know: the agency (and role). */
function anonymous(actor: Actor): Actor {
  return { userId: '', name: '', agency: actor.agency, role: actor.role };
}

/**
 * The entry as this viewer may see it: whole, or withheld. A withheld entry is built from an
 * allow-list (what the placeholder shows: kind, agency, time, whom it is restricted to), so a
 * field added to entries later is withheld until someone decides otherwise.
 */
export function presentEntry(entry: BoardEntry, viewer: Audience): BoardEntry {
  if (entry.kind !== 'contribution' || maySee(entry, viewer)) return entry;
  const { kind, id, caseId, agency, recordedAt, restrictedTo } = entry;
  return { kind, id, caseId, agency, author: anonymous(entry.author), recordedAt, restrictedTo, withheld: true, versions: [] };
}

/** A referral as this viewer may see it: a protected referrer's name and role only for the agency that recorded the contact. */
function referralFor(referral: CaseSummary['referral'], recordedBy: string, viewer: Audience): CaseSummary['referral'] {
  if (!referral.identityProtected || viewer.agency === recordedBy) return referral;
  return { source: referral.source, identityProtected: true };
}

/**
 * An address as this viewer may see it: whole, or (a protected address outside its agencies) an
 * allow-list saying only that it exists, who recorded it and whom else it is shared with.
 */
export function presentAddress<A extends Address | EventAddress>(address: A, recordedBy: string, viewer: Audience): A | WithheldAddress {
  if ('withheld' in address && address.withheld) return address;
  const whole = address as Exclude<A, WithheldAddress>;
  const audience = addressAudience({ protected: whole.protected, restrictedTo: whole.restrictedTo, recordedBy: { agency: recordedBy } });
  if (!audience || audience.includes(viewer.agency)) return address;
  return { id: whole.id, withheld: true, protected: true, agency: recordedBy, restrictedTo: audience.filter((a) => a !== recordedBy) };
}

/** Addresses as this viewer may see them (the same array when nothing is withheld). */
function addressesFor<A extends Address | EventAddress>(addresses: readonly A[], recordedBy: (a: A) => string, viewer: Audience): (A | WithheldAddress)[] {
  const shown = addresses.map((a) => presentAddress(a, recordedBy(a), viewer));
  return shown.every((a, i) => a === addresses[i]) ? (addresses as (A | WithheldAddress)[]) : shown;
}

const recorder = (a: Address): string => (a.withheld ? a.agency : a.recordedBy.agency);

/** The case summary as this viewer may see it (a protected referrer's name and role, and protected addresses, removed). */
export function presentSummary(summary: CaseSummary, viewer: Audience): CaseSummary {
  const referral = referralFor(summary.referral, summary.openedBy.agency, viewer);
  const addresses = summary.addresses && addressesFor(summary.addresses, recorder, viewer);
  return referral === summary.referral && addresses === summary.addresses ? summary : { ...summary, referral, ...(addresses ? { addresses } : {}) };
}

/**
 * The agencies that may read a case's summary differently from everyone else (the case's own
 * audience when restricted, else the agencies of a protected referrer and of protected addresses),
 * or null when everyone reads the same: whom a summary is pushed to copy by copy.
 */
export function summaryReaders(summary: CaseSummary): string[] | null {
  const restricted = caseAudience(summary);
  if (restricted) return restricted;
  const readers = new Set<string>(summary.referral.identityProtected ? [summary.openedBy.agency] : []);
  for (const a of summary.addresses ?? []) {
    if (a.withheld) continue;
    for (const agency of addressAudience(a) ?? []) readers.add(agency);
  }
  return readers.size > 0 ? [...readers] : null;
}

/** The agencies that see the protected addresses an event carries in full (empty: none protected). */
function eventAddressReaders(addresses: readonly EventAddress[] | undefined, recordedBy: string): string[] {
  const readers = new Set<string>();
  for (const a of addresses ?? []) {
    if ('withheld' in a) continue;
    for (const agency of addressAudience({ protected: a.protected, restrictedTo: a.restrictedTo, recordedBy: { agency: recordedBy } }) ?? []) readers.add(agency);
  }
  return [...readers];
}

/**
 * A withheld event: an allow-list of what the placeholder promises (which entry, the agency, the
 * time, the version) and nothing else: no author, no content, no reason, no command id.
 */
function withheldEvent<E extends CaseEvent>(event: E, data: E['data']): E {
  const { id, seq, caseId, type, at } = event;
  return { id, seq, caseId, type, at, actor: anonymous(event.actor), commandId: '', data } as E;
}

/**
 * The event as this viewer may see it, once they may see its case (`presentCaseEvent` checks
 * that); it keeps its id and seq, so catch-up stays gap-free. Every event type is named here, so
 * a new one does not compile until someone decides what it shows.
 */
export function presentEvent(event: CaseEvent, viewer: Audience): CaseEvent {
  switch (event.type) {
    case 'contribution.added': {
      if (maySee({ agency: event.actor.agency, restrictedTo: event.data.restrictedTo }, viewer)) return event;
      const { entryId, restrictedTo } = event.data;
      return withheldEvent(event, { entryId, content: null, restrictedTo, withheld: true });
    }
    case 'contribution.corrected': {
      if (maySee({ agency: event.actor.agency, restrictedTo: event.data.restrictedTo }, viewer)) return event;
      const { entryId, version, restrictedTo } = event.data;
      return withheldEvent(event, { entryId, version, content: null, restrictedTo, withheld: true });
    }
    case 'case.opened': {
      const referral = referralFor(event.data.referral, event.actor.agency, viewer);
      const addresses = event.data.addresses && addressesFor(event.data.addresses, () => event.actor.agency, viewer);
      if (referral === event.data.referral && addresses === event.data.addresses) return event;
      return { ...event, data: { ...event.data, referral, ...(addresses ? { addresses } : {}) } };
    }
    case 'people.added': {
      const addresses = addressesFor(event.data.addresses, () => event.actor.agency, viewer);
      return addresses === event.data.addresses ? event : { ...event, data: { ...event.data, addresses } };
    }
    // Seen by everyone who may see the case.
    case 'case.lead-assigned':
    case 'case.status-changed':
    case 'voice.recorded':
    case 'voice.corrected':
    case 'voice.absence-recorded':
    case 'rating.set':
    case 'information.requested':
    case 'information.answered':
    case 'strategy-discussion.decided':
    case 'strategy-discussion.held':
    case 'action.added':
    case 'decision.recorded':
    case 'referrer-feedback.recorded':
    case 'decision.signed-off':
    case 'action.completed':
    case 'deadline.changed':
    case 'sharing.decided':
    case 'sharing.exported':
    case 'retention.review-scheduled':
    case 'retention.kept':
    case 'retention.legal-hold-set':
      return event;
    default: {
      const unknownType: never = event;
      throw new Error(`no presentation for event ${(unknownType as CaseEvent).type}`);
    }
  }
}

/** The event as this viewer may see it, or nothing when the case is restricted from them. */
export function presentCaseEvent(event: CaseEvent, summary: CaseAccess, viewer: Audience): CaseEvent | undefined {
  return maySeeCase(summary, viewer) ? presentEvent(event, viewer) : undefined;
}

/** Does this event read differently for different agencies? (Then it is sent per audience.) */
export function audienceOf(event: CaseEvent): string[] | null {
  switch (event.type) {
    case 'contribution.added':
    case 'contribution.corrected':
      return fullAudience({ agency: event.actor.agency, restrictedTo: event.data.restrictedTo });
    case 'case.opened': {
      const readers = new Set(eventAddressReaders(event.data.addresses, event.actor.agency));
      if (event.data.referral.identityProtected) readers.add(event.actor.agency);
      return readers.size > 0 ? [...readers] : null;
    }
    case 'people.added': {
      const readers = eventAddressReaders(event.data.addresses, event.actor.agency);
      return readers.length > 0 ? readers : null;
    }
    default:
      return null;
  }
}

/**
 * May this user acknowledge this alert? Only on a case their agency may see, and only if it was
 * sent to them or they lead the MASH's decisions (duty lead, MASH manager). Acknowledging stops a
 * breach's escalation, so nobody outside the case may do it.
 */
export function mayAcknowledgeAlert(alert: Pick<Alert, 'recipients' | 'kind'>, summary: CaseAccess | null, actor: Audience & { userId: string; role: string }): boolean {
  if (isServiceAlert(alert)) return alert.recipients.includes(actor.userId) || actor.role === 'admin';
  if (!summary || !maySeeCase(summary, actor)) return false;
  return alert.recipients.includes(actor.userId) || actor.role === 'duty-lead' || actor.role === 'mash-manager';
}

/** How an alert on a case the reader may not see reads: it names neither the case nor what is due. */
export const WITHHELD_ALERT_TITLE = 'An alert on a case not shared with your agency';

/**
 * The alert as this reader may see it: whole on a case they may see, otherwise an allow-list
 * (kind and times) with no case, reference, title or people, like any other case data.
 */
export function presentAlert(alert: Alert, summary: CaseAccess | null, viewer: Audience & { role?: string }): Alert {
  if (summary && maySeeCase(summary, viewer)) return alert;
  // A service alert names no case: it reads whole to the administrators it is addressed to.
  if (isServiceAlert(alert) && viewer.role === 'admin') return alert;
  const { id, kind, dueAt, raisedAt } = alert;
  const acknowledged = alert.acknowledged ? { by: anonymous(alert.acknowledged.by), at: alert.acknowledged.at } : null;
  return { id, kind, caseId: '', caseReference: '', deadlineId: '', title: WITHHELD_ALERT_TITLE, dueAt, raisedAt, recipients: [], acknowledged };
}
