/**
 * Retention on the board of a closed case: when its review falls due, any legal hold, the keep
 * decisions so far; and for MASH managers the three decisions (RetentionForms.tsx, loaded when
 * first needed): keep, set or lift a legal hold, erase.
 */
import { useState, type ReactNode } from 'react';
import { agencyName, formatUkDate, formatUkDateTime, mayDo, type CaseSummary } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { usePast } from '../data/clock.ts';
import { hrefFor } from '../router.ts';
import { useFocusLater } from '../forms/focus.ts';
import { lazyForm, usePreloadedForm } from '../forms/lazyForm.tsx';

type Decision = 'keep' | 'hold' | 'erase';

// One module holds the three forms: the first to load (or the idle prefetch, of the keep form) brings them all.
const forms = () => import('./RetentionForms.tsx');
const keepForm = lazyForm(() => forms().then((m) => m.KeepForm));
const KeepForm = keepForm.Form;
const HoldForm = lazyForm(() => forms().then((m) => m.HoldForm)).Form;
const EraseForm = lazyForm(() => forms().then((m) => m.EraseForm)).Form;

export function RetentionPanel({ summary }: { summary: CaseSummary }) {
  const { client } = useSession();
  const [open, setOpen] = useState<Decision | null>(null);
  const [message, setMessage] = useState('');
  const [erased, setErased] = useState(false);
  const { ref: heading, focusLater } = useFocusLater<HTMLHeadingElement>();
  const manager = mayDo(client.user.role, 'retention.keep'); // keep, hold and erase are a MASH manager's
  const retention = summary.retention;
  const reviewDueMs = retention ? Date.parse(retention.reviewDueAt) : Infinity;
  const due = usePast(reviewDueMs);
  usePreloadedForm(keepForm);
  if (summary.status !== 'closed' && !summary.legalHold) return null;

  const done = (decision: Decision) => (m: string) => {
    setOpen(null);
    setMessage(m);
    if (decision === 'erase' && m.includes('erased')) setErased(true);
    focusLater();
  };
  const toggle = (d: Decision, label: ReactNode) => (
    <button type="button" className="button button--secondary button--small" aria-expanded={open === d} onClick={() => (setMessage(''), setOpen(open === d ? null : d))}>
      {label}
    </button>
  );

  return (
    <section className="panel retention-panel" aria-labelledby={`retention-${summary.id}-title`}>
      <h2 id={`retention-${summary.id}-title`} className="panel__title" tabIndex={-1} ref={heading}>
        Retention
      </h2>
      <div role="status" className={message ? 'notice notice--success' : 'visually-hidden'}>
        {message} {erased ? <a href={hrefFor({ page: 'home' })}>Back to the cases</a> : null}
      </div>
      {erased ? null : (
        <>
          <dl className="facts">
            {retention ? (
              <>
                <dt>Review</dt>
                <dd>
                  {due ? <strong>Review due now</strong> : 'Due'} ({formatUkDateTime(new Date(retention.reviewDueAt))})
                </dd>
              </>
            ) : null}
            <dt>Legal hold</dt>
            <dd>
              {summary.legalHold ? (
                <>
                  <strong>On hold</strong>: “{summary.legalHold.reason}” – {summary.legalHold.by.name} ({agencyName(summary.legalHold.by.agency)}), {formatUkDateTime(new Date(summary.legalHold.at))}
                </>
              ) : (
                'None'
              )}
            </dd>
          </dl>
          {retention?.reviews.length ? (
            <ol className="history__list" aria-label="Keep decisions">
              {retention.reviews.map((r) => (
                <li key={r.at} className="history__item">
                  Kept by {r.by.name}, {formatUkDateTime(new Date(r.at))}: “{r.reason}”; next review {formatUkDate(r.nextReviewOn)}
                </li>
              ))}
            </ol>
          ) : null}
          {manager ? (
            <div className="button-group">
              {summary.status === 'closed' ? toggle('keep', 'Keep') : null}
              {toggle('hold', summary.legalHold ? 'Lift legal hold' : 'Legal hold')}
              {summary.status === 'closed' && !summary.legalHold ? toggle('erase', 'Erase') : null}
            </div>
          ) : null}
          {open === 'keep' ? <KeepForm summary={summary} onDone={done('keep')} /> : null}
          {open === 'hold' ? <HoldForm summary={summary} onDone={done('hold')} /> : null}
          {open === 'erase' ? <EraseForm summary={summary} onDone={done('erase')} /> : null}
        </>
      )}
    </section>
  );
}
