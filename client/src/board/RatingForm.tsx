/** The form that sets or changes the case's rating: loaded when first opened, or when the board is idle (CaseRating). */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatUkDateTime, LIMITS, RATING_LABELS, RATINGS, type CaseSummary, type FieldIssue, type Rating, type TimelinessPolicy } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { draftKey, usePersistentDraft } from '../data/drafts.ts';
import { newCommandId } from '../data/live.ts';
import { formatPolicyHours } from '../data/time.ts';
import { RatingBadge } from '../components/Badges.tsx';
import { ErrorSummary, fieldId, RadioGroup, TextArea } from '../forms/fields.tsx';
import { requireText, useCommandForm } from '../forms/useCommandForm.ts';
import { FormActions } from '../forms/FormActions.tsx';

const RATING_GUIDANCE = 'Changing a rating needs a written reason; it is reviewed as information arrives.';

function ratingHint(policy: TimelinessPolicy | null, r: Rating): string | undefined {
  if (!policy) return undefined;
  const rule = policy.ratings[r];
  if (rule.decisionWithinHours === null) return 'No decision target';
  return `Decision within ${formatPolicyHours(rule.decisionWithinHours, rule.basis === 'working' ? 'working hours' : 'hours')} of receipt`;
}

export function RatingForm({ summary, onDone, onCancel }: { summary: CaseSummary; onDone: (m: string) => void; onCancel: () => void }) {
  const { client } = useSession();
  const prefix = `rating-${summary.id}`;
  const { draft, update, reset } = usePersistentDraft<{ rating: Rating | ''; reason: string }>(draftKey(client.user.userId, summary.id, 'rating'), () => ({ rating: '', reason: '' }));
  // The version the person decided on: a change since is a conflict they must see.
  const [baseVersion, setBaseVersion] = useState(summary.version);
  const [conflict, setConflict] = useState(false);
  const [policy, setPolicy] = useState<TimelinessPolicy | null>(null);
  const form = useCommandForm();
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    first.current?.querySelector<HTMLElement>('input')?.focus();
    client.policy().then(setPolicy, () => setPolicy(null));
  }, [client]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: FieldIssue[] = [];
    if (!draft.rating) local.push({ path: 'rating', message: 'choose a rating' });
    else if (summary.rating?.value === draft.rating) local.push({ path: 'rating', message: `the case is already rated ${RATING_LABELS[draft.rating]}: choose another rating, or cancel` });
    requireText(local, 'reason', draft.reason, 'give the reason for this rating', LIMITS.mediumText);
    setConflict(false);
    const outcome = await form.submit(
      local,
      'rating.set',
      () => ({ commandId: newCommandId(), caseId: summary.id, expectedVersion: baseVersion, rating: draft.rating as Rating, reason: draft.reason.trim() }),
      { label: `Rating ${RATING_LABELS[draft.rating as Rating] ?? ''}`, caseId: summary.id },
    );
    if (!outcome) return;
    if (outcome.status === 'error') {
      if (outcome.error.code === 'conflict') {
        setConflict(true);
        form.setIssues([{ path: '', message: 'Someone changed the case while you were deciding. Check its current rating below, then send yours again if it still stands.' }]);
        setBaseVersion(summary.version); // what they now see; sending again decides on it
      }
      return;
    }
    const label = RATING_LABELS[draft.rating as Rating];
    reset();
    onDone(outcome.status === 'ok' ? `Rated ${label}.` : `Rating ${label} saved on this device – waiting to send.`);
  }

  const changing = Boolean(summary.rating);
  return (
    <form className="form entry-form rating-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`} className="heading-s">
        {changing ? 'Change the rating' : 'Set the rating'}
      </h2>
      <p className="hint">{RATING_GUIDANCE}</p>
      <ErrorSummary prefix={prefix} issues={form.issues} labels={{ rating: 'Rating', reason: 'Reason' }} focusKey={form.focusKey} />
      {conflict ? (
        <div className="notice notice--pending" role="status">
          <p>
            <strong>Current rating:</strong> the case is{' '}
            {summary.rating ? (
              <>
                rated <RatingBadge rating={summary.rating.value} /> by {summary.rating.setBy.name}, {formatUkDateTime(new Date(summary.rating.setAt))}: “{summary.rating.reason}”
              </>
            ) : (
              'not rated'
            )}
            .
          </p>
        </div>
      ) : null}
      <div ref={first}>
        <RadioGroup<Rating>
          id={fieldId(prefix, 'rating')}
          name={`${prefix}-rating`}
          legend="Rating"
          value={draft.rating}
          onChange={(rating) => {
            form.clearIssues();
            update({ rating });
          }}
          error={form.err('rating')}
          options={RATINGS.map((r) => {
            const hint = ratingHint(policy, r);
            return {
              value: r,
              label: (
                <>
                  <RatingBadge rating={r} />
                  {summary.rating?.value === r ? ' (current)' : ''}
                </>
              ),
              ...(hint ? { hint } : {}),
            };
          })}
        />
      </div>
      <TextArea
        id={fieldId(prefix, 'reason')}
        label="Reason for this rating"
        hint="What makes it this urgent, in a sentence or two"
        rows={3}
        value={draft.reason}
        onChange={(reason) => {
          form.clearIssues();
          update({ reason });
        }}
        error={form.err('reason')}
      />
      <FormActions
        submit={changing ? 'Change rating' : 'Set rating'}
        busy={form.busy}
        busyText="Sending…"
        secondary={{
          label: 'Cancel',
          onClick: () => {
            reset();
            onCancel();
          },
        }}
      />
    </form>
  );
}
