import { useEffect, useMemo } from 'react';
import { agencyName, nextDeadline, VOICE_ABSENCE_LABELS, type CaseSummary } from '@mashboard/shared';
import { useLive, useSession } from '../data/session.ts';
import { formatDateTime, londonToday } from '../data/time.ts';
import { hrefFor } from '../router.ts';
import { CaseListHeading } from '../components/CaseListHeading.tsx';
import { Icons, RatingBadge, StatusBadge } from '../components/Badges.tsx';
import { NextDeadline } from '../components/NextDeadline.tsx';
import { ChildrenList } from '../components/ChildrenList.tsx';

function VoiceState({ summary }: { summary: CaseSummary }) {
  return (
    <ul className="plain-list voice-states">
      {summary.children.map((child) => {
        const heard = summary.childrenHeard.includes(child.id);
        const absence = summary.voiceAbsence[child.id];
        const label = absence ? (VOICE_ABSENCE_LABELS[absence.reason as keyof typeof VOICE_ABSENCE_LABELS] ?? absence.reason) : '';
        return (
          <li key={child.id} className={heard ? 'voice-state voice-state--heard' : absence ? 'voice-state voice-state--absent' : 'voice-state voice-state--missing'}>
            {heard ? Icons.tick : absence ? Icons.info : Icons.warning}
            <span>
              {child.firstName}: {heard ? 'heard' : absence ? `not recorded – ${label.toLowerCase()}` : 'not yet recorded'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function CasesPage() {
  const { client } = useSession();
  const live = useLive();
  useEffect(() => {
    document.title = 'Open cases – Mashboard';
    client.watchCases();
  }, [client]);

  const today = londonToday();
  const cases = useMemo(
    () => (live.caseList ?? []).filter((c) => c.status !== 'closed').sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference)),
    [live.caseList],
  );
  const queuedOpens = live.outbox.filter((i) => i.name === 'case.open');

  return (
    <>
      <CaseListHeading title="Open cases" />
      <p>
        <a href={hrefFor({ page: 'case-history' })}>Case history: closed cases and every case held</a>
      </p>
      {queuedOpens.length ? (
        <div className="notice notice--pending">
          <h2 className="heading-s">Waiting to send</h2>
          <ul>
            {queuedOpens.map((i) => (
              <li key={i.commandId}>
                {i.label}
                {i.status === 'failed' ? ` – not sent: ${i.error?.message ?? 'refused'}` : ' – will be opened when the connection returns'}
                {i.status === 'failed' ? (
                  <button type="button" className="button button--secondary button--small inline-button" onClick={() => client.discard(i.commandId)}>
                    Discard
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {live.caseListError && !live.caseList ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The cases could not be loaded</h2>
          <p>{live.caseListError.message}</p>
        </div>
      ) : null}
      {live.caseList === null && !live.caseListError ? (
        <p role="status">Loading cases…</p>
      ) : live.caseList !== null && cases.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state__title">No open cases</p>
          <p>New contacts appear here as soon as anyone opens them.</p>
        </div>
      ) : live.caseList !== null ? (
        <div className="table-wrap" role="region" aria-labelledby="cases-caption" tabIndex={0}>
          <table className="table cases-table">
            <caption id="cases-caption" className="table__caption">
              {cases.length} open {cases.length === 1 ? 'case' : 'cases'}, oldest received first. Updates live.
            </caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Children</th>
                <th scope="col">Rating</th>
                <th scope="col">Next deadline</th>
                <th scope="col">Status and lead</th>
                <th scope="col">Agencies contributed</th>
                <th scope="col">Child's voice</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => {
                // The live store drops a case from changedCases when its highlight ends.
                const changed = live.changedCases[c.id] !== undefined;
                return (
                  <tr key={c.id} className={changed ? 'row--changed' : undefined}>
                    <th scope="row">
                      <a href={hrefFor({ page: 'case', caseId: c.id })} className="case-link">
                        {c.reference}
                      </a>
                      {changed ? <span className="changed-flag">Updated</span> : null}
                      <span className="cell-note">Received {formatDateTime(c.receivedAt)}</span>
                    </th>
                    <td data-label="Children">
                      <ChildrenList list={c.children} today={today} />
                    </td>
                    <td data-label="Rating">
                      <RatingBadge rating={c.rating?.value} />
                    </td>
                    <td data-label="Next deadline" className="cell-deadline">
                      <NextDeadline next={nextDeadline(c.deadlines)} />
                    </td>
                    <td data-label="Status and lead">
                      <StatusBadge status={c.status} />
                      <span className="cell-note">{c.lead ? `Lead: ${c.lead.name}` : 'No lead yet'}</span>
                    </td>
                    <td data-label="Agencies contributed">{c.agenciesContributed.length ? c.agenciesContributed.map(agencyName).join(', ') : <span className="muted">None yet</span>}</td>
                    <td data-label="Child's voice">
                      <VoiceState summary={c} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
