/** Admin: deadline jobs that failed after their retries (an alert may not have been raised). */
import { useEffect, useState } from 'react';
import { formatUkDateTime } from '@mashboard/shared';
import { api, ApiRequestError, type FailedJob } from '../data/api.ts';

function describeData(data: unknown): string {
  if (data === null || data === undefined) return '';
  if (typeof data !== 'object') return typeof data === 'string' ? data : JSON.stringify(data);
  const d = data as Record<string, unknown>;
  const parts = ['kind', 'caseId', 'deadlineId', 'generation', 'alertId'].filter((k) => d[k] !== undefined).map((k) => `${k}: ${String(d[k])}`);
  return parts.length ? parts.join(', ') : JSON.stringify(data);
}

export function FailedJobsPage() {
  const [jobs, setJobs] = useState<FailedJob[] | null>(null);
  const [error, setError] = useState('');
  // Busy from the first render: the list starts loading as the page opens.
  const [busy, setBusy] = useState(true);
  /** Fetches the list; sets state only when the answer comes (safe to start from an effect). */
  const fetchJobs = () => {
    api
      .failedJobs()
      .then(
        (list) => setJobs([...list].sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))),
        (e: unknown) => setError(e instanceof ApiRequestError ? e.error.message : 'The failed jobs could not be loaded.'),
      )
      .finally(() => setBusy(false));
  };
  const load = () => {
    setBusy(true);
    setError('');
    fetchJobs();
  };
  useEffect(() => {
    document.title = 'Failed jobs – Mashboard';
    fetchJobs();
  }, []);
  return (
    <>
      <div className="page-heading">
        <h1 tabIndex={-1}>Failed jobs</h1>
        <button type="button" className="button button--secondary" onClick={load} disabled={busy}>
          {busy ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      <p className="lead-text">Deadline warnings, breaches and escalations whose job failed after every retry. Each may mean an alert was not raised.</p>
      {error ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The failed jobs could not be loaded</h2>
          <p>{error}</p>
        </div>
      ) : null}
      <p role="status" className="visually-hidden">
        {jobs ? `${jobs.length} failed ${jobs.length === 1 ? 'job' : 'jobs'}.` : ''}
      </p>
      {jobs && jobs.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No failed jobs</p>
        </div>
      ) : jobs ? (
        <div className="table-wrap" role="region" aria-labelledby="jobs-caption" tabIndex={0}>
          <table className="table table--stack jobs-table">
            <caption id="jobs-caption" className="table__caption">
              {jobs.length} failed {jobs.length === 1 ? 'job' : 'jobs'}, most recent first.
            </caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">What</th>
                <th scope="col">Why it failed</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Failed at</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j, i) => (
                <tr key={j.id ?? i}>
                  <th scope="row" className="break">
                    {j.name}
                    <br />
                    <span className="muted-strong small">{j.id}</span>
                  </th>
                  <td className="break" data-label="What">
                    {describeData(j.data)}
                  </td>
                  <td className="break" data-label="Why it failed">
                    {j.failedReason}
                  </td>
                  <td className="num" data-label="Attempts">
                    {j.attemptsMade}
                  </td>
                  <td data-label="Failed at">{j.finishedOn ? formatUkDateTime(new Date(j.finishedOn)) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
