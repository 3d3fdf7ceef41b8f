/** The case's RAG rating on the board: badge, reason, who set it, its history, and the form to set or change it (RatingForm.tsx, loaded when first needed). */
import { useEffect, useState } from 'react';
import { agencyName, formatUkDateTime, RATING_LABELS, type CaseEvent, type CaseSummary } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { api } from '../data/api.ts';
import { DECISION_MAKERS } from '../data/roles.ts';
import { RatingBadge } from '../components/Badges.tsx';
import { useFocusLater } from '../forms/focus.ts';
import { lazyForm, usePreloadedForm } from '../forms/lazyForm.tsx';

const ratingForm = lazyForm(() => import('./RatingForm.tsx').then((m) => m.RatingForm));

type RatingSet = Extract<CaseEvent, { type: 'rating.set' }>;

/** Every rating.set event of the case, oldest first (read page by page from the case's events). */
async function loadRatingHistory(caseId: string): Promise<RatingSet[]> {
  const found: RatingSet[] = [];
  let after: string | undefined;
  for (let page = 0; page < 100; page++) {
    const { events, more } = await api.caseEvents(caseId, after);
    for (const e of events) if (e.type === 'rating.set') found.push(e);
    if (!more || !events.length) break;
    after = events[events.length - 1]!.id;
  }
  return found;
}

function RatingHistory({ summary }: { summary: CaseSummary }) {
  const [open, setOpen] = useState(false);
  const [history, setHistory] = useState<RatingSet[] | null>(null);
  const [error, setError] = useState('');
  const setAt = summary.rating?.setAt;
  useEffect(() => {
    if (!open) return;
    let live = true;
    loadRatingHistory(summary.id)
      .then((h) => live && (setHistory(h), setError('')))
      .catch(() => live && setError('The rating history could not be loaded. Close and open it again to retry.'));
    return () => {
      live = false;
    };
  }, [open, summary.id, setAt]);
  return (
    <details className="history rating-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Rating history</summary>
      {error ? <p className="field-error">{error}</p> : null}
      {!history && !error ? <p role="status">Loading…</p> : null}
      {history && history.length === 0 ? <p>Not rated yet.</p> : null}
      {history && history.length ? (
        <ol className="history__list" reversed>
          {[...history].reverse().map((e) => (
            <li key={e.id} className="history__item">
              <p className="history__head">
                <RatingBadge rating={e.data.to} /> {e.data.from ? <>from {RATING_LABELS[e.data.from]}, </> : 'first rating, '}
                {formatUkDateTime(new Date(e.at))} by {e.actor.name} ({agencyName(e.actor.agency)})
              </p>
              <p className="history__reason prewrap">
                <span className="visually-hidden">Reason: </span>
                {e.data.reason}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </details>
  );
}

/** The rating block at the top of the board. */
export function CaseRating({ summary }: { summary: CaseSummary }) {
  const { client } = useSession();
  const [formOpen, setFormOpen] = useState(() => false);
  const [message, setMessage] = useState('');
  const { ref: button, focusLater } = useFocusLater<HTMLButtonElement>();
  const canRate = DECISION_MAKERS.has(client.user.role) && summary.status !== 'closed';
  usePreloadedForm(ratingForm);
  const r = summary.rating;
  const close = (m: string) => {
    setFormOpen(false);
    setMessage(m);
    focusLater();
  };
  return (
    <div className="case-rating">
      <h2 className="heading-xs">Rating</h2>
      <div className="case-rating__now">
        <RatingBadge rating={r?.value} />
        {r ? (
          <p className="case-rating__reason">
            <span className="prewrap">“{r.reason}”</span>{' '}
            <span className="muted-strong">
              – {r.setBy.name} ({agencyName(r.setBy.agency)}), {formatUkDateTime(new Date(r.setAt))}
            </span>
          </p>
        ) : (
          <p className="case-rating__reason muted-strong">A duty lead or MASH manager rates the case on receipt.</p>
        )}
        {canRate && !formOpen ? (
          <button
            ref={button}
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setMessage('');
              setFormOpen(true);
            }}
          >
            {r ? 'Change rating' : 'Set rating'}
          </button>
        ) : null}
      </div>
      <div role="status" className={message ? 'notice notice--success notice--small' : 'visually-hidden'}>
        {message}
      </div>
      {formOpen ? <ratingForm.Form summary={summary} onDone={close} onCancel={() => close('')} /> : null}
      <RatingHistory summary={summary} />
    </div>
  );
}
