/** How a deadline stands, in words, for the board's timeliness panel. */
import type { Deadline, DeadlineKind } from '@mashboard/shared';

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
