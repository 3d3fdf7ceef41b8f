/** #/cases/<id>/sharing: the case's sharing log (live), exports, and the guided decision form. */
import { useEffect, useState } from 'react';
import type { SharingDecision } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { draftKey, loadDraft } from '../data/drafts.ts';
import { draftSuperseding, type SharingDraft } from '../data/sharing.ts';
import { useLiveCase } from '../data/useCase.ts';
import { useFocusLater } from '../forms/focus.ts';
import { hrefFor } from '../router.ts';
import { CaseNav } from '../board/CaseNav.tsx';
import { SharingForm } from '../board/sharing/SharingForm.tsx';
import { SharingLog } from '../board/SharingLog.tsx';
import { DecisionActions } from '../board/sharing/DecisionActions.tsx';

export function SharingPage({ caseId }: { caseId: string }) {
  const { client } = useSession();
  const state = useLiveCase(caseId);
  const view = state?.view ?? null;
  const [form, setForm] = useState<{ key: string; initial?: SharingDraft } | null>(() => (loadDraft(draftKey(client.user.userId, caseId, 'sharing')) ? { key: 'new' } : null));
  const [message, setMessage] = useState('');
  const { ref: newButton, focusLater } = useFocusLater<HTMLButtonElement>();
  const reference = view?.summary.reference;
  useEffect(() => {
    document.title = reference ? `${reference} – sharing decisions – Mashboard` : 'Sharing decisions – Mashboard';
  }, [reference]);

  const back = (
    <p className="back-link-wrap">
      <a className="back-link" href={hrefFor({ page: 'case', caseId })}>
        <span aria-hidden="true">‹ </span>Back to the case board
      </a>
    </p>
  );
  if (!view) {
    return (
      <>
        {back}
        <h1 tabIndex={-1} data-loading={state?.error ? undefined : ''}>
          {state?.error ? 'The case could not be loaded' : 'Sharing decisions'}
        </h1>
        <p role={state?.error ? 'alert' : 'status'}>{state?.error ? state.error.message : 'Loading the case…'}</p>
      </>
    );
  }

  function supersede(d: SharingDecision) {
    setMessage('');
    setForm({ key: `supersede-${d.id}`, initial: draftSuperseding(d) });
    window.scrollTo(0, 0);
  }

  return (
    <>
      {back}
      <h1 tabIndex={-1} className="screen-heading">
        <span className="caption">Case {view.summary.reference} </span>
        Sharing decisions
      </h1>
      <CaseNav caseId={caseId} current="sharing" />
      <p className="visually-hidden" role="status" aria-live="polite">
        {state?.note?.text ?? ''}
      </p>
      <div role="status" className={message ? 'notice notice--success' : 'visually-hidden'}>
        {message}
      </div>
      <div className="sharing-layout">
        <div className="sharing-layout__form">
          {form ? (
            <SharingForm
              key={form.key}
              view={view}
              initial={form.initial}
              onDone={(m) => {
                setForm(null);
                setMessage(m);
                focusLater();
              }}
              onCancel={() => {
                setForm(null);
                focusLater();
              }}
            />
          ) : view.summary.status !== 'closed' ? (
            <button ref={newButton} type="button" className="button" onClick={() => (setMessage(''), setForm({ key: 'new' }))}>
              Record a sharing decision
            </button>
          ) : (
            <p className="muted">The case is closed.</p>
          )}
        </div>
        <section className="sharing-layout__log" aria-labelledby="sharing-log-title">
          <h2 id="sharing-log-title" className="heading-m">
            Sharing log ({view.summary.sharingDecisions.length})
          </h2>
          <p className="hint">Every decision to share or not to share, signed and dated. Records are never edited: a new decision supersedes an earlier one, with a reason.</p>
          <SharingLog summary={view.summary} actions={(d) => <DecisionActions summary={view.summary} decision={d} onSupersede={supersede} />} />
        </section>
      </div>
    </>
  );
}
