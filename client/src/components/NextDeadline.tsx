import type { Deadline } from '@mashboard/shared';
import { Countdown } from './Countdown.tsx';

/** A case's next open deadline in a list row: what it is and its live countdown, or that there is none. */
export function NextDeadline({ next }: { next: Deadline | null }) {
  if (!next) return <span className="muted">No open deadline</span>;
  return (
    <>
      <span className="deadline-label">{next.label}</span>
      <Countdown dueAt={next.dueAt} />
    </>
  );
}
