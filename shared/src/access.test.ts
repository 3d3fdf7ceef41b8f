import { describe, expect, it } from 'vitest';
import {
  audienceOf,
  CASE_NOT_SHARED,
  caseAudience,
  fullAudience,
  maySee,
  mayAcknowledgeAlert,
  maySeeCase,
  presentAlert,
  presentCaseEvent,
  presentEntry,
  presentEvent,
  presentSummary,
  type Audience,
  WITHHELD_ALERT_TITLE,
} from './access.ts';
import type { Alert } from './deadlines.ts';
import type { Actor } from './agencies.ts';
import type { BoardEntry, ContributionContent } from './contributions.ts';
import type { CaseSummary, CaseEvent, CaseEventBody, CaseEventType } from './model.ts';

/** Every string a reader without access must never see carries this. */
const SECRET = 'SECRET';
const police: Actor = { userId: `u-police-${SECRET}`, name: `PC ${SECRET}`, agency: 'police', role: 'practitioner' };
const education: Audience = { agency: 'education' };
const health: Audience = { agency: 'health' };

const content: ContributionContent = {
  text: `${SECRET} text`,
  kind: 'opinion',
  basis: `${SECRET} basis`,
  timeframe: 'historic',
  relevance: `${SECRET} relevance`,
  happened: { precision: 'unknown' },
  source: 'agency-records',
  childIds: [`${SECRET}-child`],
};
const times = { dueAt: '2026-11-22T10:00:00Z', warnAt: '2026-11-22T08:00:00Z' };

/**
 * One event of every type, each naming the secret wherever it has text. The mapped type makes a
 * new event type in events.ts fail to compile here until it has a sample (and so a test).
 */
const SAMPLES: { [T in CaseEventType]: Extract<CaseEventBody, { type: T }>['data'] } = {
  'case.opened': {
    reference: 'MASH-2026-00001',
    children: [{ id: 'ch1', firstName: SECRET, lastName: SECRET, dateOfBirth: '2017-03-14' }],
    referral: { source: 'family-member', referrerName: `${SECRET} name`, referrerRole: `${SECRET} role`, identityProtected: true },
    reasonForConcern: SECRET,
    receivedAt: '2026-11-21T08:00:00Z',
    restrictedTo: ['police'],
  },
  // A protected address is tested on its own (people.test.ts): here the addresses are open to the case.
  'people.added': {
    people: [
      { id: 'p1', firstName: 'Dean', lastName: 'Walsh', relationships: [{ childIndex: 0, relationship: 'parents-partner' }], allegedToHaveCausedHarm: true, livesWithChild: true, addressId: 'a1' },
    ],
    addresses: [{ id: 'a1', kind: 'home', line1: '14 Elm Road', protected: false, restrictedTo: [] }],
  },
  'case.lead-assigned': { lead: { userId: SECRET, name: SECRET, agency: 'police' } },
  'case.status-changed': { from: 'new', to: 'in-progress', reason: SECRET },
  'contribution.added': { entryId: 'e1', content, restrictedTo: ['police'] },
  'contribution.corrected': { entryId: 'e1', version: 2, content, reason: `${SECRET} reason`, restrictedTo: ['police'] },
  'voice.recorded': { entryId: 'v1', content: { childId: 'ch1', words: SECRET } as never },
  'voice.corrected': { entryId: 'v1', version: 2, content: { childId: 'ch1', words: SECRET } as never, reason: SECRET },
  'voice.absence-recorded': { childId: 'ch1', reason: 'other', explanation: SECRET },
  'rating.set': { from: null, to: 'red', reason: SECRET, triage: times },
  'information.requested': { requestId: 'r1', agency: 'health', question: SECRET, times },
  'information.answered': { requestId: 'r1', note: SECRET },
  'strategy-discussion.decided': { reason: SECRET, times },
  'strategy-discussion.held': { note: SECRET },
  'action.added': { actionId: 'a1', title: SECRET, owner: { userId: SECRET, name: SECRET, agency: 'police' }, times },
  'decision.recorded': { decision: { outcome: 'police-action', rationale: SECRET } as never },
  'decision.signed-off': { decisionId: 'd1' },
  'referrer-feedback.recorded': { feedback: { method: 'phone', givenAt: '2026-11-21T10:00:00Z', note: SECRET } },
  'action.completed': { actionId: 'a1', note: SECRET },
  'deadline.changed': { deadlineId: 'strategy', times, reason: SECRET },
  'sharing.decided': { decisionId: 'd1', content: { purpose: SECRET } as never },
  'sharing.exported': { decisionId: 'd1', exportId: 'x1', format: 'pdf' },
  'retention.review-scheduled': { reviewDueAt: '2033-11-21T00:00:00Z', scheduleVersion: 1, outcome: 'early-help' },
  'retention.kept': { reason: SECRET, nextReviewOn: '2034-01-01', reviewDueAt: '2034-01-01T00:00:00Z' },
  'retention.legal-hold-set': { onHold: true, reason: SECRET },
};

const EVENTS: CaseEvent[] = Object.entries(SAMPLES).map(
  ([type, data], i) => ({ type, data, id: `1732180000000-${i}`, seq: i + 1, caseId: 'c1', at: '2026-11-21T09:00:00Z', actor: police, commandId: `cmd-${SECRET}` }) as CaseEvent,
);

/**
 * What a reader who may see the case but not the entry is shown of each event: `null` means the
 * event as it is (nothing in it is restricted from them); otherwise exactly these data fields.
 */
const WITHHELD_DATA: Record<CaseEventType, readonly string[] | null> = {
  'case.opened': null, // its referral is checked on its own below
  'people.added': null,
  'case.lead-assigned': null,
  'case.status-changed': null,
  'contribution.added': ['content', 'entryId', 'restrictedTo', 'withheld'],
  'contribution.corrected': ['content', 'entryId', 'restrictedTo', 'version', 'withheld'],
  'voice.recorded': null,
  'voice.corrected': null,
  'voice.absence-recorded': null,
  'rating.set': null,
  'information.requested': null,
  'information.answered': null,
  'strategy-discussion.decided': null,
  'strategy-discussion.held': null,
  'action.added': null,
  'decision.recorded': null,
  'referrer-feedback.recorded': null,
  'decision.signed-off': null,
  'action.completed': null,
  'deadline.changed': null,
  'sharing.decided': null,
  'sharing.exported': null,
  'retention.review-scheduled': null,
  'retention.kept': null,
  'retention.legal-hold-set': null,
};

const restrictedCase = { restrictedTo: ['police'], openedBy: { agency: 'police' } };
const openCase = { restrictedTo: [], openedBy: { agency: 'police' } };

describe('what a reader may see of a case', () => {
  it('a case restricted to named agencies is theirs and its opener’s alone', () => {
    expect(maySeeCase(openCase, education)).toBe(true);
    expect(maySeeCase(restrictedCase, { agency: 'police' })).toBe(true);
    expect(maySeeCase({ restrictedTo: ['health'], openedBy: { agency: 'police' } }, { agency: 'police' })).toBe(true);
    expect(maySeeCase({ restrictedTo: ['health'], openedBy: { agency: 'police' } }, health)).toBe(true);
    expect(maySeeCase(restrictedCase, education)).toBe(false);
    expect(maySeeCase({ openedBy: { agency: 'police' } }, education)).toBe(true); // stored before restrictions existed
    expect(caseAudience(openCase)).toBeNull();
    expect(caseAudience({ restrictedTo: ['health', 'police'], openedBy: { agency: 'police' } })).toEqual(['police', 'health']);
    expect(CASE_NOT_SHARED).not.toMatch(/c[0-9a-f]{20}/); // names no id: the same words for every case
  });

  it('an entry restricted to named agencies is seen whole by them and its author’s agency', () => {
    const entry = { agency: 'police', restrictedTo: ['health'] };
    expect(maySee(entry, { agency: 'police' })).toBe(true);
    expect(maySee(entry, health)).toBe(true);
    expect(maySee(entry, education)).toBe(false);
    expect(maySee({ agency: 'police', restrictedTo: [] }, education)).toBe(true);
    expect(fullAudience(entry)).toEqual(['police', 'health']);
    expect(fullAudience({ agency: 'police' })).toBeNull();
  });
});

describe('presenting entries and summaries', () => {
  const entry: BoardEntry = {
    kind: 'contribution',
    id: 'e1',
    caseId: 'c1',
    agency: 'police',
    author: police,
    recordedAt: '2026-11-21T09:00:00Z',
    restrictedTo: ['police'],
    versions: [{ version: 1, content, recordedAt: '2026-11-21T09:00:00Z', recordedBy: police }],
  };

  it('a withheld entry keeps only kind, id, case, agency, role, time and restriction', () => {
    expect(presentEntry(entry, { agency: 'police' })).toBe(entry);
    const withheld = presentEntry(entry, education);
    expect(withheld).toEqual({
      kind: 'contribution',
      id: 'e1',
      caseId: 'c1',
      agency: 'police',
      author: { userId: '', name: '', agency: 'police', role: 'practitioner' },
      recordedAt: '2026-11-21T09:00:00Z',
      restrictedTo: ['police'],
      withheld: true,
      versions: [],
    });
    // A field entries gain later is not carried over to a withheld one.
    const grown = { ...entry, note: SECRET } as BoardEntry;
    expect(JSON.stringify(presentEntry(grown, education))).not.toContain(SECRET);
  });

  it('a voice entry is seen by everyone who may see the case', () => {
    const voice: BoardEntry = { kind: 'voice', id: 'v1', caseId: 'c1', agency: 'education', author: police, recordedAt: '2026-11-21T09:00:00Z', versions: [] };
    expect(presentEntry(voice, health)).toBe(voice);
  });

  it("a protected referrer's name and role are seen only by the agency that recorded the contact", () => {
    const summary = { referral: { source: 'family-member', referrerName: `${SECRET} name`, referrerRole: `${SECRET} role`, identityProtected: true }, openedBy: police } as unknown as CaseSummary;
    expect(presentSummary(summary, { agency: 'police' })).toBe(summary);
    expect(presentSummary(summary, education).referral).toEqual({ source: 'family-member', identityProtected: true });
    const unprotected = { ...summary, referral: { ...summary.referral, identityProtected: false } } as CaseSummary;
    expect(presentSummary(unprotected, education)).toBe(unprotected);
  });
});

describe('presenting every event type', () => {
  it('a reader allowed everything sees every event as it is', () => {
    for (const event of EVENTS) expect(presentEvent(event, { agency: 'police' }), event.type).toBe(event);
  });

  it('a reader who may see the case but not the entry gets only the allowed fields of each event', () => {
    for (const event of EVENTS) {
      const shown = presentEvent(event, education);
      const allowed = WITHHELD_DATA[event.type];
      if (allowed === null) {
        if (event.type !== 'case.opened') expect(shown, event.type).toBe(event);
        continue;
      }
      expect(Object.keys(shown).sort(), event.type).toEqual(['actor', 'at', 'caseId', 'commandId', 'data', 'id', 'seq', 'type']);
      expect(shown, event.type).toMatchObject({ id: event.id, seq: event.seq, caseId: 'c1', type: event.type, at: event.at, commandId: '' });
      expect(shown.actor, event.type).toEqual({ userId: '', name: '', agency: 'police', role: 'practitioner' });
      expect(Object.keys(shown.data).sort(), event.type).toEqual([...allowed]);
      expect(shown.data, event.type).toMatchObject({ content: null, withheld: true });
      expect(JSON.stringify(shown), event.type).not.toContain(SECRET);
    }
  });

  it("a case's opening hides a protected referrer from other agencies, and nothing else", () => {
    const opened = EVENTS.find((e) => e.type === 'case.opened')!;
    const shown = presentEvent(opened, education);
    expect(shown.type === 'case.opened' && shown.data.referral).toEqual({ source: 'family-member', identityProtected: true });
    expect(shown.type === 'case.opened' && shown.data.reasonForConcern).toBe(SECRET);
    expect(audienceOf(opened)).toEqual(['police']);
  });

  it('a reader who may not see the case gets nothing of any event', () => {
    for (const event of EVENTS) {
      expect(presentCaseEvent(event, restrictedCase, education), event.type).toBeUndefined();
      expect(presentCaseEvent(event, restrictedCase, { agency: 'police' }), event.type).toBe(event);
    }
  });

  it('events that read differently by agency name the agencies that read them whole', () => {
    const audiences = Object.fromEntries(EVENTS.map((e) => [e.type, audienceOf(e)]));
    expect(audiences['contribution.added']).toEqual(['police']);
    expect(audiences['contribution.corrected']).toEqual(['police']);
    expect(audiences['rating.set']).toBeNull();
  });
});

describe('alerts', () => {
  const alert: Alert = {
    id: 'c1.strategy.breach.g4',
    kind: 'breach',
    caseId: 'c1',
    caseReference: 'MASH-2026-00001',
    deadlineId: 'strategy',
    title: `Strategy discussion on MASH-2026-00001 about ${SECRET} is overdue`,
    dueAt: '2026-11-22T10:00:00Z',
    raisedAt: '2026-11-22T10:00:01Z',
    recipients: ['u-police-lead'],
    acknowledged: { by: police, at: '2026-11-22T10:05:00Z' },
  };
  const lead = (agency: string, userId = `u-${agency}-lead`) => ({ userId, agency, role: 'duty-lead' });

  it('may be acknowledged by its recipients and the duty leads and managers of agencies that may see the case, nobody else', () => {
    expect(mayAcknowledgeAlert(alert, restrictedCase, lead('police'))).toBe(true);
    expect(mayAcknowledgeAlert(alert, restrictedCase, { ...lead('police', 'u-other'), role: 'mash-manager' })).toBe(true);
    expect(mayAcknowledgeAlert(alert, restrictedCase, { ...lead('police', 'u-other'), role: 'practitioner' })).toBe(false);
    expect(mayAcknowledgeAlert(alert, restrictedCase, lead('childrens-social-care'))).toBe(false);
    expect(mayAcknowledgeAlert(alert, restrictedCase, { ...lead('childrens-social-care'), role: 'mash-manager' })).toBe(false);
    // A recipient whose agency may no longer see the case may not either; nor may anyone when the case is gone.
    expect(mayAcknowledgeAlert(alert, restrictedCase, { userId: 'u-police-lead', agency: 'education', role: 'duty-lead' })).toBe(false);
    expect(mayAcknowledgeAlert(alert, null, lead('police'))).toBe(false);
    expect(mayAcknowledgeAlert(alert, openCase, lead('childrens-social-care'))).toBe(true);
  });

  it('reads whole only on a case the reader may see; otherwise kind and times alone', () => {
    expect(presentAlert(alert, restrictedCase, { agency: 'police' })).toBe(alert);
    const withheld = presentAlert(alert, restrictedCase, education);
    expect(withheld).toEqual({
      id: alert.id,
      kind: 'breach',
      caseId: '',
      caseReference: '',
      deadlineId: '',
      title: WITHHELD_ALERT_TITLE,
      dueAt: alert.dueAt,
      raisedAt: alert.raisedAt,
      recipients: [],
      acknowledged: { by: { userId: '', name: '', agency: 'police', role: 'practitioner' }, at: '2026-11-22T10:05:00Z' },
    });
    expect(JSON.stringify(withheld)).not.toContain(SECRET);
    expect(JSON.stringify(presentAlert(alert, null, { agency: 'police' }))).not.toContain(SECRET);
  });
});
