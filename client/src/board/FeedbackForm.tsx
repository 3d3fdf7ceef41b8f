/**
 * Record feedback to the referrer (how and when they were told, and what was said), from the
 * board's decision panel: loaded when the panel first opens it, or when the board is idle.
 */
import { useState, type FormEvent } from 'react';
import { FEEDBACK_METHOD_LABELS, FEEDBACK_METHODS, LIMITS, type CaseSummary, type FeedbackMethod, type FieldIssue } from '@mashboard/shared';
import { newCommandId } from '../data/live.ts';
import { isoToLondonLocal, londonLocalToIso } from '../data/time.ts';
import { ErrorSummary, fieldId, RadioGroup, TextArea } from '../forms/fields.tsx';
import { requireText, useCommandForm } from '../forms/useCommandForm.ts';
import { FormActions } from '../forms/FormActions.tsx';
import { DateTimeInput, dateTimeInputIssue } from '../forms/DateInput.tsx';

export function FeedbackForm({ summary, onDone, onCancel }: { summary: CaseSummary; onDone: (m: string) => void; onCancel: () => void }) {
  const P = `feedback-${summary.id}`;
  const form = useCommandForm();
  const [method, setMethod] = useState<FeedbackMethod | ''>('');
  const [given, setGiven] = useState(() => isoToLondonLocal(new Date().toISOString()));
  const [note, setNote] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldIssue[] = [];
    if (!method) local.push({ path: 'method', message: 'choose how the referrer was told' });
    const givenAt = given ? londonLocalToIso(given) : null;
    if (!given) local.push({ path: 'givenAt', message: 'enter when the referrer was told' });
    else if (!givenAt) local.push({ path: 'givenAt', message: dateTimeInputIssue(given, 'When') ?? 'enter a real date and time, for example 21 11 2026 and 14:30' });
    else if (Date.parse(givenAt) > Date.now() + 60_000) local.push({ path: 'givenAt', message: 'must not be in the future' });
    if (note.length > LIMITS.mediumText) requireText(local, 'note', note, '', LIMITS.mediumText);
    const outcome = await form.submit(
      local,
      'referrer-feedback.record',
      () => ({ commandId: newCommandId(), caseId: summary.id, method: method as FeedbackMethod, givenAt: givenAt!, ...(note.trim() ? { note: note.trim() } : {}) }),
      { label: `Feedback to the referrer on ${summary.reference}`, caseId: summary.id },
    );
    if (outcome && outcome.status !== 'error') onDone(outcome.status === 'ok' ? 'Feedback to the referrer recorded.' : 'Feedback saved on this device – waiting to send.');
  }
  return (
    <form className="form entry-form" noValidate aria-labelledby={`${P}-heading`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${P}-heading`} className="heading-s">
        Record feedback to the referrer
      </h3>
      <ErrorSummary
        prefix={P}
        issues={form.issues}
        labels={{ method: 'How they were told', givenAt: 'When', note: 'What was said' }}
        focusKey={form.focusKey}
        targetFor={(p) => (p === 'method' ? fieldId(P, `method-${FEEDBACK_METHODS[0]}`) : fieldId(P, p))}
      />
      <RadioGroup
        id={fieldId(P, 'method')}
        name={`${P}-method`}
        legend="How was the referrer told?"
        value={method}
        onChange={setMethod}
        options={FEEDBACK_METHODS.map((m) => ({ value: m, label: FEEDBACK_METHOD_LABELS[m] }))}
        error={form.err('method')}
        small
      />
      <DateTimeInput id={fieldId(P, 'givenAt')} legend="When" value={given} onChange={setGiven} error={form.err('givenAt')} />
      <TextArea
        id={fieldId(P, 'note')}
        label="What was said (optional)"
        hint="Never more than the referrer may know. Everyone on the case reads this, so do not name a protected referrer."
        rows={2}
        value={note}
        onChange={setNote}
        error={form.err('note')}
      />
      <FormActions submit="Record feedback" busy={form.busy} busyText="Recording…" secondary={{ label: 'Cancel', onClick: onCancel }} tight />
    </form>
  );
}
