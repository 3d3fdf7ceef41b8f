/**
 * Minutes as a reader sees them: attendance; per case the information shared with Facts and
 * Opinions in separate sections (historic lines with their relevance), the child's voice, the
 * decisions with who agreed and any dissent, and the actions. Withheld lines say only which
 * agency holds them.
 */
import {
  agencyName,
  agendaItemLabel,
  DECISION_OUTCOME_LABELS,
  describeAttendance,
  HOW_EXPRESSED_LABELS,
  type CaseDecision,
  type Minutes,
  type MinutesInformation,
  type MinutesItem,
} from '@mashboard/shared';
import { formatDateTime } from '../data/time.ts';
import { Icons, KindBadge, PlainBadge, TimeframeBadge } from '../components/Badges.tsx';

/** A decision as its parts, each labelled (a GOV.UK summary list): outcome, threshold, rationale, agreed by, dissent. */
export function DecisionParts({ decision: d }: { decision: Omit<CaseDecision, 'recordedBy'> }) {
  return (
    <dl className="summary-list decision-parts">
      <div className="summary-list__row">
        <dt className="summary-list__key">Outcome</dt>
        <dd className="summary-list__value">
          <strong>{DECISION_OUTCOME_LABELS[d.outcome] ?? d.outcome}</strong>
        </dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Threshold</dt>
        <dd className="summary-list__value prewrap">{d.threshold}</dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Rationale</dt>
        <dd className="summary-list__value prewrap">{d.rationale}</dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Agreed by</dt>
        <dd className="summary-list__value">{d.agreedBy.join('; ')}</dd>
      </div>
      <div className="summary-list__row">
        <dt className="summary-list__key">Dissent</dt>
        <dd className="summary-list__value">
          {d.dissent.length ? (
            <ul className="plain-list">
              {d.dissent.map((x, i) => (
                <li key={i} className="minutes-dissent">
                  {x.name} ({agencyName(x.agency)}): {x.view}
                </li>
              ))}
            </ul>
          ) : (
            'None recorded'
          )}
        </dd>
      </div>
    </dl>
  );
}

function Info({ info, kind }: { info: MinutesInformation; kind: 'fact' | 'opinion' }) {
  if (info.withheld) {
    return (
      <li className="minutes-info minutes-info--withheld">
        <PlainBadge icon={Icons.lock}>Restricted</PlainBadge> Restricted information from {agencyName(info.agency)}
      </li>
    );
  }
  return (
    <li className="minutes-info">
      <span className="entry__badges">
        <KindBadge kind={kind} /> <TimeframeBadge timeframe={info.timeframe} />
      </span>{' '}
      <strong>{agencyName(info.agency)}:</strong> <span className="prewrap">{info.text}</span>
      {info.basis ? <span className="block small">Basis: {info.basis}</span> : null}
      {info.relevance ? <span className="block small">Why relevant now: {info.relevance}</span> : null}
    </li>
  );
}

function Item({ item, level }: { item: MinutesItem; level: 3 | 4 }) {
  const H = level === 3 ? 'h3' : 'h4';
  const Sub = level === 3 ? 'h4' : 'h5';
  if (item.withheld) {
    return (
      <section className="minutes-item">
        <H className="heading-s">{agendaItemLabel(item)}</H>
        <p>It is restricted to {item.restrictedTo.map(agencyName).join(', ')}: its discussion is not shared with your agency.</p>
      </section>
    );
  }
  return (
    <section className="minutes-item" aria-label={`Case ${item.reference}`}>
      <H className="heading-s">
        Case {item.reference}
        {item.children.length ? `: ${item.children.join(', ')}` : ''}
      </H>
      <Sub className="heading-xs">Facts</Sub>
      {item.facts.length ? (
        <ul className="plain-list minutes-list" aria-label={`Facts, case ${item.reference}`}>
          {item.facts.map((f) => (
            <Info key={f.entryId} info={f} kind="fact" />
          ))}
        </ul>
      ) : (
        <p className="muted">No facts recorded.</p>
      )}
      <Sub className="heading-xs">Opinions</Sub>
      {item.opinions.length ? (
        <ul className="plain-list minutes-list" aria-label={`Opinions, case ${item.reference}`}>
          {item.opinions.map((f) => (
            <Info key={f.entryId} info={f} kind="opinion" />
          ))}
        </ul>
      ) : (
        <p className="muted">No opinions recorded.</p>
      )}
      <Sub className="heading-xs">The child’s voice</Sub>
      {item.childVoice.length || item.voiceAbsent.length ? (
        <ul className="plain-list minutes-list">
          {item.childVoice.map((v, i) => (
            <li key={i}>
              <strong>{v.child}:</strong> {v.words ? <q>{v.words}</q> : null}
              {v.wishes ? <span className="block">Wishes: {v.wishes}</span> : null}
              {v.feelings ? <span className="block">Feelings: {v.feelings}</span> : null}
              {v.observedBehaviour ? <span className="block">Observed: {v.observedBehaviour}</span> : null}
              <span className="block small">{HOW_EXPRESSED_LABELS[v.howExpressed as keyof typeof HOW_EXPRESSED_LABELS] ?? v.howExpressed}</span>
            </li>
          ))}
          {item.voiceAbsent.map((v, i) => (
            <li key={`a${i}`}>
              <strong>{v.child}:</strong> no voice recorded: {v.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="warning-text">No child’s voice recorded.</p>
      )}
      <Sub className="heading-xs">Decisions</Sub>
      {item.decisions.length ? (
        <ul className="plain-list minutes-list">
          {item.decisions.map((d) => (
            <li key={d.id} className="minutes-decision">
              <DecisionParts decision={d} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No decision recorded in this meeting.</p>
      )}
      <Sub className="heading-xs">Actions</Sub>
      {item.actions.length ? (
        <ul className="plain-list minutes-list">
          {item.actions.map((a, i) => (
            <li key={i}>
              {a.title}: {a.owner} ({agencyName(a.agency)}), due {formatDateTime(a.dueAt)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No actions set in this meeting.</p>
      )}
    </section>
  );
}

export function MinutesView({ minutes, level = 3 }: { minutes: Minutes; level?: 3 | 4 }) {
  return (
    <div className="minutes">
      <p>
        {minutes.title}. Chair: {minutes.chair}. Held {formatDateTime(minutes.heldAt)}.
      </p>
      <p>
        Attendance: {minutes.attendance.length ? minutes.attendance.map(describeAttendance).join('; ') : 'none recorded'}
        {minutes.absent?.length ? `. Absent (invited, no attendance recorded): ${minutes.absent.map(agencyName).join(', ')}` : ''}
      </p>
      {minutes.items.map((item, i) => (
        <Item key={`${i}:${item.caseId}`} item={item} level={level} />
      ))}
    </div>
  );
}
