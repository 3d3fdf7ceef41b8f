/** Admin: the timeliness policy, per rating and for the working calendar; saved with the version it was edited from. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DEADLINE_BASES, RATING_LABELS, RATINGS, type FieldIssue, type Rating, type TimelinessPolicy } from '@mashboard/shared';
import { api, ApiRequestError } from '../data/api.ts';
import { draftFromPolicy, policyFieldPath, policyFromDraft, policyLabel, tidyIssue, validatePolicyDraft, type PolicyDraft, type RatingDraft } from '../data/policyForm.ts';
import { Checkbox, ErrorSummary, FieldError, fieldId, RadioGroup, TextArea, TextField } from '../forms/fields.tsx';
import { RetentionScheduleSection } from './RetentionScheduleSection.tsx';
import { DecisionSettingsSection } from './DecisionSettingsSection.tsx';
import { FormActions } from '../forms/FormActions.tsx';

const P = 'policy';
/** Issues in the order their fields appear on the page. */
function inFormOrder(issues: FieldIssue[]): FieldIssue[] {
  const position = (i: FieldIssue) => {
    const el = document.getElementById(fieldId(P, policyFieldPath(i.path)));
    if (!el) return Number.MAX_SAFE_INTEGER;
    return [...document.querySelectorAll('.policy-form [id]')].indexOf(el);
  };
  return [...issues].sort((a, b) => position(a) - position(b));
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const BASIS_LABELS: Record<(typeof DEADLINE_BASES)[number], string> = { clock: 'Round the clock', working: 'Office hours only' };

export function PolicyPage() {
  const [policy, setPolicy] = useState<TimelinessPolicy | null>(null);
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [loadError, setLoadError] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const [conflict, setConflict] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);

  /** Fetches the policy; sets state only when the answer comes (safe to start from an effect). */
  const fetchPolicy = () => {
    api.timelinessPolicy().then(
      (p) => {
        setPolicy(p);
        setDraft(draftFromPolicy(p));
        setIssues([]);
        setConflict(false);
      },
      (e: unknown) => setLoadError(e instanceof ApiRequestError ? e.error.message : 'The policy could not be loaded.'),
    );
  };
  const load = () => {
    setLoadError('');
    fetchPolicy();
  };
  useEffect(() => {
    document.title = 'Timeliness policy – Mashboard';
    fetchPolicy();
  }, []);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  if (!draft || !policy) {
    return (
      <>
        <h1 tabIndex={-1} data-loading={loadError ? undefined : ''}>
          Timeliness policy
        </h1>
        {loadError ? (
          <div className="error-summary" role="alert">
            <h2 className="error-summary__title">The policy could not be loaded</h2>
            <p>{loadError}</p>
            <button type="button" className="button button--secondary" onClick={load}>
              Try again
            </button>
          </div>
        ) : (
          <p role="status">Loading…</p>
        )}
      </>
    );
  }

  const err = (path: string) => {
    const found = issues.filter((i) => i.path === path).map((i) => i.message);
    return found.length ? found.join('; ') : undefined;
  };
  const set = (patch: Partial<PolicyDraft>) => {
    setSaved('');
    setDraft({ ...draft, ...patch });
  };
  const setRating = (r: Rating, patch: Partial<RatingDraft>) => set({ ratings: { ...draft.ratings, [r]: { ...draft.ratings[r], ...patch } } });
  const labels = Object.fromEntries(issues.map((i) => [i.path, policyLabel(i.path)]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft || !policy) return;
    setSaved('');
    setConflict(false);
    const local = inFormOrder(validatePolicyDraft(draft, policy.version));
    setIssues(local);
    if (local.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      const next = await api.replaceTimelinessPolicy(policy.version, policyFromDraft(draft));
      setPolicy(next);
      setDraft(draftFromPolicy(next));
      setSaved(`Policy saved: version ${next.version}. New deadlines follow it; deadlines already set keep their times.`);
    } catch (err) {
      const apiError = err instanceof ApiRequestError ? err.error : { code: 'internal' as const, message: 'The policy could not be saved.' };
      if (apiError.code === 'conflict') setConflict(true);
      setIssues(apiError.issues?.length ? inFormOrder(apiError.issues.map(tidyIssue)) : [{ path: '', message: apiError.message }]);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 tabIndex={-1}>Timeliness policy</h1>
      <p className="lead-text">Version {policy.version}. How quickly each rating must be decided and partner agencies must answer, counted from receipt. Changes apply to deadlines set from now on.</p>
      <div ref={savedRef} tabIndex={-1} role="status" className={saved ? 'notice notice--success' : 'visually-hidden'}>
        {saved ? <p>{saved}</p> : null}
      </div>
      <ErrorSummary prefix={P} issues={issues} labels={labels} focusKey={focusKey} targetFor={(path) => fieldId(P, policyFieldPath(path))} />
      {conflict ? (
        <p>
          <button type="button" className="button button--secondary" onClick={load}>
            Load the current policy (your changes are lost)
          </button>
        </p>
      ) : null}
      <form className="form form--wide policy-form" noValidate onSubmit={(e) => void submit(e)}>
        <h2>Ratings</h2>
        <div className="policy-ratings">
          {RATINGS.map((r) => {
            const x = draft.ratings[r];
            const base = `ratings.${r}`;
            const name = RATING_LABELS[r].replace(' (no target)', '');
            return (
              <fieldset key={r} className={`fieldset policy-rating policy-rating--${r}`}>
                <legend className="fieldset__legend fieldset__legend--s">{name}</legend>
                {r !== 'red' ? (
                  <Checkbox id={`${P}-${r}-no-target`} label="No decision target" checked={x.noTarget} onChange={(noTarget) => setRating(r, { noTarget })} />
                ) : (
                  <p className="hint">Red always has a decision target.</p>
                )}
                {!x.noTarget || r === 'red' ? (
                  <TextField
                    id={fieldId(P, `${base}.decisionWithinHours`)}
                    label="Decision within (hours)"
                    width="short"
                    inputMode="decimal"
                    value={x.hours}
                    onChange={(hours) => setRating(r, { hours })}
                    error={err(`${base}.decisionWithinHours`)}
                  />
                ) : null}
                <RadioGroup
                  id={fieldId(P, `${base}.basis`)}
                  name={`${P}-${r}-basis`}
                  legend="Counted"
                  small
                  value={x.basis}
                  onChange={(basis) => setRating(r, { basis })}
                  error={err(`${base}.basis`)}
                  options={DEADLINE_BASES.map((b) => ({ value: b, label: BASIS_LABELS[b] }))}
                />
                <TextField
                  id={fieldId(P, `${base}.warnAtFraction`)}
                  label="Warn at (% of the time)"
                  hint="For example 75"
                  width="short"
                  inputMode="decimal"
                  value={x.warnPercent}
                  onChange={(warnPercent) => setRating(r, { warnPercent })}
                  error={err(`${base}.warnAtFraction`)}
                />
                <Checkbox id={`${P}-${r}-info-no-target`} label="No target for information requests" checked={x.infoNoTarget} onChange={(infoNoTarget) => setRating(r, { infoNoTarget })} />
                {!x.infoNoTarget ? (
                  <TextField
                    id={fieldId(P, `informationRequestWithinHours.${r}`)}
                    label="Information requests answered within (hours)"
                    width="short"
                    inputMode="decimal"
                    value={x.infoHours}
                    onChange={(infoHours) => setRating(r, { infoHours })}
                    error={err(`informationRequestWithinHours.${r}`)}
                  />
                ) : null}
              </fieldset>
            );
          })}
        </div>

        <h2>Clocks from receipt and feedback to the referrer</h2>
        <p className="hint">Every contact gets these clocks the moment it arrives; a rating with a target replaces the decision clock.</p>
        <TextField
          id={fieldId(P, 'decisionFromReceiptWithinWorkingDays')}
          label="Every contact decided within (working days from receipt, until rated)"
          hint="Working Together: 1"
          width="short"
          inputMode="decimal"
          value={draft.decisionDays}
          onChange={(decisionDays) => set({ decisionDays })}
          error={err('decisionFromReceiptWithinWorkingDays')}
        />
        <TextField
          id={fieldId(P, 'initialRatingWithinHours')}
          label="First rating within (hours from receipt)"
          width="short"
          inputMode="decimal"
          value={draft.ratingHours}
          onChange={(ratingHours) => set({ ratingHours })}
          error={err('initialRatingWithinHours')}
        />
        <RadioGroup
          id={fieldId(P, 'initialRatingBasis')}
          name={`${P}-initial-rating-basis`}
          legend="First rating: counted"
          small
          value={draft.ratingBasis}
          onChange={(ratingBasis) => set({ ratingBasis })}
          error={err('initialRatingBasis')}
          options={DEADLINE_BASES.map((b) => ({ value: b, label: BASIS_LABELS[b] }))}
        />
        <TextField
          id={fieldId(P, 'referrerFeedbackWithinWorkingDays')}
          label="Referrer told the outcome within (working days of the decision)"
          width="short"
          inputMode="decimal"
          value={draft.feedbackDays}
          onChange={(feedbackDays) => set({ feedbackDays })}
          error={err('referrerFeedbackWithinWorkingDays')}
        />

        <h2>Strategy discussions and escalation</h2>
        <TextField
          id={fieldId(P, 'strategyDiscussionWithinWorkingDays')}
          label="Strategy discussion held within (working days)"
          width="short"
          inputMode="decimal"
          value={draft.strategyDays}
          onChange={(strategyDays) => set({ strategyDays })}
          error={err('strategyDiscussionWithinWorkingDays')}
        />
        <TextField
          id={fieldId(P, 'escalateUnacknowledgedBreachAfterMinutes')}
          label="Escalate an overdue alert no one has acknowledged after (minutes)"
          hint="It then goes to the MASH managers too"
          width="short"
          inputMode="numeric"
          value={draft.escalateMinutes}
          onChange={(escalateMinutes) => set({ escalateMinutes })}
          error={err('escalateUnacknowledgedBreachAfterMinutes')}
        />

        <h2>Working calendar</h2>
        <p className="hint">Time zone: {draft.timeZone}. Deadlines counted in office hours only run while the office is open.</p>
        <div className="date-time">
          <TextField id={fieldId(P, 'calendar.dayStart')} type="time" label="Office opens" value={draft.dayStart} onChange={(dayStart) => set({ dayStart })} error={err('calendar.dayStart')} />
          <TextField id={fieldId(P, 'calendar.dayEnd')} type="time" label="Office closes" value={draft.dayEnd} onChange={(dayEnd) => set({ dayEnd })} error={err('calendar.dayEnd')} />
        </div>
        <div className={`form-group${err('calendar.workingDays') ? ' form-group--error' : ''}`}>
          <fieldset className="fieldset" aria-describedby={err('calendar.workingDays') ? `${fieldId(P, 'calendar.workingDays')}-error` : undefined}>
            <legend className="fieldset__legend">Working days</legend>
            <FieldError id={`${fieldId(P, 'calendar.workingDays')}-error`} message={err('calendar.workingDays')} />
            <div className="checkboxes checkboxes--inline">
              {WEEKDAYS.map((day, i) => (
                <Checkbox
                  key={day}
                  id={i === 0 ? fieldId(P, 'calendar.workingDays') : `${P}-weekday-${i + 1}`}
                  label={day}
                  checked={draft.workingDays.includes(i + 1)}
                  onChange={(on) => set({ workingDays: on ? [...draft.workingDays, i + 1] : draft.workingDays.filter((d) => d !== i + 1) })}
                />
              ))}
            </div>
          </fieldset>
        </div>
        <TextArea
          id={fieldId(P, 'calendar.bankHolidays')}
          label="Bank holidays"
          hint="One date a line, written YYYY-MM-DD, for example 2026-12-25"
          rows={8}
          value={draft.bankHolidays}
          onChange={(bankHolidays) => set({ bankHolidays })}
          error={err('calendar.bankHolidays')}
        />
        <FormActions submit="Save policy" busy={busy} busyText="Saving…" secondary={{ label: 'Undo my changes', onClick: () => (setSaved(''), setIssues([]), setDraft(draftFromPolicy(policy))) }} />
      </form>
      <DecisionSettingsSection />
      <RetentionScheduleSection />
    </>
  );
}
