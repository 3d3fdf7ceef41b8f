import { describe, expect, it } from 'vitest';
import type { SharingDecision } from '@mashboard/shared';
import { againstFlowchart, basesFor, conclusionText, draftSuperseding, effectiveDecision, emptySharingDraft, flowQuestions, pageIssues, reachedAnswers, sharingDraftIssues, sharingPages, sharingPayload, type SharingDraft } from './sharing.ts';

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

  it('never shares against the flowchart: its "do not share" is the decision, and sharing is not offered', () => {
    const d = complete({ lawfulAnswer: 'no' });
    expect(againstFlowchart(d)).toMatch(/^the flowchart says do not share, because there is no consent and no lawful reason/);
    expect(effectiveDecision(d)).toBe('do-not-share');
    const pages = sharingPages(d);
    expect(pages).not.toContain('bases');
    expect(pages).not.toContain('what');
    expect(pages).not.toContain('recipient');
    const p = sharingPayload(d, 'case1', 'cmd-12345678');
    expect(p.decision).toBe('do-not-share');
    expect(p.lawfulBases).toEqual([]);
    expect(p.recipient).toBeUndefined();
    expect(sharingDraftIssues(d, 'health')).toEqual([]);
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

  it('requires words when consent was not sought for "another reason", not only spaces', () => {
    const paths = (d: SharingDraft) => sharingDraftIssues(d, 'health').map((i) => i.path);
    expect(paths(complete({ notSoughtReason: 'other', notSoughtText: '   ' }))).toContain('consent.reasonText');
    expect(paths(complete({ notSoughtReason: 'other', notSoughtText: 'The mother has left the country' }))).toEqual([]);
  });

  it('asks who asked, for a request made to us, and can share with them', () => {
    const d = complete({ direction: 'incoming', recipientKind: 'requester' });
    expect(pageIssues(d, 'request', 'health').map((i) => i.path)).toEqual(['requester']);
    const asked = { ...d, requesterKind: 'organisation' as const, requesterOrganisation: 'Ravenswood GP surgery', requesterRole: 'GP' };
    expect(sharingDraftIssues(asked, 'health')).toEqual([]);
    const p = sharingPayload(asked, 'case1', 'cmd-12345678');
    expect(p.requester).toEqual({ organisation: 'Ravenswood GP surgery', role: 'GP' });
    expect(p.recipient).toBeUndefined();
  });

  it('a "no clear purpose" record walks only the request, who asked and the reasons', () => {
    const d: SharingDraft = { ...emptySharingDraft(), purposeAnswer: 'no', direction: 'incoming', requesterKind: 'agency', requesterAgency: 'police', requesterRole: 'PC', purpose: 'Asked for everything held on the family', reasons: 'No safeguarding purpose was given' };
    expect(sharingPages(d)).toEqual(['purpose-question', 'conclusion', 'request', 'decision', 'check']);
    expect(sharingDraftIssues(d, 'health')).toEqual([]);
    const p = sharingPayload(d, 'case1', 'cmd-12345678');
    expect(p).not.toHaveProperty('consent');
    expect(p).not.toHaveProperty('identifiesPerson');
    expect(p).not.toHaveProperty('familyTold');
    expect(p.decision).toBe('do-not-share');
  });

  it('walks one question at a time: the next page appears only once the flowchart reaches it', () => {
    expect(sharingPages(emptySharingDraft())).toEqual(['purpose-question']);
    expect(sharingPages({ ...emptySharingDraft(), purposeAnswer: 'yes' })).toEqual(['purpose-question', 'consent-question']);
    expect(sharingPages(complete())).toEqual(['purpose-question', 'consent-question', 'identifies-question', 'lawful-question', 'conclusion', 'request', 'consent', 'bases', 'decision', 'what', 'recipient', 'family', 'check']);
    // Consent given: the flowchart stops before "identifies", so the record asks it on its own page.
    expect(sharingPages(complete({ consentAnswer: 'yes' }))).toContain('identifies');
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
