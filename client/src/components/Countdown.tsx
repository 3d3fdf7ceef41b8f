/**
 * A live "in 1 h 20 min" / "overdue by 12 min". Only the words change when they change (once a
 * minute, at the minute), written into their own element without a re-render; the rest re-renders
 * once, when the deadline passes.
 */
import { memo, useCallback, useMemo } from 'react';
import { formatUkDateTime } from '@mashboard/shared';
import { useClockText, usePast } from '../data/clock.ts';
import { nextTimeLeftChange, timeLeftWords } from '../data/deadlines.ts';
import { Icons } from './Badges.tsx';

/** The time left to `due` (epoch ms), in words: the part of a countdown that ticks. */
export const TimeLeft = memo(function TimeLeft({ due }: { due: number }) {
  const read = useCallback((now: number) => ({ shown: timeLeftWords(due, now), changesAt: nextTimeLeftChange(due, now) }), [due]);
  const { ref, text } = useClockText(read);
  return <span ref={ref}>{text}</span>;
});

/** Due time (UK, absolute) and the time left, ticking; "Overdue" in words once it has passed. */
export const Countdown = memo(function Countdown({ dueAt, showDue = true, overdueBadge = true }: { dueAt: string; showDue?: boolean; overdueBadge?: boolean }) {
  const due = Date.parse(dueAt);
  const valid = Number.isFinite(due);
  const overdue = usePast(valid ? due : Infinity);
  const dueText = useMemo(() => (valid ? formatUkDateTime(new Date(due)) : dueAt), [valid, due, dueAt]);
  if (!valid) return <span className="countdown">{dueAt}</span>;
  return (
    <span className={`countdown${overdue ? ' countdown--overdue' : ''}`}>
      {overdue && overdueBadge ? (
        <span className="badge badge--warning countdown__badge">
          {Icons.warning}
          Overdue
        </span>
      ) : null}
      {showDue ? <span className="countdown__due">{dueText}</span> : null}
      <span className="countdown__left">
        {overdue ? null : Icons.clock}
        <TimeLeft due={due} />
      </span>
    </span>
  );
});
