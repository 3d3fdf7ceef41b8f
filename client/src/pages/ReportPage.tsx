/** The timeliness report: for deadlines started in a period, met / breached / pending and how long they took, per rating and per agency. */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { agencyName, formatUkDateTime, RATINGS, type FieldIssue } from '@mashboard/shared';
import { api, ApiRequestError, type TimelinessFigures, type TimelinessReport } from '../data/api.ts';
import { formatCalendarDate, londonToday } from '../data/time.ts';
import { RatingBadge } from '../components/Badges.tsx';
import { ErrorSummary, fieldId, issueFor } from '../forms/fields.tsx';
import { DateInput, dateInputIssue } from '../forms/DateInput.tsx';

const P = 'report';

/** YYYY-MM-DD plus n days (calendar arithmetic, no zone). */
export function addDays(ymd: string, n: number): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

/** A duration for the figures: "3.5 h", or minutes under an hour ("under 1 min", never "0 h"). */
const hours = (h: number | null) => {
  if (h === null) return '–';
  if (h >= 1) return `${h.toLocaleString('en-GB', { maximumFractionDigits: 1 })} h`;
  const minutes = Math.round(h * 60);
  return minutes < 1 ? 'under 1 min' : `${minutes} min`;
};

function FiguresTable({ id, caption, rows, head }: { id: string; caption: string; head: string; rows: { key: string; label: ReactNode; f: TimelinessFigures | undefined }[] }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="table table--stack report-table">
        <caption id={`${id}-caption`} className="table__caption">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="num">
              Met
            </th>
            <th scope="col" className="num">
              Breached
            </th>
            <th scope="col" className="num">
              Pending
            </th>
            <th scope="col" className="num">
              Median time
            </th>
            <th scope="col" className="num">
              90th percentile
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, f }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="num" data-label="Met">
                {f?.met ?? 0}
              </td>
              <td className={`num${f?.breached ? ' num--bad' : ''}`} data-label="Breached">
                {f?.breached ?? 0}
              </td>
              <td className="num" data-label="Pending">
                {f?.pending ?? 0}
              </td>
              <td className="num" data-label="Median time">
                {hours(f?.medianHours ?? null)}
              </td>
              <td className="num" data-label="90th percentile">
                {hours(f?.p90Hours ?? null)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportPage() {
  const today = londonToday();
  const [from, setFrom] = useState(() => addDays(today, -29));
  const [to, setTo] = useState(today);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  // Busy from the first render: the default period's report starts loading as the page opens.
  const [busy, setBusy] = useState(true);
  const [report, setReport] = useState<TimelinessReport | null>(null);
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);

  async function run(f: string, t: string) {
    const local: FieldIssue[] = [];
    const fromIssue = f ? dateInputIssue(f, 'From') : 'enter the first day of the period';
    const toIssue = t ? dateInputIssue(t, 'To') : 'enter the last day of the period';
    if (fromIssue) local.push({ path: 'from', message: fromIssue });
    if (toIssue) local.push({ path: 'to', message: toIssue });
    else if (!local.length && t < f) local.push({ path: 'to', message: 'must be on or after the first day' });
    setIssues(local);
    if (local.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    await fetchReport(f, t);
  }

  /** Fetches the report for a valid period; sets state only when the answer comes (safe to start from an effect). */
  async function fetchReport(f: string, t: string) {
    try {
      // The server's period ends before `to`: ask for the day after the last day shown.
      setReport(await api.timelinessReport(f, addDays(t, 1)));
      setPeriod({ from: f, to: t });
    } catch (e) {
      const error = e instanceof ApiRequestError ? e.error : { code: 'internal' as const, message: 'The report could not be made.' };
      setIssues(error.issues?.length ? error.issues : [{ path: '', message: error.message }]);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    document.title = 'Timeliness report – Mashboard';
    void fetchReport(from, to);
    // Once, for the default period (valid, so no checks).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const agencies = report ? Object.keys(report.byAgency) : [];
  const periodText = period ? `${formatCalendarDate(period.from)} to ${formatCalendarDate(period.to)}` : '';
  return (
    <>
      <h1 tabIndex={-1}>Timeliness report</h1>
      <p className="lead-text">Deadlines started in the period: how many were met or breached, how many are still running, and how long they took (UK dates).</p>
      <ErrorSummary prefix={P} issues={issues} labels={{ from: 'From', to: 'To' }} focusKey={focusKey} />
      <form
        className="filters"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void run(from, to);
        }}
      >
        <DateInput id={fieldId(P, 'from')} legend="From" hint="For example, 1 11 2026" value={from} onChange={setFrom} error={issueFor(issues, 'from')} />
        <DateInput id={fieldId(P, 'to')} legend="To (including this day)" hint="For example, 30 11 2026" value={to} onChange={setTo} error={issueFor(issues, 'to')} />
        <button type="submit" className="button filters__clear" disabled={busy}>
          {busy ? 'Making the report…' : 'Show report'}
        </button>
      </form>
      <div role="status" className="visually-hidden">
        {report && period ? `Report for ${periodText} shown.` : ''}
      </div>
      {report && period ? (
        <>
          <h2>Triage decisions by rating</h2>
          <FiguresTable
            id="by-rating"
            head="Rating"
            caption={`Triage decisions started ${periodText}. Times from receipt to decision (h: hours, min: minutes).`}
            rows={[
              ...RATINGS.map((r) => ({ key: r, label: <RatingBadge rating={r} />, f: report.byRating[r] })),
              ...(report.byRating.unrated ? [{ key: 'unrated', label: 'Not rated (clock from receipt)', f: report.byRating.unrated }] : []),
            ]}
          />
          <h2>Information requests by agency</h2>
          {agencies.length ? (
            <FiguresTable
              id="by-agency"
              head="Agency"
              caption={`Information requests made ${periodText}. Times from request to answer (h: hours, min: minutes).`}
              rows={agencies.map((a) => ({ key: a, label: agencyName(a), f: report.byAgency[a] }))}
            />
          ) : (
            <p>No information requests were made in this period.</p>
          )}
          <p className="hint">
            Made {formatUkDateTime(new Date(report.generatedAt))}. A rating with no decision target sets no deadline, so it shows no figures. Pending: not done and not yet due; an open deadline past
            its time counts as breached.
          </p>
        </>
      ) : null}
    </>
  );
}
