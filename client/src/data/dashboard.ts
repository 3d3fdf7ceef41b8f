/** The duty lead's dashboard, as pure functions: which cases, in what order, filtered how, waiting on whom. */
import {
  agencyName,
  awaitedAgencies,
  CASE_STATUSES,
  nextDeadline,
  RATINGS,
  type CaseStatus,
  type CaseSummary,
  type Deadline,
  type Rating,
} from '@mashboard/shared';

export interface DashboardFilters {
  /** A rating, "none" (not rated), or "" for all. */
  rating: Rating | 'none' | '';
  /** An agency id the case is waiting on, or "" for all. */
  agency: string;
  status: CaseStatus | '';
}

export const NO_FILTERS: DashboardFilters = { rating: '', agency: '', status: '' };

export interface DashboardRow {
  summary: CaseSummary;
  next: Deadline | null;
}

/**
 * Open (not closed) cases with their next open deadline, in the order a duty lead works them:
 * cases with an overdue deadline first (most overdue first), then contacts not yet rated or
 * decided (their clocks from receipt run), then the rest; within each, soonest due first, and
 * cases with no open deadline last.
 */
export function dashboardRows(cases: readonly CaseSummary[], now = Date.now()): DashboardRow[] {
  const rank = (row: DashboardRow) => (isOverdue(row.next, now) ? 0 : !row.summary.rating && row.summary.decisions.length === 0 ? 1 : 2);
  return cases
    .filter((c) => c.status !== 'closed')
    .map((summary) => ({ summary, next: nextDeadline(summary.deadlines) }))
    .sort((a, b) => {
      const byRank = rank(a) - rank(b);
      if (byRank !== 0) return byRank;
      if (a.next && b.next) {
        const byDue = Date.parse(a.next.dueAt) - Date.parse(b.next.dueAt);
        if (byDue !== 0) return byDue;
      } else if (a.next) return -1;
      else if (b.next) return 1;
      return a.summary.receivedAt.localeCompare(b.summary.receivedAt) || a.summary.reference.localeCompare(b.summary.reference);
    });
}

/** The open cases whose next deadline has passed, as one string ("id id …"): it changes only when one passes. */
export function overdueCaseIds(cases: readonly CaseSummary[], now: number): string {
  return cases
    .filter((c) => c.status !== 'closed' && isOverdue(nextDeadline(c.deadlines), now))
    .map((c) => c.id)
    .join(' ');
}

/** The first moment after `now` at which overdueCaseIds can change: just after the next of the open cases' next deadlines (Infinity: none left). */
export function nextOverdueAt(cases: readonly CaseSummary[], now: number): number {
  let first = Infinity;
  for (const c of cases) {
    const next = c.status === 'closed' ? null : nextDeadline(c.deadlines);
    const passes = next && next.state === 'open' ? Date.parse(next.dueAt) + 1 : Infinity;
    if (passes > now && passes < first) first = passes;
  }
  return first;
}

export function isOverdue(deadline: Pick<Deadline, 'dueAt' | 'state'> | null, now: number): boolean {
  return Boolean(deadline && deadline.state === 'open' && Date.parse(deadline.dueAt) < now);
}

/** Open actions on a case (who must act). */
export function openActions(summary: CaseSummary): Deadline[] {
  return summary.deadlines.filter((d) => d.kind === 'action' && d.state === 'open');
}

/** Agencies the case waits on: those asked for information, then the agencies of open actions' owners. */
export function waitingAgencies(summary: CaseSummary): string[] {
  const ids = new Set(awaitedAgencies(summary.deadlines));
  for (const a of openActions(summary)) if (a.owner?.agency) ids.add(a.owner.agency);
  return [...ids];
}

/** "Awaiting Health, Education", "Action: Priya Patel (Health)"; empty when the case waits on no one. */
export function waitingOnText(summary: CaseSummary): string[] {
  const lines: string[] = [];
  const agencies = awaitedAgencies(summary.deadlines);
  if (agencies.length) lines.push(`Awaiting ${agencies.map(agencyName).join(', ')}`);
  const owners = new Map<string, string>();
  for (const a of openActions(summary)) if (a.owner) owners.set(a.owner.userId, `${a.owner.name} (${agencyName(a.owner.agency)})`);
  if (owners.size) lines.push(`${owners.size === 1 ? 'Action' : 'Actions'}: ${[...owners.values()].join(', ')}`);
  return lines;
}

export function filterRows(rows: readonly DashboardRow[], f: DashboardFilters): DashboardRow[] {
  return rows.filter(({ summary }) => {
    if (f.rating === 'none' && summary.rating) return false;
    if (f.rating && f.rating !== 'none' && summary.rating?.value !== f.rating) return false;
    if (f.status && summary.status !== f.status) return false;
    if (f.agency && !waitingAgencies(summary).includes(f.agency)) return false;
    return true;
  });
}

/** Filters from a query string ("rating=red&agency=health"); unknown values are ignored. */
export function filtersFromQuery(query: string): DashboardFilters {
  const p = new URLSearchParams(query);
  const rating = p.get('rating') ?? '';
  const status = p.get('status') ?? '';
  const agency = p.get('agency') ?? '';
  return {
    rating: rating === 'none' || (RATINGS as readonly string[]).includes(rating) ? (rating as DashboardFilters['rating']) : '',
    status: (CASE_STATUSES as readonly string[]).includes(status) ? (status as CaseStatus) : '',
    agency: /^[a-z-]{1,40}$/.test(agency) ? agency : '',
  };
}

export function filtersToQuery(f: DashboardFilters): string {
  const p = new URLSearchParams();
  if (f.rating) p.set('rating', f.rating);
  if (f.agency) p.set('agency', f.agency);
  if (f.status) p.set('status', f.status);
  return p.toString();
}
