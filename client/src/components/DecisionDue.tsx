/**
 * "Decision due 18:13 today, in 3 h 52 min" beside the rating, on the case header and the
 * dashboard. Styling escalates with the deadline (amber once past its warning time, red once
 * overdue) and the same is said in words ("Due soon", "Overdue"), never by colour alone.
 */
import { memo, useCallback, useMemo } from 'react';
import { formatUkDateTime, type CaseSummary } from '@mashboard/shared';
import { firstAfter, sameReading, useClockReading, type Reading } from '../data/clock.ts';
import { decisionDeadline, urgencyOf, URGENCY_WORDS, type Urgency } from '../data/deadlines.ts';
import { londonToday, ukDayAround } from '../data/time.ts';
import { Icons } from './Badges.tsx';
import { TimeLeft } from './Countdown.tsx';

/** "18:13 today" when it falls today (UK), else the full UK date and time. */
export function dueWhenText(due: Date, now: Date): string {
  return dueWhen(formatUkDateTime(due), londonToday(due) === londonToday(now));
}

const dueWhen = (full: string, today: boolean) => (today ? `${full.slice(-5)} today` : full);

export const DecisionDue = memo(function DecisionDue({ summary }: { summary: CaseSummary }) {
  const deadline = decisionDeadline(summary);
  const due = deadline ? Date.parse(deadline.dueAt) : Number.NaN;
  const warn = deadline?.warnAt ? Date.parse(deadline.warnAt) : Number.NaN;
  // What does not change with the clock is worked out once: the due time in words and its UK day.
  const fixed = useMemo(() => (Number.isFinite(due) ? { full: formatUkDateTime(new Date(due)), day: ukDayAround(due) } : null), [due]);
  // The urgency and "today" change only at the warning time, the deadline and the due day's two
  // midnights: read then (plain comparisons, no date formatting); the words left tick on their own.
  const read = useCallback(
    (now: number): Reading<{ urgency: Urgency | null; today: boolean }> =>
      deadline && fixed
        ? {
            shown: { urgency: urgencyOf(deadline, now), today: fixed.day.start <= now && now < fixed.day.end },
            changesAt: firstAfter(now, [warn, due + 1, fixed.day.start, fixed.day.end]),
          }
        : { shown: { urgency: null, today: false }, changesAt: Infinity },
    [deadline, fixed, warn, due],
  );
  const { urgency, today } = useClockReading(read, sameReading);
  if (!deadline || !urgency || !fixed) {
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
        Decision due {dueWhen(fixed.full, today)}, <TimeLeft due={due} />
      </span>
    </span>
  );
});
