/** A live "in 1 h 20 min" / "overdue by 12 min": the only thing that re-renders when the clock ticks. */
import { memo } from 'react';
import { describeTimeLeft, formatUkDateTime } from '@mashboard/shared';
import { useCountdown } from '../data/clock.ts';
import { Icons } from './Badges.tsx';

function timeLeft(due: number, now: number): { overdue: boolean; text: string } {
  const overdue = now > due;
  const described = describeTimeLeft(new Date(due), new Date(now));
  // Within a minute either side the shared wording is "due now": beside "Overdue" that reads as a
  // contradiction, so once it has passed, say so.
  return { overdue, text: overdue && described === 'due now' ? 'overdue by less than a minute' : described };
}

function Inner({ dueAt, showDue, overdueBadge }: { dueAt: string; showDue: boolean; overdueBadge: boolean }) {
  const due = Date.parse(dueAt);
  // Re-rendered only when the words change (once a minute at most), not on every tick.
  const { overdue, text } = useCountdown(Number.isFinite(due) ? due : 0, (now) => timeLeft(due, now));
  if (!Number.isFinite(due)) return <span className="countdown">{dueAt}</span>;
  return (
    <span className={`countdown${overdue ? ' countdown--overdue' : ''}`}>
      {overdue && overdueBadge ? (
        <span className="badge badge--warning countdown__badge">
          {Icons.warning}
          Overdue
        </span>
      ) : null}
      {showDue ? <span className="countdown__due">{formatUkDateTime(new Date(due))}</span> : null}
      <span className="countdown__left">
        {overdue ? null : Icons.clock}
        {text}
      </span>
    </span>
  );
}

/** Due time (UK, absolute) and the time left, ticking; "Overdue" in words once it has passed. */
export const Countdown = memo(function Countdown({ dueAt, showDue = true, overdueBadge = true }: { dueAt: string; showDue?: boolean; overdueBadge?: boolean }) {
  return <Inner dueAt={dueAt} showDue={showDue} overdueBadge={overdueBadge} />;
});
