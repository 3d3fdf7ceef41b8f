/** How a deadline stands, in words, for the board's timeliness panel. */
import { DECISION_DEADLINE_ID, type CaseSummary, type Deadline, type DeadlineKind } from '@mashboard/shared';

export type DeadlineStanding = 'open' | 'overdue' | 'on-time' | 'late' | 'cancelled';

export function deadlineStanding(d: Pick<Deadline, 'state' | 'dueAt' | 'doneAt'>, now: number): DeadlineStanding {
  if (d.state === 'cancelled') return 'cancelled';
  const due = Date.parse(d.dueAt);
  if (d.state === 'done') return d.doneAt && Date.parse(d.doneAt) > due ? 'late' : 'on-time';
  return now > due ? 'overdue' : 'open';
}

const WORDS: Record<DeadlineKind, Record<DeadlineStanding, string>> = {
  'information-request': { open: 'Awaited', overdue: 'Overdue', 'on-time': 'Answered on time', late: 'Answered late', cancelled: 'Cancelled' },
  action: { open: 'Open', overdue: 'Overdue', 'on-time': 'Done on time', late: 'Done late', cancelled: 'Cancelled' },
  'strategy-discussion': { open: 'Due', overdue: 'Overdue', 'on-time': 'Held on time', late: 'Held late', cancelled: 'Cancelled' },
  triage: { open: 'Due', overdue: 'Overdue', 'on-time': 'Decided on time', late: 'Decided late', cancelled: 'Cancelled' },
  'initial-rating': { open: 'Due', overdue: 'Overdue', 'on-time': 'Rated on time', late: 'Rated late', cancelled: 'Cancelled' },
  'referrer-feedback': { open: 'Due', overdue: 'Overdue', 'on-time': 'Given on time', late: 'Given late', cancelled: 'Cancelled' },
};

export function standingText(kind: DeadlineKind, standing: DeadlineStanding): string {
  return WORDS[kind][standing];
}

/** The id a command takes from a deadline id: "request:abc" → "abc". */
export function idOfDeadline(deadlineId: string): string {
  const i = deadlineId.indexOf(':');
  return i < 0 ? deadlineId : deadlineId.slice(i + 1);
}

/** Information requests, then the rest of a kind, soonest due first among the open ones, then the done ones newest first. */
export function sortDeadlines(list: readonly Deadline[]): Deadline[] {
  const rank = (d: Deadline) => (d.state === 'open' ? 0 : 1);
  return [...list].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r) return r;
    if (a.state === 'open') return a.dueAt.localeCompare(b.dueAt);
    return (b.doneAt ?? b.dueAt).localeCompare(a.doneAt ?? a.dueAt);
  });
}

/** How close a deadline is, for countdown styling (always said in words too): past its warning time is due soon. */
export type Urgency = 'on-track' | 'due-soon' | 'overdue';

export function urgencyOf(d: Pick<Deadline, 'dueAt' | 'warnAt'>, now: number): Urgency {
  if (now > Date.parse(d.dueAt)) return 'overdue';
  if (d.warnAt && now >= Date.parse(d.warnAt)) return 'due-soon';
  return 'on-track';
}

export const URGENCY_WORDS: Record<Urgency, string> = { 'on-track': 'On track', 'due-soon': 'Due soon', overdue: 'Overdue' };

/** The case's open decision deadline (from receipt, or tightened by the rating), or null once decided or closed. */
export function decisionDeadline(summary: Pick<CaseSummary, 'deadlines'>): Deadline | null {
  return summary.deadlines.find((d) => d.id === DECISION_DEADLINE_ID && d.state === 'open') ?? null;
}
