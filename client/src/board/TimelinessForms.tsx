/**
 * The timeliness panel's forms (request information, decide a strategy discussion, add an action,
 * answer, mark held or done, change a due time). They load when the panel first opens one, or when
 * the board is idle (TimelinessPanel), so a board that is only read does not pay for them.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  mayDo,
  activeAgencies,
  agencyName,
  formatUkDateTime,
  LIMITS,
  RATING_LABELS,
  ROLE_LABELS,
  type CaseSummary,
  type ContributionEntry,
  type Deadline,
  type RequestAnswer,
  type FieldIssue,
  type TimelinessPolicy,
  type UserListing,
} from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { idOfDeadline } from '../data/deadlines.ts';
import { contributionLabel } from './contributionLabel.ts';
import { newCommandId } from '../data/live.ts';
import { formatPolicyHours, isoToLondonLocal } from '../data/time.ts';
import { Checkbox, ErrorSummary, FieldError, fieldId, RadioGroup, SelectField, TextArea, TextField } from '../forms/fields.tsx';
import { dueIso, requireText, useCommandForm } from '../forms/useCommandForm.ts';
import { FormActions } from '../forms/FormActions.tsx';
import { DateTimeInput } from '../forms/DateInput.tsx';

const DUE_HINT_FORMAT = 'UK time.';

/** A small form inside the panel: title, error summary, fields, send and cancel. */
function MiniForm({
  prefix,
  title,
  labels,
  form,
  submitText,
  onSubmit,
  onCancel,
  children,
}: {
  prefix: string;
  title: string;
  labels: Record<string, string>;
  form: ReturnType<typeof useCommandForm>;
  submitText: string;
  onSubmit: () => Promise<void>;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);
  return (
    <form
      ref={ref}
      className="form entry-form mini-form"
      noValidate
      aria-labelledby={`${prefix}-heading`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <h4 id={`${prefix}-heading`} className="heading-s">
        {title}
      </h4>
      <ErrorSummary prefix={prefix} issues={form.issues} labels={labels} focusKey={form.focusKey} />
      {children}
      <FormActions submit={submitText} busy={form.busy} busyText="Sending…" secondary={{ label: 'Cancel', onClick: onCancel }} size="small" />
    </form>
  );
}

const sent = (ok: boolean, what: string) => (ok ? what : `${what} Saved on this device – waiting to send.`);

export function ChangeDueForm({ summary, deadline, onDone }: { summary: CaseSummary; deadline: Deadline; onDone: (m: string) => void }) {
  const prefix = `due-${deadline.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const form = useCommandForm();
  const [due, setDue] = useState(() => isoToLondonLocal(deadline.dueAt));
  const [reason, setReason] = useState('');
  return (
    <MiniForm
      prefix={prefix}
      title={`Change the due time: ${deadline.label}`}
      labels={{ dueAt: 'New due time', reason: 'Reason' }}
      form={form}
      submitText="Change due time"
      onCancel={() => onDone('')}
      onSubmit={async () => {
        const local: FieldIssue[] = [];
        const iso = dueIso(local, 'dueAt', due, true, 'New due time');
        requireText(local, 'reason', reason, 'give the reason for the new due time');
        const outcome = await form.submit(local, 'deadline.change-due', () => ({ commandId: newCommandId(), caseId: summary.id, deadlineId: deadline.id, dueAt: iso!, reason: reason.trim() }), {
          label: `New due time for ${deadline.label}`,
          caseId: summary.id,
        });
        if (outcome && outcome.status !== 'error') onDone(sent(outcome.status === 'ok', 'Due time changed.'));
      }}
    >
      <DateTimeInput id={fieldId(prefix, 'dueAt')} legend="New due time" value={due} onChange={setDue} error={form.err('dueAt')} />
      <TextArea id={fieldId(prefix, 'reason')} label="Reason" rows={2} value={reason} onChange={setReason} error={form.err('reason')} />
    </MiniForm>
  );
}

/**
 * Answer an information request: with the contributions (from the agency asked) that hold the
 * information, or "nothing held" with why. The answer links the request to what answers it.
 */
export function AnswerForm({ summary, deadline, contributions, onDone }: { summary: CaseSummary; deadline: Deadline; contributions: ContributionEntry[]; onDone: (m: string) => void }) {
  const prefix = `answer-${deadline.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const form = useCommandForm();
  const agency = deadline.agency ?? '';
  const theirs = contributions.filter((c) => c.agency === agency && !c.withheld && c.versions.length > 0);
  const [kind, setKind] = useState<RequestAnswer['kind'] | ''>(theirs.length ? 'contributions' : '');
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const title = `Answer: ${deadline.label}`;
  const choices = theirs.length ? (
    <fieldset className="fieldset" aria-describedby={form.err('answer.contributionIds') ? `${fieldId(prefix, 'answer.contributionIds')}-error` : undefined}>
      <legend className="fieldset__legend">Which contributions answer it?</legend>
      <FieldError id={`${fieldId(prefix, 'answer.contributionIds')}-error`} message={form.err('answer.contributionIds')} />
      <div className="checkboxes checkboxes--small" id={fieldId(prefix, 'answer.contributionIds')} tabIndex={-1}>
        {theirs.map((c) => (
          <Checkbox
            key={c.id}
            id={`${prefix}-c-${c.id}`}
            label={contributionLabel(c)}
            hint={`Recorded ${formatUkDateTime(new Date(c.recordedAt))} by ${c.author.name}`}
            checked={chosen.includes(c.id)}
            onChange={(on) => setChosen((list) => (on ? [...list, c.id] : list.filter((id) => id !== c.id)))}
          />
        ))}
      </div>
    </fieldset>
  ) : (
    <p className="notice notice--small" id={fieldId(prefix, 'answer.contributionIds')} tabIndex={-1}>
      {agencyName(agency)} has no contribution on this board yet. Add what you hold with “New contribution”, then answer here.
    </p>
  );
  return (
    <MiniForm
      prefix={prefix}
      title={title}
      labels={{ answer: 'Answer', 'answer.kind': 'Answer', 'answer.contributionIds': 'Contributions', 'answer.reason': 'Why nothing is held', note: 'Note' }}
      form={form}
      submitText="Send answer"
      onCancel={() => onDone('')}
      onSubmit={async () => {
        const local: FieldIssue[] = [];
        if (!kind) local.push({ path: 'answer.kind', message: 'say whether contributions answer it or nothing is held' });
        if (kind === 'contributions' && chosen.length === 0) local.push({ path: 'answer.contributionIds', message: 'choose at least one contribution that answers the request' });
        if (kind === 'nothing-held') requireText(local, 'answer.reason', reason, 'say why nothing is held, e.g. which records were searched');
        if (note.length > LIMITS.mediumText) local.push({ path: 'note', message: `must be at most ${LIMITS.mediumText.toLocaleString('en-GB')} characters` });
        const answer: RequestAnswer = kind === 'nothing-held' ? { kind, reason: reason.trim() } : { kind: 'contributions', contributionIds: chosen };
        const outcome = await form.submit(
          local,
          'information.answer',
          () => ({ commandId: newCommandId(), caseId: summary.id, requestId: idOfDeadline(deadline.id), answer, ...(note.trim() ? { note: note.trim() } : {}) }),
          { caseId: summary.id, label: title },
        );
        if (outcome && outcome.status !== 'error') onDone(sent(outcome.status === 'ok', 'Answer sent.'));
      }}
    >
      <RadioGroup<RequestAnswer['kind']>
        id={fieldId(prefix, 'answer.kind')}
        name={`${prefix}-kind`}
        legend="How are you answering?"
        value={kind}
        onChange={setKind}
        error={form.err('answer.kind')}
        small
        options={[
          { value: 'contributions', label: 'With contributions on this board', reveal: choices },
          {
            value: 'nothing-held',
            label: 'Nothing held',
            reveal: (
              <TextArea
                id={fieldId(prefix, 'answer.reason')}
                label="Why is nothing held?"
                hint="For example, which records were searched, for whom"
                rows={2}
                value={reason}
                onChange={setReason}
                error={form.err('answer.reason')}
              />
            ),
          },
        ]}
      />
      <TextArea id={fieldId(prefix, 'note')} label="Note (optional)" rows={2} value={note} onChange={setNote} error={form.err('note')} />
    </MiniForm>
  );
}

/** Mark held / done, with an optional note. */
export function DoneForm({ summary, deadline, onDone }: { summary: CaseSummary; deadline: Deadline; onDone: (m: string) => void }) {
  const prefix = `done-${deadline.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const form = useCommandForm();
  const [note, setNote] = useState('');
  const kind = deadline.kind;
  const title = kind === 'action' ? `Complete: ${deadline.label}` : 'Record the strategy discussion as held';
  const submitText = kind === 'action' ? 'Complete action' : 'Record as held';
  return (
    <MiniForm
      prefix={prefix}
      title={title}
      labels={{ note: 'Note' }}
      form={form}
      submitText={submitText}
      onCancel={() => onDone('')}
      onSubmit={async () => {
        const local: FieldIssue[] = [];
        if (note.length > LIMITS.mediumText) local.push({ path: 'note', message: `must be at most ${LIMITS.mediumText.toLocaleString('en-GB')} characters` });
        const n = note.trim() ? { note: note.trim() } : {};
        const meta = { caseId: summary.id, label: title };
        const outcome =
          kind === 'action'
            ? await form.submit(local, 'action.complete', () => ({ commandId: newCommandId(), caseId: summary.id, actionId: idOfDeadline(deadline.id), ...n }), meta)
            : await form.submit(local, 'strategy-discussion.record-held', () => ({ commandId: newCommandId(), caseId: summary.id, ...n }), meta);
        if (outcome && outcome.status !== 'error') onDone(sent(outcome.status === 'ok', 'Recorded.'));
      }}
    >
      <TextArea id={fieldId(prefix, 'note')} label="Note (optional)" rows={2} value={note} onChange={setNote} error={form.err('note')} />
    </MiniForm>
  );
}

function policyHoursText(policy: TimelinessPolicy | null, summary: CaseSummary): string {
  if (!policy) return 'Leave empty for the timeliness policy’s default.';
  const rating = summary.rating?.value ?? 'amber';
  const hours = policy.informationRequestWithinHours[rating];
  const label = RATING_LABELS[rating];
  const which = summary.rating ? `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label} case` : 'a case not yet rated (counted as Amber)';
  if (hours === null) return `The policy sets no target for ${which}: give a due time.`;
  return `${DUE_HINT_FORMAT} Leave empty for the policy’s default: ${formatPolicyHours(hours)}${policy.ratings[rating].basis === 'working' ? ' of working time' : ''} for ${which}.`;
}

export function RequestForm({ summary, policy, onDone }: { summary: CaseSummary; policy: TimelinessPolicy | null; onDone: (m: string) => void }) {
  const prefix = `request-${summary.id}`;
  const form = useCommandForm();
  const [agency, setAgency] = useState('');
  const [question, setQuestion] = useState('');
  const [due, setDue] = useState('');
  return (
    <MiniForm
      prefix={prefix}
      title="Request information from an agency"
      labels={{ agency: 'Agency', question: 'Question', dueAt: 'Due by' }}
      form={form}
      submitText="Send request"
      onCancel={() => onDone('')}
      onSubmit={async () => {
        const local: FieldIssue[] = [];
        if (!agency) local.push({ path: 'agency', message: 'choose the agency to ask' });
        requireText(local, 'question', question, 'say what information is needed');
        const iso = dueIso(local, 'dueAt', due, false, 'Due by');
        const outcome = await form.submit(
          local,
          'information.request',
          () => ({
            commandId: newCommandId(),
            caseId: summary.id,
            agency,
            question: question.trim(),
            ...(iso ? { dueAt: iso } : {}),
          }),
          { label: `Information request to ${agencyName(agency)}`, caseId: summary.id },
        );
        if (outcome && outcome.status !== 'error') onDone(sent(outcome.status === 'ok', `${agencyName(agency)} asked for information.`));
      }}
    >
      <SelectField
        id={fieldId(prefix, 'agency')}
        label="Agency"
        placeholder="Choose an agency"
        value={agency}
        onChange={setAgency}
        options={activeAgencies().map((a) => ({ value: a.id, label: a.name }))}
        error={form.err('agency')}
      />
      <TextArea id={fieldId(prefix, 'question')} label="What do you need to know?" rows={3} value={question} onChange={setQuestion} error={form.err('question')} />
      <DateTimeInput
        id={fieldId(prefix, 'dueAt')}
        legend="Due by (optional)"
        hint={`${policyHoursText(policy, summary)} For example, 27 3 2026`}
        value={due}
        onChange={setDue}
        error={form.err('dueAt')}
      />
    </MiniForm>
  );
}

export function StrategyForm({ summary, policy, onDone }: { summary: CaseSummary; policy: TimelinessPolicy | null; onDone: (m: string) => void }) {
  const prefix = `strategy-${summary.id}`;
  const form = useCommandForm();
  const [reason, setReason] = useState('');
  const [due, setDue] = useState('');
  const days = policy?.strategyDiscussionWithinWorkingDays;
  return (
    <MiniForm
      prefix={prefix}
      title="Decide to hold a strategy discussion"
      labels={{ reason: 'Why it is needed', dueAt: 'Hold by' }}
      form={form}
      submitText="Record decision"
      onCancel={() => onDone('')}
      onSubmit={async () => {
        const local: FieldIssue[] = [];
        requireText(local, 'reason', reason, 'say why a strategy discussion is needed');
        const iso = dueIso(local, 'dueAt', due, false, 'Hold by');
        const outcome = await form.submit(local, 'strategy-discussion.decide', () => ({ commandId: newCommandId(), caseId: summary.id, reason: reason.trim(), ...(iso ? { dueAt: iso } : {}) }), {
          label: 'Strategy discussion decision',
          caseId: summary.id,
        });
        if (outcome && outcome.status !== 'error') onDone(sent(outcome.status === 'ok', 'Strategy discussion decided.'));
      }}
    >
      <TextArea id={fieldId(prefix, 'reason')} label="Why is a strategy discussion needed?" rows={3} value={reason} onChange={setReason} error={form.err('reason')} />
      <DateTimeInput
        id={fieldId(prefix, 'dueAt')}
        legend="Hold by (optional)"
        hint={`${DUE_HINT_FORMAT} Leave empty for the policy’s default${days ? `: within ${days} working ${days === 1 ? 'day' : 'days'}` : ''}. For example, 27 3 2026`}
        value={due}
        onChange={setDue}
        error={form.err('dueAt')}
      />
    </MiniForm>
  );
}

export function ActionForm({ summary, onDone }: { summary: CaseSummary; onDone: (m: string) => void }) {
  const { client } = useSession();
  const prefix = `action-${summary.id}`;
  const form = useCommandForm();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [users, setUsers] = useState<UserListing[] | null>(null);
  const [usersError, setUsersError] = useState('');
  useEffect(() => {
    client.users().then(setUsers, () => setUsersError('The list of people could not be loaded. Close the form and try again.'));
  }, [client]);
  const caseWorkers = (users ?? []).filter((u) => mayDo(u.role, 'action.complete')); // who can own an action: who may complete one
  return (
    <MiniForm
      prefix={prefix}
      title="Add an action"
      labels={{ title: 'What must be done', ownerUserId: 'Owner', dueAt: 'Due by' }}
      form={form}
      submitText="Add action"
      onCancel={() => onDone('')}
      onSubmit={async () => {
        const local: FieldIssue[] = [];
        requireText(local, 'title', title, 'say what must be done', LIMITS.shortText);
        if (!owner) local.push({ path: 'ownerUserId', message: 'choose who must do it' });
        const iso = dueIso(local, 'dueAt', due, true, 'Due by');
        const outcome = await form.submit(local, 'action.add', () => ({ commandId: newCommandId(), caseId: summary.id, title: title.trim(), ownerUserId: owner, dueAt: iso! }), {
          label: `Action: ${title.trim()}`,
          caseId: summary.id,
        });
        if (outcome && outcome.status !== 'error') onDone(sent(outcome.status === 'ok', 'Action added.'));
      }}
    >
      <TextField id={fieldId(prefix, 'title')} label="What must be done?" value={title} onChange={setTitle} error={form.err('title')} maxLength={LIMITS.shortText} />
      {usersError ? <p className="field-error">{usersError}</p> : null}
      <SelectField
        id={fieldId(prefix, 'ownerUserId')}
        label="Owner"
        placeholder={users ? 'Choose a person' : 'Loading…'}
        value={owner}
        onChange={setOwner}
        options={caseWorkers.map((u) => ({ value: u.userId, label: `${u.name} – ${agencyName(u.agency)}, ${ROLE_LABELS[u.role]}` }))}
        error={form.err('ownerUserId')}
      />
      <DateTimeInput id={fieldId(prefix, 'dueAt')} legend="Due by" value={due} onChange={setDue} error={form.err('dueAt')} />
    </MiniForm>
  );
}
