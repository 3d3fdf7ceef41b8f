/** The chair's buttons that run the meeting, the same in the meeting room and on the meeting-room screen. */
import type { MeetingSummary } from '@mashboard/shared';

/** Run a chair's command with its payload's extra fields; `done` is said once it succeeds. */
export type ChairRun = (name: 'meeting.start' | 'meeting.move' | 'meeting.end', extra: Record<string, unknown>, done: string) => void;

/** Start the meeting, or once it runs, the previous and next case. */
export function ChairStepButtons({ meeting, busy, run }: { meeting: MeetingSummary; busy: boolean; run: ChairRun }) {
  if (meeting.status === 'scheduled') {
    return (
      <button type="button" className="button" disabled={busy} onClick={() => run('meeting.start', {}, 'The meeting has started.')}>
        Start the meeting
      </button>
    );
  }
  if (meeting.status !== 'in-progress') return null;
  const at = meeting.currentItem;
  return (
    <>
      <button type="button" className="button button--secondary" disabled={busy || at === 0} onClick={() => run('meeting.move', { itemIndex: at - 1 }, `Moved to item ${at}.`)}>
        <span aria-hidden="true">‹ </span>Previous case
      </button>
      <button type="button" className="button" disabled={busy || at >= meeting.agenda.length - 1} onClick={() => run('meeting.move', { itemIndex: at + 1 }, `Moved to item ${at + 2}.`)}>
        Next case<span aria-hidden="true"> ›</span>
      </button>
    </>
  );
}

/** End the meeting, after a confirmation: decisions and actions are no longer recorded in it. */
export function EndMeetingButton({ meeting, busy, run }: { meeting: MeetingSummary; busy: boolean; run: ChairRun }) {
  if (meeting.status !== 'in-progress') return null;
  return (
    <button
      type="button"
      className="button button--warning"
      disabled={busy}
      onClick={() => {
        if (window.confirm('End the meeting? Decisions and actions can no longer be recorded in it. You can still sign off the minutes.')) run('meeting.end', {}, 'The meeting has ended.');
      }}
    >
      End the meeting
    </button>
  );
}
