/**
 * "Decision due 18:13 today, in 3 h 52 min" beside the rating, on the case header and the
 * dashboard. Styling escalates with the deadline (amber once past its warning time, red once
 * overdue) and the same is said in words ("Due soon", "Overdue"), never by colour alone.
 */
import { memo, useMemo } from 'react';
import { describeTimeLeft, formatUkDateTime, type CaseSummary } from '@mashboard/shared';
import { useCountdown } from '../data/clock.ts';
import { decisionDeadline, urgencyOf, URGENCY_WORDS } from '../data/deadlines.ts';
import { londonToday } from '../data/time.ts';
import { Icons } from './Badges.tsx';

/** "18:13 today" when it falls today (UK), else the full UK date and time. */
export function dueWhenText(due: Date, now: Date): string {
  return dueWhen(formatUkDateTime(due), londonToday(due) === londonToday(now));
}

const dueWhen = (full: string, today: boolean) => (today ? `${full.slice(-5)} today` : full);

export const DecisionDue = memo(function DecisionDue({ summary }: { summary: CaseSummary }) {
  const deadline = decisionDeadline(summary);
  const due = deadline ? Date.parse(deadline.dueAt) : Number.NaN;
  // What does not change with the clock is worked out once: the due time and its UK day.
  const shown = useMemo(() => (Number.isFinite(due) ? { full: formatUkDateTime(new Date(due)), day: londonToday(new Date(due)) } : null), [due]);
  // Read on every tick (cheaply: one UK date for all the rows), re-rendered only when the words or
  // the urgency change (once a minute at most).
  const { urgency, leftText, dueToday } = useCountdown(Number.isFinite(due) ? due : 0, (now) => {
    if (!deadline || !shown) return { urgency: null, leftText: '', dueToday: false };
    const urgency = urgencyOf(deadline, now);
    const left = describeTimeLeft(new Date(due), new Date(now));
    const leftText = urgency === 'overdue' && left === 'due now' ? 'overdue by less than a minute' : left;
    return { urgency, leftText, dueToday: shown.day === londonToday(new Date(now)) };
  });
  if (!deadline || !urgency || !shown) {
    const decided = summary.decisions[summary.decisions.length - 1];
    return <span className="decision-due decision-due--none">{decided ? `Decided ${formatUkDateTime(new Date(decided.recordedAt))}` : 'No decision deadline'}</span>;
  }
  return (
    <span className={`decision-due decision-due--${urgency}`}>
      {urgency !== 'on-track' ? (
        <span className="decision-due__word">
          {Icons.warning}
          {URGENCY_WORDS[urgency]}
        </span>
      ) : null}
      <span className="decision-due__text">
        Decision due {dueWhen(shown.full, dueToday)}, {leftText}
      </span>
    </span>
  );
});
