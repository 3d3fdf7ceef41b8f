/**
 * Recording a decision (with who agreed and any dissent), adding an action, and recording attendance,
 * from the meeting room. Loaded when first needed, through `LazyMeetingForms.ts`.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  activeAgencies,
  agencyName,
  awaitedAgencies,
  type DecisionSettings,
  ATTENDANCE,
  ATTENDANCE_LABELS,
  describeAttendance,
  DECISION_OUTCOME_LABELS,
  DECISION_OUTCOMES,
  ROLE_LABELS,
  type ApiError,
  type AttendanceStatus,
  type CaseSummary,
  type DecisionOutcome,
  type FieldIssue,
  type MeetingSummary,
  type UserListing,
} from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { newCommandId } from '../data/live.ts';
import type { MeetingCommandInput } from '../data/outbox.ts';
import { decisionIssues, decisionPayloadParts, type DecisionDraft } from '../data/meetings.ts';
import { Checkbox, ErrorSummary, FieldError, fieldId, RadioGroup, SelectField, TextArea, TextField } from '../forms/fields.tsx';
import { dueIso, requireText, useCommandForm } from '../forms/useCommandForm.ts';
import { FormActions } from '../forms/FormActions.tsx';
import { DateTimeInput } from '../forms/DateInput.tsx';

/**
 * The contact decision: from the meeting room (`meetingId`, agreed-by required) or on the board by
 * a duty lead or MASH manager. The threshold is one of the levels of need an admin keeps; the
 * agencies relied on and awaited start from who contributed and whose answers are still open.
 */
export function DecisionForm({
  summary,
  meetingId,
  agreedDefault,
  onDone,
  onCancel,
}: {
  summary: CaseSummary;
  /** The meeting it is made in; absent on the board. */
  meetingId?: string;
  /** People present, "Name, agency", to start the agreed-by list. */
  agreedDefault: string[];
  onDone: (m: string) => void;
  onCancel: () => void;
}) {
  const { client } = useSession();
  const form = useCommandForm();
  const P = `decision-${summary.id}`;
  const awaited = awaitedAgencies(summary.deadlines);
  const [d, setD] = useState<DecisionDraft>(() => ({
    outcome: '',
    rationale: '',
    threshold: '',
    agreedBy: agreedDefault.length ? agreedDefault : [''],
    dissent: [],
    informationFrom: summary.agenciesContributed.filter((a) => !awaited.includes(a)),
    informationAwaited: awaited,
    nextStep: { title: '', ownerUserId: '', due: '' },
  }));
  const [settings, setSettings] = useState<DecisionSettings | null>(null);
  const [users, setUsers] = useState<UserListing[] | null>(null);
  useEffect(() => {
    client.decisionSettings().then(setSettings, () => setSettings(null));
    client.users().then(setUsers, () => setUsers([]));
  }, [client]);
  const people = (users ?? []).filter((u) => u.role !== 'admin' && u.role !== 'auditor');
  const set = (patch: Partial<DecisionDraft>) => setD((x) => ({ ...x, ...patch }));
  const setStep = (patch: Partial<DecisionDraft['nextStep']>) => setD((x) => ({ ...x, nextStep: { ...x.nextStep, ...patch } }));
  const toggle = (list: string[], agency: string, on: boolean) => (on ? [...list.filter((a) => a !== agency), agency] : list.filter((a) => a !== agency));
  const labels: Record<string, string> = {
    outcome: 'Outcome',
    rationale: 'Rationale',
    threshold: 'Threshold or level of need',
    agreedBy: 'Agreed by',
    informationFrom: 'Information it rests on',
    informationAwaited: 'Information still awaited',
    'nextStep.title': 'Next step',
    'nextStep.ownerUserId': 'Next step owner',
    'nextStep.dueAt': 'Next step due by',
  };
  d.agreedBy.forEach((_, i) => (labels[`agreedBy.${i}`] = `Agreed by, person ${i + 1}`));
  d.dissent.forEach((_, i) => {
    labels[`dissent.${i}.name`] = `Dissent ${i + 1}: name`;
    labels[`dissent.${i}.agency`] = `Dissent ${i + 1}: agency`;
    labels[`dissent.${i}.view`] = `Dissent ${i + 1}: view`;
  });
  const agencies = activeAgencies();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await form.submit(
      decisionIssues(d, Boolean(meetingId)),
      'decision.record',
      () => ({ commandId: newCommandId(), caseId: summary.id, ...(meetingId ? { meetingId } : {}), outcome: d.outcome as DecisionOutcome, ...decisionPayloadParts(d) }),
      { label: `Decision on ${summary.reference}`, caseId: summary.id },
    );
    if (outcome && outcome.status !== 'error') onDone(outcome.status === 'ok' ? `Decision recorded on ${summary.reference}.` : 'Decision saved on this device – waiting to send.');
  }

  return (
    <form className="form entry-form meeting-form decision-form" noValidate aria-labelledby={`${P}-heading`} onSubmit={(e) => void submit(e)}>
      <h4 id={`${P}-heading`} className="heading-s">
        Record a decision on {summary.reference}
      </h4>
      <ErrorSummary
        prefix={P}
        issues={form.issues}
        labels={labels}
        focusKey={form.focusKey}
        targetFor={(p) => (p === 'agreedBy' ? fieldId(P, 'agreedBy.0') : p === 'informationAwaited' ? fieldId(P, `informationAwaited.${agencies[0]?.id ?? ''}`) : fieldId(P, p))}
      />
      <SelectField
        id={fieldId(P, 'outcome')}
        label="Outcome"
        placeholder="Choose the outcome"
        value={d.outcome}
        onChange={(v) => set({ outcome: v })}
        options={DECISION_OUTCOMES.map((o) => ({ value: o, label: DECISION_OUTCOME_LABELS[o] }))}
        error={form.err('outcome')}
      />
      <SelectField
        id={fieldId(P, 'threshold')}
        label="Threshold or level of need"
        hint="The level judged met, in the local authority's terms."
        placeholder={settings ? 'Choose the level of need' : 'Loading…'}
        value={d.threshold}
        onChange={(v) => set({ threshold: v })}
        options={(settings?.thresholds ?? []).map((t) => ({ value: t, label: t }))}
        error={form.err('threshold')}
      />
      <TextArea
        id={fieldId(P, 'rationale')}
        label="Rationale"
        hint="Why: what the decision rests on."
        rows={3}
        value={d.rationale}
        onChange={(v) => set({ rationale: v })}
        error={form.err('rationale')}
      />
      <div className="grid-2">
        <fieldset className="fieldset form-group">
          <legend className="fieldset__legend">Information it rests on</legend>
          <p className="hint">The agencies whose information the decision relies on.</p>
          <div className="checkboxes checkboxes--small">
            {agencies.map((a) => (
              <Checkbox
                key={a.id}
                id={fieldId(P, `informationFrom.${a.id}`)}
                label={a.name}
                checked={d.informationFrom.includes(a.id)}
                onChange={(on) => set({ informationFrom: toggle(d.informationFrom, a.id, on) })}
              />
            ))}
          </div>
        </fieldset>
        <fieldset className={`fieldset form-group${form.err('informationAwaited') ? ' form-group--error' : ''}`}>
          <legend className="fieldset__legend">Information still awaited</legend>
          <p className="hint">The agencies whose information had not arrived when the decision was made.</p>
          <FieldError id={`${fieldId(P, 'informationAwaited')}-error`} message={form.err('informationAwaited')} />
          <div className="checkboxes checkboxes--small">
            {agencies.map((a) => (
              <Checkbox
                key={a.id}
                id={fieldId(P, `informationAwaited.${a.id}`)}
                label={a.name}
                checked={d.informationAwaited.includes(a.id)}
                onChange={(on) => set({ informationAwaited: toggle(d.informationAwaited, a.id, on) })}
              />
            ))}
          </div>
        </fieldset>
      </div>
      <fieldset className="fieldset form-group">
        <legend className="fieldset__legend">Next step</legend>
        <p className="hint">Who does what next, and by when. It becomes an action with a deadline; leave all three empty if there is none.</p>
        <TextField id={fieldId(P, 'nextStep.title')} label="What happens next" value={d.nextStep.title} onChange={(v) => setStep({ title: v })} error={form.err('nextStep.title')} />
        <div className="grid-2">
          <SelectField
            id={fieldId(P, 'nextStep.ownerUserId')}
            label="Owner"
            placeholder={users ? 'Choose a person' : 'Loading…'}
            value={d.nextStep.ownerUserId}
            onChange={(v) => setStep({ ownerUserId: v })}
            options={people.map((u) => ({ value: u.userId, label: `${u.name} – ${agencyName(u.agency)}, ${ROLE_LABELS[u.role]}` }))}
            error={form.err('nextStep.ownerUserId')}
          />
          <DateTimeInput id={fieldId(P, 'nextStep.dueAt')} legend="Due by" value={d.nextStep.due} onChange={(v) => setStep({ due: v })} error={form.err('nextStep.dueAt')} />
        </div>
      </fieldset>
      <fieldset className={`fieldset form-group${form.err('agreedBy') ? ' form-group--error' : ''}`}>
        <legend className="fieldset__legend">Agreed by{meetingId ? '' : ' (optional)'}</legend>
        <p className="hint">One person per line: name and agency.</p>
        <FieldError id={`${fieldId(P, 'agreedBy')}-error`} message={form.err('agreedBy')} />
        {d.agreedBy.map((a, i) => (
          <div key={i} className="multi-row">
            <TextField
              id={fieldId(P, `agreedBy.${i}`)}
              label={`Person ${i + 1}`}
              value={a}
              onChange={(v) => set({ agreedBy: d.agreedBy.map((x, j) => (j === i ? v : x)) })}
              error={form.err(`agreedBy.${i}`)}
            />
            {d.agreedBy.length > 1 ? (
              <button type="button" className="button button--secondary button--small" onClick={() => set({ agreedBy: d.agreedBy.filter((_, j) => j !== i) })}>
                Remove person {i + 1}
              </button>
            ) : null}
          </div>
        ))}
        <button type="button" className="button button--secondary button--small" onClick={() => set({ agreedBy: [...d.agreedBy, ''] })}>
          Add another person who agreed
        </button>
      </fieldset>
      <fieldset className="fieldset form-group">
        <legend className="fieldset__legend">Dissent (professional differences)</legend>
        <p className="hint">Record anyone who disagreed, and their view in their words.</p>
        {d.dissent.map((x, i) => (
          <fieldset key={x.key} className="fieldset dissent-row">
            <legend className="fieldset__legend fieldset__legend--s">Dissent {i + 1}</legend>
            <div className="grid-2">
              <TextField
                id={fieldId(P, `dissent.${i}.name`)}
                label="Name"
                value={x.name}
                onChange={(v) => set({ dissent: d.dissent.map((y, j) => (j === i ? { ...y, name: v } : y)) })}
                error={form.err(`dissent.${i}.name`)}
              />
              <SelectField
                id={fieldId(P, `dissent.${i}.agency`)}
                label="Agency"
                placeholder="Choose an agency"
                value={x.agency}
                onChange={(v) => set({ dissent: d.dissent.map((y, j) => (j === i ? { ...y, agency: v } : y)) })}
                options={activeAgencies().map((a) => ({ value: a.id, label: a.name }))}
                error={form.err(`dissent.${i}.agency`)}
              />
            </div>
            <TextArea
              id={fieldId(P, `dissent.${i}.view`)}
              label="Their view"
              rows={2}
              value={x.view}
              onChange={(v) => set({ dissent: d.dissent.map((y, j) => (j === i ? { ...y, view: v } : y)) })}
              error={form.err(`dissent.${i}.view`)}
            />
            <button type="button" className="button button--secondary button--small" onClick={() => set({ dissent: d.dissent.filter((_, j) => j !== i) })}>
              Remove dissent {i + 1}
            </button>
          </fieldset>
        ))}
        <button type="button" className="button button--secondary button--small" onClick={() => set({ dissent: [...d.dissent, { key: newCommandId(), name: '', agency: '', view: '' }] })}>
          Add a dissenting view
        </button>
      </fieldset>
      <FormActions submit="Record decision" busy={form.busy} busyText="Recording…" secondary={{ label: 'Cancel', onClick: onCancel }} tight />
    </form>
  );
}

export function ActionForm({ summary, meetingId, onDone, onCancel }: { summary: CaseSummary; meetingId: string; onDone: (m: string) => void; onCancel: () => void }) {
  const { client } = useSession();
  const form = useCommandForm();
  const P = `action-${summary.id}`;
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [users, setUsers] = useState<UserListing[] | null>(null);
  useEffect(() => {
    client.users().then(setUsers, () => setUsers([]));
  }, [client]);
  const people = (users ?? []).filter((u) => u.role !== 'admin' && u.role !== 'auditor');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldIssue[] = [];
    requireText(local, 'title', title, 'say what must be done', 200);
    if (!owner) local.push({ path: 'ownerUserId', message: 'choose who owns the action' });
    const iso = dueIso(local, 'dueAt', due, true, 'Due by');
    const who = people.find((u) => u.userId === owner);
    const outcome = await form.submit(local, 'action.add', () => ({ commandId: newCommandId(), caseId: summary.id, meetingId, title: title.trim(), ownerUserId: owner, dueAt: iso! }), {
      label: `Action on ${summary.reference}`,
      caseId: summary.id,
    });
    if (outcome && outcome.status !== 'error') onDone(outcome.status === 'ok' ? `Action added for ${who?.name ?? 'the owner'}.` : 'Action saved on this device – waiting to send.');
  }

  return (
    <form className="form entry-form meeting-form" noValidate aria-labelledby={`${P}-heading`} onSubmit={(e) => void submit(e)}>
      <h4 id={`${P}-heading`} className="heading-s">
        Add an action on {summary.reference}
      </h4>
      <ErrorSummary prefix={P} issues={form.issues} labels={{ title: 'Action', ownerUserId: 'Owner', dueAt: 'Due by' }} focusKey={form.focusKey} />
      <TextField id={fieldId(P, 'title')} label="What must be done" value={title} onChange={setTitle} error={form.err('title')} />
      <SelectField
        id={fieldId(P, 'ownerUserId')}
        label="Owner"
        placeholder={users ? 'Choose a person' : 'Loading…'}
        value={owner}
        onChange={setOwner}
        options={people.map((u) => ({ value: u.userId, label: `${u.name} – ${agencyName(u.agency)}, ${ROLE_LABELS[u.role]}` }))}
        error={form.err('ownerUserId')}
      />
      <DateTimeInput
        id={fieldId(P, 'dueAt')}
        legend="Due by"
        hint="UK time. A deadline is set on the case and its owner is alerted. For example, 27 3 2026"
        value={due}
        onChange={setDue}
        error={form.err('dueAt')}
      />
      <FormActions submit="Add action" busy={form.busy} busyText="Adding…" secondary={{ label: 'Cancel', onClick: onCancel }} tight />
    </form>
  );
}

/**
 * Recording attendance. Each person records their own agency; the chair records anyone's (an
 * attendee on the phone, an agency's apologies or the written information it sent).
 */
export function AttendanceForm({
  meeting,
  isChair,
  send,
  idPrefix = 'attendance',
}: {
  meeting: MeetingSummary;
  isChair: boolean;
  send: (name: 'meeting.record-attendance', payload: MeetingCommandInput<'meeting.record-attendance'>) => Promise<ApiError | null>;
  idPrefix?: string;
}) {
  const { client } = useSession();
  const me = client.user;
  const mine = meeting.attendance.find((a) => a.agency === me.agency && (a.name ?? '') === me.name);
  const [agency, setAgency] = useState<string>(me.agency);
  const [status, setStatus] = useState<AttendanceStatus | ''>(isChair ? '' : (mine?.status ?? ''));
  const [name, setName] = useState(isChair ? '' : me.name);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const err = (path: string) => issues.find((i) => i.path === path)?.message;
  const who = isChair ? agency : me.agency;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldIssue[] = [];
    if (!who) local.push({ path: 'agency', message: 'Choose the agency' });
    if (!status) local.push({ path: 'status', message: 'Choose how they took part: in person, by phone, apologies or written information' });
    setIssues(local);
    setDone('');
    if (local.length || !status) return;
    setBusy(true);
    const error = await send('meeting.record-attendance', { commandId: newCommandId(), meetingId: meeting.id, agency: who, status, ...(name.trim() ? { name: name.trim() } : {}) });
    setBusy(false);
    if (error) setIssues(error.issues?.length ? error.issues : [{ path: 'status', message: error.message }]);
    else {
      setDone(`Recorded: ${describeAttendance({ agency: who, name: name.trim() || undefined, status: status })}.`);
      if (isChair) {
        setName('');
        setStatus('');
      }
    }
  }
  const P = idPrefix;
  return (
    <form className="inline-form attendance-form" noValidate onSubmit={(e) => void submit(e)} aria-label={isChair ? 'Record attendance for anyone' : `Record ${agencyName(me.agency)}'s attendance`}>
      {isChair ? (
        <SelectField
          id={`${P}-agency`}
          label="Agency"
          value={agency}
          onChange={setAgency}
          placeholder="Choose an agency"
          options={activeAgencies().map((a) => ({ value: a.id, label: a.name }))}
          error={err('agency')}
        />
      ) : null}
      <TextField id={`${P}-name`} label="Name" hint={isChair ? 'Who took part (optional for apologies)' : undefined} width="medium" value={name} onChange={setName} error={err('name')} />
      <RadioGroup<AttendanceStatus>
        id={`${P}-status`}
        name={`${P}-status`}
        legend={isChair ? 'How they took part' : `${agencyName(me.agency)}’s attendance`}
        inline
        small
        value={status}
        onChange={setStatus}
        error={err('status')}
        options={ATTENDANCE.map((a) => ({ value: a, label: ATTENDANCE_LABELS[a] }))}
      />
      <button type="submit" className="button button--small" disabled={busy}>
        Record attendance
      </button>
      <p role="status" className={done ? 'notice notice--success notice--small' : 'visually-hidden'}>
        {done}
      </p>
    </form>
  );
}
