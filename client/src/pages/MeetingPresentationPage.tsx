/**
 * #/meetings/<id>/present: the meeting-room screen. Only the case under discussion, full width and
 * legible from across the room: its children with age, the rating and why, the reason for concern,
 * the child's voice, facts and opinions in two columns that cannot be mistaken for each other, and
 * the information still awaited. The chair's controls fold into one bar (previous, next, the
 * agenda to reorder, attendance, start / end). It always follows the chair. No personal alerts are
 * shown (App renders this page without the header, banner or tone); they still reach the person's
 * own devices. Being a shared screen, it shows only what every agency may see (`presentedItem`).
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { agencyName, DECISION_OUTCOME_LABELS, MEETING_KIND_LABELS, type CaseView, type MeetingSummary } from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { newCommandId } from '../data/live.ts';
import { useAgendaCases, useMeetingRoom, type MeetingRoom } from '../data/meetingRoom.ts';
import { agendaItemCard, notForSharedScreen, presentedItem, restrictedText, type PresentedInformation } from '../data/presentation.ts';
import { hrefFor } from '../router.ts';
import { RatingBadge } from '../components/Badges.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { MeetingAgenda } from '../board/MeetingAgenda.tsx';
import { AttendanceList } from '../board/AttendanceList.tsx';
import { attendanceForm } from '../board/LazyMeetingForms.ts';
import { usePreloadedForm } from '../forms/lazyForm.tsx';
import { ChairStepButtons, EndMeetingButton } from '../board/ChairButtons.tsx';

type Panel = '' | 'agenda' | 'attendance';

/** "age 6", "3 months", "unborn, due 3 Mar 2027". */
const ageWords = (age: string) => (/^\d+$/.test(age) ? `age ${age}` : age);

function Information({ info }: { info: PresentedInformation }) {
  const c = info.content!;
  const opinion = c.kind === 'opinion';
  return (
    <li className={`presented-card presented-card--${c.kind}`}>
      <p className="presented-card__head">
        <span className="presented-card__kind">{opinion ? 'Opinion' : 'Fact'}</span> <span className="presented-card__agency">{agencyName(info.agency)}</span>
        {c.timeframe === 'historic' ? <span className="presented-card__historic"> · Historic</span> : null}
      </p>
      <p className="presented-card__text prewrap">{c.text}</p>
      {opinion && c.basis ? <p className="presented-card__more">Based on: {c.basis}</p> : null}
      {c.timeframe === 'historic' && c.relevance ? <p className="presented-card__more">Why it matters now: {c.relevance}</p> : null}
    </li>
  );
}

function Column({ id, title, children, empty }: { id: string; title: string; children: ReactNode[]; empty: string }) {
  return (
    <section className="presented__column" aria-labelledby={id}>
      <h2 id={id} className="presented__heading">
        {title} <span className="presented__count">({children.length})</span>
      </h2>
      {children.length ? <ul className="presented__cards">{children}</ul> : <p className="presented__empty">{empty}</p>}
    </section>
  );
}

function PresentedCase({ meeting, view }: { meeting: MeetingSummary; view: CaseView }) {
  const p = presentedItem(view, meeting.id);
  return (
    <>
      <header className="presented__header">
        <h1 id="presented-title" className="presented__title" tabIndex={-1}>
          {p.children.map((c, i) => (
            <span key={c.id} className="presented__child">
              {i > 0 ? <span aria-hidden="true"> · </span> : null}
              {c.name}, <span className="nowrap">{ageWords(c.age)}</span>
              {i < p.children.length - 1 ? <span className="visually-hidden">;</span> : null}
            </span>
          ))}
        </h1>
        <p className="presented__rating">
          <RatingBadge rating={p.rating?.value} /> {p.rating ? <span>{p.rating.reason}</span> : <span>Not rated yet.</span>}
        </p>
      </header>
      <div className="presented__grid">
        <div className="presented__column presented__column--child">
          <section aria-labelledby="presented-concern">
            <h2 id="presented-concern" className="presented__heading">
              Reason for concern
            </h2>
            <p className="prewrap">{p.reasonForConcern}</p>
          </section>
          <section aria-labelledby="presented-voice" className="presented__voice">
            <h2 id="presented-voice" className="presented__heading">
              The child’s voice
            </h2>
            {p.voices.length || p.voiceMissing.length ? (
              <ul className="plain-list">
                {p.voices.map((v, i) => (
                  <li key={i}>
                    <strong>{v.child}:</strong> {v.words ? <q className="presented__words">{v.words}</q> : null}
                    {v.observed ? <span className="block">Observed: {v.observed}</span> : null}
                    {v.wishes ? <span className="block">Wishes: {v.wishes}</span> : null}
                    {v.feelings ? <span className="block">Feelings: {v.feelings}</span> : null}
                    {v.absent ? <span>Not recorded: {v.absent}</span> : null}
                  </li>
                ))}
                {p.voiceMissing.map((name) => (
                  <li key={name} className="presented__missing">
                    <strong>{name}:</strong> no voice recorded, and no reason given.
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
          <section aria-labelledby="presented-awaited">
            <h2 id="presented-awaited" className="presented__heading">
              Information awaited
            </h2>
            {p.awaited.length ? (
              <ul className="plain-list presented__awaited">
                {p.awaited.map((d) => (
                  <li key={d.id}>
                    <strong>{d.agency ? agencyName(d.agency) : d.label}</strong>
                    {d.detail ? `: ${d.detail}` : ''}{' '}
                    <span className="nowrap">
                      (due <Countdown dueAt={d.dueAt} showDue={false} />)
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="presented__empty">Nothing awaited.</p>
            )}
          </section>
          {p.decisions.length ? (
            <section aria-labelledby="presented-decided">
              <h2 id="presented-decided" className="presented__heading">
                Decided in this meeting
              </h2>
              <ul className="plain-list">
                {p.decisions.map((d) => (
                  <li key={d.id}>
                    <strong>{DECISION_OUTCOME_LABELS[d.outcome] ?? d.outcome}</strong>
                    {d.dissent.length ? ` (dissent: ${d.dissent.map((x) => x.name).join(', ')})` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <Column id="presented-facts" title="Facts" empty="No facts shared yet.">
          {p.facts.map((f) => (
            <Information key={f.id} info={f} />
          ))}
        </Column>
        <Column id="presented-opinions" title="Opinions" empty="No opinions shared yet.">
          {p.opinions.map((f) => (
            <Information key={f.id} info={f} />
          ))}
        </Column>
      </div>
      {p.restricted.length ? <p className="presented__restricted">Not on the shared screen: {restrictedText(p.restricted)} (restricted to named agencies; read them on your own device).</p> : null}
      <p className="presented__reference">
        Case {view.summary.reference}. Item {meeting.currentItem + 1} of {meeting.agenda.length}.
      </p>
    </>
  );
}

function ChairBar({ meeting, room, panel, setPanel, panelId }: { meeting: MeetingSummary; room: MeetingRoom; panel: Panel; setPanel: (p: Panel) => void; panelId: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const run = async (name: 'meeting.start' | 'meeting.move' | 'meeting.end', extra: Record<string, unknown>, done: string) => {
    setBusy(true);
    const error = await room.command(name, { commandId: newCommandId(), meetingId: meeting.id, ...extra });
    setBusy(false);
    setMessage(error ? { error: true, text: error.message } : { error: false, text: done });
  };
  const toggle = (p: Panel) => setPanel(panel === p ? '' : p);
  return (
    <div className="presentation-bar__controls">
      <ChairStepButtons meeting={meeting} busy={busy} run={(name, extra, done) => void run(name, extra, done)} />
      <button type="button" className="button button--secondary" aria-expanded={panel === 'agenda'} aria-controls={panelId} onClick={() => toggle('agenda')}>
        Agenda
      </button>
      <button type="button" className="button button--secondary" aria-expanded={panel === 'attendance'} aria-controls={panelId} onClick={() => toggle('attendance')}>
        Attendance
      </button>
      <EndMeetingButton meeting={meeting} busy={busy} run={(name, extra, done) => void run(name, extra, done)} />
      <p role={message?.error ? 'alert' : 'status'} className={message?.error ? 'presentation-bar__error' : 'visually-hidden'}>
        {message?.text}
      </p>
    </div>
  );
}

export function MeetingPresentationPage({ meetingId }: { meetingId: string }) {
  const { client } = useSession();
  const live = useLive();
  const room = useMeetingRoom(meetingId);
  const { meeting } = room;
  const [panel, setPanel] = useState<Panel>('');
  const panelId = useId();
  const ids = useMemo(() => meeting?.agenda.filter((a) => !a.withheld && !a.erased).map((a) => a.caseId) ?? [], [meeting?.agenda]);
  // The item on screen (always the chair's) whole, the others by their summaries for the agenda panel.
  const index = meeting ? Math.min(Math.max(0, meeting.currentItem), meeting.agenda.length - 1) : -1;
  const item = meeting?.agenda[index];
  const shownCaseId = item && !item.withheld && !item.erased ? item.caseId : null;
  const { summaries, views } = useAgendaCases(ids, shownCaseId ? [shownCaseId] : []);
  usePreloadedForm(attendanceForm);
  // The whole page's type scales with the screen while presenting (presentation.css).
  useEffect(() => {
    document.documentElement.classList.add('presenting');
    return () => document.documentElement.classList.remove('presenting');
  }, []);
  useEffect(() => {
    document.title = meeting ? `${meeting.title} – meeting-room screen – Mashboard` : 'Meeting-room screen – Mashboard';
  }, [meeting]);

  const leave = (
    <a className="button button--secondary presentation-bar__leave" href={hrefFor({ page: 'meeting', meetingId })}>
      Leave the presentation
    </a>
  );
  if (!meeting || !item) {
    return (
      <div className="presentation">
        <div className="presentation-bar">{leave}</div>
        <h1 tabIndex={-1} data-loading={room.error ? undefined : ''}>
          {room.error ? (room.error.code === 'not-found' ? 'Meeting not found' : 'The meeting could not be loaded') : 'Meeting'}
        </h1>
        <p role={room.error ? 'alert' : 'status'}>{room.error ? room.error.message : 'Joining the meeting…'}</p>
      </div>
    );
  }
  const isChair = meeting.chair.userId === client.user.userId;
  const view = views.find((v) => v.summary.id === shownCaseId) ?? null;
  const hidden = view ? notForSharedScreen(view) : null;
  const loadError = !item.withheld && !view ? live.cases[item.caseId]?.error : undefined;
  const statusText = meeting.status === 'scheduled' ? 'Not started' : meeting.status === 'ended' ? 'The meeting has ended' : null;

  let body: ReactNode;
  if (item.withheld || item.erased || hidden || !view) {
    const card = agendaItemCard(item, view?.summary);
    body = (
      <>
        <h1 id="presented-title" className="presented__title" tabIndex={-1}>
          Item {index + 1} of {meeting.agenda.length}: {item.withheld || item.erased || hidden ? card.children : 'loading the case…'}
        </h1>
        <p className="presented__placeholder" role={loadError ? 'alert' : undefined}>
          {item.withheld ? 'This case is not shared with this screen’s agency, so nothing of it is shown.' : (hidden ?? loadError?.message ?? '')}
        </p>
      </>
    );
  } else body = <PresentedCase meeting={meeting} view={view} />;

  return (
    <div className="presentation">
      <div className="presentation-bar" role="region" aria-label="Meeting">
        <p className="presentation-bar__where">
          <span className="presentation-bar__title">
            {MEETING_KIND_LABELS[meeting.kind]}: {meeting.title}
          </span>{' '}
          <strong>
            Item {index + 1} of {meeting.agenda.length}
          </strong>
          {statusText ? <strong className="presentation-bar__status"> · {statusText}</strong> : null}
          {!isChair && meeting.status === 'in-progress' ? <span> · following the chair ({meeting.chair.name})</span> : null}
        </p>
        {isChair ? <ChairBar meeting={meeting} room={room} panel={panel} setPanel={setPanel} panelId={panelId} /> : null}
        {leave}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {room.note}
      </p>
      <div id={panelId} className={panel ? 'presentation-panel' : undefined}>
        {panel === 'agenda' ? (
          <MeetingAgenda
            meeting={meeting}
            summaries={summaries}
            shown={index}
            isChair={isChair}
            hint={false}
            onChoose={(i) => {
              if (meeting.status === 'in-progress' && i !== meeting.currentItem) void room.command('meeting.move', { commandId: newCommandId(), meetingId: meeting.id, itemIndex: i });
            }}
            reorder={(from, to) => room.command('meeting.reorder', { commandId: newCommandId(), meetingId: meeting.id, from, to })}
          />
        ) : null}
        {panel === 'attendance' ? (
          <section aria-labelledby="presentation-attendance-title">
            <h2 id="presentation-attendance-title" className="heading-s">
              Attendance
            </h2>
            <AttendanceList meeting={meeting} />
            {meeting.status !== 'ended' ? <attendanceForm.Form meeting={meeting} isChair={isChair} send={room.command} idPrefix="presentation-attendance" /> : null}
          </section>
        ) : null}
      </div>
      <article className="presented" aria-labelledby="presented-title">
        {body}
      </article>
    </div>
  );
}
