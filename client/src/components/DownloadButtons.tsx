/**
 * The buttons that export a document (a share pack, who saw a case, an access report): one
 * button per format, all disabled while one runs, the running one saying so, and the outcome
 * announced (a status for the file, an alert for a refusal). The server records every export;
 * the message says where.
 */
import { useState } from 'react';
import { ApiRequestError } from '../data/api.ts';

export interface DownloadAction {
  key: string;
  /** "Download PDF", "Open printable page". */
  label: string;
  /** While it runs: "Exporting…" unless said. */
  busyLabel?: string;
  /** It opens a new tab (said to screen readers). */
  newTab?: boolean;
  /** Does the export (save the file, open the tab) and answers what happened: "Downloaded x.pdf." */
  run: () => Promise<string>;
}

export function DownloadButtons({ actions, of, recorded, hint, className }: { actions: DownloadAction[]; /** For screen readers after each label: "of the share pack". */ of: string; /** "on the case", "in the audit log". */ recorded: string; hint?: string; className?: string }) {
  const [busy, setBusy] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  async function start(action: DownloadAction) {
    setBusy(action.key);
    setMessage('');
    setError('');
    try {
      setMessage(`${await action.run()} This export is recorded ${recorded}.`);
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.error.message : 'The export failed.');
    } finally {
      setBusy('');
    }
  }
  return (
    <div className={className}>
      {hint ? <p className="hint">{hint}</p> : null}
      <div className="button-group button-group--tight">
        {actions.map((a) => (
          <button key={a.key} type="button" className="button button--secondary button--small" disabled={busy !== ''} onClick={() => void start(a)}>
            {busy === a.key ? (a.busyLabel ?? 'Exporting…') : a.label}
            <span className="visually-hidden">
              {' '}
              {of}
              {a.newTab ? ' (new tab)' : ''}
            </span>
          </button>
        ))}
      </div>
      <p role="status" className={message ? 'notice notice--success notice--small' : 'visually-hidden'}>
        {message}
      </p>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
