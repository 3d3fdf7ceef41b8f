/**
 * The retention panel's three decisions for a MASH manager: keep (reason, next review date), set or
 * lift a legal hold, erase (a reason, and the reference typed again to confirm). They load when the
 * panel first opens one, or when the board is idle (RetentionPanel).
 */
import { useState, type FormEvent } from 'react';
import { formatUkDate, LIMITS, type CaseSummary, type FieldIssue } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { newCommandId } from '../data/live.ts';
import { ErrorSummary, fieldId, TextArea, TextField } from '../forms/fields.tsx';
import { requireText, useCommandForm } from '../forms/useCommandForm.ts';
import { FormActions } from '../forms/FormActions.tsx';
import { DateInput, dateInputIssue } from '../forms/DateInput.tsx';

const todayUtc = () => new Date().toISOString().slice(0, 10);

export function KeepForm({ summary, onDone }: { summary: CaseSummary; onDone: (m: string) => void }) {
  const prefix = `keep-${summary.id}`;
  const [reason, setReason] = useState('');
  const [nextReviewOn, setNextReviewOn] = useState('');
  const form = useCommandForm();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldIssue[] = [];
    requireText(local, 'reason', reason, 'say why the case is still needed', LIMITS.mediumText);
    if (!nextReviewOn) local.push({ path: 'nextReviewOn', message: 'enter the date of the next review' });
    else if (dateInputIssue(nextReviewOn, 'Next review')) local.push({ path: 'nextReviewOn', message: dateInputIssue(nextReviewOn, 'Next review')! });
    else if (nextReviewOn <= todayUtc()) local.push({ path: 'nextReviewOn', message: 'the next review must be after today' });
    const outcome = await form.submit(local, 'retention.keep', () => ({ commandId: newCommandId(), caseId: summary.id, reason: reason.trim(), nextReviewOn }), {
      label: 'Keep the case',
      caseId: summary.id,
    });
    if (outcome && outcome.status !== 'error') onDone(outcome.status === 'ok' ? `Kept; next review on ${formatUkDate(nextReviewOn)}.` : 'Keep decision saved on this device – waiting to send.');
  }
  return (
    <form className="form entry-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} className="heading-s">
        Keep the case
      </h3>
      <ErrorSummary prefix={prefix} issues={form.issues} labels={{ reason: 'Reason', nextReviewOn: 'Next review' }} focusKey={form.focusKey} />
      <TextArea id={fieldId(prefix, 'reason')} label="Why is the case still needed?" rows={3} value={reason} onChange={(v) => (form.clearIssues(), setReason(v))} error={form.err('reason')} />
      <DateInput
        id={fieldId(prefix, 'nextReviewOn')}
        legend="Next review"
        hint="The day the case is reviewed again. For example, 27 3 2027"
        value={nextReviewOn}
        onChange={(v) => (form.clearIssues(), setNextReviewOn(v))}
        error={form.err('nextReviewOn')}
      />
      <FormActions submit="Keep the case" busy={form.busy} busyText="Sending…" />
    </form>
  );
}

export function HoldForm({ summary, onDone }: { summary: CaseSummary; onDone: (m: string) => void }) {
  const prefix = `hold-${summary.id}`;
  const onHold = !summary.legalHold;
  const [reason, setReason] = useState('');
  const form = useCommandForm();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldIssue[] = [];
    requireText(local, 'reason', reason, onHold ? 'say why the case is held' : 'say why the hold is lifted', LIMITS.mediumText);
    const outcome = await form.submit(local, 'retention.set-legal-hold', () => ({ commandId: newCommandId(), caseId: summary.id, onHold, reason: reason.trim() }), {
      label: onHold ? 'Legal hold' : 'Lift legal hold',
      caseId: summary.id,
    });
    if (outcome && outcome.status !== 'error') onDone(onHold ? 'Legal hold set: the case cannot be erased.' : 'Legal hold lifted.');
  }
  return (
    <form className="form entry-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} className="heading-s">
        {onHold ? 'Set a legal hold' : 'Lift the legal hold'}
      </h3>
      <p className="hint">{onHold ? 'While a legal hold is set (litigation, an inquiry, a request for records), the case cannot be erased.' : 'Once lifted, the case can be erased at a review.'}</p>
      <ErrorSummary prefix={prefix} issues={form.issues} labels={{ reason: 'Reason' }} focusKey={form.focusKey} />
      <TextArea id={fieldId(prefix, 'reason')} label="Reason" rows={2} value={reason} onChange={(v) => (form.clearIssues(), setReason(v))} error={form.err('reason')} />
      <FormActions submit={onHold ? 'Set legal hold' : 'Lift legal hold'} busy={form.busy} busyText="Sending…" />
    </form>
  );
}

export function EraseForm({ summary, onDone }: { summary: CaseSummary; onDone: (m: string) => void }) {
  const { client } = useSession();
  const prefix = `erase-${summary.id}`;
  const [reason, setReason] = useState('');
  const [confirmReference, setConfirm] = useState('');
  const form = useCommandForm();
  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldIssue[] = [];
    requireText(local, 'reason', reason, 'say why the case is erased', LIMITS.mediumText);
    if (confirmReference.trim().toUpperCase() !== summary.reference.toUpperCase()) local.push({ path: 'confirmReference', message: `type the case reference ${summary.reference} exactly to confirm` });
    const outcome = await form.submit(local, 'retention.erase', () => ({ commandId: newCommandId(), caseId: summary.id, reason: reason.trim(), confirmReference: confirmReference.trim() }), {
      label: 'Erase the case',
      caseId: summary.id,
    });
    if (outcome && outcome.status !== 'error') onDone(outcome.status === 'ok' ? `Case ${summary.reference} erased. Only its tombstone remains.` : 'Erasure saved on this device – waiting to send.');
    // Nothing of the case may stay on screen: the board reloads it and shows it erased.
    if (outcome?.status === 'ok') client.forgetCase(summary.id);
  }
  return (
    <form className="form entry-form erase-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} className="heading-s">
        Erase the case
      </h3>
      <div className="notice notice--warning">
        <p>
          <strong>Erasure cannot be undone.</strong> Every contribution, the child’s voice, decisions, sharing records and this case’s content in alerts and meeting minutes are removed. A tombstone
          keeps the reference, dates, outcome, who erased it and why.
        </p>
      </div>
      <ErrorSummary prefix={prefix} issues={form.issues} labels={{ reason: 'Reason', confirmReference: 'Case reference' }} focusKey={form.focusKey} />
      <TextArea
        id={fieldId(prefix, 'reason')}
        label="Why is the case erased?"
        hint="Kept for ever in the tombstone: do not name the child"
        rows={2}
        value={reason}
        onChange={(v) => (form.clearIssues(), setReason(v))}
        error={form.err('reason')}
      />
      <TextField
        id={fieldId(prefix, 'confirmReference')}
        label="Type the case reference to confirm"
        hint={`Type ${summary.reference}`}
        width="medium"
        autoComplete="off"
        value={confirmReference}
        onChange={(v) => (form.clearIssues(), setConfirm(v))}
        error={form.err('confirmReference')}
      />
      <FormActions submit="Erase the case" busy={form.busy} busyText="Erasing…" warning />
    </form>
  );
}
