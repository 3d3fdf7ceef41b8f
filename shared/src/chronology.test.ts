import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from './agencies.ts';
import { buildChronology, CHRONOLOGY_KINDS, DATE_NOT_KNOWN, filterChronology, SIGNIFICANT_EVENT_TYPES, type ChronologyLine } from './chronology.ts';
import type { BoardEntry, ContributionContent, ContributionEntry, VoiceContent, VoiceEntry } from './contributions.ts';
import type { Happened } from './primitives.ts';
import type { CaseSummary, CaseEvent, CaseEventBody, CaseView } from './model.ts';

const police: Actor = { userId: 'u-police', name: 'PC Evans', agency: 'police', role: 'practitioner' };
const health: Actor = { userId: 'u-health', name: 'HV Patel', agency: 'health', role: 'practitioner' };
const education: Actor = { userId: 'u-edu', name: 'D Morgan', agency: 'education', role: 'practitioner' };
const duty: Actor = { userId: 'u-duty', name: 'S Okafor', agency: 'childrens-social-care', role: 'duty-lead' };

const summary: CaseSummary = {
  id: 'c1',
  reference: 'MASH-0001',
  restrictedTo: [],
  people: [],
  addresses: [],
  children: [
    { id: 'ch1', firstName: 'Amelia', lastName: 'Test', dateOfBirth: '2017-03-14' },
    { id: 'ch2', firstName: 'Noah', lastName: 'Test', dateOfBirth: '2025-01-02' },
  ],
  referral: { source: 'education', identityProtected: false },
  reasonForConcern: 'bruise',
  receivedAt: '2026-11-21T08:00:00Z',
  openedAt: '2026-11-21T08:05:00Z',
  openedBy: duty,
  status: 'in-progress',
  lead: null,
  voiceAbsence: {},
  childrenHeard: [],
  contributionCount: 0,
  agenciesContributed: [],
  rating: null,
  deadlines: [],
  sharingDecisions: [],
  decisions: [],
  version: 1,
  lastEventId: '1',
  updatedAt: '2026-11-21T08:05:00Z',
};

function contribution(id: string, recordedAt: string, happened: Happened, more: Partial<ContributionContent> = {}, author: Actor = police): ContributionEntry {
  const content: ContributionContent = {
    text: `text of ${id}`,
    kind: 'fact',
    timeframe: 'current',
    happened,
    source: 'agency-records',
    childIds: [],
    ...more,
  };
  return {
    kind: 'contribution',
    id,
    caseId: 'c1',
    agency: author.agency,
    author,
    recordedAt,
    restrictedTo: [],
    versions: [{ version: 1, content, recordedAt, recordedBy: author }],
  };
}

function withheld(id: string, recordedAt: string, agency: Actor = police): ContributionEntry {
  return {
    kind: 'contribution',
    id,
    caseId: 'c1',
    agency: agency.agency,
    author: { userId: '', name: '', agency: agency.agency, role: agency.role },
    recordedAt,
    restrictedTo: ['police'],
    withheld: true,
    versions: [],
  };
}

function voice(id: string, recordedAt: string, happened: Happened, more: Partial<VoiceContent> = {}): VoiceEntry {
  const content: VoiceContent = {
    childId: 'ch1',
    words: "I don't want to go home",
    howExpressed: 'spontaneous',
    circumstances: { where: 'school', happened },
    heardBy: { name: 'D Morgan', role: 'DSL', agency: 'education' },
    ...more,
  };
  return { kind: 'voice', id, caseId: 'c1', agency: 'education', author: education, recordedAt, versions: [{ version: 1, content, recordedAt, recordedBy: education }] };
}

let seq = 0;
function event(body: CaseEventBody, at: string, actor: Actor = duty, id?: string): CaseEvent {
  seq += 1;
  return { ...body, id: id ?? `1732180000000-${seq}`, seq, caseId: 'c1', at, actor, commandId: `cmd-${seq}` };
}

const view = (entries: BoardEntry[], s: CaseSummary = summary): CaseView => ({ summary: s, entries });
const ids = (lines: ChronologyLine[]) => lines.map((l) => l.id);
const exact = (date: string, time?: string): Happened => (time ? { precision: 'exact', date, time } : { precision: 'exact', date });

describe('buildChronology: order of when it happened', () => {
  it('a back-dated entry (recorded today, happened two years ago) sorts before current ones', () => {
    const current = contribution('current', '2026-11-21T10:00:00Z', exact('2026-11-20', '15:00'));
    const old = contribution('old', '2026-11-21T11:00:00Z', exact('2024-11-02'), { timeframe: 'historic', relevance: 'same pattern' });
    const lines = buildChronology(view([current, old]), []);
    expect(ids(lines)).toEqual(['old', 'current']);
    expect(lines[0]).toMatchObject({ timeframe: 'historic', relevance: 'same pattern', happened: { date: '2024-11-02' } });
  });

  it('within a day: a date-only entry first, then timed entries by time', () => {
    const late = contribution('late', '2026-11-21T10:00:00Z', exact('2026-11-20', '18:30'));
    const early = contribution('early', '2026-11-21T10:00:00Z', exact('2026-11-20', '07:05'));
    const dayOnly = contribution('day-only', '2026-11-21T12:00:00Z', exact('2026-11-20'));
    const approx = contribution('approx', '2026-11-21T13:00:00Z', { precision: 'approximate', date: '2026-11-20' });
    expect(ids(buildChronology(view([late, early, dayOnly, approx]), []))).toEqual(['day-only', 'approx', 'early', 'late']);
  });

  it('an approximate date sorts with its date', () => {
    const a = contribution('a', '2026-11-21T10:00:00Z', exact('2025-03-01'));
    const approx = contribution('approx', '2026-11-21T09:00:00Z', { precision: 'approximate', date: '2025-06-01' });
    const b = contribution('b', '2026-11-21T08:00:00Z', exact('2025-09-01'));
    expect(ids(buildChronology(view([b, approx, a]), []))).toEqual(['a', 'approx', 'b']);
  });

  it('unknown dates come last, in the "Date not known" group, by when recorded', () => {
    const u2 = contribution('u2', '2026-11-21T12:00:00Z', { precision: 'unknown' });
    const u1 = contribution('u1', '2026-11-21T09:00:00Z', { precision: 'unknown' });
    const dated = contribution('dated', '2026-11-21T10:00:00Z', exact('2026-11-21', '09:00'));
    const lines = buildChronology(view([u2, dated, u1]), []);
    expect(ids(lines)).toEqual(['dated', 'u1', 'u2']);
    expect(lines.map((l) => l.group)).toEqual(['dated', 'date-not-known', 'date-not-known']);
    expect(DATE_NOT_KNOWN).toBe('Date not known');
  });

  it('events sort at their own time (UK time), among the entries', () => {
    const before = contribution('before', '2026-11-21T12:00:00Z', exact('2026-11-21', '08:59'));
    const after = contribution('after', '2026-11-21T12:00:00Z', exact('2026-11-21', '10:00'));
    const rated = event({ type: 'rating.set', data: { from: null, to: 'red', reason: 'disclosure of injury', triage: null } }, '2026-11-21T09:30:00Z', duty, 'e-rate');
    const lines = buildChronology(view([after, before]), [rated]);
    expect(ids(lines)).toEqual(['before', 'event:e-rate', 'after']);
    expect(lines[1]).toMatchObject({ kind: 'event', happened: null, text: 'Rating set to Red: disclosure of injury', agency: 'childrens-social-care', authorName: 'S Okafor' });
  });

  it('reads event times on the UK clock in summer (BST)', () => {
    // 23:30 UTC on 1 July is 00:30 on 2 July in London.
    const e = event({ type: 'strategy-discussion.held', data: {} }, '2026-07-01T23:30:00Z', duty, 'e-held');
    const sameDayUk = contribution('uk-2-july', '2026-07-03T09:00:00Z', exact('2026-07-02', '00:10'));
    expect(ids(buildChronology(view([sameDayUk]), [e]))).toEqual(['uk-2-july', 'event:e-held']);
  });

  it('ties go by when recorded, then by id: the same order whatever the input order', () => {
    const h = exact('2026-11-19', '14:00');
    const entries = [
      contribution('b', '2026-11-21T10:00:00Z', h),
      contribution('a', '2026-11-21T10:00:00Z', h),
      contribution('c', '2026-11-21T09:00:00Z', h),
      contribution('d', '2026-11-21T09:00:00.000+00:00', h),
    ];
    expect(ids(buildChronology(view(entries), []))).toEqual(['c', 'd', 'a', 'b']);
    fc.assert(
      fc.property(fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }), (shuffled) => {
        expect(ids(buildChronology(view(shuffled), []))).toEqual(['c', 'd', 'a', 'b']);
      }),
    );
  });

  it('compares recorded times by instant, whatever their offset', () => {
    const h = exact('2026-11-19');
    const first = contribution('z-first', '2026-11-21T09:00:00+01:00', h); // 08:00Z
    const second = contribution('a-second', '2026-11-21T08:30:00Z', h);
    expect(ids(buildChronology(view([second, first]), []))).toEqual(['z-first', 'a-second']);
  });

  it('sortKey alone gives the order', () => {
    const lines = buildChronology(view([contribution('x', '2026-11-21T10:00:00Z', exact('2026-11-01')), contribution('y', '2026-11-21T10:00:00Z', { precision: 'unknown' })]), [
      event({ type: 'strategy-discussion.held', data: {} }, '2026-11-21T09:00:00Z'),
    ]);
    const keys = lines.map((l) => l.sortKey);
    expect([...keys].sort()).toEqual(keys);
  });
});

describe('buildChronology: late recording', () => {
  // Told to the MASH directly (not from the agency's records): the board's time is when it was recorded.
  const told = { source: 'direct-observation' } as const;
  it('flags an entry recorded more than 72 hours after it happened', () => {
    const late = contribution('late', '2026-11-21T10:00:00Z', exact('2026-11-18', '09:59'), told);
    const onTime = contribution('on-time', '2026-11-21T10:00:00Z', exact('2026-11-18', '10:01'), told);
    const lines = buildChronology(view([late, onTime]), []);
    expect(lines.find((l) => l.id === 'late')?.lateRecorded).toBe(true);
    expect(lines.find((l) => l.id === 'on-time')?.lateRecorded).toBe(false);
  });

  it('reads the happened time on the UK clock (BST is an hour ahead of UTC)', () => {
    // Happened 10:00 BST = 09:00Z on 1 July; recorded 09:30Z on 4 July: 72.5 hours later.
    const e = contribution('bst', '2026-07-04T09:30:00Z', exact('2026-07-01', '10:00'), told);
    expect(buildChronology(view([e]), [])[0]!.lateRecorded).toBe(true);
    const e2 = contribution('bst2', '2026-07-04T08:30:00Z', exact('2026-07-01', '10:00'), told);
    expect(buildChronology(view([e2]), [])[0]!.lateRecorded).toBe(false);
  });

  it('a date without a time counts from the end of that day', () => {
    const within = contribution('within', '2026-11-23T23:00:00Z', exact('2026-11-20'), told); // 71 h after midnight 20/21
    const beyond = contribution('beyond', '2026-11-24T00:30:00Z', exact('2026-11-20'), told);
    const lines = buildChronology(view([within, beyond]), []);
    expect(lines.map((l) => [l.id, l.lateRecorded])).toEqual([
      ['within', false],
      ['beyond', true],
    ]);
  });

  it('a back-dated entry told directly is flagged late; a line with no known date never is', () => {
    const old = contribution('old', '2026-11-21T11:00:00Z', { precision: 'approximate', date: '2024-11-02' }, told);
    const unknown = contribution('unknown', '2026-11-21T11:00:00Z', { precision: 'unknown' }, told);
    const lines = buildChronology(view([old, unknown]), []);
    expect(lines.map((l) => l.lateRecorded)).toEqual([true, false]);
  });

  it('takes its threshold from options', () => {
    const e = contribution('e', '2026-11-21T10:00:00Z', exact('2026-11-21', '07:00'), told);
    expect(buildChronology(view([e]), [], { lateAfterHours: 2 })[0]!.lateRecorded).toBe(true);
    expect(buildChronology(view([e]), [], { lateAfterHours: 4 })[0]!.lateRecorded).toBe(false);
  });

  it('the child’s voice is flagged late too', () => {
    const v = voice('v', '2026-11-30T10:00:00Z', exact('2026-11-20', '13:00'));
    expect(buildChronology(view([v]), [])[0]!.lateRecorded).toBe(true);
  });
});

describe('buildChronology: what each line says', () => {
  it('a withheld entry is present without text, author or date: agency and recorded time only', () => {
    const hidden = withheld('secret', '2026-11-21T10:00:00Z');
    const shown = contribution('shown', '2026-11-21T11:00:00Z', exact('2026-11-20'));
    const lines = buildChronology(view([hidden, shown]), []);
    expect(ids(lines)).toEqual(['shown', 'secret']);
    expect(lines[1]).toEqual({
      id: 'secret',
      happened: null,
      sortKey: expect.any(String),
      group: 'date-not-known',
      recordedAt: '2026-11-21T10:00:00Z',
      agency: 'police',
      authorName: null,
      kind: 'withheld',
      text: null,
      childIds: [],
      lateRecorded: false,
      withheld: true,
      significant: false,
    });
  });

  it('a correction event of a withheld entry is withheld with it; a visible one is listed', () => {
    const hiddenFix = event(
      { type: 'contribution.corrected', data: { entryId: 'secret', version: 2, content: null, reason: 'typo', restrictedTo: ['police'], withheld: true } },
      '2026-11-21T12:00:00Z',
      police,
      'e-fix-hidden',
    );
    const c = contribution('shown', '2026-11-21T11:00:00Z', exact('2026-11-20'));
    const visibleFix = event(
      { type: 'contribution.corrected', data: { entryId: 'shown', version: 2, content: c.versions[0]!.content, reason: 'wrong date', restrictedTo: [] } },
      '2026-11-21T12:30:00Z',
      police,
      'e-fix',
    );
    const lines = buildChronology(view([withheld('secret', '2026-11-21T10:00:00Z'), c]), [hiddenFix, visibleFix]);
    expect(ids(lines)).toEqual(['shown', 'event:e-fix', 'secret']);
    expect(lines[1]!.text).toBe('Police corrected an entry: wrong date');
  });

  it('a contribution keeps fact or opinion, its basis, timeframe and children, from its current version', () => {
    const entry = contribution('op', '2026-11-21T10:00:00Z', exact('2026-11-19'), { kind: 'opinion', basis: 'three missed appointments', childIds: ['ch2'] }, health);
    entry.versions.push({
      version: 2,
      content: { ...entry.versions[0]!.content, text: 'corrected text', happened: exact('2026-11-18') },
      recordedAt: '2026-11-21T11:00:00Z',
      recordedBy: health,
      reason: 'wrong day',
    });
    const [line] = buildChronology(view([entry]), []);
    expect(line).toMatchObject({
      kind: 'opinion',
      text: 'corrected text',
      basis: 'three missed appointments',
      timeframe: 'current',
      childIds: ['ch2'],
      happened: { date: '2026-11-18' },
      recordedAt: '2026-11-21T10:00:00Z',
      agency: 'health',
      authorName: 'HV Patel',
      withheld: false,
    });
    expect(line).not.toHaveProperty('relevance');
  });

  it('the child’s voice: words verbatim in quotes, how it came out and who heard it; always significant', () => {
    const v = voice('v', '2026-11-21T10:00:00Z', exact('2026-11-20', '13:00'), {
      wishes: 'to live with nan',
      circumstances: { where: 'school', whoPresent: 'class teacher', happened: exact('2026-11-20', '13:00') },
    });
    const [line] = buildChronology(view([v]), []);
    expect(line).toMatchObject({ kind: 'voice', childIds: ['ch1'], significant: true, happened: { date: '2026-11-20', time: '13:00' } });
    expect(line!.text).toBe("“I don't want to go home”\nWishes: to live with nan\nSpontaneous disclosure; heard by D Morgan, DSL (Education), at school; present: class teacher");
  });

  it('events in plain words', () => {
    const s = {
      ...summary,
      deadlines: [{ id: 'triage', kind: 'triage', label: 'Triage decision (Red)', startedAt: '', warnAt: null, dueAt: '', generation: 2, state: 'open' }],
    } as CaseSummary;
    const evs = [
      event(
        { type: 'case.opened', data: { reference: 'MASH-0001', children: summary.children, referral: summary.referral, reasonForConcern: 'bruise', receivedAt: summary.receivedAt } },
        '2026-11-21T08:05:00Z',
      ),
      event({ type: 'rating.set', data: { from: 'red', to: 'amber', reason: 'seen by GP', triage: null } }, '2026-11-21T08:06:00Z'),
      event({ type: 'information.requested', data: { requestId: 'r1', agency: 'health', question: 'Any A&E visits?', times: { dueAt: '', warnAt: null } } }, '2026-11-21T08:07:00Z'),
      event({ type: 'information.answered', data: { requestId: 'r1', note: 'two visits' } }, '2026-11-21T08:08:00Z', health),
      event(
        { type: 'action.added', data: { actionId: 'a1', title: 'Visit home', owner: { userId: 'u', name: 'J Bloggs', agency: 'childrens-social-care' }, times: { dueAt: '', warnAt: null } } },
        '2026-11-21T08:09:00Z',
      ),
      event({ type: 'action.completed', data: { actionId: 'a1' } }, '2026-11-21T08:10:00Z'),
      event({ type: 'case.status-changed', data: { from: 'new', to: 'in-progress', reason: 'triage begun' } }, '2026-11-21T08:11:00Z'),
      event({ type: 'voice.absence-recorded', data: { childId: 'ch2', reason: 'pre-verbal', explanation: 'He is 22 months old.' } }, '2026-11-21T08:12:00Z'),
      event({ type: 'deadline.changed', data: { deadlineId: 'triage', times: { dueAt: '', warnAt: null }, reason: 'agreed extension' } }, '2026-11-21T08:13:00Z'),
      event({ type: 'strategy-discussion.decided', data: { reason: 'threshold may be met', times: { dueAt: '', warnAt: null } } }, '2026-11-21T08:14:00Z'),
      event({ type: 'case.lead-assigned', data: { lead: { userId: 'u', name: 'J Bloggs', agency: 'childrens-social-care' } } }, '2026-11-21T08:15:00Z'),
    ];
    const lines = buildChronology(view([], s), evs);
    expect(lines.map((l) => l.text)).toEqual([
      'Case opened (referral from Education)',
      'Rating changed from Red to Amber: seen by GP',
      'Information requested from Health: Any A&E visits?',
      'Information request answered by Health: two visits',
      "Action for J Bloggs (Children's social care): Visit home",
      'Action completed: Visit home',
      'Status changed from New contact to In triage: triage begun',
      "Child's voice not recorded for Noah Test: Too young to speak (e.g. a baby). He is 22 months old.",
      'Deadline changed (Triage decision (Red)): agreed extension',
      'Strategy discussion to be held: threshold may be met',
      "Lead assigned: J Bloggs (Children's social care)",
    ]);
    expect(lines[7]!.childIds).toEqual(['ch2']);
    expect(lines.every((l) => l.kind === 'event' && l.id.startsWith('event:'))).toBe(true);
  });

  it('entries added or recorded are shown once, as the entry, not again as their event', () => {
    const c = contribution('e1', '2026-11-21T10:00:00Z', exact('2026-11-20'));
    const added = event({ type: 'contribution.added', data: { entryId: 'e1', content: c.versions[0]!.content, restrictedTo: [] } }, '2026-11-21T10:00:00Z', police);
    const lines = buildChronology(view([c]), [added, added]);
    expect(ids(lines)).toEqual(['e1']);
  });

  it('an event received twice is listed once', () => {
    const e = event({ type: 'strategy-discussion.held', data: { note: 'agreed s47' } }, '2026-11-21T10:00:00Z');
    const lines = buildChronology(view([]), [e, { ...e }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe('Strategy discussion held: agreed s47');
  });
});

describe('buildChronology: significance', () => {
  it('marks the course-changing events, decided/closed status changes, the voice, and entries the caller marks', () => {
    const c1 = contribution('plain', '2026-11-21T10:00:00Z', exact('2026-11-20'));
    const c2 = contribution('marked', '2026-11-21T10:00:00Z', exact('2026-11-20'));
    const evs = [
      event({ type: 'rating.set', data: { from: null, to: 'red', reason: 'r', triage: null } }, '2026-11-21T08:00:00Z', duty, 'rate'),
      event({ type: 'case.status-changed', data: { from: 'new', to: 'in-progress', reason: 'r' } }, '2026-11-21T08:01:00Z', duty, 'progress'),
      event({ type: 'case.status-changed', data: { from: 'in-progress', to: 'decided', reason: 'r' } }, '2026-11-21T08:02:00Z', duty, 'decided'),
      event({ type: 'case.lead-assigned', data: { lead: { userId: 'u', name: 'J', agency: 'police' } } }, '2026-11-21T08:03:00Z', duty, 'lead'),
    ];
    const lines = buildChronology(view([c1, c2, voice('v', '2026-11-21T10:00:00Z', exact('2026-11-20'))]), evs, { significantEntryIds: ['marked'] });
    const significant = Object.fromEntries(lines.map((l) => [l.id, l.significant]));
    expect(significant).toEqual({
      plain: false,
      marked: true,
      v: true,
      'event:rate': true,
      'event:progress': false,
      'event:decided': true,
      'event:lead': false,
    });
    expect(SIGNIFICANT_EVENT_TYPES).toContain('case.opened');
  });
});

describe('filterChronology', () => {
  const lines = buildChronology(
    view([
      contribution('police-all', '2026-11-21T10:00:00Z', exact('2026-11-18')),
      contribution('health-ch2', '2026-11-21T10:00:00Z', exact('2026-11-19'), { kind: 'opinion', basis: 'b', childIds: ['ch2'] }, health),
      voice('voice-ch1', '2026-11-21T10:00:00Z', exact('2026-11-20')),
      withheld('police-hidden', '2026-11-21T09:00:00Z'),
    ]),
    [event({ type: 'rating.set', data: { from: null, to: 'red', reason: 'r', triage: null } }, '2026-11-21T08:00:00Z', duty, 'rate')],
  );

  it('by agency', () => {
    expect(ids(filterChronology(lines, { agencies: ['police'] }))).toEqual(['police-all', 'police-hidden']);
    expect(filterChronology(lines, { agencies: [] })).toEqual([]);
  });

  it('by child: lines about that child and lines about the whole case', () => {
    expect(ids(filterChronology(lines, { childIds: ['ch1'] }))).toEqual(['police-all', 'voice-ch1', 'event:rate', 'police-hidden']);
    expect(ids(filterChronology(lines, { childIds: ['ch2'] }))).toEqual(['police-all', 'health-ch2', 'event:rate', 'police-hidden']);
  });

  it('by kind', () => {
    expect(ids(filterChronology(lines, { kinds: ['opinion', 'voice'] }))).toEqual(['health-ch2', 'voice-ch1']);
    expect(ids(filterChronology(lines, { kinds: ['withheld'] }))).toEqual(['police-hidden']);
    expect(CHRONOLOGY_KINDS).toEqual(['fact', 'opinion', 'voice', 'event', 'withheld']);
  });

  it('significant only', () => {
    expect(ids(filterChronology(lines, { significantOnly: true }))).toEqual(['voice-ch1', 'event:rate']);
  });

  it('criteria combine; no criteria keeps every line in order', () => {
    expect(ids(filterChronology(lines, { agencies: ['education', 'childrens-social-care'], significantOnly: true, childIds: ['ch1'] }))).toEqual(['voice-ch1', 'event:rate']);
    expect(filterChronology(lines, {})).toEqual(lines);
  });
});
