import { describe, expect, it } from 'vitest';
import { LAWFUL_BASES } from './sharing.ts';
import { sharingDecisionIssues, sharingFlow, type SharingAnswers } from './sharing-flow.ts';
import { RecordSharingDecisionSchema } from './sharing.schema.ts';
import { issuesFromZod } from './errors.ts';
import type { CaseView } from './model.ts';
import { buildSharePack } from './share-pack.ts';

describe('the sharing flowchart, every path', () => {
  const table: [string, SharingAnswers, ReturnType<typeof sharingFlow>][] = [
    ['asks about purpose first', {}, { kind: 'ask', question: 'purpose' }],
    ['no clear purpose: do not share', { hasClearPurpose: false }, { kind: 'conclude', conclusion: 'do-not-share', because: 'there is no clear and legitimate purpose' }],
    ['purpose: asks about consent', { hasClearPurpose: true }, { kind: 'ask', question: 'consent' }],
    ['consent: share', { hasClearPurpose: true, consentGiven: true }, { kind: 'conclude', conclusion: 'share', because: 'there is a clear purpose and consent' }],
    ['no consent: asks whether it identifies someone', { hasClearPurpose: true, consentGiven: false }, { kind: 'ask', question: 'identifies' }],
    [
      'identifies no one: share',
      { hasClearPurpose: true, consentGiven: false, identifiesPerson: false },
      { kind: 'conclude', conclusion: 'share', because: 'the information does not identify anyone' },
    ],
    ['identifies: asks for a lawful reason without consent', { hasClearPurpose: true, consentGiven: false, identifiesPerson: true }, { kind: 'ask', question: 'lawfulWithoutConsent' }],
    [
      'lawful reason: share',
      { hasClearPurpose: true, consentGiven: false, identifiesPerson: true, lawfulReasonWithoutConsent: true },
      { kind: 'conclude', conclusion: 'share', because: 'there is a lawful reason to share without consent' },
    ],
    [
      'no lawful reason: do not share',
      { hasClearPurpose: true, consentGiven: false, identifiesPerson: true, lawfulReasonWithoutConsent: false },
      { kind: 'conclude', conclusion: 'do-not-share', because: 'there is no consent and no lawful reason to share without it' },
    ],
    [
      'later answers do not matter once concluded',
      { hasClearPurpose: false, consentGiven: true },
      { kind: 'conclude', conclusion: 'do-not-share', because: 'there is no clear and legitimate purpose' },
    ],
  ];
  it.each(table)('%s', (_name, answers, expected) => {
    expect(sharingFlow(answers)).toEqual(expected);
  });
});

const base = {
  hasClearPurpose: true,
  consent: { status: 'not-sought' as const, reason: 'risk-to-child-or-adult' as const },
  identifiesPerson: true,
  lawfulBases: ['uk-gdpr-6-1-e' as const],
  specialCategory: false,
  decision: 'share' as const,
  selection: { contributionIds: ['e1'], includeRestrictedIds: [], includeProtectedIdentity: false, includeChildVoice: false },
  recipient: { role: 'Health visitor' },
  channel: 'secure-email' as const,
};
const paths = (d: Parameters<typeof sharingDecisionIssues>[0], agency?: string) => sharingDecisionIssues(d, agency).map((i) => i.path);

describe('a record that contradicts the flowchart or the law is refused', () => {
  it('sharing with no clear purpose', () => {
    expect(paths({ ...base, hasClearPurpose: false })).toEqual(['hasClearPurpose']);
  });
  it('sharing without consent and without a lawful basis', () => {
    expect(paths({ ...base, lawfulBases: [] })).toEqual(['lawfulBases']);
  });
  it('consent as the basis when consent was not given', () => {
    expect(paths({ ...base, lawfulBases: ['uk-gdpr-6-1-a'] })).toContain('lawfulBases');
  });
  it('the police law-enforcement basis used by another agency', () => {
    expect(paths({ ...base, lawfulBases: ['dpa-part3-sch8-para4'] }, 'health')).toEqual(['lawfulBases']);
    expect(paths({ ...base, lawfulBases: ['dpa-part3-sch8-para4'] }, 'police')).toEqual([]);
  });
  it('special-category data shared without an Art 9 condition', () => {
    expect(paths({ ...base, specialCategory: true })).toEqual(['lawfulBases']);
    expect(paths({ ...base, specialCategory: true, lawfulBases: ['uk-gdpr-6-1-e', 'uk-gdpr-9-2-g-dpa-sch1-para18'] })).toEqual([]);
  });
  it('a share that does not say what, with whom and how', () => {
    expect(paths({ ...base, recipient: undefined, channel: undefined, selection: { ...base.selection, contributionIds: [] } })).toEqual(['recipient', 'channel', 'selection.contributionIds']);
  });
  it('allows sharing without consent when it identifies no one', () => {
    expect(paths({ ...base, identifiesPerson: false, lawfulBases: [] })).toEqual([]);
  });
  it('records a decision not to share as fully, even where sharing was possible', () => {
    expect(paths({ ...base, decision: 'do-not-share', recipient: undefined, channel: undefined })).toEqual([]);
  });
  it('the schema refuses a decision without reasons, and a supersede without its reason', () => {
    const result = RecordSharingDecisionSchema.safeParse({
      ...base,
      commandId: 'cmd-00000001',
      caseId: 'c1',
      direction: 'outgoing',
      purpose: 'x',
      reasons: '',
      familyTold: { told: false, why: 'unsafe' },
      supersedes: 'd1',
    });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : issuesFromZod(result.error).map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(['reasons', 'supersedeReason']));
  });
});

function view(): CaseView {
  const actor = { userId: 'u1', name: 'Sam', agency: 'police' as const, role: 'practitioner' as const };
  const content = (text: string, kind: 'fact' | 'opinion', extra = {}) => ({
    text,
    kind,
    timeframe: 'current' as const,
    happened: { precision: 'unknown' as const },
    source: 'agency-records' as const,
    childIds: [],
    ...extra,
  });
  const entry = (id: string, text: string, restrictedTo: string[], kind: 'fact' | 'opinion' = 'fact', extra = {}) => ({
    kind: 'contribution' as const,
    id,
    caseId: 'c1',
    agency: 'police',
    author: actor,
    recordedAt: '2026-11-21T09:00:00Z',
    restrictedTo,
    versions: [{ version: 1, content: content(text, kind, extra), recordedAt: '2026-11-21T09:00:00Z', recordedBy: actor }],
  });
  return {
    summary: {
      reference: 'MASH-2026-00001',
      children: [{ id: 'k1', firstName: 'Ayesha', lastName: 'Rahman', dateOfBirth: '2019-10-12' }],
      referral: { source: 'family-member', referrerName: 'Mrs R', identityProtected: true },
    } as unknown as CaseView['summary'],
    entries: [
      entry('open', 'Seen at school with bruising', []),
      entry('intel', 'Police intelligence about a partner', ['police']),
      entry('view', 'Injury not consistent with the account', [], 'opinion', { basis: 'Two prior injuries' }),
      { ...entry('hidden', '', ['health']), withheld: true as const, versions: [] },
    ],
  };
}

describe('a share pack', () => {
  const select = (over: Partial<Parameters<typeof buildSharePack>[1]>) => ({ contributionIds: [], includeRestrictedIds: [], includeProtectedIdentity: false, includeChildVoice: false, ...over });

  it('never contains a restricted entry or a protected identity that was not chosen', () => {
    const pack = buildSharePack(view(), select({ contributionIds: ['open', 'intel', 'hidden'] }));
    expect(pack.items.map((i) => i.id)).toEqual(['open']);
    expect(pack.omitted).toEqual([
      { id: 'intel', why: 'restricted-not-chosen' },
      { id: 'hidden', why: 'not-visible-to-you' },
    ]);
    expect(JSON.stringify(pack)).not.toContain('Police intelligence');
    expect(JSON.stringify(pack)).not.toContain('Mrs R');
  });

  it('contains them when chosen deliberately (and never an entry withheld from the exporter)', () => {
    const pack = buildSharePack(view(), select({ contributionIds: ['intel', 'hidden'], includeRestrictedIds: ['intel', 'hidden'], includeProtectedIdentity: true }));
    expect(pack.items.map((i) => i.id)).toEqual(['intel']);
    expect(pack.referral.referrer).toBe('Mrs R');
  });

  it('labels an opinion as an opinion, with its basis', () => {
    const pack = buildSharePack(view(), select({ contributionIds: ['view'] }));
    expect(pack.items[0]).toMatchObject({ kind: 'Opinion', basis: 'Two prior injuries' });
  });
});

describe('the record holds what the flowchart reached, and who asked', () => {
  const record = (over: Record<string, unknown> = {}) =>
    RecordSharingDecisionSchema.safeParse({
      ...base,
      commandId: 'cmd-00000001',
      caseId: 'c1',
      direction: 'outgoing',
      purpose: 'x',
      reasons: 'y',
      familyTold: { told: false, why: 'unsafe' },
      ...over,
    });
  const pathsOf = (r: ReturnType<typeof record>) => (r.success ? [] : issuesFromZod(r.error).map((i) => `${i.path}: ${i.message}`));

  it('a "no clear purpose" record needs only the purpose, the requester and the reasons', () => {
    const r = record({
      hasClearPurpose: false,
      decision: 'do-not-share',
      consent: undefined,
      identifiesPerson: undefined,
      familyTold: undefined,
      lawfulBases: [],
      selection: undefined,
      recipient: undefined,
      channel: undefined,
      direction: 'incoming',
      requester: { agency: 'police', role: 'PC' },
    });
    expect(pathsOf(r)).toEqual([]);
  });
  it('with a clear purpose, consent, identifies and family told are required', () => {
    const paths = pathsOf(record({ consent: undefined, identifiesPerson: undefined, familyTold: undefined }));
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^consent: /), expect.stringMatching(/^identifiesPerson: /), expect.stringMatching(/^familyTold: /)]));
  });
  it('a request made to us names who asked', () => {
    expect(pathsOf(record({ direction: 'incoming' }))).toEqual(['requester: say who asked: their agency or organisation, and their role']);
    expect(pathsOf(record({ direction: 'incoming', requester: { role: 'PC' } }))).toEqual(['requester.organisation: name the agency or organisation that asked']);
  });
  it('"another reason" for not seeking consent needs words, not only spaces', () => {
    expect(pathsOf(record({ consent: { status: 'not-sought', reason: 'other', reasonText: '   ' } }))).toEqual(['consent.reasonText: say in words why consent was not sought']);
    expect(pathsOf(record({ consent: { status: 'not-sought', reason: 'other', reasonText: 'She has left the country' } }))).toEqual([]);
  });
  it('suggests public task first and consent last, as the 2024 advice does', () => {
    expect(LAWFUL_BASES[0]).toBe('uk-gdpr-6-1-e');
    expect(LAWFUL_BASES[LAWFUL_BASES.length - 1]).toBe('uk-gdpr-6-1-a');
  });
});
