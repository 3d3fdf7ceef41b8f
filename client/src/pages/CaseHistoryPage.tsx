/**
 * Every case the MASH has held, closed ones included, newest received first: filtered by status,
 * outcome, rating, agency and when received, a page at a time ("Show more" asks for the next page
 * from where the last one ended, so paging costs what it shows, never the whole history).
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  activeAgencies,
  agencyName,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  DECISION_OUTCOME_LABELS,
  DECISION_OUTCOMES,
  RATING_LABELS,
  RATINGS,
  type CaseListQuery,
  type CaseSummary,
  type FieldIssue,
} from '@mashboard/shared';
import { api, ApiRequestError } from '../data/api.ts';
import { formatDateTime, londonToday } from '../data/time.ts';
import { hrefFor } from '../router.ts';
import { RatingBadge, StatusBadge } from '../components/Badges.tsx';
import { ErrorSummary, fieldId, SelectField } from '../forms/fields.tsx';
import { ChildrenList } from '../components/ChildrenList.tsx';
import { DateInput, dateInputIssue } from '../forms/DateInput.tsx';

const P = 'history';
const PAGE_SIZE = 50;

type Filters = { status: string; outcome: string; rating: string; agency: string; receivedFrom: string; receivedTo: string };
const NO_FILTERS: Filters = { status: 'closed', outcome: '', rating: '', agency: '', receivedFrom: '', receivedTo: '' };
const LABELS = { status: 'Status', outcome: 'Outcome', rating: 'Rating', agency: 'Agency', receivedFrom: 'Received from', receivedTo: 'Received to', cursor: 'Page' };

/** The query for these filters: only the ones chosen. */
export function historyQuery(f: Filters, cursor?: string): Partial<Record<keyof CaseListQuery, string>> {
  const q: Partial<Record<keyof CaseListQuery, string>> = { limit: String(PAGE_SIZE) };
  for (const key of ['status', 'outcome', 'rating', 'agency', 'receivedFrom', 'receivedTo'] as const) if (f[key]) q[key] = f[key];
  if (cursor) q.cursor = cursor;
  return q;
}

export function CaseHistoryPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [shown, setShown] = useState<{ filters: Filters; cases: CaseSummary[]; next: string | null } | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  // Busy from the first render: the first page starts loading as the page opens.
  const [busy, setBusy] = useState(true);
  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  async function load(f: Filters, more?: { cases: CaseSummary[]; cursor: string }) {
    setBusy(true);
    await fetchPage(f, more);
  }

  /** Fetches a page of cases; sets state only when the answer comes (safe to start from an effect). */
  async function fetchPage(f: Filters, more?: { cases: CaseSummary[]; cursor: string }) {
    try {
      const page = await api.caseHistory(historyQuery(f, more?.cursor));
      setShown({ filters: f, cases: [...(more?.cases ?? []), ...page.cases], next: page.next });
      setIssues([]);
    } catch (e) {
      const error = e instanceof ApiRequestError ? e.error : { code: 'internal' as const, message: 'The cases could not be loaded.' };
      setIssues(error.issues?.length ? error.issues : [{ path: '', message: error.message }]);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    document.title = 'Case history – Mashboard';
    void fetchPage(NO_FILTERS);
  }, []);

  const today = londonToday();
  const error = (path: string) => issues.find((i) => i.path === path)?.message;
  return (
    <>
      <a className="back-link" href={hrefFor({ page: 'cases' })}>
        Open cases
      </a>
      <h1 tabIndex={-1}>Case history</h1>
      <p className="lead-text">Every case the MASH has held, closed ones included, newest received first.</p>
      <ErrorSummary prefix={P} issues={issues} labels={LABELS} focusKey={focusKey} />
      <form
        className="filters"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          // A date typed that is not a real one, in GOV.UK's words, before asking the server.
          const dateIssues = (['receivedFrom', 'receivedTo'] as const).flatMap((key) => {
            const message = dateInputIssue(filters[key], LABELS[key]);
            return message ? [{ path: key, message }] : [];
          });
          if (dateIssues.length) {
            setIssues(dateIssues);
            setFocusKey((k) => k + 1);
            return;
          }
          void load(filters);
        }}
      >
        <SelectField
          id={fieldId(P, 'status')}
          label="Status"
          value={filters.status}
          onChange={set('status')}
          placeholder="Any status"
          options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
          error={error('status')}
        />
        <SelectField
          id={fieldId(P, 'outcome')}
          label="Outcome"
          value={filters.outcome}
          onChange={set('outcome')}
          placeholder="Any outcome"
          options={DECISION_OUTCOMES.map((o) => ({ value: o, label: DECISION_OUTCOME_LABELS[o] }))}
          error={error('outcome')}
        />
        <SelectField
          id={fieldId(P, 'rating')}
          label="Rating"
          value={filters.rating}
          onChange={set('rating')}
          placeholder="Any rating"
          options={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
          error={error('rating')}
        />
        <SelectField
          id={fieldId(P, 'agency')}
          label="Agency involved"
          value={filters.agency}
          onChange={set('agency')}
          placeholder="Any agency"
          options={activeAgencies().map((a) => ({ value: a.id, label: a.name }))}
          error={error('agency')}
        />
        <DateInput id={fieldId(P, 'receivedFrom')} legend="Received from" hint="For example, 1 11 2026" value={filters.receivedFrom} onChange={set('receivedFrom')} error={error('receivedFrom')} />
        <DateInput
          id={fieldId(P, 'receivedTo')}
          legend="Received to (including this day)"
          hint="For example, 30 11 2026"
          value={filters.receivedTo}
          onChange={set('receivedTo')}
          error={error('receivedTo')}
        />
        <button type="submit" className="button filters__clear" disabled={busy}>
          {busy ? 'Finding cases…' : 'Show cases'}
        </button>
      </form>
      <div role="status" className="visually-hidden">
        {shown && !busy ? `${shown.cases.length} ${shown.cases.length === 1 ? 'case' : 'cases'} shown${shown.next ? '; more can be shown' : ''}.` : ''}
      </div>
      {shown === null ? (
        <p role="status">Loading cases…</p>
      ) : shown.cases.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No cases match</p>
          <p>Change the filters and show the cases again.</p>
        </div>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-labelledby="history-caption" tabIndex={0}>
            <table className="table table--stack">
              <caption id="history-caption" className="table__caption">
                {shown.cases.length} {shown.cases.length === 1 ? 'case' : 'cases'}
                {shown.next ? ' so far' : ''}, newest received first.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Children</th>
                  <th scope="col">Received</th>
                  <th scope="col">Status</th>
                  <th scope="col">Rating</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Agencies involved</th>
                </tr>
              </thead>
              <tbody>
                {shown.cases.map((c) => {
                  const outcome = c.decisions.at(-1)?.outcome;
                  return (
                    <tr key={c.id}>
                      <th scope="row">
                        <a href={hrefFor({ page: 'case', caseId: c.id })} className="case-link">
                          {c.reference}
                        </a>
                      </th>
                      <td data-label="Children">
                        <ChildrenList list={c.children} today={today} />
                      </td>
                      <td data-label="Received">{formatDateTime(c.receivedAt)}</td>
                      <td data-label="Status">
                        <StatusBadge status={c.status} />
                      </td>
                      <td data-label="Rating">{c.rating ? <RatingBadge rating={c.rating.value} /> : <span className="muted">Not rated</span>}</td>
                      <td data-label="Outcome">{outcome ? DECISION_OUTCOME_LABELS[outcome] : <span className="muted">No decision</span>}</td>
                      <td data-label="Agencies involved">{[...new Set([c.openedBy.agency, ...c.agenciesContributed])].map(agencyName).join(', ')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {shown.next ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => void load(shown.filters, { cases: shown.cases, cursor: shown.next! })}>
              {busy ? 'Loading…' : `Show ${PAGE_SIZE} more`}
            </button>
          ) : (
            <p className="hint">That is every case that matches.</p>
          )}
        </>
      )}
    </>
  );
}
