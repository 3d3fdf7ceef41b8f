/** Admin: the retention schedule (how long after closure each kind of case is reviewed), saved with the version it was edited from. */
import { useEffect, useState, type FormEvent } from 'react';
import {
  DECISION_OUTCOMES,
  describeRetentionPeriod,
  MAX_RETENTION_DAYS,
  RetentionScheduleSchema,
  retentionOutcomeLabel,
  issuesFromZod,
  type DecisionOutcome,
  type FieldIssue,
  type RetentionSchedule,
} from '@mashboard/shared';
import { api, ApiRequestError } from '../data/api.ts';
import { ErrorSummary, fieldId, TextField } from '../forms/fields.tsx';
import { FormActions } from '../forms/FormActions.tsx';

const P = 'retention';
type Draft = Record<DecisionOutcome | 'closedWithoutDecision', string>;
const FIELDS = [...DECISION_OUTCOMES, 'closedWithoutDecision'] as const;
const pathOf = (f: (typeof FIELDS)[number]) => (f === 'closedWithoutDecision' ? f : `periods.${f}`);
const labelOf = (f: (typeof FIELDS)[number]) => (f === 'closedWithoutDecision' ? retentionOutcomeLabel(null) : retentionOutcomeLabel(f));

/** "periods.early-help must be 1 or more" → "must be 1 or more": the summary and the field put the label in front. */
const tidy = (i: FieldIssue): FieldIssue => (i.path && i.message.startsWith(`${i.path} `) ? { ...i, message: i.message.slice(i.path.length + 1) } : i);

function draftOf(s: RetentionSchedule): Draft {
  return Object.fromEntries(FIELDS.map((f) => [f, String(f === 'closedWithoutDecision' ? s.closedWithoutDecision : s.periods[f])])) as Draft;
}

/** The schedule the draft describes (numbers as typed: the shared schema judges them). */
function scheduleOf(draft: Draft, base: RetentionSchedule): Omit<RetentionSchedule, 'version'> {
  const n = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  return {
    unit: base.unit,
    periods: Object.fromEntries(DECISION_OUTCOMES.map((o) => [o, n(draft[o])])) as RetentionSchedule['periods'],
    closedWithoutDecision: n(draft.closedWithoutDecision),
  };
}

export function RetentionScheduleSection() {
  const [schedule, setSchedule] = useState<RetentionSchedule | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [loadError, setLoadError] = useState('');

  const load = () =>
    api.retentionSchedule().then(
      (s) => (setSchedule(s), setDraft(draftOf(s)), setIssues([])),
      (e: unknown) => setLoadError(e instanceof ApiRequestError ? e.error.message : 'The retention schedule could not be loaded.'),
    );
  useEffect(() => void load(), []);

  if (!schedule || !draft) {
    return (
      <section aria-labelledby={`${P}-title`} className="policy-section">
        <h2 id={`${P}-title`}>Retention schedule</h2>
        {loadError ? <p className="field-error">{loadError}</p> : <p role="status">Loading…</p>}
      </section>
    );
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const candidate = scheduleOf(draft!, schedule!);
    const local = RetentionScheduleSchema.safeParse({ ...candidate, version: schedule!.version + 1 });
    if (!local.success) {
      setIssues(issuesFromZod(local.error).map(tidy));
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      const next = await api.replaceRetentionSchedule(schedule!.version, candidate);
      setSchedule(next);
      setDraft(draftOf(next));
      setIssues([]);
      setSaved(`Retention schedule saved (version ${next.version}). Cases closed from now are reviewed under it.`);
    } catch (error) {
      const apiError = error instanceof ApiRequestError ? error.error : { message: 'The schedule could not be saved; try again.', issues: undefined };
      setIssues(apiError.issues?.length ? apiError.issues.map(tidy) : [{ path: '', message: apiError.message }]);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  const unit = schedule.unit === 'seconds' ? 'seconds' : 'days';
  const labels = Object.fromEntries(FIELDS.map((f) => [pathOf(f), labelOf(f)]));
  return (
    <section aria-labelledby={`${P}-title`} className="policy-section">
      <h2 id={`${P}-title`}>Retention schedule</h2>
      <p className="hint">
        How long after a case closes it is reviewed, by the outcome of its latest decision. At the review a MASH manager keeps the case (with a reason and the next review date) or erases it. A change
        applies to cases closed from then on. Version {schedule.version}.
      </p>
      {schedule.unit === 'seconds' ? <p className="notice notice--pending">This schedule counts seconds: a test schedule, not for real records.</p> : null}
      <form className="form retention-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${P}-title`}>
        <ErrorSummary prefix={P} issues={issues} labels={labels} focusKey={focusKey} />
        {FIELDS.map((f) => {
          const path = pathOf(f);
          const error =
            issues
              .filter((i) => i.path === path)
              .map((i) => i.message)
              .join('; ') || undefined;
          const current = Number(draft[f]);
          return (
            <TextField
              key={f}
              id={fieldId(P, path)}
              label={`${labelOf(f)} (${unit})`}
              hint={Number.isInteger(current) && current > 0 ? describeRetentionPeriod(current, schedule.unit) : `A whole number of ${unit}, 1 to ${MAX_RETENTION_DAYS.toLocaleString('en-GB')}`}
              inputMode="numeric"
              width="short"
              value={draft[f]}
              error={error}
              onChange={(v) => {
                setSaved('');
                setDraft({ ...draft, [f]: v });
              }}
            />
          );
        })}
        <div role="status" className={saved ? 'notice notice--success' : 'visually-hidden'}>
          {saved}
        </div>
        <FormActions submit="Save retention schedule" busy={busy} busyText="Saving…" />
      </form>
    </section>
  );
}
