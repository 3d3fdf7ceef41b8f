/**
 * The timeliness report: for deadlines started in a period, per rating (triage decisions) and per
 * agency (answers to information requests), how many were met and breached, and the median and
 * 90th-percentile time taken.
 */
import type { CaseSummary, Deadline, TimelinessFigures, TimelinessReport } from '@mashboard/shared';

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function figures(deadlines: Deadline[], now: number): TimelinessFigures {
  let met = 0;
  let breached = 0;
  let pending = 0;
  const hours: number[] = [];
  for (const d of deadlines) {
    const due = Date.parse(d.dueAt);
    if (d.state === 'done' && d.doneAt) {
      const done = Date.parse(d.doneAt);
      hours.push((done - Date.parse(d.startedAt)) / 3_600_000);
      if (done <= due) met += 1;
      else breached += 1;
    } else if (d.state === 'open') {
      if (now > due) breached += 1;
      else pending += 1;
    }
  }
  hours.sort((a, b) => a - b);
  const round = (h: number | null) => (h === null ? null : Math.round(h * 100) / 100);
  return { met, breached, pending, medianHours: round(percentile(hours, 50)), p90Hours: round(percentile(hours, 90)) };
}

function groupBy(deadlines: Deadline[], key: (d: Deadline) => string | undefined): Map<string, Deadline[]> {
  const groups = new Map<string, Deadline[]>();
  for (const d of deadlines) {
    const k = key(d);
    if (k) groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  return groups;
}

export function timelinessReport(cases: CaseSummary[], from: Date, to: Date, now = new Date()): TimelinessReport {
  const inPeriod = cases.flatMap((c) => c.deadlines).filter((d) => d.state !== 'cancelled' && Date.parse(d.startedAt) >= from.getTime() && Date.parse(d.startedAt) < to.getTime());
  // A decision deadline from receipt that was never tightened by a rating counts as `unrated`.
  const byRating = groupBy(
    inPeriod.filter((d) => d.kind === 'triage'),
    (d) => d.rating ?? 'unrated',
  );
  const byAgency = groupBy(
    inPeriod.filter((d) => d.kind === 'information-request'),
    (d) => d.agency,
  );
  const table = (groups: Map<string, Deadline[]>) => Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, ds]) => [k, figures(ds, now.getTime())]));
  return { from: from.toISOString(), to: to.toISOString(), generatedAt: now.toISOString(), byRating: table(byRating), byAgency: table(byAgency) };
}
