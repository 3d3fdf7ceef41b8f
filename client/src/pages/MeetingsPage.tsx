/**
 * #/meetings: the meetings (in progress, upcoming, ended), kept current live while the page is open,
 * and, for duty leads and managers, scheduling one.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  activeAgencies,
  agencyName,
  agendaItemLabel,
  DEFAULT_INVITED_AGENCIES,
  MEETING_KIND_LABELS,
  RATING_LABELS,
  ROLE_LABELS,
  type FieldIssue,
  type MeetingKind,
  type MeetingSummary,
  type UserListing,
} from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { newCommandId } from '../data/live.ts';
import { useMeetingList } from '../data/meetingList.ts';
import { QUEUED_MESSAGE, sendMeetingCommand } from '../data/meetingRoom.ts';
import { sortMeetings } from '../data/meetings.ts';
import { DECISION_MAKERS } from '../data/roles.ts';
import { formatDateTime, londonLocalToIso } from '../data/time.ts';
import { Checkbox, ErrorSummary, FieldError, fieldId, issueFor, RadioGroup, SelectField, TextField } from '../forms/fields.tsx';
import { hrefFor, navigate } from '../router.ts';
import { PlainBadge } from '../components/Badges.tsx';
import { FormActions } from '../forms/FormActions.tsx';
import { DateTimeInput, dateTimeInputIssue } from '../forms/DateInput.tsx';

const P = 'meeting';
const STATUS_TEXT: Record<MeetingSummary['status'], string> = { scheduled: 'Scheduled', 'in-progress': 'In progress', ended: 'Ended' };

function ScheduleForm({ onCancel }: { onCancel: () => void }) {
  const { client } = useSession();
  const live = useLive();
  const [kind, setKind] = useState<MeetingKind | ''>('');
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  const [agenda, setAgenda] = useState<string[]>([]);
  const [chair, setChair] = useState(client.user.userId);
  const [invited, setInvited] = useState<string[]>([...DEFAULT_INVITED_AGENCIES]);
  const [users, setUsers] = useState<UserListing[]>([]);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    client.watchCases();
    client.users().then(setUsers, () => setUsers([]));
  }, [client]);
  const open = (live.caseList ?? []).filter((c) => c.status !== 'closed').sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const err = (p: string) => issueFor(issues, p);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldIssue[] = [];
    if (!kind) local.push({ path: 'kind', message: 'choose the kind of meeting' });
    if (!title.trim()) local.push({ path: 'title', message: 'give the meeting a title' });
    const iso = when ? londonLocalToIso(when) : null;
    if (!when) local.push({ path: 'scheduledFor', message: 'enter the date and time' });
    else if (!iso) local.push({ path: 'scheduledFor', message: dateTimeInputIssue(when, 'Date and time') ?? 'enter a real date and time' });
    if (agenda.length === 0) local.push({ path: 'agenda', message: 'add at least one case to the agenda' });
    else if (kind === 'strategy-discussion' && agenda.length !== 1) local.push({ path: 'agenda', message: 'a strategy discussion is about one case: choose exactly one' });
    if (invited.length === 0) local.push({ path: 'invitedAgencies', message: 'invite at least one agency' });
    setIssues(local);
    // An empty kind or date is among the issues; said again so that the payload's types follow.
    if (local.length || !kind || !iso) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    const ordered = open.filter((c) => agenda.includes(c.id)).map((c) => c.id);
    const outcome = await sendMeetingCommand(client, 'meeting.schedule', {
      commandId: newCommandId(),
      kind,
      title: title.trim(),
      scheduledFor: iso,
      agenda: ordered,
      invitedAgencies: invited,
      ...(chair && chair !== client.user.userId ? { chairUserId: chair } : {}),
    });
    setBusy(false);
    if (outcome.status !== 'ok') {
      const error = outcome.status === 'error' ? outcome.error : null;
      setIssues(error?.issues?.length ? error.issues : [{ path: '', message: error?.message ?? QUEUED_MESSAGE }]);
      setFocusKey((k) => k + 1);
      return;
    }
    navigate({ page: 'meeting', meetingId: outcome.result.meetingId });
  }

  return (
    <form className="form panel schedule-form" noValidate aria-labelledby={`${P}-form-heading`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${P}-form-heading`} className="heading-m">
        Schedule a meeting
      </h2>
      <ErrorSummary
        prefix={P}
        issues={issues}
        labels={{ kind: 'Kind', title: 'Title', scheduledFor: 'Date and time', agenda: 'Agenda', invitedAgencies: 'Agencies invited', chairUserId: 'Chair' }}
        focusKey={focusKey}
        targetFor={(p) => fieldId(P, p.split('.')[0] ?? p)}
      />
      <RadioGroup<MeetingKind>
        id={fieldId(P, 'kind')}
        name={fieldId(P, 'kind')}
        legend="Kind of meeting"
        value={kind}
        onChange={setKind}
        error={err('kind')}
        options={[
          { value: 'triage', label: MEETING_KIND_LABELS.triage, hint: 'A list of new contacts, worked through in order.' },
          { value: 'strategy-discussion', label: MEETING_KIND_LABELS['strategy-discussion'], hint: 'Police, social care, health and others decide on one case whether the s47 threshold is met.' },
        ]}
      />
      <TextField id={fieldId(P, 'title')} label="Title" hint="For example Morning triage, Tuesday" value={title} onChange={setTitle} error={err('title')} />
      <DateTimeInput id={fieldId(P, 'scheduledFor')} legend="Date and time" value={when} onChange={setWhen} error={err('scheduledFor')} />
      <div className={`form-group${err('agenda') ? ' form-group--error' : ''}`}>
        <fieldset className="fieldset" aria-describedby={`${fieldId(P, 'agenda')}-hint${err('agenda') ? ` ${fieldId(P, 'agenda')}-error` : ''}`}>
          <legend className="fieldset__legend">Agenda: the cases to discuss</legend>
          <p className="hint" id={`${fieldId(P, 'agenda')}-hint`}>
            {kind === 'strategy-discussion'
              ? 'Choose exactly one case.'
              : 'The agenda is put in order of urgency: Red first, then Amber, not yet rated, Green and Blue. The chair can reorder it in the meeting.'}
          </p>
          <FieldError id={`${fieldId(P, 'agenda')}-error`} message={err('agenda')} />
          {live.caseList === null ? <p role="status">Loading the open cases…</p> : null}
          {live.caseList && open.length === 0 ? <p className="muted">No open cases.</p> : null}
          <div className="checkboxes agenda-choices">
            {open.map((c, i) => (
              <Checkbox
                key={c.id}
                id={i === 0 ? fieldId(P, 'agenda') : fieldId(P, `agenda-${c.id}`)}
                label={`${c.reference}: ${c.children.map((k) => `${k.firstName} ${k.lastName.charAt(0)}.`).join(', ')}`}
                hint={`Received ${formatDateTime(c.receivedAt)}${c.rating ? `, rated ${RATING_LABELS[c.rating.value]}` : ', not rated'}`}
                checked={agenda.includes(c.id)}
                onChange={(on) => setAgenda((a) => (on ? [...a, c.id] : a.filter((x) => x !== c.id)))}
              />
            ))}
          </div>
        </fieldset>
      </div>
      <div className={`form-group${err('invitedAgencies') ? ' form-group--error' : ''}`}>
        <fieldset className="fieldset" aria-describedby={`${fieldId(P, 'invitedAgencies')}-hint${err('invitedAgencies') ? ` ${fieldId(P, 'invitedAgencies')}-error` : ''}`}>
          <legend className="fieldset__legend">Agencies invited</legend>
          <p className="hint" id={`${fieldId(P, 'invitedAgencies')}-hint`}>
            An agency invited with no attendance recorded is listed in the minutes as absent.
          </p>
          <FieldError id={`${fieldId(P, 'invitedAgencies')}-error`} message={err('invitedAgencies')} />
          <div className="checkboxes">
            {activeAgencies().map((a, i) => (
              <Checkbox
                key={a.id}
                id={i === 0 ? fieldId(P, 'invitedAgencies') : fieldId(P, `invitedAgencies-${a.id}`)}
                label={a.name}
                checked={invited.includes(a.id)}
                onChange={(on) => setInvited((list) => (on ? [...list, a.id] : list.filter((x) => x !== a.id)))}
              />
            ))}
          </div>
        </fieldset>
      </div>
      <SelectField
        id={fieldId(P, 'chairUserId')}
        label="Chair"
        hint="Only the chair can start the meeting, move the agenda, end it and sign off the minutes."
        value={chair}
        onChange={setChair}
        options={(users.length ? users : [{ userId: client.user.userId, name: client.user.name, agency: client.user.agency, role: client.user.role }])
          .filter((u) => u.role !== 'admin' && u.role !== 'auditor')
          .map((u) => ({ value: u.userId, label: `${u.name}${u.userId === client.user.userId ? ' (you)' : ''} – ${agencyName(u.agency)}, ${ROLE_LABELS[u.role]}` }))}
        error={err('chairUserId')}
      />
      <FormActions submit="Schedule meeting" busy={busy} busyText="Scheduling…" secondary={{ label: 'Cancel', onClick: onCancel }} />
    </form>
  );
}

export function MeetingsPage() {
  const { client } = useSession();
  const { meetings, error: loadError } = useMeetingList();
  // Once there is a list, a failed re-watch (after a reconnect) keeps it rather than alarming.
  const error = meetings ? '' : loadError;
  const [scheduling, setScheduling] = useState(false);
  const canSchedule = DECISION_MAKERS.has(client.user.role);
  useEffect(() => {
    document.title = 'Meetings – Mashboard';
  }, []);
  return (
    <>
      <h1 tabIndex={-1} data-loading={meetings || error ? undefined : ''}>
        Meetings
      </h1>
      {canSchedule && !scheduling ? (
        <p>
          <button type="button" className="button" onClick={() => setScheduling(true)}>
            Schedule a meeting
          </button>
        </p>
      ) : null}
      {scheduling ? <ScheduleForm onCancel={() => setScheduling(false)} /> : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      {!meetings && !error ? <p role="status">Loading the meetings…</p> : null}
      {meetings && meetings.length === 0 ? <p className="empty-state">No meetings yet.</p> : null}
      {meetings && meetings.length ? (
        <div className="table-wrap" role="region" aria-labelledby="meetings-caption" tabIndex={0}>
          <table className="table table--stack meetings-table">
            <caption id="meetings-caption" className="table__caption">
              Meetings: in progress first, then upcoming, then ended
            </caption>
            <thead>
              <tr>
                <th scope="col">Meeting</th>
                <th scope="col">When</th>
                <th scope="col">Chair</th>
                <th scope="col">Cases</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {sortMeetings(meetings).map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <a href={hrefFor({ page: 'meeting', meetingId: m.id })}>{m.title}</a>
                    <span className="muted-strong small block">{MEETING_KIND_LABELS[m.kind]}</span>
                  </th>
                  <td data-label="When">{formatDateTime(m.scheduledFor)}</td>
                  <td data-label="Chair">
                    {m.chair.name}
                    {m.chair.userId === client.user.userId ? ' (you)' : ''}
                  </td>
                  <td data-label="Cases">{m.agenda.map(agendaItemLabel).join(', ')}</td>
                  <td data-label="Status">
                    <PlainBadge tone={m.status === 'in-progress' ? 'ok' : m.status === 'scheduled' ? 'pending' : 'grey'}>{STATUS_TEXT[m.status]}</PlainBadge>
                    {m.minutes.length ? <span className="small block">Minutes signed (v{m.minutes[m.minutes.length - 1]!.version})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
