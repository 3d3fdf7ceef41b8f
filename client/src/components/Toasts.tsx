import type { ReactNode } from 'react';
import { useLive, useSession } from '../data/session.ts';
import { hrefFor } from '../router.ts';

/** Short messages: info politely, errors assertively. */
export function Toasts() {
  const { client } = useSession();
  const { toasts } = useLive();
  const info = toasts.filter((t) => t.kind === 'info');
  const errors = toasts.filter((t) => t.kind === 'error');
  return (
    <div className="toasts">
      <div role="alert" className="toasts__group">
        {errors.map((t) => (
          <Toast key={t.id} kind="error" caseId={t.caseId} onDismiss={() => client.dismissToast(t.id)}>
            <strong>Problem: </strong>
            {t.text}
          </Toast>
        ))}
      </div>
      <div role="status" aria-live="polite" className="toasts__group">
        {info.map((t) => (
          <Toast key={t.id} kind="info" caseId={t.caseId} onDismiss={() => client.dismissToast(t.id)}>
            {t.text}
          </Toast>
        ))}
      </div>
    </div>
  );
}

/** One toast: its text, a link to its case (if any) and Dismiss; either action dismisses it. */
function Toast({ kind, caseId, onDismiss, children }: { kind: 'info' | 'error'; caseId?: string | undefined; onDismiss: () => void; children: ReactNode }) {
  return (
    <div className={`toast toast--${kind}`}>
      <p className="toast__text">{children}</p>
      <div className="toast__actions">
        {caseId ? (
          <a className="toast__link" href={hrefFor({ page: 'case', caseId })} onClick={onDismiss}>
            Open the case
          </a>
        ) : null}
        <button type="button" className="button button--secondary button--small" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
