/**
 * The auditor's page (their home): the audit log of one case or of one user, newest first.
 * Auditors may not read cases or list users (server/src/policies.ts), so they look up by id:
 * a case id (or a board's address pasted whole) or a user id; any name in the results leads on
 * to everything that person did, and any case to that case's log. Only ids go in the URL.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AuditRecord, FieldIssue } from '@mashboard/shared';
import { api, ApiRequestError, type AuditQuery } from '../data/api.ts';
import {
  actorText,
  AUDIT_OUTCOMES,
  auditActionText,
  caseIdFromInput,
  channelText,
  detailText,
  filterAudit,
  OUTCOME_LABELS,
  sortAudit,
  userIdFromInput,
  type AuditOutcome,
} from '../data/audit.ts';
import { formatDateTimeSeconds } from '../data/time.ts';
import { ErrorSummary, fieldId, issueFor, RadioGroup, SelectField, TextField } from '../forms/fields.tsx';
import { Icons } from '../components/Badges.tsx';
import { hashQuery, replaceHashQuery } from '../router.ts';

const P = 'audit';

function queryFromHash(): AuditQuery | null {
  const q = new URLSearchParams(hashQuery());
  const caseId = q.get('caseId');
  const userId = q.get('userId');
  if (caseId && caseIdFromInput(caseId)) return { caseId };
  if (userId && userIdFromInput(userId)) return { userId };
  return null;
}

function hrefForQuery(query: AuditQuery): string {
  return 'caseId' in query ? `#/audit?caseId=${encodeURIComponent(query.caseId)}` : `#/audit?userId=${encodeURIComponent(query.userId)}`;
}

function OutcomeBadge({ outcome }: { outcome: AuditOutcome }) {
  const ok = outcome === 'allowed' || outcome === 'succeeded';
  return (
    <span className={`badge badge--outcome-${outcome}`}>
      {ok ? Icons.tick : Icons.warning}
      {OUTCOME_LABELS[outcome]}
    </span>
  );
}

export function AuditPage() {
  const initial = useMemo(queryFromHash, []);
  const [by, setBy] = useState<'case' | 'user'>(initial && 'userId' in initial ? 'user' : 'case');
  const [caseInput, setCaseInput] = useState(initial && 'caseId' in initial ? initial.caseId : '');
  const [userInput, setUserInput] = useState(initial && 'userId' in initial ? initial.userId : '');
  const [query, setQuery] = useState<AuditQuery | null>(initial);
  const [entries, setEntries] = useState<AuditRecord[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    document.title = 'Audit log – Mashboard';
  }, []);

  useEffect(() => {
    if (!query) return;
    let live = true;
    setBusy(true);
    setLoadError('');
    api
      .audit(query)
      .then(
        (list) => live && setEntries(sortAudit(list)),
        (e: unknown) => {
          if (!live) return;
          setEntries(null);
          if (e instanceof ApiRequestError && e.error.issues?.length) {
            setIssues(e.error.issues.map((i) => ({ path: 'caseId' in query ? 'caseId' : 'userId', message: i.message })));
            setFocusKey((k) => k + 1);
          } else setLoadError(e instanceof ApiRequestError ? e.error.message : 'The audit log could not be loaded.');
        },
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [query, reloads]);

  function show(next: AuditQuery) {
    setIssues([]);
    setOutcome('');
    setBy('caseId' in next ? 'case' : 'user');
    if ('caseId' in next) setCaseInput(next.caseId);
    else setUserInput(next.userId);
    replaceHashQuery(hrefForQuery(next).split('?')[1] ?? '');
    setQuery(next);
    window.scrollTo(0, 0);
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (by === 'case') {
      const caseId = caseIdFromInput(caseInput);
      if (!caseId) {
        setIssues([
          { path: 'caseId', message: caseInput.trim() ? "Enter a case id (letters, digits, '-' or '_'), or paste the address of the case board" : 'Enter a case id, or paste the address of the case board' },
        ]);
        setFocusKey((k) => k + 1);
        return;
      }
      show({ caseId });
    } else {
      const userId = userIdFromInput(userInput);
      if (!userId) {
        setIssues([{ path: 'userId', message: userInput.trim() ? "Enter a user id (letters, digits, '-' or '_')" : 'Enter a user id' }]);
        setFocusKey((k) => k + 1);
        return;
      }
      show({ userId });
    }
  }

  const shown = entries ? filterAudit(entries, outcome) : [];
  const counts = Object.fromEntries(AUDIT_OUTCOMES.map((o) => [o, entries?.filter((e) => e.outcome === o).length ?? 0])) as Record<AuditOutcome, number>;
  const subject = query ? ('caseId' in query ? `case ${query.caseId}` : `user ${query.userId}`) : '';
  const subjectName = query && 'userId' in query ? entries?.find((e) => e.actor?.userId === query.userId)?.actor?.name : undefined;

  return (
    <>
      <h1 tabIndex={-1}>Audit log</h1>
      <p className="lead-text">
        Who did what, when and how: every read and change of a case, every sign-in and every refusal. Your own look-ups are recorded too.
      </p>
      <ErrorSummary prefix={P} issues={issues} labels={{ caseId: 'Case id', userId: 'User id' }} focusKey={focusKey} />
      <form className="form audit-search" noValidate onSubmit={submit} aria-labelledby="audit-search-title">
        <h2 id="audit-search-title" className="heading-m">
          Find records
        </h2>
        <RadioGroup<'case' | 'user'>
          id={fieldId(P, 'by')}
          name="audit-by"
          legend="Look up"
          inline
          value={by}
          onChange={(v) => {
            setBy(v);
            setIssues([]);
          }}
          options={[
            { value: 'case', label: 'A case' },
            { value: 'user', label: 'A person' },
          ]}
        />
        {by === 'case' ? (
          <TextField
            id={fieldId(P, 'caseId')}
            label="Case id"
            hint={
              <>
                The id from the address of its case board (…#/cases/id): paste the whole address if you like. A case reference such as{' '}
                <span className="nowrap">MASH-2026-00001</span> cannot be looked up yet.
              </>
            }
            value={caseInput}
            onChange={setCaseInput}
            autoComplete="off"
            width="medium"
            error={issueFor(issues, 'caseId')}
          />
        ) : (
          <TextField
            id={fieldId(P, 'userId')}
            label="User id"
            hint="Choose a name in any result below to see everything that person did."
            value={userInput}
            onChange={setUserInput}
            autoComplete="off"
            width="medium"
            error={issueFor(issues, 'userId')}
          />
        )}
        <div className="button-group">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Looking up…' : 'Show records'}
          </button>
          {query && !busy ? (
            <button type="button" className="button button--secondary" onClick={() => setReloads((n) => n + 1)}>
              Refresh
            </button>
          ) : null}
        </div>
      </form>

      <p role="status" className="visually-hidden">
        {busy ? 'Loading the audit log…' : entries && query ? `${entries.length} records for ${subject}.` : ''}
      </p>
      {loadError ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The audit log could not be loaded</h2>
          <p>{loadError}</p>
        </div>
      ) : null}

      {entries && query ? (
        <section aria-labelledby="audit-results-title" className="audit-results">
          <h2 id="audit-results-title" className="heading-m">
            {'caseId' in query ? (
              <>
                Case <span className="nowrap">{query.caseId}</span>
              </>
            ) : (
              <>
                {subjectName ?? 'User'} <span className="muted-strong small nowrap">({query.userId})</span>
              </>
            )}
          </h2>
          {entries.length === 0 ? (
            <div className="empty-state">
              <p className="empty-state__title">No records</p>
              <p>Nothing is recorded for this {'caseId' in query ? 'case id' : 'user id'}. Check the id.</p>
            </div>
          ) : (
            <>
              <SelectField
                id={fieldId(P, 'outcome')}
                label="Show"
                value={outcome}
                onChange={(v) => setOutcome(v as AuditOutcome | '')}
                options={[
                  { value: '', label: `Every outcome (${entries.length})` },
                  ...AUDIT_OUTCOMES.map((o) => ({ value: o, label: `${OUTCOME_LABELS[o]} only (${counts[o]})` })),
                ]}
                className="audit-filter"
              />
              {shown.length === 0 && outcome ? (
                <p className="empty-state">No {OUTCOME_LABELS[outcome].toLowerCase()} records here.</p>
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
                      <th scope="col">Channel and address</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((e) => (
                      <tr key={e.id} className={e.outcome === 'denied' || e.outcome === 'failed' ? 'row--refused' : undefined}>
                        <th scope="row" className="audit-table__when">
                          {formatDateTimeSeconds(e.at)}
                        </th>
                        <td data-label="Who">
                          {e.actor ? (
                            'userId' in query && query.userId === e.actor.userId ? (
                              actorText(e.actor)
                            ) : (
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
                            )
                          ) : (
                            <span className="muted-strong">{actorText(e.actor)}</span>
                          )}
                        </td>
                        <td data-label="What">
                          <strong>{auditActionText(e.action, e.outcome)}</strong>
                          {detailText(e.detail) ? <span className="audit-table__detail">{detailText(e.detail)}</span> : null}
                          {e.caseId && !('caseId' in query && query.caseId === e.caseId) ? (
                            <span className="audit-table__detail">
                              <a
                                href={hrefForQuery({ caseId: e.caseId })}
                                onClick={(ev) => {
                                  ev.preventDefault();
                                  show({ caseId: e.caseId! });
                                }}
                              >
                                Case {e.caseId}
                                <span className="visually-hidden">: its audit log</span>
                              </a>
                            </span>
                          ) : null}
                        </td>
                        <td data-label="Outcome">
                          <OutcomeBadge outcome={e.outcome} />
                        </td>
                        <td data-label="Channel and address">
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
          )}
        </section>
      ) : null}
    </>
  );
}
