/**
 * The board's side panel "Timeliness": information requests to agencies, the strategy discussion,
 * and actions; each with its due time counting down, and the forms that change them
 * (TimelinessForms.tsx, loaded when first needed). Everything is sent through the outbox like every
 * other command.
 */
import { memo, useEffect, useState, type ReactNode } from 'react';
import {
  mayAnswerRequest,
  mayCompleteAction,
  agencyName,
  formatUkDateTime,
  type CaseSummary,
  type ContributionEntry,
  type Deadline,
  type RequestAnswer,
  type TimelinessPolicy,
} from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { usePast } from '../data/clock.ts';
import { deadlineStanding, sortDeadlines, standingText } from '../data/deadlines.ts';
import { contributionLabel } from './contributionLabel.ts';
import { DECISION_MAKERS } from '../data/roles.ts';
import { Icons } from '../components/Badges.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { useFocusLater } from '../forms/focus.ts';
import { lazyForm, usePreloadedForm } from '../forms/lazyForm.tsx';

// One module holds all six forms: the first to load (or the idle prefetch, of the request form) brings them all.
const forms = () => import('./TimelinessForms.tsx');
const requestForm = lazyForm(() => forms().then((m) => m.RequestForm));
const RequestForm = requestForm.Form;
const StrategyForm = lazyForm(() => forms().then((m) => m.StrategyForm)).Form;
const ActionForm = lazyForm(() => forms().then((m) => m.ActionForm)).Form;
const AnswerForm = lazyForm(() => forms().then((m) => m.AnswerForm)).Form;
const DoneForm = lazyForm(() => forms().then((m) => m.DoneForm)).Form;
const ChangeDueForm = lazyForm(() => forms().then((m) => m.ChangeDueForm)).Form;

/** The word for where a deadline stands; re-renders on the clock once, when an open one passes its due time. */
const Standing = memo(function Standing({ deadline }: { deadline: Deadline }) {
  const due = Date.parse(deadline.dueAt);
  const past = usePast(deadline.state === 'open' ? due : Infinity);
  const s = deadlineStanding(deadline, past ? due + 1 : due);
  const tone = s === 'overdue' || s === 'late' ? 'warning' : s === 'on-time' ? 'ok' : s === 'cancelled' ? 'grey' : 'pending';
  const icon = s === 'overdue' || s === 'late' ? Icons.warning : s === 'on-time' ? Icons.tick : s === 'open' ? Icons.clock : null;
  return (
    <span className={`badge badge--${tone}`}>
      {icon}
      <span className="visually-hidden">Status: </span>
      {standingText(deadline.kind, s)}
    </span>
  );
});

/** Bring a board entry into view and move focus to its heading (the board's anchors are not routes). */
function showEntry(entryId: string): void {
  const heading = document.getElementById(`entry-${entryId}-title`);
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView({ block: 'center' });
  heading.focus();
}

/** How a request was answered: links to the contributions that answer it, or nothing held and why. */
function AnswerText({ answer, contributions }: { answer: RequestAnswer; contributions: ContributionEntry[] }) {
  if (answer.kind === 'nothing-held') return <>Nothing held: {answer.reason}</>;
  return (
    <ul className="plain-list answer-links">
      {answer.contributionIds.map((id) => {
        const entry = contributions.find((c) => c.id === id);
        const label = !entry
          ? 'a contribution no longer on this board'
          : entry.withheld || entry.versions.length === 0
            ? `a restricted entry from ${agencyName(entry.agency)}`
            : contributionLabel(entry);
        return (
          <li key={id}>
            {entry ? (
              <a
                href={`#entry-${id}`}
                onClick={(e) => {
                  e.preventDefault();
                  showEntry(id);
                }}
              >
                {label}
              </a>
            ) : (
              label
            )}
          </li>
        );
      })}
    </ul>
  );
}

function DeadlineItem({
  summary,
  deadline,
  canDone,
  canChange,
  doneText,
  contributions = [],
}: {
  summary: CaseSummary;
  deadline: Deadline;
  canDone: boolean;
  canChange: boolean;
  doneText: string;
  contributions?: ContributionEntry[];
}) {
  const [open, setOpen] = useState<'' | 'done' | 'due'>('');
  const [message, setMessage] = useState('');
  const isOpen = deadline.state === 'open';
  const finish = (m: string) => {
    setOpen('');
    setMessage(m);
  };
  return (
    <li className={`deadline-item deadline-item--${deadline.state}`}>
      <div className="deadline-item__head">
        <h4 className="deadline-item__title">{deadline.label}</h4>
        <Standing deadline={deadline} />
      </div>
      {deadline.detail ? <p className="deadline-item__detail prewrap">{deadline.detail}</p> : null}
      <dl className="meta-list">
        {deadline.owner ? (
          <>
            <dt>Owner</dt>
            <dd>
              {deadline.owner.name} ({agencyName(deadline.owner.agency)})
            </dd>
          </>
        ) : null}
        {deadline.requestedBy ? (
          <>
            <dt>Asked by</dt>
            <dd>
              {deadline.requestedBy.name} ({agencyName(deadline.requestedBy.agency)}), {formatUkDateTime(new Date(deadline.startedAt))}
            </dd>
          </>
        ) : null}
        <dt>Due</dt>
        <dd>{isOpen ? <Countdown dueAt={deadline.dueAt} overdueBadge={false} /> : formatUkDateTime(new Date(deadline.dueAt))}</dd>
        {deadline.doneAt ? (
          <>
            <dt>{deadline.kind === 'information-request' ? 'Answered' : deadline.kind === 'action' ? 'Done' : 'Held'}</dt>
            <dd>{formatUkDateTime(new Date(deadline.doneAt))}</dd>
          </>
        ) : null}
        {deadline.answer ? (
          <>
            <dt>Answer</dt>
            <dd>
              <AnswerText answer={deadline.answer} contributions={contributions} />
            </dd>
          </>
        ) : null}
        {deadline.outcome ? (
          <>
            <dt>Note</dt>
            <dd>{deadline.outcome}</dd>
          </>
        ) : null}
      </dl>
      {message ? (
        <p className="notice notice--success notice--small" role="status">
          {message}
        </p>
      ) : null}
      {isOpen && !open && (canDone || canChange) ? (
        <div className="button-group button-group--tight">
          {canDone ? (
            <button type="button" className="button button--secondary button--small" onClick={() => (setMessage(''), setOpen('done'))}>
              {doneText}
              <span className="visually-hidden">: {deadline.label}</span>
            </button>
          ) : null}
          {canChange ? (
            <button type="button" className="button button--secondary button--small" onClick={() => (setMessage(''), setOpen('due'))}>
              Change due time<span className="visually-hidden">: {deadline.label}</span>
            </button>
          ) : null}
        </div>
      ) : null}
      {open === 'done' && deadline.kind === 'information-request' ? <AnswerForm summary={summary} deadline={deadline} contributions={contributions} onDone={finish} /> : null}
      {open === 'done' && deadline.kind !== 'information-request' ? <DoneForm summary={summary} deadline={deadline} onDone={finish} /> : null}
      {open === 'due' ? <ChangeDueForm summary={summary} deadline={deadline} onDone={finish} /> : null}
    </li>
  );
}

/** A section of the panel with an "add" button that opens its form, focus returning to the button. */
function Section({ id, title, addText, canAdd, form, children }: { id: string; title: string; addText: string; canAdd: boolean; form: (done: (m: string) => void) => ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const { ref: button, focusLater } = useFocusLater<HTMLButtonElement>();
  const done = (m: string) => {
    setOpen(false);
    setMessage(m);
    focusLater();
  };
  return (
    <section className="timeliness-section" aria-labelledby={id}>
      <div className="panel__head">
        <h3 id={id} className="heading-s timeliness-section__title">
          {title}
        </h3>
        {canAdd && !open ? (
          <button ref={button} type="button" className="button button--secondary button--small" onClick={() => (setMessage(''), setOpen(true))}>
            {addText}
          </button>
        ) : null}
      </div>
      <div role="status" className={message ? 'notice notice--success notice--small' : 'visually-hidden'}>
        {message}
      </div>
      {open ? form(done) : null}
      {children}
    </section>
  );
}

export function TimelinessPanel({ summary, contributions }: { summary: CaseSummary; contributions: ContributionEntry[] }) {
  const { client } = useSession();
  const user = client.user;
  const [policy, setPolicy] = useState<TimelinessPolicy | null>(null);
  useEffect(() => {
    client.policy().then(setPolicy, () => setPolicy(null));
  }, [client]);
  usePreloadedForm(requestForm);
  const decider = DECISION_MAKERS.has(user.role);
  const closed = summary.status === 'closed';
  const requests = sortDeadlines(summary.deadlines.filter((d) => d.kind === 'information-request'));
  const actions = sortDeadlines(summary.deadlines.filter((d) => d.kind === 'action'));
  const strategy = summary.deadlines.find((d) => d.kind === 'strategy-discussion') ?? null;
  const triage = summary.deadlines.find((d) => d.kind === 'triage' && d.state === 'open') ?? null;

  return (
    <section className="panel timeliness-panel" aria-labelledby="timeliness-title">
      <h2 id="timeliness-title" className="panel__title">
        Timeliness
      </h2>
      {triage ? (
        <div className="timeliness-triage">
          <p className="deadline-item__title">{triage.label}</p>
          <Countdown dueAt={triage.dueAt} />
        </div>
      ) : null}
      <Section
        id="requests-title"
        title={`Information requests (${requests.length})`}
        addText="Request information"
        canAdd={!closed}
        form={(done) => <RequestForm summary={summary} policy={policy} onDone={done} />}
      >
        {requests.length ? (
          <ul className="plain-list deadline-list">
            {requests.map((d) => (
              <DeadlineItem key={d.id} summary={summary} deadline={d} canDone={mayAnswerRequest(d, user)} canChange={decider} doneText="Answer" contributions={contributions} />
            ))}
          </ul>
        ) : (
          <p className="muted">No information requested yet.</p>
        )}
      </Section>
      <Section
        id="strategy-title"
        title="Strategy discussion"
        addText={strategy ? 'Decide another' : 'Decide to hold one'}
        canAdd={decider && !closed && strategy?.state !== 'open'}
        form={(done) => <StrategyForm summary={summary} policy={policy} onDone={done} />}
      >
        {strategy ? (
          <ul className="plain-list deadline-list">
            <DeadlineItem summary={summary} deadline={strategy} canDone={decider} canChange={decider} doneText="Record as held" />
          </ul>
        ) : (
          <p className="muted">None decided.</p>
        )}
      </Section>
      <Section id="actions-title" title={`Actions (${actions.length})`} addText="Add action" canAdd={!closed} form={(done) => <ActionForm summary={summary} onDone={done} />}>
        {actions.length ? (
          <ul className="plain-list deadline-list">
            {actions.map((d) => (
              <DeadlineItem key={d.id} summary={summary} deadline={d} canDone={mayCompleteAction(d, user)} canChange={decider} doneText="Complete" />
            ))}
          </ul>
        ) : (
          <p className="muted">No actions yet.</p>
        )}
      </Section>
    </section>
  );
}
