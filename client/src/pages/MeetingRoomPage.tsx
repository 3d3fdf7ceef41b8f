/**
 * #/meetings/<id>: the meeting room. Attendance by agency and who is in the room at the top; the
 * chair's controls (start, previous / next, jump, end, sign off) for the chair, and for everyone
 * else a "following the chair" indicator with free browsing and a way back; the current case's
 * essentials with decision and action forms; the minutes in draft and as signed.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  agencyName,
  agendaItemLabel,
  ATTENDANCE,
  ATTENDANCE_LABELS,
  buildMinutes,
  DECISION_OUTCOME_LABELS,
  MEETING_KIND_LABELS,
  type ApiError,
  type CaseView,
  type ContributionEntry,
  type MeetingSummary,
} from '@mashboard/shared';
import { useLive, useSession } from '../context.ts';
import { ApiRequestError } from '../data/api.ts';
import { useMeetingRoom } from '../data/meetingRoom.ts';
import { attendanceByAgency, attendanceText, followState, personWithAgency } from '../data/meetings.ts';
import { DECISION_MAKERS } from '../data/roles.ts';
import { saveFile, screensApi } from '../data/screensApi.ts';
import { formatDateTime } from '../data/time.ts';
import { childBirthText, childFullName } from '../data/children.ts';
import { hrefFor } from '../router.ts';
import { RadioGroup, TextField } from '../forms/fields.tsx';
import { PlainBadge, RatingBadge, StatusBadge } from '../components/Badges.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { VoicePanel } from '../board/VoicePanel.tsx';
import { ContributionList } from '../board/ContributionList.tsx';
import { ActionForm, DecisionForm } from '../board/MeetingForms.tsx';
import { MinutesView } from '../board/MinutesView.tsx';

const STATUS_TEXT: Record<MeetingSummary['status'], string> = { scheduled: 'Not started', 'in-progress': 'In progress', ended: 'Ended' };

/** Keeps every case on the agenda live (for the draft minutes and the current item). */
function useAgendaViews(ids: string[]): CaseView[] {
  const { client } = useSession();
  const live = useLive();
  const key = ids.join(',');
  useEffect(() => {
    const list = key ? key.split(',') : [];
    list.forEach((id) => client.openCase(id));
    return () => list.forEach((id) => client.closeCase(id));
  }, [client, key]);
  return ids.map((id) => live.cases[id]?.view).filter((v): v is CaseView => Boolean(v));
}

function Attendance({ meeting, viewers, send }: { meeting: MeetingSummary; viewers: { userId: string; name: string; agency: string }[]; send: ReturnType<typeof useMeetingRoom>['command'] }) {
  const { client } = useSession();
  const me = client.user;
  const mine = meeting.attendance.find((a) => a.agency === me.agency && (a.name ?? '') === me.name);
  const [status, setStatus] = useState<(typeof ATTENDANCE)[number] | ''>(mine?.status ?? '');
  const [name, setName] = useState(me.name);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const unique = viewers.filter((v, i) => viewers.findIndex((w) => w.userId === v.userId) === i);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!status) {
      setError('Choose present, apologies or contributed in writing');
      return;
    }
    setBusy(true);
    setError('');
    const err = await send('meeting.record-attendance', { meetingId: meeting.id, agency: me.agency, status, ...(name.trim() ? { name: name.trim() } : {}) });
    setBusy(false);
    if (err) setError(err.message);
    else setDone(`Recorded: ${agencyName(me.agency)}, ${ATTENDANCE_LABELS[status]}.`);
  }
  return (
    <section className="panel meeting-attendance" aria-labelledby="attendance-title">
      <h2 id="attendance-title" className="panel__title">
        Attendance
      </h2>
      {meeting.attendance.length ? (
        <ul className="plain-list attendance-list" aria-label="Attendance by agency">
          {attendanceByAgency(meeting.attendance).map((g) => (
            <li key={g.agency}>
              <strong>{agencyName(g.agency)}:</strong> {g.records.map(attendanceText).join('; ')}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No attendance recorded yet.</p>
      )}
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
      {meeting.status !== 'ended' ? (
        <form className="inline-form attendance-form" noValidate onSubmit={(e) => void submit(e)} aria-label={`Record ${agencyName(me.agency)}'s attendance`}>
          <RadioGroup<(typeof ATTENDANCE)[number]>
            id="attendance-status"
            name="attendance-status"
            legend={`${agencyName(me.agency)}’s attendance`}
            inline
            small
            value={status}
            onChange={setStatus}
            error={error || undefined}
            options={ATTENDANCE.map((a) => ({ value: a, label: ATTENDANCE_LABELS[a] }))}
          />
          <TextField id="attendance-name" label="Name" width="medium" value={name} onChange={setName} />
          <button type="submit" className="button button--small" disabled={busy}>
            Record attendance
          </button>
          <p role="status" className={done ? 'notice notice--success notice--small' : 'visually-hidden'}>
            {done}
          </p>
        </form>
      ) : null}
    </section>
  );
}

function ChairControls({ meeting, send, onError }: { meeting: MeetingSummary; send: ReturnType<typeof useMeetingRoom>['command']; onError: (e: ApiError | null, done?: string) => void }) {
  const [jump, setJump] = useState(String(meeting.currentItem));
  const [busy, setBusy] = useState(false);
  useEffect(() => setJump(String(meeting.currentItem)), [meeting.currentItem]);
  const total = meeting.agenda.length;
  const run = async (name: Parameters<typeof send>[0], extra: Record<string, unknown>, done: string) => {
    setBusy(true);
    const err = await send(name, { meetingId: meeting.id, ...extra });
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
        {meeting.status === 'scheduled' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void run('meeting.start', {}, 'The meeting has started.')}>
            Start the meeting
          </button>
        ) : null}
        {inProgress ? (
          <>
            <button type="button" className="button button--secondary" disabled={busy || meeting.currentItem === 0} onClick={() => void run('meeting.move', { itemIndex: meeting.currentItem - 1 }, `Moved to item ${meeting.currentItem}.`)}>
              <span aria-hidden="true">‹ </span>Previous case
            </button>
            <button type="button" className="button" disabled={busy || meeting.currentItem >= total - 1} onClick={() => void run('meeting.move', { itemIndex: meeting.currentItem + 1 }, `Moved to item ${meeting.currentItem + 2}.`)}>
              Next case<span aria-hidden="true"> ›</span>
            </button>
          </>
        ) : null}
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
                {i + 1}. {agendaItemLabel(a)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary button--small" disabled={busy}>
            Go
          </button>
        </form>
      ) : null}
      <div className="button-group button-group--tight">
        {inProgress ? (
          <button
            type="button"
            className="button button--warning"
            disabled={busy}
            onClick={() => {
              if (window.confirm('End the meeting? You can still sign off the minutes afterwards.')) void run('meeting.end', {}, 'The meeting has ended.');
            }}
          >
            End the meeting
          </button>
        ) : null}
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
  useEffect(() => {
    setOpen('');
    setMessage('');
  }, [index, item.caseId]);
  const state = item.withheld ? undefined : live.cases[item.caseId];
  const agreedDefault = meeting.attendance.filter((a) => a.status === 'present' && a.name).map((a) => personWithAgency({ name: a.name!, agency: a.agency }));
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
  const canRecord = meeting.status !== 'scheduled' && s.status !== 'closed';
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
                <strong>{DECISION_OUTCOME_LABELS[d.outcome]}</strong> – {d.rationale}
                <span className="block small">
                  Threshold: {d.threshold}. Agreed by: {d.agreedBy.join('; ')}.{d.dissent.length ? ` Dissent: ${d.dissent.map((x) => `${x.name} (${agencyName(x.agency)}): ${x.view}`).join('; ')}` : ''}
                </span>
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
        {open === 'decision' ? <DecisionForm summary={s} meetingId={meeting.id} agreedDefault={agreedDefault} onDone={(m) => (setOpen(''), setMessage(m))} onCancel={() => setOpen('')} /> : null}
        {open === 'action' ? <ActionForm summary={s} meetingId={meeting.id} onDone={(m) => (setOpen(''), setMessage(m))} onCancel={() => setOpen('')} /> : null}
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
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState('');
  const run = async (format: 'pdf' | 'html') => {
    setBusy(true);
    setMsg('');
    try {
      const file = await screensApi.exportMinutes(meeting.id, format, version);
      saveFile(file);
      setMsg(`Downloaded ${file.filename}. The export is recorded in the audit log.`);
    } catch (e) {
      setMsg(e instanceof ApiRequestError ? e.error.message : 'The export failed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="button-group button-group--tight minutes-export">
      <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void run('pdf')}>
        Download minutes (PDF)<span className="visually-hidden">, version {version}</span>
      </button>
      <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void run('html')}>
        Download minutes (HTML)<span className="visually-hidden">, version {version}</span>
      </button>
      <span role="status" className="small">
        {msg}
      </span>
    </div>
  );
}

export function MeetingRoomPage({ meetingId }: { meetingId: string }) {
  const { client } = useSession();
  const room = useMeetingRoom(meetingId);
  const { meeting } = room;
  const [browsing, setBrowsing] = useState<number | null>(null);
  const [chairMessage, setChairMessage] = useState<{ error: boolean; text: string } | null>(null);
  const ids = useMemo(() => meeting?.agenda.filter((a) => !a.withheld).map((a) => a.caseId) ?? [], [meeting?.agenda]);
  const views = useAgendaViews(ids);
  useEffect(() => {
    document.title = meeting ? `${meeting.title} – meeting – Mashboard` : 'Meeting – Mashboard';
  }, [meeting]);
  // Browsing the item the chair has just moved to is following again.
  const chairItem = meeting?.currentItem;
  useEffect(() => {
    setBrowsing((b) => (b === chairItem ? null : b));
  }, [chairItem]);

  const back = (
    <p className="back-link-wrap">
      <a className="back-link" href={hrefFor({ page: 'meetings' })}>
        <span aria-hidden="true">‹ </span>Back to meetings
      </a>
    </p>
  );
  if (!meeting) {
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
  const isChair = meeting.chair.userId === client.user.userId;
  const isDecider = DECISION_MAKERS.has(client.user.role);
  const follow = followState(meeting, isChair ? null : browsing, isChair);
  const shown = follow.shown;
  const shownItem = meeting.agenda[shown];
  const shownView = shownItem && !shownItem.withheld ? (views.find((v) => v.summary.id === shownItem.caseId) ?? null) : null;
  const latest = meeting.minutes[meeting.minutes.length - 1];
  const draft = meeting.status !== 'scheduled' ? buildMinutes(meeting, views) : null;

  return (
    <div className="meeting-room">
      {back}
      <h1 tabIndex={-1} className="screen-heading">
        <span className="caption">{MEETING_KIND_LABELS[meeting.kind]} </span>
        {meeting.title}
      </h1>
      <p className="meeting-meta">
        <PlainBadge tone={meeting.status === 'in-progress' ? 'ok' : meeting.status === 'scheduled' ? 'pending' : 'grey'}>{STATUS_TEXT[meeting.status]}</PlainBadge> Chair: {meeting.chair.name} (
        {agencyName(meeting.chair.agency)}){isChair ? ' – you' : ''}. Scheduled {formatDateTime(meeting.scheduledFor)}.
        {meeting.startedAt ? ` Started ${formatDateTime(meeting.startedAt)}.` : ''}
        {meeting.endedAt ? ` Ended ${formatDateTime(meeting.endedAt)}.` : ''}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {room.note}
      </p>
      <Attendance meeting={meeting} viewers={room.viewers} send={room.command} />

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
          <ChairControls meeting={meeting} send={room.command} onError={(e, done) => setChairMessage(e ? { error: true, text: e.message } : done ? { error: false, text: done } : null)} />
          {chairMessage ? (
            <p role={chairMessage.error ? 'alert' : 'status'} className={chairMessage.error ? 'field-error' : 'visually-hidden'}>
              {chairMessage.text}
            </p>
          ) : null}
        </>
      ) : null}

      <div className="meeting-layout">
        <nav className="meeting-agenda" aria-labelledby="agenda-title">
          <h2 id="agenda-title" className="heading-s">
            Agenda
          </h2>
          <ol className="agenda-list">
            {meeting.agenda.map((a, i) => {
              const chairHere = i === meeting.currentItem;
              const here = i === shown;
              return (
                <li key={`${i}:${a.caseId}`} className={`agenda-item${here ? ' agenda-item--shown' : ''}`}>
                  <button
                    type="button"
                    className="agenda-item__button"
                    aria-current={here ? 'true' : undefined}
                    onClick={() => {
                      if (isChair) {
                        if (meeting.status === 'in-progress' && i !== meeting.currentItem) void room.command('meeting.move', { meetingId: meeting.id, itemIndex: i }).then((e) => setChairMessage(e ? { error: true, text: e.message } : null));
                      } else setBrowsing(i === meeting.currentItem ? null : i);
                    }}
                  >
                    {i + 1}. {agendaItemLabel(a)}
                  </button>
                  {chairHere ? <span className="agenda-item__chair"> (chair is here)</span> : null}
                </li>
              );
            })}
          </ol>
          {!isChair ? <p className="hint">Choose an item to browse it; the chair’s screen does not change.</p> : <p className="hint">Choosing an item moves everyone who follows you.</p>}
        </nav>
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
                {meeting.minutes.slice(0, -1).reverse().map((m) => (
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
        {draft && (!latest || meeting.status !== 'ended') ? (
          <details className="minutes-draft" open={!latest}>
            <summary>Draft minutes from the record so far (not signed)</summary>
            <p className="hint">Generated from what is on the cases now, as you may see it. The chair signs the minutes off; each reader then gets their own copy.</p>
            <MinutesView minutes={draft} level={4} />
          </details>
        ) : null}
        {!draft && !latest ? <p className="muted">The minutes are drafted from the record once the meeting starts.</p> : null}
      </section>
    </div>
  );
}
