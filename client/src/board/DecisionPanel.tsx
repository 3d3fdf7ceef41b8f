/**
 * The board's "Decision" panel: the contact decision as its parts (outcome, threshold, rationale,
 * information relied on and awaited, next step), the form a duty lead or MASH manager records it
 * with, and feedback to the referrer: when it is due, and how and when it was given (both forms
 * load when first needed: MeetingForms.tsx, FeedbackForm.tsx).
 */
import { useEffect, useState } from 'react';
import { agencyName, DECISION_OUTCOME_LABELS, FEEDBACK_DEADLINE_ID, FEEDBACK_METHOD_LABELS, formatUkDateTime, mayDo, referrerCanBeTold, type CaseDecision, type CaseSummary } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { newCommandId } from '../data/live.ts';
import { Countdown } from '../components/Countdown.tsx';
import { useFocusLater } from '../forms/focus.ts';
import { lazyForm, usePreloadedForm } from '../forms/lazyForm.tsx';
import { decisionForm } from './LazyMeetingForms.ts';

const feedbackForm = lazyForm(() => import('./FeedbackForm.tsx').then((m) => m.FeedbackForm));

const agencies = (ids: string[] | undefined) => (ids && ids.length ? ids.map(agencyName).join(', ') : 'None named');

function SignOff({ summary, decision }: { summary: CaseSummary; decision: CaseDecision }) {
  const { client } = useSession();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (decision.signedOff) {
    return (
      <p className="decision-signoff">
        Signed off by {decision.signedOff.by.name}, {formatUkDateTime(new Date(decision.signedOff.at))}
      </p>
    );
  }
  const may = mayDo(client.user.role, 'decision.sign-off');
  async function signOff() {
    setBusy(true);
    setError('');
    const outcome = await client.send(
      'decision.sign-off',
      { commandId: newCommandId(), caseId: summary.id, decisionId: decision.id },
      { label: `Sign-off on ${summary.reference}`, caseId: summary.id },
    );
    setBusy(false);
    if (outcome.status === 'error') setError(outcome.error.message);
  }
  return (
    <div className="decision-signoff">
      <p>Not signed off by a MASH manager.</p>
      {error ? <p className="field-error">{error}</p> : null}
      {may ? (
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void signOff()}>
          Sign off this decision
        </button>
      ) : null}
    </div>
  );
}

function DecisionRecord({ decision, latest }: { decision: CaseDecision; latest: boolean }) {
  return (
    <article className={`decision-record${latest ? '' : ' decision-record--earlier'}`} aria-label={`Decision recorded ${formatUkDateTime(new Date(decision.recordedAt))}`}>
      <h3 className="heading-s decision-record__outcome">{DECISION_OUTCOME_LABELS[decision.outcome]}</h3>
      <dl className="decision-parts">
        <div>
          <dt>Threshold</dt>
          <dd>{decision.threshold}</dd>
        </div>
        <div>
          <dt>Rationale</dt>
          <dd className="prewrap">{decision.rationale}</dd>
        </div>
        <div>
          <dt>Information it rests on</dt>
          <dd>{agencies(decision.informationFrom)}</dd>
        </div>
        <div>
          <dt>Still awaited</dt>
          <dd>{agencies(decision.informationAwaited)}</dd>
        </div>
        <div>
          <dt>Next step</dt>
          <dd>
            {decision.nextStep
              ? `${decision.nextStep.title} – ${decision.nextStep.owner.name} (${agencyName(decision.nextStep.owner.agency)}), due ${formatUkDateTime(new Date(decision.nextStep.dueAt))}`
              : 'None set'}
          </dd>
        </div>
        {decision.agreedBy.length ? (
          <div>
            <dt>Agreed by</dt>
            <dd>{decision.agreedBy.join('; ')}</dd>
          </div>
        ) : null}
        {decision.dissent.length ? (
          <div>
            <dt>Dissent</dt>
            <dd>
              <ul className="plain-list">
                {decision.dissent.map((x, i) => (
                  <li key={i}>
                    {x.name} ({agencyName(x.agency)}): {x.view}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Recorded</dt>
          <dd>
            {decision.recordedBy.name} ({agencyName(decision.recordedBy.agency)}), {formatUkDateTime(new Date(decision.recordedAt))}
            {decision.meetingId ? ', in a meeting' : ''}
          </dd>
        </div>
      </dl>
    </article>
  );
}

export function DecisionPanel({ summary }: { summary: CaseSummary }) {
  const { client } = useSession();
  const [open, setOpen] = useState<'decision' | 'feedback' | null>(null);
  usePreloadedForm(decisionForm);
  usePreloadedForm(feedbackForm);
  const [message, setMessage] = useState('');
  const { ref: recordButton, focusLater: focusRecord } = useFocusLater<HTMLButtonElement>();
  const { ref: feedbackButton, focusLater: focusFeedback } = useFocusLater<HTMLButtonElement>();
  const [settingsRequireSignOff, setRequireSignOff] = useState(false);
  useEffect(() => {
    client.decisionSettings().then(
      (s) => setRequireSignOff(s.signOffRequired),
      () => setRequireSignOff(false),
    );
  }, [client]);
  const closed = summary.status === 'closed';
  const decisions = [...summary.decisions].reverse();
  const feedbackDue = summary.deadlines.find((d) => d.id === FEEDBACK_DEADLINE_ID && d.state === 'open') ?? null;
  const given = summary.referrerFeedback ?? [];
  const mayDecide = mayDo(client.user.role, 'decision.record') && !closed;
  const mayTell = mayDo(client.user.role, 'referrer-feedback.record') && summary.decisions.length > 0 && referrerCanBeTold(summary);
  const done = (focus: () => void) => (m: string) => {
    setOpen(null);
    setMessage(m);
    focus();
  };

  return (
    <section className="panel decision-panel" aria-labelledby="decision-title">
      <div className="panel__head">
        <h2 id="decision-title" className="panel__title">
          Decision
        </h2>
        {mayDecide && open !== 'decision' ? (
          <button ref={recordButton} type="button" className={summary.decisions.length ? 'button button--secondary' : 'button'} onClick={() => (setMessage(''), setOpen('decision'))}>
            {summary.decisions.length ? 'Record a new decision' : 'Record the decision'}
          </button>
        ) : null}
      </div>
      <div role="status" className={message ? 'notice notice--success' : 'visually-hidden'}>
        {message}
      </div>
      {open === 'decision' ? <decisionForm.Form summary={summary} agreedDefault={[]} onDone={done(focusRecord)} onCancel={() => (setOpen(null), focusRecord())} /> : null}
      {decisions.length ? decisions.map((d, i) => <DecisionRecord key={d.id} decision={d} latest={i === 0} />) : <p className="muted">No decision yet.</p>}
      {decisions[0] && (decisions[0].signedOff || settingsRequireSignOff) ? <SignOff summary={summary} decision={decisions[0]} /> : null}

      <h3 className="heading-s">Feedback to the referrer</h3>
      {!referrerCanBeTold(summary) ? (
        <p className="muted">The referrer is anonymous: no feedback is due.</p>
      ) : feedbackDue ? (
        <p className="feedback-due">
          <span className="deadline-label">Tell the referrer the outcome by</span> <Countdown dueAt={feedbackDue.dueAt} />
        </p>
      ) : summary.decisions.length === 0 ? (
        <p className="muted">Due once the decision is recorded.</p>
      ) : null}
      {given.length ? (
        <ul className="plain-list feedback-list">
          {given.map((f, i) => (
            <li key={i}>
              <strong>{FEEDBACK_METHOD_LABELS[f.method]}</strong>, {formatUkDateTime(new Date(f.givenAt))}, by {f.recordedBy.name} ({agencyName(f.recordedBy.agency)})
              {f.note ? <span className="prewrap">: {f.note}</span> : null}
            </li>
          ))}
        </ul>
      ) : summary.decisions.length && referrerCanBeTold(summary) ? (
        <p className="muted">Not given yet.</p>
      ) : null}
      {open === 'feedback' ? (
        <feedbackForm.Form summary={summary} onDone={done(focusFeedback)} onCancel={() => (setOpen(null), focusFeedback())} />
      ) : mayTell ? (
        <button ref={feedbackButton} type="button" className="button button--secondary" onClick={() => (setMessage(''), setOpen('feedback'))}>
          Record feedback to the referrer
        </button>
      ) : null}
    </section>
  );
}
