/**
 * The buttons that export a document (a share pack, minutes, who saw a case, an access report): one
 * button per format, all disabled while one runs, the running one saying so, and the outcome
 * announced (a status for the file, an alert for a refusal). The server records every export;
 * the message says where.
 */
import { useState } from 'react';
import { ApiRequestError } from '../data/api.ts';
import { saveFile, type DownloadedFile } from '../data/screensApi.ts';

/** Save an exported file; says what was saved. */
export async function saveDownload(file: Promise<DownloadedFile>): Promise<string> {
  const f = await file;
  saveFile(f);
  return `Downloaded ${f.filename}.`;
}

/**
 * Open an exported printable page (HTML laid out as the PDF, whose print is the same document)
 * in a new tab. The tab is opened at once, before the wait, so it is not blocked as a pop-up;
 * it gets the page when it arrives.
 */
export async function openPrintable(file: () => Promise<DownloadedFile>): Promise<string> {
  const tab = window.open('', '_blank');
  try {
    const f = await file();
    const url = URL.createObjectURL(new Blob([f.blob], { type: 'text/html' }));
    if (tab) tab.location.href = url;
    else window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 120_000);
    return 'The printable page opened in a new tab.';
  } catch (e) {
    tab?.close();
    throw e;
  }
}

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

export function DownloadButtons({
  actions,
  of,
  recorded,
  hint,
  className,
}: {
  actions: DownloadAction[];
  /** For screen readers after each label: "of the share pack". */ of: string;
  /** "on the case", "in the audit log". */ recorded: string;
  hint?: string;
  className?: string;
}) {
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
