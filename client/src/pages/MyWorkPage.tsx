/**
 * A practitioner's home, "My work": requests to their agency, the cases they lead, the actions they
 * own and the meetings about them; and "Requests to my agency" on its own. Both read
 * `GET /api/my-work` (work-list indexes, need-to-know applied by the server) and stay current.
 */
import { useEffect, type ReactNode } from 'react';
import { agencyName, formatUkDateTime, nextDeadline } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { useMeetingList } from '../data/meetingList.ts';
import { londonToday } from '../data/time.ts';
import { meetingsForWork, useMyWork, workRows, type WorkRow } from '../data/work.ts';
import { hrefFor } from '../router.ts';
import { RatingBadge, StatusBadge } from '../components/Badges.tsx';
import { ChildrenList } from '../components/ChildrenList.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { NextDeadline } from '../components/NextDeadline.tsx';

function CaseCell({ row, today }: { row: Pick<WorkRow, 'summary'>; today: string }) {
  return (
    <>
      <a href={hrefFor({ page: 'case', caseId: row.summary.id })} className="case-link">
        {row.summary.reference}
      </a>
      <ChildrenList list={row.summary.children} today={today} />
    </>
  );
}

/**
 * A captioned table laid out like the dashboard's (`dashboard-table`): overdue rows tinted and
 * marked, and one card per row on a narrow screen, each cell named by its `data-label`.
 */
function WorkTable({ id, caption, head, children }: { id: string; caption: string; head: string[]; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="table dashboard-table work-table">
        <caption id={`${id}-caption`} className="table__caption">
          {caption}
        </caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** Requests to the reader's agency: most urgent first (overdue ones lead), each with what is asked and by whom. */
function RequestsTable({ rows, today }: { rows: WorkRow[]; today: string }) {
  const { client } = useSession();
  if (rows.length === 0) return <p className="muted">No open requests to {agencyName(client.user.agency)}.</p>;
  return (
    <WorkTable
      id="requests"
      caption={`${rows.length} open ${rows.length === 1 ? 'request' : 'requests'} to ${agencyName(client.user.agency)}, most urgent first.`}
      head={['Due', 'Case', 'Rating', 'What is asked', 'Asked by']}
    >
      {rows.map((row) => (
        <tr key={`${row.summary.id}|${row.deadline.id}`}>
          <td data-label="Due" className="cell-deadline">
            <Countdown dueAt={row.deadline.dueAt} />
          </td>
          <th scope="row" data-label="Case">
            <CaseCell row={row} today={today} />
          </th>
          <td data-label="Rating">
            <RatingBadge rating={row.summary.rating?.value} />
          </td>
          <td data-label="What is asked" className="prewrap">
            {row.deadline.detail}
          </td>
          <td data-label="Asked by">
            {row.deadline.requestedBy ? `${row.deadline.requestedBy.name} (${agencyName(row.deadline.requestedBy.agency)})` : ''}
            <br />
            <span className="muted">{formatUkDateTime(new Date(row.deadline.startedAt))}</span>
          </td>
        </tr>
      ))}
    </WorkTable>
  );
}

function Loading({ error }: { error: string }) {
  return error ? (
    <div className="error-summary" role="alert">
      <h2 className="error-summary__title">Your work could not be loaded</h2>
      <p>{error}</p>
    </div>
  ) : (
    <p role="status">Loading your work…</p>
  );
}

export function RequestsPage() {
  const { client } = useSession();
  const { work, error } = useMyWork();
  const today = londonToday();
  useEffect(() => {
    document.title = 'Requests to my agency – Mashboard';
  }, []);
  return (
    <>
      <h1 tabIndex={-1}>Requests to {agencyName(client.user.agency)}</h1>
      <p className="lede">Information other agencies have asked your agency for. Open the case to add what you hold and answer.</p>
      {work ? <RequestsTable rows={workRows(work, work.requests)} today={today} /> : <Loading error={error} />}
    </>
  );
}

export function MyWorkPage() {
  const { client } = useSession();
  const { work, error } = useMyWork();
  const { meetings } = useMeetingList();
  const today = londonToday();
  useEffect(() => {
    document.title = 'My work – Mashboard';
    // Watching the case list keeps this page current as the cases change.
    client.watchCases();
  }, [client]);
  if (!work) {
    return (
      <>
        <h1 tabIndex={-1}>My work</h1>
        <Loading error={error} />
      </>
    );
  }
  const requests = workRows(work, work.requests);
  const actions = workRows(work, work.actions);
  const byId = new Map(work.cases.map((c) => [c.id, c]));
  const leading = work.leading.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const myMeetings = meetings ? meetingsForWork(meetings, work, client.user) : null;
  return (
    <>
      <div className="page-heading">
        <h1 tabIndex={-1}>My work</h1>
        <a className="button" href={hrefFor({ page: 'new-case' })}>
          New case
        </a>
      </div>
      <section className="work-section" aria-labelledby="work-requests">
        <h2 id="work-requests" className="heading-m">
          Requests to {agencyName(client.user.agency)} <span className="count">({requests.length})</span>
        </h2>
        <RequestsTable rows={requests} today={today} />
      </section>
      <section className="work-section" aria-labelledby="work-cases">
        <h2 id="work-cases" className="heading-m">
          Cases I lead <span className="count">({leading.length})</span>
        </h2>
        {leading.length ? (
          <WorkTable id="lead" caption={`${leading.length} open ${leading.length === 1 ? 'case' : 'cases'} you lead, newest received first.`} head={['Case', 'Rating', 'Next deadline', 'Status']}>
            {leading.map((summary) => {
              return (
                <tr key={summary.id}>
                  <th scope="row" data-label="Case">
                    <CaseCell row={{ summary }} today={today} />
                  </th>
                  <td data-label="Rating">
                    <RatingBadge rating={summary.rating?.value} />
                  </td>
                  <td data-label="Next deadline" className="cell-deadline">
                    <NextDeadline next={nextDeadline(summary.deadlines)} />
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={summary.status} />
                  </td>
                </tr>
              );
            })}
          </WorkTable>
        ) : (
          <p className="muted">You lead no open case.</p>
        )}
      </section>
      <section className="work-section" aria-labelledby="work-actions">
        <h2 id="work-actions" className="heading-m">
          My actions <span className="count">({actions.length})</span>
        </h2>
        {actions.length ? (
          <WorkTable id="actions" caption={`${actions.length} open ${actions.length === 1 ? 'action' : 'actions'} you own, soonest due first.`} head={['Due', 'Action', 'Case']}>
            {actions.map((row) => (
              <tr key={`${row.summary.id}|${row.deadline.id}`}>
                <td data-label="Due" className="cell-deadline">
                  <Countdown dueAt={row.deadline.dueAt} />
                </td>
                <th scope="row" data-label="Action">
                  {row.deadline.label}
                </th>
                <td data-label="Case">
                  <CaseCell row={row} today={today} />
                </td>
              </tr>
            ))}
          </WorkTable>
        ) : (
          <p className="muted">No open actions are yours.</p>
        )}
      </section>
      <section className="work-section" aria-labelledby="work-meetings">
        <h2 id="work-meetings" className="heading-m">
          Meetings <span className="count">({myMeetings?.length ?? '…'})</span>
        </h2>
        {myMeetings === null ? (
          <p role="status">Loading meetings…</p>
        ) : myMeetings.length ? (
          <ul className="plain-list work-meetings">
            {myMeetings.map((m) => (
              <li key={m.id}>
                <a href={hrefFor({ page: 'meeting', meetingId: m.id })}>{m.title}</a> – {formatUkDateTime(new Date(m.scheduledFor))}
                {m.status === 'in-progress' ? ' (in progress)' : ''}
                {m.chair.userId === client.user.userId ? ', you chair it' : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No meetings to come that your agency is invited to, that you chair, or that discuss your cases and requests.</p>
        )}
      </section>
    </>
  );
}
