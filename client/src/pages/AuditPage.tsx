/**
 * The auditor's page (their home). Auditors read no case and never see internal ids: a case is
 * found by its reference, or by the child's name and date of birth (a list of the child's cases
 * by reference); its page answers who saw the record, when, through what and what they did, and
 * exports as CSV or PDF. A person is chosen by name: everything they did, and an access report for
 * a period (what they opened, exported and shared). Only a reference or a user id goes in the URL,
 * never a child's name.
 */
import { useEffect, useState, type FormEvent } from 'react';
import {
  agencyName,
  CASE_STATUS_LABELS,
  type CaseStatus,
  formatUkDate,
  ROLE_LABELS,
  type AccessReport,
  type AuditCaseMatch,
  type AuditRecordWithReference,
  type FieldIssue,
  type Role,
} from '@mashboard/shared';
import { api, ApiRequestError } from '../data/api.ts';
import { actorText, AUDIT_OUTCOMES, auditActionText, channelText, detailText, filterAudit, OUTCOME_LABELS, sortAudit, userIdFromInput, type AuditOutcome } from '../data/audit.ts';
import { screensApi } from '../data/screensApi.ts';
import { formatDateTime, formatDateTimeSeconds } from '../data/time.ts';
import { ErrorSummary, fieldId, issueFor, RadioGroup, SelectField, TextField } from '../forms/fields.tsx';
import { Icons } from '../components/Badges.tsx';
import { DownloadButtons, saveDownload } from '../components/DownloadButtons.tsx';
import { hashQuery, replaceHashQuery } from '../router.ts';
import '../screens.css';
import { FormActions } from '../forms/FormActions.tsx';
import { DateInput, dateInputIssue } from '../forms/DateInput.tsx';

const P = 'audit';
type Query = { reference: string } | { userId: string };
type By = 'reference' | 'child' | 'user';
type Person = { userId: string; name: string; agency: string; role: string; disabled?: boolean };

const LABELS: Record<string, string> = { reference: 'Case reference', firstName: 'First name', lastName: 'Last name', dateOfBirth: 'Date of birth', userId: 'Person', from: 'From', to: 'To' };

function queryFromHash(): Query | null {
  const q = new URLSearchParams(hashQuery());
  const reference = q.get('reference');
  const userId = q.get('userId');
  if (reference?.trim()) return { reference: reference.trim().toUpperCase() };
  if (userId && userIdFromInput(userId)) return { userId };
  return null;
}

const hrefForQuery = (query: Query) => ('reference' in query ? `#/audit?reference=${encodeURIComponent(query.reference)}` : `#/audit?userId=${encodeURIComponent(query.userId)}`);

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const ok = outcome === 'allowed' || outcome === 'succeeded';
  return (
    <span className={`badge badge--outcome-${outcome}`}>
      {ok ? Icons.tick : Icons.warning}
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}

function RecordsTable({ entries, query, show }: { entries: AuditRecordWithReference[]; query: Query; show: (q: Query) => void }) {
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const shown = filterAudit(entries, outcome);
  const counts = Object.fromEntries(AUDIT_OUTCOMES.map((o) => [o, entries.filter((e) => e.outcome === o).length])) as Record<AuditOutcome, number>;
  return (
    <>
      <SelectField
        id={fieldId(P, 'outcome')}
        label="Show"
        value={outcome}
        onChange={(v) => setOutcome(v as AuditOutcome | '')}
        options={[{ value: '', label: `Every outcome (${entries.length})` }, ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: `${OUTCOME_LABELS[o]} only (${counts[o]})` }))]}
        className="audit-filter"
      />
      {shown.length === 0 ? (
        <p className="empty-state">No {outcome ? OUTCOME_LABELS[outcome].toLowerCase() : ''} records here.</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
          <table className="table table--stack audit-table">
            <caption id="audit-caption" className="table__caption">
              {shown.length} {shown.length === 1 ? 'record' : 'records'}
              {outcome ? ` (${OUTCOME_LABELS[outcome].toLowerCase()} only)` : ''}, newest first. Times are UK time.
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Outcome</th>
                <th scope="col">Through</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id} className={e.outcome === 'denied' || e.outcome === 'failed' ? 'row--refused' : undefined}>
                  <th scope="row" className="audit-table__when">
                    {formatDateTimeSeconds(e.at)}
                  </th>
                  <td data-label="Who">
                    {e.actor && !('userId' in query && query.userId === e.actor.userId) ? (
                      <a
                        href={hrefForQuery({ userId: e.actor.userId })}
                        onClick={(ev) => {
                          ev.preventDefault();
                          show({ userId: e.actor!.userId });
                        }}
                      >
                        {actorText(e.actor)}
                        <span className="visually-hidden">: everything they did</span>
                      </a>
                    ) : (
                      <span className={e.actor ? undefined : 'muted-strong'}>{actorText(e.actor)}</span>
                    )}
                  </td>
                  <td data-label="What">
                    <strong>{auditActionText(e.action, e.outcome)}</strong>
                    {detailText(e.detail) ? <span className="audit-table__detail">{detailText(e.detail)}</span> : null}
                    {e.reference && !('reference' in query && query.reference === e.reference) ? (
                      <span className="audit-table__detail">
                        <a
                          href={hrefForQuery({ reference: e.reference })}
                          onClick={(ev) => {
                            ev.preventDefault();
                            show({ reference: e.reference! });
                          }}
                        >
                          Case {e.reference}
                          <span className="visually-hidden">: who saw it</span>
                        </a>
                      </span>
                    ) : null}
                  </td>
                  <td data-label="Outcome">
                    <OutcomeBadge outcome={e.outcome} />
                  </td>
                  <td data-label="Through">
                    {channelText(e.channel)}
                    {e.ip ? <span className="audit-table__detail nowrap">{e.ip}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ExportButtons({ reference }: { reference: string }) {
  return (
    <DownloadButtons
      className="audit-exports"
      of={`of who saw case ${reference}`}
      recorded="in the audit log"
      actions={[
        { key: 'csv', label: 'Download CSV', run: () => saveDownload(screensApi.exportAuditRecord(reference, 'csv')) },
        { key: 'pdf', label: 'Download PDF', run: () => saveDownload(screensApi.exportAuditRecord(reference, 'pdf')) },
      ]}
    />
  );
}

function AccessReportSection({ person }: { person: Person }) {
  const today = new Date();
  const [from, setFrom] = useState(() => isoDay(new Date(today.getTime() - 29 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(today));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [report, setReport] = useState<AccessReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fromIssue = from ? dateInputIssue(from, 'From') : 'Enter the first day of the period';
    const toIssue = to ? dateInputIssue(to, 'To') : 'Enter the last day of the period';
    const found: FieldIssue[] = [];
    if (fromIssue) found.push({ path: 'from', message: fromIssue });
    if (toIssue) found.push({ path: 'to', message: toIssue });
    setIssues(found);
    if (found.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    setError('');
    try {
      setReport(await screensApi.accessReport({ userId: person.userId, from, to }));
    } catch (err) {
      setReport(null);
      if (err instanceof ApiRequestError && err.error.issues?.length) {
        setIssues(err.error.issues.map((i) => ({ path: i.path, message: i.message })));
        setFocusKey((k) => k + 1);
      } else setError(err instanceof ApiRequestError ? err.error.message : 'The report could not be made.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="audit-report" aria-labelledby="audit-report-title">
      <h3 id="audit-report-title" className="heading-s">
        Access report
      </h3>
      <p className="hint">What {person.name} opened, exported and shared in a period of up to a year, for a spot check.</p>
      <ErrorSummary prefix={`${P}-report`} issues={issues} labels={LABELS} focusKey={focusKey} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="audit-report-title">
        <div className="grid-2">
          <DateInput id={fieldId(`${P}-report`, 'from')} legend="From" value={from} onChange={setFrom} error={issueFor(issues, 'from')} />
          <DateInput id={fieldId(`${P}-report`, 'to')} legend="To (inclusive)" value={to} onChange={setTo} error={issueFor(issues, 'to')} />
        </div>
        <FormActions submit="Show the access report" busy={busy} busyText="Making the report…" />
      </form>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {report ? (
        <div role="region" aria-labelledby="audit-report-result" className="audit-report__result">
          <h4 id="audit-report-result" className="heading-xs">
            {report.user.name}, {formatUkDate(report.from)} to {formatUkDate(report.to)}
          </h4>
          <DownloadButtons
            className="audit-exports"
            of={`of the access report for ${report.user.name}`}
            recorded="in the audit log"
            actions={[
              { key: 'csv', label: 'Download CSV', run: () => saveDownload(screensApi.exportAccessReport({ userId: report.user.userId, from: report.from, to: report.to }, 'csv')) },
              { key: 'pdf', label: 'Download PDF', run: () => saveDownload(screensApi.exportAccessReport({ userId: report.user.userId, from: report.from, to: report.to }, 'pdf')) },
            ]}
          />
          <p>
            {report.total} {report.total === 1 ? 'record' : 'records'}: opened a case {report.counts.opened} times, exported {report.counts.exported}, recorded {report.counts.shared} sharing{' '}
            {report.counts.shared === 1 ? 'decision' : 'decisions'}, searched {report.counts.searched}, changed {report.counts.changed}; refused {report.counts.refused}.
            {report.truncated ? ' Only the newest 5,000 records are counted: choose a shorter period.' : ''}
          </p>
          {report.cases.length ? (
            <div className="table-wrap" role="region" aria-labelledby="audit-report-cases" tabIndex={0}>
              <table className="table table--stack">
                <caption id="audit-report-cases" className="table__caption">
                  Cases they touched, most recent first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Opened</th>
                    <th scope="col">Exported</th>
                    <th scope="col">Shared</th>
                    <th scope="col">Changed</th>
                    <th scope="col">Refused</th>
                    <th scope="col">Last</th>
                  </tr>
                </thead>
                <tbody>
                  {report.cases.map((c) => (
                    <tr key={c.reference}>
                      <th scope="row">
                        <a href={hrefForQuery({ reference: c.reference })}>{c.reference}</a>
                      </th>
                      <td data-label="Opened">{c.opened}</td>
                      <td data-label="Exported">{c.exported}</td>
                      <td data-label="Shared">{c.shared}</td>
                      <td data-label="Changed">{c.changed}</td>
                      <td data-label="Refused">{c.refused}</td>
                      <td data-label="Last">{formatDateTime(c.last)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="empty-state">No case was opened, changed, exported or shared in this period.</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

export function AuditPage() {
  const [initial] = useState(queryFromHash);
  const [by, setBy] = useState<By>(initial && 'userId' in initial ? 'user' : 'reference');
  const [reference, setReference] = useState(initial && 'reference' in initial ? initial.reference : '');
  const [child, setChild] = useState({ firstName: '', lastName: '' });
  const [born, setBorn] = useState('');
  const [userId, setUserId] = useState(initial && 'userId' in initial ? initial.userId : '');
  const [people, setPeople] = useState<Person[]>([]);
  const [query, setQuery] = useState<Query | null>(initial);
  const [entries, setEntries] = useState<AuditRecordWithReference[] | null>(null);
  const [erasedAt, setErasedAt] = useState<string | undefined>();
  const [childCases, setChildCases] = useState<AuditCaseMatch[] | null>(null);
  // Busy from the first render when the address names a query: it starts loading as the page opens.
  const [busy, setBusy] = useState(initial !== null);
  const [loadError, setLoadError] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    document.title = 'Audit log – Mashboard';
    screensApi.auditUsers().then(setPeople, () => setPeople([]));
  }, []);

  useEffect(() => {
    if (!query) return;
    // show() and refresh() mark the page busy as they change query/reloads; this only loads.
    let live = true;
    const load =
      'reference' in query
        ? screensApi.auditRecord(query.reference).then((r) => (setErasedAt(r.erasedAt), r.entries))
        : api.audit(query).then((list) => (setErasedAt(undefined), list as AuditRecordWithReference[]));
    load
      .then(
        (list) => live && setEntries(sortAudit(list)),
        (e: unknown) => {
          if (!live) return;
          setEntries(null);
          if (e instanceof ApiRequestError && e.error.issues?.length) {
            setIssues(
              e.error.issues.map((i) => ({
                path: 'reference' in query ? 'reference' : 'userId',
                message: i.message === 'no case has this reference' ? `No case has the reference ${'reference' in query ? query.reference : ''}: check it` : i.message,
              })),
            );
            setFocusKey((k) => k + 1);
          } else setLoadError(e instanceof ApiRequestError ? e.error.message : 'The audit log could not be loaded.');
        },
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [query, reloads]);

  function show(next: Query) {
    setIssues([]);
    setChildCases(null);
    setBy('reference' in next ? 'reference' : 'user');
    if ('reference' in next) setReference(next.reference);
    else setUserId(next.userId);
    replaceHashQuery(hrefForQuery(next).split('?')[1] ?? '');
    setBusy(true);
    setLoadError('');
    setQuery(next);
    window.scrollTo(0, 0);
  }

  function refresh() {
    setBusy(true);
    setLoadError('');
    setReloads((n) => n + 1);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldIssue[] = [];
    if (by === 'reference') {
      if (!reference.trim()) found.push({ path: 'reference', message: 'Enter a case reference, for example MASH-2026-00004' });
      else if (reference.trim().length > 40) found.push({ path: 'reference', message: 'Case reference must be at most 40 characters' });
    } else if (by === 'user') {
      if (!userId) found.push({ path: 'userId', message: 'Choose a person' });
    } else {
      if (!child.firstName.trim()) found.push({ path: 'firstName', message: "Enter the child's first name" });
      if (!child.lastName.trim()) found.push({ path: 'lastName', message: "Enter the child's last name" });
      const bornIssue = born ? dateInputIssue(born, 'Date of birth') : 'Enter the date of birth';
      if (bornIssue) found.push({ path: 'dateOfBirth', message: bornIssue });
    }
    setIssues(found);
    if (found.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    if (by === 'reference') return show({ reference: reference.trim().toUpperCase() });
    if (by === 'user') return show({ userId });
    setBusy(true);
    setLoadError('');
    setQuery(null);
    setEntries(null);
    replaceHashQuery('');
    try {
      setChildCases(await screensApi.auditChildCases({ firstName: child.firstName.trim(), lastName: child.lastName.trim(), dateOfBirth: born }));
    } catch (err) {
      setChildCases(null);
      setLoadError(err instanceof ApiRequestError ? err.error.message : 'The search failed.');
    } finally {
      setBusy(false);
    }
  }

  const person =
    query && 'userId' in query
      ? (people.find((p) => p.userId === query.userId) ?? { userId: query.userId, name: entries?.find((e) => e.actor?.userId === query.userId)?.actor?.name ?? 'This person', agency: '', role: '' })
      : null;

  return (
    <>
      <h1 tabIndex={-1}>Audit log</h1>
      <p className="lead-text">Who saw a child’s record, when, through what and what they did; and what one person opened, exported and shared. Your own look-ups are recorded too.</p>
      <ErrorSummary prefix={P} issues={issues} labels={LABELS} focusKey={focusKey} targetFor={(path) => fieldId(P, path)} />
      <form className="form audit-search" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="audit-search-title">
        <h2 id="audit-search-title" className="heading-m">
          Find records
        </h2>
        <RadioGroup<By>
          id={fieldId(P, 'by')}
          name="audit-by"
          legend="Look up"
          value={by}
          onChange={(v) => {
            setBy(v);
            setIssues([]);
          }}
          options={[
            { value: 'reference', label: 'A case, by its reference' },
            { value: 'child', label: 'A child, by name and date of birth' },
            { value: 'user', label: 'A person' },
          ]}
        />
        {by === 'reference' ? (
          <TextField
            id={fieldId(P, 'reference')}
            label="Case reference"
            hint="For example MASH-2026-00004"
            value={reference}
            onChange={setReference}
            autoComplete="off"
            width="medium"
            error={issueFor(issues, 'reference')}
          />
        ) : by === 'child' ? (
          <>
            <div className="grid-2">
              <TextField
                id={fieldId(P, 'firstName')}
                label="First name"
                value={child.firstName}
                onChange={(v) => setChild({ ...child, firstName: v })}
                autoComplete="off"
                error={issueFor(issues, 'firstName')}
              />
              <TextField
                id={fieldId(P, 'lastName')}
                label="Last name"
                value={child.lastName}
                onChange={(v) => setChild({ ...child, lastName: v })}
                autoComplete="off"
                error={issueFor(issues, 'lastName')}
              />
            </div>
            <DateInput id={fieldId(P, 'dateOfBirth')} legend="Date of birth" value={born} onChange={setBorn} error={issueFor(issues, 'dateOfBirth')} />
          </>
        ) : (
          <SelectField
            id={fieldId(P, 'userId')}
            label="Person"
            hint="Every account, disabled ones included."
            placeholder="Choose a person"
            value={userId}
            onChange={setUserId}
            options={people.map((p) => ({ value: p.userId, label: `${p.name}, ${agencyName(p.agency)}, ${ROLE_LABELS[p.role as Role] ?? p.role}${p.disabled ? ' (disabled)' : ''}` }))}
            error={issueFor(issues, 'userId')}
          />
        )}
        <FormActions
          submit={by === 'child' ? 'Find the child’s cases' : 'Show records'}
          busy={busy}
          busyText="Looking up…"
          secondary={query && !busy ? { label: 'Refresh', onClick: refresh } : null}
        />
      </form>

      <p role="status" className="visually-hidden">
        {busy ? 'Loading…' : childCases ? `${childCases.length} cases found.` : entries && query ? `${entries.length} records.` : ''}
      </p>
      {loadError ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The audit log could not be loaded</h2>
          <p>{loadError}</p>
        </div>
      ) : null}

      {childCases ? (
        <section aria-labelledby="audit-child-title" className="audit-results">
          <h2 id="audit-child-title" className="heading-m">
            The child’s cases
          </h2>
          {childCases.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state__title">No case holds a child of that name and date of birth</p>
              <p>Check the spelling and the date, or look up a case by its reference.</p>
            </div>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby="audit-child-caption" tabIndex={0}>
              <table className="table table--stack">
                <caption id="audit-child-caption" className="table__caption">
                  {childCases.length} {childCases.length === 1 ? 'case' : 'cases'}, closest match first
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Child</th>
                    <th scope="col">Received</th>
                    <th scope="col">Status</th>
                    <th scope="col">Match</th>
                  </tr>
                </thead>
                <tbody>
                  {childCases.map((c) => (
                    <tr key={`${c.reference}-${c.child.firstName}`}>
                      <th scope="row">
                        <a
                          href={hrefForQuery({ reference: c.reference })}
                          onClick={(ev) => {
                            ev.preventDefault();
                            show({ reference: c.reference });
                          }}
                        >
                          {c.reference}
                          <span className="visually-hidden">: who saw it</span>
                        </a>
                      </th>
                      <td data-label="Child">
                        {c.child.firstName} {c.child.lastName}
                        {c.child.dateOfBirth ? `, born ${formatUkDate(c.child.dateOfBirth)}` : ''}
                      </td>
                      <td data-label="Received">{formatDateTime(c.receivedAt)}</td>
                      <td data-label="Status">{CASE_STATUS_LABELS[c.status as CaseStatus] ?? c.status}</td>
                      <td data-label="Match">{c.strength === 'strong' ? 'Strong' : 'Possible: check'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      {entries && query ? (
        <section aria-labelledby="audit-results-title" className="audit-results">
          <h2 id="audit-results-title" className="heading-m">
            {'reference' in query ? (
              <>Who saw case {query.reference}</>
            ) : (
              <>
                {person?.name}
                {person?.agency ? <span className="muted-strong small"> ({agencyName(person.agency)})</span> : null}
              </>
            )}
          </h2>
          {'reference' in query ? (
            <>
              {erasedAt ? <p className="notice">This case was erased on {formatDateTime(erasedAt)}; its audit record is kept.</p> : null}
              <ExportButtons reference={query.reference} />
            </>
          ) : null}
          {person ? <AccessReportSection key={person.userId} person={person} /> : null}
          {'userId' in query ? <h3 className="heading-s">Everything they did</h3> : null}
          {entries.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state__title">No records</p>
              <p>{'reference' in query ? 'Nobody has opened, changed or exported this case.' : 'Nothing is recorded for this person.'}</p>
            </div>
          ) : (
            <RecordsTable key={hrefForQuery(query)} entries={entries} query={query} show={show} />
          )}
        </section>
      ) : null}
    </>
  );
}
