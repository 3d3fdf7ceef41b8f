/**
 * The duty lead's dashboard: open cases, overdue first, then contacts not yet rated, then by time
 * left to the next deadline; each with its decision deadline beside the rating.
 * Rows change live (cases.changed) and say so briefly; only the countdown cells tick.
 */
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { AGENCIES, CASE_STATUS_LABELS, CASE_STATUSES, formatUkDateTime, RATING_LABELS, RATINGS } from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { dashboardRows, filterRows, filtersFromQuery, filtersToQuery, NO_FILTERS, nextOverdueAt, overdueCaseIds, waitingOnText, type DashboardFilters, type DashboardRow } from '../data/dashboard.ts';
import { londonToday } from '../data/time.ts';
import { hashQuery, hrefFor, replaceHashQuery } from '../router.ts';
import { CaseListHeading } from '../components/CaseListHeading.tsx';
import { RatingBadge, StatusBadge } from '../components/Badges.tsx';
import { NextDeadline } from '../components/NextDeadline.tsx';
import { DecisionDue } from '../components/DecisionDue.tsx';
import { useClockReading } from '../data/clock.ts';
import { SelectField } from '../forms/fields.tsx';
import { ChildrenList } from '../components/ChildrenList.tsx';

const RATING_OPTIONS = [...RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] })), { value: 'none', label: 'Not rated' }];
/** Read when rendered: the agency list can change while the page is open. */
const agencyOptions = () => AGENCIES.map((a) => ({ value: a.id, label: a.name }));
const STATUS_OPTIONS = CASE_STATUSES.filter((s) => s !== 'closed').map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }));

// Props are the case and its next deadline, not the row object, so rows rebuilt by a re-sort or a
// change to another case do not re-render.
const Row = memo(function Row({ summary: c, next, changed, today }: DashboardRow & { changed: boolean; today: string }) {
  const waiting = waitingOnText(c);
  return (
    <tr className={changed ? 'row--changed' : undefined}>
      <th scope="row">
        <a href={hrefFor({ page: 'case', caseId: c.id })} className="case-link">
          {c.reference}
        </a>
        {changed ? <span className="changed-flag">Updated</span> : null}
      </th>
      <td data-label="Children">
        <ChildrenList list={c.children} today={today} />
      </td>
      <td data-label="Rating">
        <RatingBadge rating={c.rating?.value} />
      </td>
      <td data-label="Decision" className="cell-decision">
        <DecisionDue summary={c} />
      </td>
      <td data-label="Received">{formatUkDateTime(new Date(c.receivedAt))}</td>
      <td data-label="Next deadline" className="cell-deadline">
        <NextDeadline next={next} />
      </td>
      <td data-label="Waiting on">
        {waiting.length ? (
          <ul className="plain-list">
            {waiting.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">No one</span>
        )}
      </td>
      <td data-label="Lead">{c.lead ? c.lead.name : <span className="muted">No lead yet</span>}</td>
      <td data-label="Status">
        <StatusBadge status={c.status} />
      </td>
    </tr>
  );
});

/** The dashboard's order is read again only when a case's list or the set of overdue ones changes. */
const sameOrder = (a: { caseList: unknown; overdue: string }, b: { caseList: unknown; overdue: string }) => a.caseList === b.caseList && a.overdue === b.overdue;

export function DashboardPage() {
  const { client } = useSession();
  const live = useLive();
  const [filters, setFilters] = useState<DashboardFilters>(() => filtersFromQuery(hashQuery()));
  useEffect(() => {
    document.title = 'Dashboard – Mashboard';
    client.watchCases();
  }, [client]);
  useEffect(() => replaceHashQuery(filtersToQuery(filters)), [filters]);

  // Re-sorted as deadlines pass (an overdue case moves to the top without a change to it). The
  // order changes with time only then, so the page is read and re-rendered just after a deadline
  // passes, never in between: the countdown cells tick on their own.
  const caseList = live.caseList;
  const readOrder = useCallback((now: number) => ({ shown: { caseList, now, overdue: overdueCaseIds(caseList ?? [], now) }, changesAt: nextOverdueAt(caseList ?? [], now) }), [caseList]);
  const sortedAt = useClockReading(readOrder, sameOrder).now;
  const all = useMemo(() => dashboardRows(caseList ?? [], sortedAt), [caseList, sortedAt]);
  const rows = useMemo(() => filterRows(all, filters), [all, filters]);
  const today = londonToday();
  const filtered = filters.rating || filters.agency || filters.status;
  const change = (patch: Partial<DashboardFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const clear = () => {
    setFilters(NO_FILTERS);
    requestAnimationFrame(() => document.getElementById('filter-rating')?.focus());
  };

  return (
    <>
      <CaseListHeading title="Dashboard" />
      <form className="filters" aria-labelledby="filters-title" onSubmit={(e) => e.preventDefault()}>
        <h2 id="filters-title" className="visually-hidden">
          Filter the cases
        </h2>
        <SelectField
          id="filter-rating"
          label="Rating"
          value={filters.rating}
          placeholder="All ratings"
          options={RATING_OPTIONS}
          onChange={(v) => change({ rating: v as DashboardFilters['rating'] })}
        />
        <SelectField id="filter-agency" label="Waiting on agency" value={filters.agency} placeholder="Any agency" options={agencyOptions()} onChange={(agency) => change({ agency })} />
        <SelectField
          id="filter-status"
          label="Status"
          value={filters.status}
          placeholder="All open statuses"
          options={STATUS_OPTIONS}
          onChange={(v) => change({ status: v as DashboardFilters['status'] })}
        />
        {filtered ? (
          <button type="button" className="button button--secondary filters__clear" onClick={clear}>
            Clear filters
          </button>
        ) : null}
      </form>
      {live.caseListError && !live.caseList ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The cases could not be loaded</h2>
          <p>{live.caseListError.message}</p>
        </div>
      ) : null}
      <p role="status" className="filters__count">
        {live.caseList === null ? (live.caseListError ? '' : 'Loading cases…') : filtered ? `Showing ${rows.length} of ${all.length} open ${all.length === 1 ? 'case' : 'cases'}.` : ''}
      </p>
      {live.caseList !== null && all.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No open cases</p>
          <p>New contacts appear here as soon as anyone opens them.</p>
        </div>
      ) : live.caseList !== null && rows.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No open cases match these filters</p>
          <button type="button" className="button button--secondary" onClick={clear}>
            Clear filters
          </button>
        </div>
      ) : live.caseList !== null ? (
        <div className="table-wrap" role="region" aria-labelledby="dashboard-caption" tabIndex={0}>
          <table className="table dashboard-table">
            <caption id="dashboard-caption" className="table__caption">
              {rows.length} open {rows.length === 1 ? 'case' : 'cases'}: overdue first, then contacts not yet rated, then by time left to the next deadline. Updates live.
            </caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Children</th>
                <th scope="col">Rating</th>
                <th scope="col">Decision</th>
                <th scope="col">Received</th>
                <th scope="col">Next deadline</th>
                <th scope="col">Waiting on</th>
                <th scope="col">Lead</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row key={row.summary.id} summary={row.summary} next={row.next} changed={live.changedCases[row.summary.id] !== undefined} today={today} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
