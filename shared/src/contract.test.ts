/**
 * Every command schema refuses what it must, naming the field: wrong types, missing fields,
 * unknown enum values, over-limit text, unknown keys (agency and author come from the session).
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMMAND_NAMES, COMMAND_ROUTES, JoinCaseSchema, SignInSchema, type CommandName } from './contract.ts';
import { issuesFromZod } from './errors.ts';
import { LIMITS } from './limits.ts';

const over = (n: number) => 'x'.repeat(n + 1);
const at = (n: number) => 'x'.repeat(n);

const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString();
const yesterday = new Date(Date.now() - 86_400_000).toISOString();

/** A valid payload for every command (the first test checks none is missing). */
const VALID: Record<CommandName, Record<string, unknown>> = {
  'case.open': {
    commandId: 'cmd-open-0001',
    children: [{ firstName: 'Amelia', lastName: 'Test', dateOfBirth: '2017-03-14' }],
    referral: { source: 'education', referrerName: 'Ms T' },
    reasonForConcern: 'bruise on cheek',
    receivedAt: '2026-11-21T08:00:00Z',
  },
  'case.assign-lead': { commandId: 'cmd-lead-0001', caseId: 'case1', leadUserId: 'user-1' },
  'case.change-status': { commandId: 'cmd-stat-0001', caseId: 'case1', expectedVersion: 3, status: 'in-progress', reason: 'triage started' },
  'people.add': {
    commandId: 'cmd-ppl-0001',
    caseId: 'case1',
    people: [{ id: 'p1', firstName: 'Dean', lastName: 'Walsh', relationships: [{ childIndex: 0, relationship: 'parents-partner' }], addressId: 'a1' }],
    addresses: [{ id: 'a1', kind: 'home', line1: '14 Elm Road', postcode: 'LS6 2AB' }],
  },
  'contribution.add': {
    commandId: 'cmd-cont-0001',
    caseId: 'case1',
    text: 'Police attended',
    kind: 'fact',
    timeframe: 'current',
    happened: { precision: 'exact', date: '2025-11-12' },
    source: 'agency-records',
    childIds: ['child1'],
  },
  'contribution.correct': {
    commandId: 'cmd-corr-0001',
    caseId: 'case1',
    entryId: 'entry1',
    expectedEntryVersion: 1,
    reason: 'wrong date',
    text: 'Police attended',
    kind: 'opinion',
    basis: 'two visits',
    timeframe: 'historic',
    relevance: 'same household',
    happened: { precision: 'approximate', date: '2024-05-01' },
    source: 'third-party',
    childIds: ['child1'],
  },
  'voice.record': {
    commandId: 'cmd-voic-0001',
    caseId: 'case1',
    childId: 'child1',
    words: 'I am scared',
    howExpressed: 'spontaneous',
    circumstances: { where: 'school', happened: { precision: 'unknown' } },
    heardBy: { name: 'D Morgan', role: 'DSL', agency: 'education' },
  },
  'voice.correct': {
    commandId: 'cmd-vcor-0001',
    caseId: 'case1',
    childId: 'child1',
    entryId: 'entry2',
    expectedEntryVersion: 1,
    reason: 'misheard',
    observedBehaviour: 'flinches',
    howExpressed: 'observed-behaviour',
    circumstances: { where: 'home', happened: { precision: 'exact', date: '2025-01-01', time: '09:30' } },
    heardBy: { name: 'H Patel', role: 'Health visitor', agency: 'health' },
  },
  'voice.record-absence': { commandId: 'cmd-absn-0001', caseId: 'case1', childId: 'child2', reason: 'pre-verbal', explanation: 'a baby of 10 months' },
  'rating.set': { commandId: 'cmd-rate-0001', caseId: 'case1', expectedVersion: 2, rating: 'red', reason: 'disclosure of assault today' },
  'information.request': { commandId: 'cmd-ireq-0001', caseId: 'case1', agency: 'health', question: 'Any A&E attendances this year?', dueAt: inTwoDays },
  'information.answer': { commandId: 'cmd-ians-0001', caseId: 'case1', requestId: 'req1', answer: { kind: 'contributions', contributionIds: ['entry1'] }, note: 'two entries from our records' },
  'strategy-discussion.decide': { commandId: 'cmd-strd-0001', caseId: 'case1', reason: 'threshold for s47 may be met' },
  'strategy-discussion.record-held': { commandId: 'cmd-strh-0001', caseId: 'case1', note: 'held with police and health' },
  'action.add': { commandId: 'cmd-actn-0001', caseId: 'case1', title: 'Home visit', ownerUserId: 'user-1', dueAt: inTwoDays },
  'action.complete': { commandId: 'cmd-actc-0001', caseId: 'case1', actionId: 'act1' },
  'deadline.change-due': { commandId: 'cmd-dead-0001', caseId: 'case1', deadlineId: 'action:act1', dueAt: inTwoDays, reason: 'family on holiday' },
  'sharing.decide': {
    commandId: 'cmd-shar-0001',
    caseId: 'case1',
    direction: 'outgoing',
    purpose: 'Health visitor needs to know of the injury to plan a visit',
    hasClearPurpose: true,
    consent: { status: 'not-sought', reason: 'risk-to-child-or-adult' },
    identifiesPerson: true,
    lawfulBases: ['uk-gdpr-6-1-e', 'uk-gdpr-9-2-g-dpa-sch1-para18'],
    specialCategory: true,
    decision: 'share',
    reasons: 'The child may be at risk of significant harm',
    selection: { contributionIds: ['entry1'] },
    recipient: { agency: 'health', role: 'Health visitor' },
    channel: 'secure-email',
    familyTold: { told: false, why: 'Telling the family could put the child at risk' },
  },
  'decision.record': {
    commandId: 'cmd-decn-0001',
    caseId: 'case1',
    outcome: 'strategy-discussion',
    rationale: 'Disclosure of physical harm by a carer',
    threshold: 'Reasonable cause to suspect significant harm: s47 threshold met',
    agreedBy: ['R Hughes (social care)', 'DC S Evans (police)'],
    dissent: [{ name: 'P Patel', agency: 'health', view: 'Would first seek a paediatric assessment' }],
    informationFrom: ['police', 'health'],
    informationAwaited: ['education'],
    nextStep: { title: 'Convene the strategy discussion', ownerUserId: 'u-lead', dueAt: '2999-01-01T09:00:00Z' },
  },
  'decision.sign-off': { commandId: 'cmd-sign-0001', caseId: 'case1', decisionId: 'd1' },
  'referrer-feedback.record': { commandId: 'cmd-feed-0001', caseId: 'case1', method: 'phone', givenAt: '2026-11-21T10:00:00Z', note: 'Told the school a strategy discussion will be held' },
  'retention.keep': { commandId: 'cmd-keep-0001', caseId: 'case1', reason: 'sibling case still open', nextReviewOn: '2030-01-01' },
  'retention.set-legal-hold': { commandId: 'cmd-hold-0001', caseId: 'case1', onHold: true, reason: 'civil claim notified' },
  'retention.erase': { commandId: 'cmd-eras-0001', caseId: 'case1', reason: 'retention period over; no reason to keep', confirmReference: 'MASH-2026-00001' },
};

function issuePaths(name: CommandName, payload: unknown): string[] {
  const result = COMMANDS[name].safeParse(payload);
  return result.success ? [] : issuesFromZod(result.error).map((i) => i.path);
}

function withField(payload: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

/** [field path, bad value, path expected in the issue] */
type Case = [string, unknown, string?];

const WRONG_TYPES: Record<CommandName, Case[]> = {
  'case.open': [
    ['commandId', 12345678],
    ['children', 'Amelia'],
    ['children.0.firstName', 7],
    ['referral', 'school'],
    ['reasonForConcern', {}],
    ['receivedAt', 1732180000000],
  ],
  'case.assign-lead': [
    ['caseId', 1],
    ['leadUserId', ['u1']],
  ],
  'case.change-status': [
    ['expectedVersion', '3'],
    ['expectedVersion', 2.5],
    ['status', 1],
    ['reason', false],
  ],
  'people.add': [
    ['people', 'Dean'],
    ['people.0.relationships.0.childIndex', '0'],
    ['addresses.0.protected', 'yes'],
    ['people.0.interpreterNeeded', 'no'],
  ],
  'contribution.add': [
    ['text', 42],
    ['kind', true],
    ['happened', '2025-11-12'],
    ['happened.date', 20251112],
    ['childIds', 'child1'],
    ['childIds.0', 5],
  ],
  'contribution.correct': [
    ['entryId', 5],
    ['expectedEntryVersion', '1'],
    ['reason', 3],
  ],
  'voice.record': [
    ['words', ['I am scared']],
    ['circumstances', 'school'],
    ['heardBy.name', null],
  ],
  'voice.correct': [
    ['expectedEntryVersion', null],
    ['childId', {}],
  ],
  'voice.record-absence': [
    ['explanation', 10],
    ['childId', 10],
  ],
  'rating.set': [
    ['expectedVersion', '2'],
    ['rating', 1],
  ],
  'information.request': [
    ['question', []],
    ['dueAt', 1732180000000],
  ],
  'information.answer': [
    ['requestId', 1],
    ['note', 5],
    ['answer', 'see board'],
    ['answer.contributionIds', 'entry1'],
  ],
  'strategy-discussion.decide': [['reason', {}]],
  'strategy-discussion.record-held': [['note', true]],
  'action.add': [
    ['title', 1],
    ['ownerUserId', {}],
  ],
  'action.complete': [['actionId', null]],
  'deadline.change-due': [
    ['deadlineId', 7],
    ['dueAt', 'tomorrow'],
  ],
  'sharing.decide': [
    ['hasClearPurpose', 'yes'],
    ['lawfulBases', 'public task'],
    ['selection.contributionIds', 'entry1'],
  ],
  'decision.record': [
    ['agreedBy', 'everyone'],
    ['dissent', 'none'],
    ['rationale', 5],
    ['informationFrom', 'police'],
    ['nextStep', 'call mum'],
  ],
  'referrer-feedback.record': [
    ['method', 1],
    ['givenAt', 1732180000000],
    ['note', []],
  ],
  'decision.sign-off': [['decisionId', 7]],
  'retention.keep': [
    ['reason', 5],
    ['nextReviewOn', 20300101],
  ],
  'retention.set-legal-hold': [
    ['onHold', 'yes'],
    ['reason', []],
  ],
  'retention.erase': [
    ['reason', {}],
    ['confirmReference', 1],
  ],
};

const REQUIRED: Record<CommandName, string[]> = {
  'case.open': ['commandId', 'children', 'referral', 'referral.source', 'reasonForConcern', 'receivedAt', 'children.0.firstName'],
  'case.assign-lead': ['commandId', 'caseId', 'leadUserId'],
  'case.change-status': ['commandId', 'caseId', 'expectedVersion', 'status', 'reason'],
  'people.add': ['commandId', 'caseId', 'people.0.id', 'people.0.relationships', 'addresses.0.line1', 'addresses.0.kind'],
  'contribution.add': ['commandId', 'caseId', 'text', 'kind', 'timeframe', 'happened', 'happened.precision', 'source'],
  'contribution.correct': ['entryId', 'expectedEntryVersion', 'reason', 'text'],
  'voice.record': ['childId', 'howExpressed', 'circumstances', 'circumstances.where', 'heardBy', 'heardBy.role'],
  'voice.correct': ['entryId', 'expectedEntryVersion', 'reason'],
  'voice.record-absence': ['commandId', 'caseId', 'childId', 'reason', 'explanation'],
  'rating.set': ['commandId', 'caseId', 'expectedVersion', 'rating', 'reason'],
  'information.request': ['agency', 'question'],
  'information.answer': ['requestId', 'answer'],
  'strategy-discussion.decide': ['reason'],
  'strategy-discussion.record-held': ['commandId', 'caseId'],
  'action.add': ['title', 'ownerUserId', 'dueAt'],
  'action.complete': ['actionId'],
  'deadline.change-due': ['deadlineId', 'dueAt', 'reason'],
  'sharing.decide': ['direction', 'purpose', 'hasClearPurpose', 'consent', 'identifiesPerson', 'decision', 'reasons', 'familyTold'],
  'decision.record': ['outcome', 'rationale', 'threshold', 'nextStep.title', 'nextStep.ownerUserId', 'nextStep.dueAt'],
  'referrer-feedback.record': ['commandId', 'caseId', 'method', 'givenAt'],
  'decision.sign-off': ['commandId', 'caseId', 'decisionId'],
  'retention.keep': ['commandId', 'caseId', 'reason', 'nextReviewOn'],
  'retention.set-legal-hold': ['onHold', 'reason'],
  'retention.erase': ['reason', 'confirmReference'],
};

const UNKNOWN_ENUMS: Record<CommandName, Case[]> = {
  'case.open': [['referral.source', 'neighbour']],
  'case.assign-lead': [],
  'case.change-status': [['status', 'archived']],
  'people.add': [
    ['people.0.relationships.0.relationship', 'landlord'],
    ['addresses.0.kind', 'castle'],
  ],
  'contribution.add': [
    ['kind', 'rumour'],
    ['timeframe', 'future'],
    ['source', 'gossip'],
    ['happened.precision', 'roughly'],
  ],
  'contribution.correct': [
    ['kind', 'FACT'],
    ['source', ''],
  ],
  'voice.record': [
    ['howExpressed', 'telepathy'],
    ['circumstances.happened.precision', 'sometime'],
  ],
  'voice.correct': [['howExpressed', 'letter']],
  'voice.record-absence': [['reason', 'busy']],
  'rating.set': [['rating', 'purple']],
  'information.request': [['agency', 'mi5']],
  'information.answer': [['answer.kind', 'answered']],
  'strategy-discussion.decide': [],
  'strategy-discussion.record-held': [],
  'action.add': [],
  'action.complete': [],
  'deadline.change-due': [['deadlineId', 'triage']],
  'sharing.decide': [
    ['decision', 'maybe'],
    ['channel', 'carrier-pigeon'],
    ['consent.reason', 'inconvenient'],
    ['lawfulBases.0', 'gdpr-everything'],
  ],
  'decision.record': [
    ['outcome', 'prosecute'],
    ['dissent.0.agency', 'mi5'],
    ['informationAwaited.0', 'MI5!'],
  ],
  'referrer-feedback.record': [['method', 'carrier-pigeon']],
  'decision.sign-off': [],
  'retention.keep': [],
  'retention.set-legal-hold': [],
  'retention.erase': [],
};

/** [field path, the documented limit] */
const TEXT_LIMITS: Record<CommandName, [string, number][]> = {
  'case.open': [
    ['reasonForConcern', LIMITS.longText],
    ['children.0.firstName', LIMITS.shortText],
    ['referral.referrerName', LIMITS.shortText],
  ],
  'case.assign-lead': [],
  'case.change-status': [['reason', LIMITS.mediumText]],
  'people.add': [
    ['people.0.firstName', LIMITS.shortText],
    ['addresses.0.line1', LIMITS.shortText],
  ],
  'contribution.add': [['text', LIMITS.longText]],
  'contribution.correct': [
    ['text', LIMITS.longText],
    ['basis', LIMITS.mediumText],
    ['relevance', LIMITS.mediumText],
    ['reason', LIMITS.mediumText],
  ],
  'voice.record': [
    ['words', LIMITS.longText],
    ['wishes', LIMITS.mediumText],
    ['circumstances.where', LIMITS.shortText],
  ],
  'voice.correct': [
    ['observedBehaviour', LIMITS.mediumText],
    ['reason', LIMITS.mediumText],
  ],
  'voice.record-absence': [['explanation', LIMITS.mediumText]],
  'rating.set': [['reason', LIMITS.mediumText]],
  'information.request': [['question', LIMITS.mediumText]],
  'information.answer': [['note', LIMITS.mediumText]],
  'strategy-discussion.decide': [['reason', LIMITS.mediumText]],
  'strategy-discussion.record-held': [['note', LIMITS.mediumText]],
  'action.add': [['title', LIMITS.shortText]],
  'action.complete': [['note', LIMITS.mediumText]],
  'deadline.change-due': [['reason', LIMITS.mediumText]],
  'sharing.decide': [
    ['purpose', LIMITS.mediumText],
    ['reasons', LIMITS.mediumText],
  ],
  'decision.record': [
    ['rationale', LIMITS.mediumText],
    ['threshold', LIMITS.mediumText],
    ['nextStep.title', LIMITS.shortText],
  ],
  'referrer-feedback.record': [['note', LIMITS.mediumText]],
  'decision.sign-off': [],
  'retention.keep': [['reason', LIMITS.mediumText]],
  'retention.set-legal-hold': [['reason', LIMITS.mediumText]],
  'retention.erase': [
    ['reason', LIMITS.mediumText],
    ['confirmReference', LIMITS.shortText],
  ],
};

describe.each(COMMAND_NAMES)('%s schema', (name) => {
  const valid = VALID[name] as Record<string, unknown> | undefined;
  if (!valid) {
    it('has a valid sample in this test (a new command needs one in every table)', () => {
      expect(valid, `add a valid ${name} payload to VALID`).toBeDefined();
    });
    return;
  }

  it('accepts a valid payload', () => {
    expect(issuePaths(name, valid)).toEqual([]);
  });

  it.each(WRONG_TYPES[name] ?? [])('refuses a wrong type at %s', (path, value, expected) => {
    expect(issuePaths(name, withField(valid, path, value))).toContain(expected ?? path);
  });

  it.each(REQUIRED[name] ?? [])('refuses a payload missing %s', (path) => {
    expect(issuePaths(name, withField(valid, path, undefined))).toContain(path);
  });

  it.each((UNKNOWN_ENUMS[name] ?? []).length ? (UNKNOWN_ENUMS[name] ?? []) : [['-', '-'] as Case])('refuses an unknown value at %s', (path, value) => {
    if (path === '-') return;
    const result = COMMANDS[name].safeParse(withField(valid, path, value));
    expect(result.success).toBe(false);
    if (!result.success) {
      const issue = issuesFromZod(result.error).find((i) => i.path === path);
      expect(issue, `issue at ${path}`).toBeDefined();
      expect(issue!.message).toMatch(/must be|one of/i);
    }
  });

  it.each((TEXT_LIMITS[name] ?? []).length ? (TEXT_LIMITS[name] ?? []) : [['-', 0] as [string, number]])('refuses %s over its limit of %i characters', (path, limit) => {
    if (path === '-') return;
    expect(issuePaths(name, withField(valid, path, at(limit)))).not.toContain(path);
    const result = COMMANDS[name].safeParse(withField(valid, path, over(limit)));
    expect(result.success).toBe(false);
    if (!result.success) {
      const issue = issuesFromZod(result.error).find((i) => i.path === path);
      expect(issue?.message).toMatch(/at most/);
    }
  });

  it.each(['agency', 'author', 'actor', 'recordedAt'])('refuses a payload that names its own %s (it comes from the session)', (key) => {
    if (key in valid) return; // e.g. information.request names the agency asked, not the asker
    const result = COMMANDS[name].safeParse({ ...valid, [key]: key === 'agency' ? 'police' : { userId: 'x' } });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.issues.some((i) => i.code === 'unrecognized_keys' && (i as { keys?: string[] }).keys?.includes(key))).toBe(true);
    }
  });

  it('refuses a payload that is not an object', () => {
    for (const bad of [null, 'text', 42, [valid]]) expect(COMMANDS[name].safeParse(bad).success).toBe(false);
  });

  it('refuses a commandId that is too short or has odd characters', () => {
    expect(issuePaths(name, { ...valid, commandId: 'short' })).toContain('commandId');
    expect(issuePaths(name, { ...valid, commandId: 'has spaces in it' })).toContain('commandId');
    expect(issuePaths(name, { ...valid, commandId: 'x'.repeat(65) })).toContain('commandId');
  });

  it('has a REST route whose path parameters are fields of the payload', () => {
    const params = [...COMMAND_ROUTES[name].matchAll(/:(\w+)/g)].map((m) => m[1]);
    for (const p of params) expect(Object.keys(valid)).toContain(p);
  });
});

describe('deadlines given by hand', () => {
  it.each(['information.request', 'action.add', 'deadline.change-due'] as const)('%s refuses a due time in the past', (name) => {
    expect(issuePaths(name, { ...VALID[name], dueAt: yesterday })).toEqual(['dueAt']);
  });
});

describe('cross-field rules, through the schemas', () => {
  it('an opinion without basis is refused at basis', () => {
    expect(issuePaths('contribution.add', { ...VALID['contribution.add'], kind: 'opinion' })).toEqual(['basis']);
  });

  it('historic information without relevance is refused at relevance', () => {
    expect(issuePaths('contribution.add', { ...VALID['contribution.add'], timeframe: 'historic' })).toEqual(['relevance']);
  });

  it('a date in the future is refused at happened.date', () => {
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(issuePaths('contribution.add', { ...VALID['contribution.add'], happened: { precision: 'exact', date: future } })).toEqual(['happened.date']);
  });

  it('a date that does not exist is refused', () => {
    expect(issuePaths('contribution.add', { ...VALID['contribution.add'], happened: { precision: 'exact', date: '2025-02-30' } })).toContain('happened.date');
  });

  it('a child needs a date of birth or an expected date, not both', () => {
    const child = { firstName: 'A', lastName: 'B' };
    const open = (c: object) => issuePaths('case.open', { ...VALID['case.open'], children: [c] });
    expect(open(child)).toEqual(['children.0.dateOfBirth']);
    expect(open({ ...child, dateOfBirth: '2020-01-01', expectedDateOfBirth: '2027-01-01' })).toEqual(['children.0.dateOfBirth']);
    expect(open({ ...child, expectedDateOfBirth: '2027-01-01' })).toEqual([]);
  });

  it('a case has at least one and at most 12 children', () => {
    const child = { firstName: 'A', lastName: 'B', dateOfBirth: '2020-01-01' };
    expect(issuePaths('case.open', { ...VALID['case.open'], children: [] })).toEqual(['children']);
    expect(issuePaths('case.open', { ...VALID['case.open'], children: Array(13).fill(child) })).toEqual(['children']);
  });

  it('text of only spaces is empty', () => {
    expect(issuePaths('contribution.add', { ...VALID['contribution.add'], text: '   ' })).toEqual(['text']);
  });

  it('a voice entry through an interpreter names the language', () => {
    expect(issuePaths('voice.record', { ...VALID['voice.record'], howExpressed: 'interpreter' })).toEqual(['interpreterLanguage']);
  });

  it('a status change needs a whole version of at least 1', () => {
    expect(issuePaths('case.change-status', { ...VALID['case.change-status'], expectedVersion: 0 })).toEqual(['expectedVersion']);
  });
});

describe('session and join schemas', () => {
  it('sign-in needs a username and password, nothing else', () => {
    expect(SignInSchema.safeParse({ username: 'pc.evans', password: 'x' }).success).toBe(true);
    expect(SignInSchema.safeParse({ username: ' ', password: 'x' }).success).toBe(false);
    expect(SignInSchema.safeParse({ username: 'a', password: '' }).success).toBe(false);
    expect(SignInSchema.safeParse({ username: 'a', password: 'x', role: 'admin' }).success).toBe(false);
  });

  it('join takes a stream id as the catch-up cursor', () => {
    expect(JoinCaseSchema.safeParse({ caseId: 'c1', afterEventId: '1732180000000-0' }).success).toBe(true);
    expect(JoinCaseSchema.safeParse({ caseId: 'c1', afterEventId: 'latest' }).success).toBe(false);
    expect(JoinCaseSchema.safeParse({ caseId: '../etc' }).success).toBe(false);
  });
});
