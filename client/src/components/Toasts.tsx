import { useLive, useSession } from '../context.ts';
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
          <div key={t.id} className="toast toast--error">
            <p className="toast__text">
              <strong>Problem: </strong>
              {t.text}
            </p>
            <div className="toast__actions">
              {t.caseId ? (
                <a className="toast__link" href={hrefFor({ page: 'case', caseId: t.caseId })} onClick={() => client.dismissToast(t.id)}>
                  Open the case
                </a>
              ) : null}
              <button type="button" className="button button--secondary button--small" onClick={() => client.dismissToast(t.id)}>
                Dismiss
              </button>
            </div>
          </div>
        ))}
      </div>
      <div role="status" aria-live="polite" className="toasts__group">
        {info.map((t) => (
          <div key={t.id} className="toast toast--info">
            <p className="toast__text">{t.text}</p>
            <div className="toast__actions">
              {t.caseId ? (
                <a className="toast__link" href={hrefFor({ page: 'case', caseId: t.caseId })} onClick={() => client.dismissToast(t.id)}>
                  Open the case
                </a>
              ) : null}
              <button type="button" className="button button--secondary button--small" onClick={() => client.dismissToast(t.id)}>
                Dismiss
              </button>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
