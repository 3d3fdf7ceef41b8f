/** How a deadline stands, in words, for the board's timeliness panel. */
import { DECISION_DEADLINE_ID, describeTimeLeft, type CaseSummary, type Deadline, type DeadlineKind } from '@mashboard/shared';

const MINUTE_MS = 60_000;

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

/** "in 3 h 52 min", "overdue by 12 min": the time left to `due` (epoch ms) at `now`, in the shared wording. */
export function timeLeftWords(due: number, now: number): string {
  const words = describeTimeLeft(new Date(due), new Date(now));
  // Within a minute either side the shared wording is "due now": beside "Overdue" that reads as a
  // contradiction, so once it has passed, say so.
  return now > due && words === 'due now' ? 'overdue by less than a minute' : words;
}

/**
 * The first moment after `now` at which timeLeftWords(due, ·) can read differently: the words count
 * whole minutes of |due − now|, so they change where that crosses a whole minute (times ≡ due
 * modulo a minute: before the deadline a millisecond after such a time, as 60 000 ms left still
 * reads "in 1 min"; after it, at the time itself), and once it has passed.
 */
export function nextTimeLeftChange(due: number, now: number): number {
  if (now < due) return due - Math.floor((due - now) / MINUTE_MS) * MINUTE_MS + 1;
  if (now === due) return due + 1;
  return due + (Math.floor((now - due) / MINUTE_MS) + 1) * MINUTE_MS;
}
