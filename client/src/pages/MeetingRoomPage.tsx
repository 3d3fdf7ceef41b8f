/**
 * #/meetings/<id>: the meeting room. Attendance by agency and who is in the room at the top; the
 * chair's controls (start, previous / next, jump, end, sign off) for the chair, and for everyone
 * else a "following the chair" indicator with free browsing and a way back; the current case's
 * essentials with decision and action forms; the minutes in draft and as signed.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  agencyName,
  agendaItemLabel,
  buildMinutes,
  MEETING_KIND_LABELS,
  PRESENT_STATUSES,
  type ApiError,
  type CaseSummary,
  type CaseView,
  type ContributionEntry,
  type MeetingSummary,
} from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { newCommandId } from '../data/live.ts';
import { useAgendaCases, useMeetingRoom } from '../data/meetingRoom.ts';
import { agendaItemCard } from '../data/presentation.ts';
import { followState, personWithAgency } from '../data/meetings.ts';
import { DECISION_MAKERS } from '../data/roles.ts';
import { screensApi } from '../data/screensApi.ts';
import { formatDateTime } from '../data/time.ts';
import { childBirthText, childFullName } from '../data/children.ts';
import { hrefFor } from '../router.ts';
import { PlainBadge, RatingBadge, StatusBadge } from '../components/Badges.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { DownloadButtons, openPrintable, saveDownload } from '../components/DownloadButtons.tsx';
import { VoicePanel } from '../board/VoicePanel.tsx';
import { ContributionList } from '../board/ContributionList.tsx';
import { AttendanceList } from '../board/AttendanceList.tsx';
import { actionForm, attendanceForm, decisionForm } from '../board/LazyMeetingForms.ts';
import { usePreloadedForm } from '../forms/lazyForm.tsx';
import { MeetingAgenda } from '../board/MeetingAgenda.tsx';
import { DecisionParts, MinutesView } from '../board/MinutesView.tsx';
import { ChairStepButtons, EndMeetingButton } from '../board/ChairButtons.tsx';

const STATUS_TEXT: Record<MeetingSummary['status'], string> = { scheduled: 'Not started', 'in-progress': 'In progress', ended: 'Ended' };

function Attendance({
  meeting,
  viewers,
  isChair,
  send,
}: {
  meeting: MeetingSummary;
  viewers: { userId: string; name: string; agency: string }[];
  isChair: boolean;
  send: ReturnType<typeof useMeetingRoom>['command'];
}) {
  const { client } = useSession();
  const me = client.user;
  const unique = viewers.filter((v, i) => viewers.findIndex((w) => w.userId === v.userId) === i);
  return (
    <section className="panel meeting-attendance" aria-labelledby="attendance-title">
      <h2 id="attendance-title" className="panel__title">
        Attendance
      </h2>
      <AttendanceList meeting={meeting} />
      <h3 id="in-room-title" className="heading-xs">
        In the room now
      </h3>
      {unique.length ? (
        <ul className="viewers__list" aria-labelledby="in-room-title">
          {unique.map((v) => (
            <li key={v.userId} className={`viewer viewer--${v.agency}`}>
              <span className="viewer__name">
                {v.name}
                {v.userId === me.userId ? ' (you)' : ''}
              </span>
              <span className="viewer__agency">{agencyName(v.agency)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Only you</p>
      )}
      {meeting.status !== 'ended' ? <attendanceForm.Form meeting={meeting} isChair={isChair} send={send} /> : null}
    </section>
  );
}

function ChairControls({
  meeting,
  summaries,
  send,
  onError,
}: {
  meeting: MeetingSummary;
  summaries: readonly CaseSummary[];
  send: ReturnType<typeof useMeetingRoom>['command'];
  onError: (e: ApiError | null, done?: string) => void;
}) {
  const [jump, setJump] = useState(String(meeting.currentItem));
  const [busy, setBusy] = useState(false);
  // The chair's item moved (here or elsewhere): the jump field shows it again.
  const [jumpItem, setJumpItem] = useState(meeting.currentItem);
  if (jumpItem !== meeting.currentItem) {
    setJumpItem(meeting.currentItem);
    setJump(String(meeting.currentItem));
  }
  const total = meeting.agenda.length;
  const run = async (name: Parameters<typeof send>[0], extra: Record<string, unknown>, done: string) => {
    setBusy(true);
    const err = await send(name, { commandId: newCommandId(), meetingId: meeting.id, ...extra });
    setBusy(false);
    onError(err, err ? undefined : done);
  };
  const inProgress = meeting.status === 'in-progress';
  return (
    <section className="panel chair-controls" aria-labelledby="chair-title">
      <h2 id="chair-title" className="panel__title">
        Chair’s controls
      </h2>
      <div className="button-group button-group--tight">
        <ChairStepButtons meeting={meeting} busy={busy} run={(name, extra, done) => void run(name, extra, done)} />
      </div>
      {inProgress && total > 1 ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run('meeting.move', { itemIndex: Number(jump) }, `Moved to item ${Number(jump) + 1}.`);
          }}
        >
          <label className="label label--inline" htmlFor="chair-jump">
            Go to agenda item
          </label>
          <select id="chair-jump" className="select" value={jump} onChange={(e) => setJump(e.target.value)}>
            {meeting.agenda.map((a, i) => (
              <option key={`${i}:${a.caseId}`} value={i}>
                {i + 1}.{' '}
                {
                  agendaItemCard(
                    a,
                    summaries.find((s) => s.id === a.caseId),
                  ).children
                }
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary button--small" disabled={busy}>
            Go
          </button>
        </form>
      ) : null}
      <div className="button-group button-group--tight">
        <EndMeetingButton meeting={meeting} busy={busy} run={(name, extra, done) => void run(name, extra, done)} />
        {meeting.status !== 'scheduled' ? (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run('meeting.sign-minutes', {}, 'Minutes signed off.')}>
            {meeting.minutes.length ? 'Sign off a new version of the minutes' : 'Sign off minutes'}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function CurrentItem({ meeting, index, view, isDecider }: { meeting: MeetingSummary; index: number; view: CaseView | null; isDecider: boolean }) {
  const live = useLive();
  const item = meeting.agenda[index]!;
  const [open, setOpen] = useState<'' | 'decision' | 'action'>('');
  const [message, setMessage] = useState('');
  // Adjusted while rendering (not in an effect) when the item or the meeting's status changes.
  const [shown, setShown] = useState({ index, caseId: item.caseId, status: meeting.status });
  const itemChanged = shown.index !== index || shown.caseId !== item.caseId;
  if (itemChanged || shown.status !== meeting.status) {
    setShown({ index, caseId: item.caseId, status: meeting.status });
    // A new item starts with its forms closed. The chair ends the meeting while a form is open: it is no longer offered.
    if (itemChanged || meeting.status === 'ended') setOpen('');
    if (itemChanged) setMessage('');
  }
  const state = item.withheld ? undefined : live.cases[item.caseId];
  const agreedDefault = meeting.attendance.filter((a) => PRESENT_STATUSES.has(a.status) && a.name).map((a) => personWithAgency({ name: a.name!, agency: a.agency }));
  const heading = (
    <h2 id="item-title" className="heading-m" tabIndex={-1}>
      Item {index + 1} of {meeting.agenda.length}: {item.withheld ? agendaItemLabel(item) : <span className="nowrap">{item.reference}</span>}
    </h2>
  );
  if (item.withheld) {
    // Not shared with this reader's agency: its place on the agenda, nothing of the case.
    return (
      <section className="meeting-item" aria-labelledby="item-title">
        {heading}
        <p>This case is not shared with your agency, so nothing of it is shown here.</p>
      </section>
    );
  }
  if (!view) {
    return (
      <section className="meeting-item" aria-labelledby="item-title">
        {heading}
        <p role={state?.error ? 'alert' : 'status'}>{state?.error ? `${state.error.message}` : 'Loading the case…'}</p>
      </section>
    );
  }
  const s = view.summary;
  const contributions = view.entries.filter((e): e is ContributionEntry => e.kind === 'contribution');
  const decisions = s.decisions.filter((d) => d.meetingId === meeting.id);
  const actions = s.deadlines.filter((d) => d.kind === 'action' && d.meetingId === meeting.id);
  // Decisions and actions belong to the meeting only while it runs (the server refuses them otherwise).
  const canRecord = meeting.status === 'in-progress' && s.status !== 'closed';
  return (
    <section className="meeting-item" aria-labelledby="item-title">
      {heading}
      <div className="meeting-item__facts">
        <ul className="case-children" aria-label="Children">
          {s.children.map((c) => (
            <li key={c.id}>
              <strong>{childFullName(c)}</strong> <span className="muted-strong">{childBirthText(c)}</span>
            </li>
          ))}
        </ul>
        <p>
          <RatingBadge rating={s.rating?.value} /> <StatusBadge status={s.status} /> {s.rating ? <span className="small">{s.rating.reason}</span> : null}
        </p>
        <p className="prewrap">{s.reasonForConcern}</p>
        <p>
          <a href={hrefFor({ page: 'case', caseId: s.id })}>Open the case board for {s.reference}</a>
          {' · '}
          <a href={hrefFor({ page: 'case-chronology', caseId: s.id })}>Chronology</a>
          {' · '}
          <a href={hrefFor({ page: 'case-sharing', caseId: s.id })}>Sharing decisions</a>
        </p>
      </div>
      <div role="status" className={message ? 'notice notice--success' : 'visually-hidden'}>
        {message}
      </div>
      <div className="meeting-item__record">
        <h3 className="heading-s">Decisions and actions in this meeting</h3>
        {decisions.length ? (
          <ul className="plain-list minutes-list" aria-label="Decisions in this meeting">
            {decisions.map((d) => (
              <li key={d.id} className="minutes-decision">
                <DecisionParts decision={d} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No decision yet.</p>
        )}
        {actions.length ? (
          <ul className="plain-list minutes-list" aria-label="Actions from this meeting">
            {actions.map((a) => (
              <li key={a.id}>
                {a.label}: {a.owner?.name} ({agencyName(a.owner?.agency ?? '')}) <Countdown dueAt={a.dueAt} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No actions yet.</p>
        )}
        {canRecord && !open ? (
          <div className="button-group button-group--tight">
            {isDecider ? (
              <button type="button" className="button" onClick={() => (setMessage(''), setOpen('decision'))}>
                Record a decision
              </button>
            ) : null}
            <button type="button" className="button button--secondary" onClick={() => (setMessage(''), setOpen('action'))}>
              Add an action
            </button>
          </div>
        ) : null}
        {!canRecord && meeting.status === 'scheduled' ? <p className="hint">Decisions and actions can be recorded once the chair starts the meeting.</p> : null}
        {meeting.status === 'ended' ? <p className="hint">The meeting has ended: decisions and actions are no longer recorded in it. Record anything further on the case board.</p> : null}
        {open === 'decision' ? <decisionForm.Form summary={s} meetingId={meeting.id} agreedDefault={agreedDefault} onDone={(m) => (setOpen(''), setMessage(m))} onCancel={() => setOpen('')} /> : null}
        {open === 'action' ? <actionForm.Form summary={s} meetingId={meeting.id} onDone={(m) => (setOpen(''), setMessage(m))} onCancel={() => setOpen('')} /> : null}
      </div>
      <div className="meeting-item__board">
        <VoicePanel caseId={s.id} view={view} highlights={state?.highlights ?? {}} outbox={[]} />
        <section className="panel contributions" aria-labelledby="meeting-contributions-title">
          <h3 id="meeting-contributions-title" className="panel__title">
            Contributions <span className="count">({contributions.length})</span>
          </h3>
          <ContributionList caseId={s.id} entries={contributions} children={s.children} highlights={state?.highlights ?? {}} outbox={[]} />
        </section>
      </div>
    </section>
  );
}

function MinutesExport({ meeting, version }: { meeting: MeetingSummary; version: number }) {
  const minutes = (format: 'pdf' | 'html') => screensApi.exportMinutes(meeting.id, format, version);
  return (
    <DownloadButtons
      className="minutes-export"
      of={`of the minutes, version ${version}`}
      recorded="in the audit log"
      actions={[
        { key: 'pdf', label: 'Download minutes (PDF)', run: () => saveDownload(minutes('pdf')) },
        { key: 'html', label: 'Download minutes (HTML)', run: () => saveDownload(minutes('html')) },
        { key: 'open', label: 'Open printable minutes', busyLabel: 'Opening…', newTab: true, run: () => openPrintable(() => minutes('html')) },
      ]}
    />
  );
}

export function MeetingRoomPage({ meetingId }: { meetingId: string }) {
  const { client } = useSession();
  const room = useMeetingRoom(meetingId);
  const { meeting } = room;
  const [browsing, setBrowsing] = useState<number | null>(null);
  const [chairMessage, setChairMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [draftOpen, setDraftOpen] = useState(false);
  const ids = useMemo(() => meeting?.agenda.filter((a) => !a.withheld && !a.erased).map((a) => a.caseId) ?? [], [meeting?.agenda]);
  const isChair = meeting?.chair.userId === client.user.userId;
  const follow = meeting ? followState(meeting, isChair ? null : browsing, isChair) : null;
  const shownItem = follow ? meeting?.agenda[follow.shown] : undefined;
  const shownCaseId = shownItem && !shownItem.withheld && !shownItem.erased ? shownItem.caseId : null;
  const drafting = draftOpen && meeting?.status !== 'scheduled';
  // The attendance form shows at once; a chair's decision and action forms come in idle moments, so they open offline too.
  usePreloadedForm(attendanceForm);
  usePreloadedForm(decisionForm);
  usePreloadedForm(actionForm);
  // The item on screen whole; every item whole only while the draft minutes (built from all their entries) are open.
  const { summaries, views, loading } = useAgendaCases(ids, drafting ? ids : shownCaseId ? [shownCaseId] : []);
  useEffect(() => {
    document.title = meeting ? `${meeting.title} – meeting – Mashboard` : 'Meeting – Mashboard';
  }, [meeting]);
  // Browsing the item the chair has just moved to is following again.
  const chairItem = meeting?.currentItem;
  const [followedItem, setFollowedItem] = useState(chairItem);
  if (followedItem !== chairItem) {
    setFollowedItem(chairItem);
    if (browsing === chairItem) setBrowsing(null);
  }

  const back = (
    <p className="back-link-wrap">
      <a className="back-link" href={hrefFor({ page: 'meetings' })}>
        <span aria-hidden="true">‹ </span>Back to meetings
      </a>
    </p>
  );
  if (!meeting || !follow) {
    return (
      <>
        {back}
        <h1 tabIndex={-1} data-loading={room.error ? undefined : ''}>
          {room.error ? (room.error.code === 'not-found' ? 'Meeting not found' : 'The meeting could not be loaded') : 'Meeting'}
        </h1>
        <p role={room.error ? 'alert' : 'status'}>{room.error ? room.error.message : 'Joining the meeting…'}</p>
      </>
    );
  }
  const isDecider = DECISION_MAKERS.has(client.user.role);
  const shown = follow.shown;
  const shownView = views.find((v) => v.summary.id === shownCaseId) ?? null;
  const latest = meeting.minutes[meeting.minutes.length - 1];
  const draft = drafting && !loading ? buildMinutes(meeting, views) : null;

  return (
    <div className="meeting-room">
      {back}
      <h1 tabIndex={-1} className="screen-heading">
        <span className="caption">{MEETING_KIND_LABELS[meeting.kind]} </span>
        {meeting.title}
      </h1>
      <p className="meeting-meta">
        <PlainBadge tone={meeting.status === 'in-progress' ? 'ok' : meeting.status === 'scheduled' ? 'pending' : 'grey'}>{STATUS_TEXT[meeting.status]}</PlainBadge> Chair: {meeting.chair.name} (
        {agencyName(meeting.chair.agency)}){isChair ? ' – you' : ''}. Scheduled {formatDateTime(meeting.scheduledFor)}.{meeting.startedAt ? ` Started ${formatDateTime(meeting.startedAt)}.` : ''}
        {meeting.endedAt ? ` Ended ${formatDateTime(meeting.endedAt)}.` : ''}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {room.note}
      </p>
      <p className="meeting-present-link">
        <a className="button button--secondary" href={hrefFor({ page: 'meeting-present', meetingId: meeting.id })}>
          Present on the meeting-room screen
        </a>{' '}
        <span className="hint">Only the case under discussion, large, with the chair’s controls in one bar and no personal alerts.</span>
      </p>
      <Attendance meeting={meeting} viewers={room.viewers} isChair={isChair} send={room.command} />

      <div className="meeting-follow" role="region" aria-label="Agenda position">
        <p className={`follow-indicator${follow.following ? '' : ' follow-indicator--browsing'}`} aria-live="polite" id="follow-indicator">
          <strong>{follow.text}</strong>
          {!follow.following ? <span> – the chair is on item {meeting.currentItem + 1}.</span> : null}
        </p>
        {!follow.following ? (
          <button type="button" className="button button--small" onClick={() => setBrowsing(null)}>
            Back to the chair’s item
          </button>
        ) : null}
      </div>

      {isChair ? (
        <>
          <ChairControls
            meeting={meeting}
            summaries={summaries}
            send={room.command}
            onError={(e, done) => setChairMessage(e ? { error: true, text: e.message } : done ? { error: false, text: done } : null)}
          />
          {chairMessage ? (
            <p role={chairMessage.error ? 'alert' : 'status'} className={chairMessage.error ? 'field-error' : 'visually-hidden'}>
              {chairMessage.text}
            </p>
          ) : null}
        </>
      ) : null}

      <div className="meeting-layout">
        <MeetingAgenda
          meeting={meeting}
          summaries={summaries}
          shown={shown}
          isChair={isChair}
          onChoose={(i) => {
            if (isChair) {
              if (meeting.status === 'in-progress' && i !== meeting.currentItem)
                void room.command('meeting.move', { commandId: newCommandId(), meetingId: meeting.id, itemIndex: i }).then((e) => setChairMessage(e ? { error: true, text: e.message } : null));
            } else setBrowsing(i === meeting.currentItem ? null : i);
          }}
          reorder={(from, to) => room.command('meeting.reorder', { commandId: newCommandId(), meetingId: meeting.id, from, to })}
        />
        <CurrentItem meeting={meeting} index={shown} view={shownView} isDecider={isDecider} />
      </div>

      <section className="meeting-minutes" aria-labelledby="minutes-title">
        <h2 id="minutes-title" className="heading-m">
          Minutes
        </h2>
        {latest ? (
          <section aria-labelledby="signed-minutes-title" className="minutes-signed">
            <h3 id="signed-minutes-title" className="heading-s">
              Signed minutes, version {latest.version}
            </h3>
            <p className="sharing-decision__signed">
              Signed off by {latest.signedBy.name}, {agencyName(latest.signedBy.agency)}, {formatDateTime(latest.signedAt)}
            </p>
            <MinutesExport meeting={meeting} version={latest.version} />
            <MinutesView minutes={latest.minutes} level={4} />
            {meeting.minutes.length > 1 ? (
              <details className="minutes-history">
                <summary>Earlier signed versions ({meeting.minutes.length - 1})</summary>
                {meeting.minutes
                  .slice(0, -1)
                  .reverse()
                  .map((m) => (
                    <div key={m.version}>
                      <h4 className="heading-xs">
                        Version {m.version}: signed by {m.signedBy.name}, {formatDateTime(m.signedAt)}
                      </h4>
                      <MinutesView minutes={m.minutes} level={4} />
                    </div>
                  ))}
              </details>
            ) : null}
          </section>
        ) : null}
        {meeting.status !== 'scheduled' && (!latest || meeting.status !== 'ended') ? (
          <details className="minutes-draft" open={draftOpen} onToggle={(e) => setDraftOpen(e.currentTarget.open)}>
            <summary>Draft minutes from the record so far (not signed)</summary>
            <p className="hint">Generated from what is on the cases now, as you may see it. The chair signs the minutes off; each reader then gets their own copy.</p>
            {draft ? <MinutesView minutes={draft} level={4} /> : draftOpen ? <p role="status">Reading every item on the agenda…</p> : null}
          </details>
        ) : null}
        {meeting.status === 'scheduled' && !latest ? <p className="muted">The minutes are drafted from the record once the meeting starts.</p> : null}
      </section>
    </div>
  );
}
