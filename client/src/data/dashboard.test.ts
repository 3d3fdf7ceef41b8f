import { describe, expect, it } from 'vitest';
import type { CaseSummary, Deadline } from '@mashboard/shared';
import { dashboardRows, filterRows, filtersFromQuery, filtersToQuery, isOverdue, NO_FILTERS, nextOverdueAt, overdueCaseIds, waitingAgencies, waitingOnText } from './dashboard.ts';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function deadline(id: string, dueInMinutes: number, extra: Partial<Deadline> = {}): Deadline {
  return {
    id,
    kind: 'triage',
    label: id,
    startedAt: at(-600),
    warnAt: null,
    dueAt: at(dueInMinutes),
    generation: 1,
    state: 'open',
    ...extra,
  };
}

function summary(ref: string, deadlines: Deadline[], extra: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: ref,
    reference: ref,
    children: [],
    people: [],
    addresses: [],
    referral: { source: 'education' } as CaseSummary['referral'],
    reasonForConcern: 'x',
    receivedAt: at(-600),
    openedAt: at(-600),
    openedBy: { userId: 'u', name: 'U', agency: 'police', role: 'practitioner' },
    status: 'in-progress',
    lead: null,
    voiceAbsence: {},
    childrenHeard: [],
    contributionCount: 0,
    agenciesContributed: [],
    rating: null,
    deadlines,
    sharingDecisions: [],
    decisions: [],
    restrictedTo: [],
    version: 1,
    lastEventId: '1-0',
    updatedAt: at(-600),
    ...extra,
  };
}

describe('overdueCaseIds', () => {
  it('names the open cases whose next deadline has passed, and changes only when another one passes', () => {
    const cases = [
      summary('A-in-2h', [deadline('a', 120)]),
      summary('B-overdue', [deadline('b', -5)]),
      summary('C-done', [deadline('c', -300, { state: 'done', doneAt: at(-400) })]),
      summary('D-in-10', [deadline('d', 10)]),
    ];
    const ids = (refs: string[]) => cases.filter((c) => refs.includes(c.reference)).map((c) => c.id).join(' ');
    expect(overdueCaseIds(cases, NOW)).toBe(ids(['B-overdue']));
    expect(overdueCaseIds(cases, NOW + 9 * 60_000)).toBe(overdueCaseIds(cases, NOW));
    expect(overdueCaseIds(cases, NOW + 11 * 60_000)).toBe(ids(['B-overdue', 'D-in-10']));
    // read again just after D's deadline passes, then A's; nothing after that
    expect(nextOverdueAt(cases, NOW)).toBe(NOW + 10 * 60_000 + 1);
    expect(overdueCaseIds(cases, nextOverdueAt(cases, NOW))).toBe(ids(['B-overdue', 'D-in-10']));
    expect(nextOverdueAt(cases, NOW + 10 * 60_000 + 1)).toBe(NOW + 120 * 60_000 + 1);
    expect(nextOverdueAt(cases, NOW + 120 * 60_000 + 1)).toBe(Infinity);
  });
});

describe('dashboardRows', () => {
  it('puts overdue cases first (most overdue first), then by time left, then cases with no open deadline', () => {
    const rows = dashboardRows([
      summary('A-in-2h', [deadline('triage', 120)]),
      summary('B-none', []),
      summary('C-overdue-5', [deadline('triage', -5)]),
      summary('D-in-10', [deadline('triage', 10)]),
      summary('E-overdue-90', [deadline('triage', -90)]),
      summary('F-done-only', [deadline('triage', -300, { state: 'done', doneAt: at(-400) })]),
    ], NOW);
    expect(rows.map((r) => r.summary.reference)).toEqual(['E-overdue-90', 'C-overdue-5', 'D-in-10', 'A-in-2h', 'B-none', 'F-done-only']);
    expect(rows.map((r) => isOverdue(r.next, NOW))).toEqual([true, true, false, false, false, false]);
  });

  it('puts an overdue case first, then contacts not yet rated, then rated cases, whatever their time left', () => {
    const rated = { rating: { value: 'green' as const, reason: 'r', setAt: at(-1), setBy: { userId: 'u', name: 'U', agency: 'police', role: 'duty-lead' as const } } };
    const decided = { decisions: [{ id: 'd', outcome: 'early-help' as const, rationale: 'r', threshold: 't', agreedBy: [], dissent: [], recordedBy: rated.rating.setBy, recordedAt: at(-1) }] };
    const rows = dashboardRows(
      [
        summary('rated-in-5', [deadline('request:1', 5, { kind: 'information-request', agency: 'health' })], rated),
        summary('unrated-in-2-days', [deadline('triage', 2 * 24 * 60)]),
        summary('rated-overdue', [deadline('triage', -1)], rated),
        summary('unrated-decided-in-1', [deadline('feedback', 1, { kind: 'referrer-feedback' })], decided),
        summary('unrated-in-1-day', [deadline('triage', 24 * 60)]),
      ],
      NOW,
    );
    expect(rows.map((r) => r.summary.reference)).toEqual(['rated-overdue', 'unrated-in-1-day', 'unrated-in-2-days', 'unrated-decided-in-1', 'rated-in-5']);
  });

  it('uses the soonest open deadline of a case, ignoring done and cancelled ones', () => {
    const [row] = dashboardRows([
      summary('A', [
        deadline('triage', -30, { state: 'done', doneAt: at(-40) }),
        deadline('request:1', 45, { kind: 'information-request', agency: 'health' }),
        deadline('action:1', 20, { kind: 'action', state: 'cancelled' }),
        deadline('strategy', 300, { kind: 'strategy-discussion' }),
      ]),
    ]);
    expect(row!.next!.id).toBe('request:1');
  });

  it('leaves out closed cases and orders ties by receipt then reference', () => {
    const rows = dashboardRows([
      summary('Z', [], { receivedAt: at(-100) }),
      summary('closed', [deadline('triage', -5)], { status: 'closed' }),
      summary('Y', [], { receivedAt: at(-100) }),
      summary('X', [], { receivedAt: at(-50) }),
    ]);
    expect(rows.map((r) => r.summary.reference)).toEqual(['Y', 'Z', 'X']);
  });
});

describe('waiting on', () => {
  const s = summary('A', [
    deadline('request:1', 60, { kind: 'information-request', agency: 'health' }),
    deadline('request:2', 60, { kind: 'information-request', agency: 'education' }),
    deadline('request:3', 60, { kind: 'information-request', agency: 'police', state: 'done' }),
    deadline('action:1', 60, { kind: 'action', owner: { userId: 'p', name: 'Priya Patel', agency: 'health' } }),
    deadline('action:2', 60, { kind: 'action', owner: { userId: 'h', name: 'Housing Officer', agency: 'housing' } }),
  ]);
  it('says which agencies are awaited and who has actions open', () => {
    expect(waitingOnText(s)).toEqual(['Awaiting Health, Education', 'Actions: Priya Patel (Health), Housing Officer (Housing)']);
    expect(waitingOnText(summary('B', []))).toEqual([]);
  });
  it('lists the agencies waited on, awaited ones first', () => {
    expect(waitingAgencies(s)).toEqual(['health', 'education', 'housing']);
  });
});

describe('filterRows', () => {
  const rows = dashboardRows([
    summary('red-health', [deadline('request:1', 60, { kind: 'information-request', agency: 'health' })], {
      rating: { value: 'red', reason: 'r', setAt: at(-1), setBy: { userId: 'u', name: 'U', agency: 'police', role: 'duty-lead' } },
    }),
    summary('amber-new', [], {
      status: 'new',
      rating: { value: 'amber', reason: 'r', setAt: at(-1), setBy: { userId: 'u', name: 'U', agency: 'police', role: 'duty-lead' } },
    }),
    summary('unrated-housing-action', [deadline('action:1', 60, { kind: 'action', owner: { userId: 'h', name: 'H', agency: 'housing' } })]),
  ]);
  const refs = (f: Partial<typeof NO_FILTERS>) => filterRows(rows, { ...NO_FILTERS, ...f }).map((r) => r.summary.reference);

  it('keeps everything with no filter', () => {
    expect(refs({})).toHaveLength(3);
  });
  it('filters by rating, including "not rated"', () => {
    expect(refs({ rating: 'red' })).toEqual(['red-health']);
    expect(refs({ rating: 'none' })).toEqual(['unrated-housing-action']);
  });
  it('filters by the agency waited on (requests and action owners)', () => {
    expect(refs({ agency: 'health' })).toEqual(['red-health']);
    expect(refs({ agency: 'housing' })).toEqual(['unrated-housing-action']);
    expect(refs({ agency: 'police' })).toEqual([]);
  });
  it('filters by status and combines filters', () => {
    expect(refs({ status: 'new' })).toEqual(['amber-new']);
    expect(refs({ status: 'in-progress', rating: 'red' })).toEqual(['red-health']);
    expect(refs({ status: 'new', rating: 'red' })).toEqual([]);
  });
});

describe('filters in the URL', () => {
  it('round-trips and ignores values it does not know', () => {
    const f = { rating: 'amber', agency: 'health', status: 'awaiting-information' } as const;
    expect(filtersFromQuery(filtersToQuery(f))).toEqual(f);
    expect(filtersToQuery(NO_FILTERS)).toBe('');
    expect(filtersFromQuery('rating=purple&status=gone&agency=<script>')).toEqual(NO_FILTERS);
    expect(filtersFromQuery('rating=none')).toEqual({ ...NO_FILTERS, rating: 'none' });
  });
});
