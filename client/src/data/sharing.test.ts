import { describe, expect, it } from 'vitest';
import type { SharingDecision } from '@mashboard/shared';
import { againstFlowchart, basesFor, conclusionText, draftSuperseding, emptySharingDraft, flowQuestions, reachedAnswers, sharingDraftIssues, sharingPayload, type SharingDraft } from './sharing.ts';

const complete = (over: Partial<SharingDraft> = {}): SharingDraft => ({
  ...emptySharingDraft(),
  purposeAnswer: 'yes',
  consentAnswer: 'no',
  identifiesAnswer: 'yes',
  lawfulAnswer: 'yes',
  direction: 'outgoing',
  purpose: 'To decide whether the s47 threshold is met',
  noConsent: 'not-sought',
  notSoughtReason: 'risk-to-child-or-adult',
  lawfulBases: ['uk-gdpr-6-1-e'],
  decision: 'share',
  reasons: 'Risk of significant harm',
  contributionIds: ['c1'],
  recipientKind: 'agency',
  recipientAgency: 'police',
  recipientRole: 'Detective Sergeant',
  channel: 'secure-email',
  familyTold: 'no',
  familyNotToldWhy: 'Telling the family could put the child at risk',
  ...over,
});

describe('the flowchart, a question at a time', () => {
  it('asks only the first question at the start, then each next one as answered', () => {
    expect(flowQuestions({}).questions).toEqual(['purpose']);
    expect(flowQuestions({ hasClearPurpose: true }).questions).toEqual(['purpose', 'consent']);
    expect(flowQuestions({ hasClearPurpose: true, consentGiven: false }).questions).toEqual(['purpose', 'consent', 'identifies']);
    const all = flowQuestions({ hasClearPurpose: true, consentGiven: false, identifiesPerson: true, lawfulReasonWithoutConsent: false });
    expect(all.questions).toEqual(['purpose', 'consent', 'identifies', 'lawfulWithoutConsent']);
    expect(conclusionText(all.step)).toBe('The flowchart says: do not share, because there is no consent and no lawful reason to share without it.');
  });

  it('drops the questions past a conclusion reached by changing an earlier answer', () => {
    const d = complete({ consentAnswer: 'yes' });
    expect(flowQuestions({ hasClearPurpose: true, consentGiven: true, identifiesPerson: true }).questions).toEqual(['purpose', 'consent']);
    expect(reachedAnswers(d)).toEqual({ hasClearPurpose: true, consentGiven: true, identifiesPerson: undefined, lawfulReasonWithoutConsent: undefined });
  });
});

describe('checks before sending', () => {
  it('accepts a complete decision to share without consent on a lawful basis', () => {
    expect(sharingDraftIssues(complete(), 'childrens-social-care')).toEqual([]);
  });

  it('refuses to share against the flowchart, and says why', () => {
    const d = complete({ lawfulAnswer: 'no' });
    expect(againstFlowchart(d)).toMatch(/^the flowchart says do not share, because there is no consent and no lawful reason/);
    expect(sharingDraftIssues(d, 'health').map((i) => i.path)).toContain('decision');
    // Not sharing is always allowed.
    expect(againstFlowchart({ ...d, decision: 'do-not-share' })).toBeNull();
  });

  it('uses the shared rule: no lawful basis, consent basis without consent, police-only basis', () => {
    const paths = (d: SharingDraft, agency = 'health') => sharingDraftIssues(d, agency).map((i) => `${i.path}: ${i.message}`);
    expect(paths(complete({ lawfulBases: [] }))).toContain('lawfulBases: sharing without consent needs a lawful basis: name one, or record a decision not to share');
    expect(paths(complete({ lawfulBases: ['uk-gdpr-6-1-e', 'uk-gdpr-6-1-a'] }))).toContain('lawfulBases: consent (Art 6(1)(a)) cannot be the basis when consent was not given');
    expect(paths(complete({ lawfulBases: ['dpa-part3-sch8-para4'] }))).toContain('lawfulBases: DPA 2018 Part 3 (law enforcement) is a basis for the police only');
    expect(paths(complete({ lawfulBases: ['dpa-part3-sch8-para4'] }), 'police')).toEqual([]);
    expect(paths(complete({ contributionIds: [] }))).toContain('selection.contributionIds: choose what is shared');
  });

  it('asks for the details each answer requires', () => {
    const paths = (d: SharingDraft) => sharingDraftIssues(d, 'health').map((i) => i.path);
    expect(paths(complete({ consentAnswer: 'yes', noConsent: '' }))).toEqual(expect.arrayContaining(['consent.byWhom', 'consent.how', 'consent.when']));
    expect(paths(complete({ noConsent: 'refused' }))).toEqual(expect.arrayContaining(['consent.byWhom', 'consent.when']));
    expect(paths(complete({ familyTold: 'no', familyNotToldWhy: ' ' }))).toContain('familyTold.why');
    expect(paths(complete({ supersedes: 'd1', supersedeReason: '' }))).toContain('supersedeReason');
    expect(paths(emptySharingDraft())).toContain('hasClearPurpose');
  });
});

describe('the payload', () => {
  it('builds RecordSharingDecisionInput, keeping restricted ids only when chosen too', () => {
    const p = sharingPayload(complete({ contributionIds: ['c1'], includeRestrictedIds: ['c1', 'c2'] }), 'case1', 'cmd-12345678');
    expect(p.selection).toEqual({ contributionIds: ['c1'], includeRestrictedIds: ['c1'], includeChildVoice: false, includeProtectedIdentity: false });
    expect(p.consent).toEqual({ status: 'not-sought', reason: 'risk-to-child-or-adult' });
    expect(p.recipient).toEqual({ agency: 'police', role: 'Detective Sergeant' });
    expect(p.familyTold).toEqual({ told: false, why: 'Telling the family could put the child at risk' });
    expect(p.hasClearPurpose).toBe(true);
  });

  it('a decision not to share carries no selection', () => {
    const p = sharingPayload(complete({ decision: 'do-not-share' }), 'case1', 'cmd-12345678');
    expect(p.selection?.contributionIds).toEqual([]);
  });

  it('prefills a superseding decision from the earlier one', () => {
    const earlier = { ...sharingPayload(complete(), 'c', 'cmd-12345678'), id: 'd1', decidedAt: '', decidedBy: {} as never, exports: [] } as unknown as SharingDecision;
    const d = draftSuperseding(earlier);
    expect(d.supersedes).toBe('d1');
    expect(d.supersedeReason).toBe('');
    expect(d.recipientAgency).toBe('police');
    expect(d.lawfulAnswer).toBe('yes');
  });

  it('offers DPA Part 3 to the police only', () => {
    expect(basesFor('health')).not.toContain('dpa-part3-sch8-para4');
    expect(basesFor('police')).toContain('dpa-part3-sch8-para4');
  });
});
