import { useEffect, useState, type FormEvent } from 'react';
import { agencyName, formatUkDateTime, mayDo, nextDeadline, referralSourceLabel, ROLE_LABELS, type CaseSummary, type UserListing, type Viewer } from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { childBirthText, childFullName } from '../data/children.ts';
import { newCommandId } from '../data/live.ts';
import { StatusBadge } from '../components/Badges.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { CaseRating } from './Rating.tsx';
import { DecisionDue } from '../components/DecisionDue.tsx';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase())
    .slice(0, 2)
    .join('');
}

export function Viewers({ viewers }: { viewers: Viewer[] }) {
  const { client } = useSession();
  const live = useLive();
  // Until the board has joined, the person reading it is the one viewer known: drawn as they will
  // be once joined, so the list does not jump as it arrives.
  const known = viewers.length ? viewers : [client.user];
  const unique = known.filter((v, i) => known.findIndex((w) => w.userId === v.userId) === i);
  return (
    <div className="viewers">
      <h2 id="viewers-title" className="viewers__title">
        Viewing now
      </h2>
      {unique.length ? (
        <ul className="viewers__list" aria-labelledby="viewers-title">
          {unique.map((v) => (
            <li key={v.userId} className={`viewer viewer--${v.agency}`}>
              <span className="viewer__avatar" aria-hidden="true">
                {initials(v.name)}
              </span>
              <span className="viewer__name">
                {v.name}
                {v.userId === client.user.userId ? ' (you)' : ''}
              </span>
              <span className="viewer__agency">{agencyName(v.agency)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Only you</p>
      )}
      {live.connection === 'reconnecting' || live.connection === 'offline' ? <p className="viewers__stale muted">Not connected: this may be out of date.</p> : null}
    </div>
  );
}

function LeadControl({ summary }: { summary: CaseSummary }) {
  const { client } = useSession();
  const [open, setOpen] = useState(false);
  const [users, setUsers] = useState<UserListing[] | null>(null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open || users) return;
    client
      .users()
      .then(setUsers)
      .catch(() => setError('The list of people could not be loaded.'));
  }, [open, users, client]);
  if (!mayDo(client.user.role, 'case.assign-lead')) return null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!choice) {
      setError('Choose who leads the case');
      return;
    }
    setBusy(true);
    setError('');
    const outcome = await client.send('case.assign-lead', { commandId: newCommandId(), caseId: summary.id, leadUserId: choice }, { label: 'Lead assignment', caseId: summary.id });
    setBusy(false);
    if (outcome.status === 'error') {
      setError(outcome.error.message);
      return;
    }
    setOpen(false);
    setStatus(outcome.status === 'ok' ? 'Lead assigned.' : 'Saved – waiting to send.');
  }
  return (
    <>
      <span className="visually-hidden" role="status">
        {status}
      </span>
      {open ? (
        <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
          <label className="label label--inline" htmlFor="lead-select">
            New lead
          </label>
          {error ? (
            <p className="field-error" id="lead-select-error">
              <span className="visually-hidden">Error:</span> {error}
            </p>
          ) : null}
          <select
            id="lead-select"
            className="select"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            aria-describedby={error ? 'lead-select-error' : undefined}
            aria-invalid={error ? true : undefined}
          >
            <option value="">{users ? 'Choose a person' : 'Loading…'}</option>
            {(users ?? []).map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name} – {agencyName(u.agency)}, {ROLE_LABELS[u.role]}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small" disabled={busy}>
            Assign lead
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="button button--secondary button--small inline-button" onClick={() => setOpen(true)}>
          {summary.lead ? 'Change lead' : 'Assign lead'}
        </button>
      )}
    </>
  );
}

/**
 * After the source: ": Name, role"; "; Referrer's identity protected" when another agency holds
 * it; for the agency that holds a protected identity, the name with "(identity protected)".
 */
export function referrerText(referral: { referrerName?: string | undefined; referrerRole?: string | undefined; identityProtected?: boolean | undefined }): string {
  const who = [referral.referrerName, referral.referrerRole].filter(Boolean).join(', ');
  if (!who) return referral.identityProtected ? ". Referrer's identity protected" : '';
  return referral.identityProtected ? `: ${who} (identity protected: only your agency sees this)` : `: ${who}`;
}

export function CaseHeader({ summary, viewers }: { summary: CaseSummary; viewers: Viewer[] }) {
  const next = nextDeadline(summary.deadlines);
  return (
    <div className="case-header">
      <div className="case-header__main">
        <h1 tabIndex={-1} className="case-header__ref">
          <span className="caption">Case </span>
          {summary.reference}
        </h1>
        <ul className="case-children" aria-label="Children">
          {summary.children.map((c) => (
            <li key={c.id}>
              <strong>{childFullName(c)}</strong> <span className="muted-strong">{childBirthText(c)}</span>
            </li>
          ))}
        </ul>
        <dl className="case-facts">
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={summary.status} />
            </dd>
          </div>
          <div>
            <dt>Received</dt>
            <dd>{formatUkDateTime(new Date(summary.receivedAt))}</dd>
          </div>
          <div>
            <dt>Next deadline</dt>
            <dd className="case-facts__deadline">
              {next ? (
                <>
                  <span className="deadline-label">{next.label}</span> <Countdown dueAt={next.dueAt} />
                </>
              ) : (
                'None open'
              )}
            </dd>
          </div>
          <div>
            <dt>Lead</dt>
            <dd>
              {summary.lead ? `${summary.lead.name} (${agencyName(summary.lead.agency)})` : 'No lead yet'} <LeadControl summary={summary} />
            </dd>
          </div>
          <div>
            <dt>Referred by</dt>
            <dd>
              {referralSourceLabel(summary.referral.source)}
              {referrerText(summary.referral)}
            </dd>
          </div>
        </dl>
        <p className="case-header__decision">
          <DecisionDue summary={summary} />
        </p>
        {summary.reReferral ? (
          <p className="re-referral">
            <strong>Re-referral.</strong> {summary.reReferral.earlierCases === 1 ? 'An earlier case' : `${summary.reReferral.earlierCases} earlier cases`} about{' '}
            {summary.children.length === 1 ? 'this child' : 'these children'} had a MASH decision within {summary.reReferral.withinMonths} months before this contact arrived. Repeat contacts are a
            known warning sign: see previous involvement below.
          </p>
        ) : null}
        <CaseRating summary={summary} />
      </div>
      <Viewers viewers={viewers} />
      <div className="case-header__concern">
        <h2 className="heading-xs">Reason for concern</h2>
        <p className="prewrap">{summary.reasonForConcern}</p>
      </div>
    </div>
  );
}
