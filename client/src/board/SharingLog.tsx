/**
 * The sharing log: every decision to share or not to share, signed and dated, superseded ones
 * marked with the reason and the newer decision, and each share pack's exports (the buttons that
 * export and supersede are the sharing page's: sharing/DecisionActions.tsx).
 */
import type { ReactNode } from 'react';
import { agencyName, CONSENT_NOT_SOUGHT_LABELS, LAWFUL_BASIS_LABELS, SHARING_ADVICE, type CaseSummary, type SharingDecision } from '@mashboard/shared';
import { channelText, recipientText, sortDecisions } from '../data/sharingLog.ts';
import { formatDateTime } from '../data/time.ts';
import { Icons, PlainBadge } from '../components/Badges.tsx';

/** What a page offers under each decision (the sharing page: exports, and recording a new decision instead). */
type DecisionActions = (decision: SharingDecision) => ReactNode;

export function consentText(c: SharingDecision['consent']): string {
  if (!c) return 'Not asked: there was no clear purpose';
  switch (c.status) {
    case 'given':
      return `Given by ${c.byWhom}, ${c.how}, ${formatDateTime(c.when)}`;
    case 'refused':
      return `Refused by ${c.byWhom}, ${formatDateTime(c.when)}${c.detail ? `: ${c.detail}` : ''}`;
    case 'not-sought':
      return `Not sought: ${CONSENT_NOT_SOUGHT_LABELS[c.reason]}${c.reasonText ? `. ${c.reasonText}` : ''}`;
  }
}

export function familyToldText(f: SharingDecision['familyTold']): string {
  if (!f) return 'Not asked: there was no clear purpose';
  return f.told ? `Yes${f.when ? `, ${formatDateTime(f.when)}` : ''}` : `No: ${f.why}`;
}

/** "Decided by DC Sam Evans, Police, 21 Nov 2026, 10:05". */
export function signedText(d: Pick<SharingDecision, 'decidedBy' | 'decidedAt'>): string {
  return `Decided by ${d.decidedBy.name}, ${agencyName(d.decidedBy.agency)}, ${formatDateTime(d.decidedAt)}`;
}

export function decisionHeadline(d: SharingDecision): string {
  const party = d.recipient ?? d.requester;
  const who = party ? recipientText(party) : '';
  const noPurpose = d.hasClearPurpose ? '' : ': no clear purpose';
  return d.decision === 'share' ? `Share with ${who || 'a recipient'}` : `Do not share${who ? ` with ${who}` : ''}${noPurpose}`;
}

function focusDecision(id: string) {
  const el = document.getElementById(`sharing-decision-${id}`);
  if (!el) return;
  el.focus();
  el.scrollIntoView({ block: 'start' });
}

function DecisionItem({ summary, decision, compact, actions }: { summary: CaseSummary; decision: SharingDecision; compact: boolean; actions?: DecisionActions | undefined }) {
  const d = decision;
  const newer = d.supersededBy ? summary.sharingDecisions.find((x) => x.id === d.supersededBy!.id) : undefined;
  const shared = d.selection.contributionIds.length + (d.selection.includeChildVoice ? 1 : 0);
  return (
    <li>
      <article id={`sharing-decision-${d.id}`} tabIndex={-1} className={`sharing-decision${d.supersededBy ? ' sharing-decision--superseded' : ''}`} aria-labelledby={`sharing-decision-${d.id}-title`}>
        <div className="sharing-decision__head">
          <h3 id={`sharing-decision-${d.id}-title`} className="heading-xs sharing-decision__title">
            {decisionHeadline(d)}
          </h3>
          <span className="entry__badges">
            {d.decision === 'share' ? (
              <PlainBadge tone="ok" icon={Icons.tick}>
                <span className="visually-hidden">Decision: </span>Share
              </PlainBadge>
            ) : (
              <PlainBadge tone="grey" icon={Icons.lock}>
                <span className="visually-hidden">Decision: </span>Do not share
              </PlainBadge>
            )}{' '}
            {d.supersededBy ? (
              <PlainBadge tone="warning" icon={Icons.warning}>
                Superseded
              </PlainBadge>
            ) : null}
          </span>
        </div>
        {d.supersededBy ? (
          <p className="sharing-decision__superseded">
            Superseded {formatDateTime(d.supersededBy.at)}: {d.supersededBy.reason}.{' '}
            {newer ? (
              <button type="button" className="button--link" onClick={() => focusDecision(newer.id)}>
                Go to the newer decision<span className="visually-hidden">: {decisionHeadline(newer)}</span>
              </button>
            ) : null}
          </p>
        ) : null}
        <dl className="meta-list">
          <dt>Purpose</dt>
          <dd>{d.purpose}</dd>
          {!compact ? (
            <>
              <dt>Direction</dt>
              <dd>{d.direction === 'incoming' ? 'A request made to us' : 'Our decision to share out'}</dd>
            </>
          ) : null}
          {d.requester ? (
            <>
              <dt>Asked by</dt>
              <dd>{recipientText(d.requester)}</dd>
            </>
          ) : null}
          {d.decision === 'share' || !d.requester ? (
            <>
              <dt>With whom</dt>
              <dd>{recipientText(d.recipient)}</dd>
            </>
          ) : null}
          {d.decision === 'share' ? (
            <>
              <dt>How</dt>
              <dd>{channelText(d)}</dd>
              <dt>What</dt>
              <dd>
                {d.selection.contributionIds.length} {d.selection.contributionIds.length === 1 ? 'contribution' : 'contributions'}
                {d.selection.includeChildVoice ? ', the child’s voice' : ''}
                {d.selection.includeRestrictedIds.length ? ` (${d.selection.includeRestrictedIds.length} restricted, included deliberately)` : ''}
                {d.selection.includeProtectedIdentity ? ', the protected referrer’s identity' : ''}
                {shared === 0 ? 'nothing' : ''}
              </dd>
            </>
          ) : null}
          <dt>Lawful bases</dt>
          <dd>{d.lawfulBases.length ? d.lawfulBases.map((b) => LAWFUL_BASIS_LABELS[b]).join('; ') : 'None named'}</dd>
          {!compact ? (
            <>
              <dt>Special category</dt>
              <dd>{d.specialCategory ? 'Yes' : 'No'}</dd>
              <dt>Made under</dt>
              <dd>{SHARING_ADVICE[d.advice]}</dd>
            </>
          ) : null}
          <dt>Consent</dt>
          <dd>{consentText(d.consent)}</dd>
          <dt>Family told</dt>
          <dd>{familyToldText(d.familyTold)}</dd>
          <dt>Reasons</dt>
          <dd className="prewrap">{d.reasons}</dd>
        </dl>
        <p className="sharing-decision__signed">{signedText(d)}</p>
        {d.exports.length ? (
          <div>
            <h4 className="heading-xs">Exports ({d.exports.length})</h4>
            <ul className="plain-list small">
              {d.exports.map((x) => (
                <li key={x.exportId}>
                  {x.format.toUpperCase()} by {x.by.name}, {agencyName(x.by.agency)}, {formatDateTime(x.at)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {actions?.(d)}
      </article>
    </li>
  );
}

export function SharingLog({ summary, compact = false, actions }: { summary: CaseSummary; compact?: boolean; actions?: DecisionActions }) {
  const decisions = sortDecisions(summary.sharingDecisions);
  if (!decisions.length) return <p className="muted">No sharing decisions recorded yet.</p>;
  return (
    <ul className="plain-list sharing-log" aria-label="Sharing decisions">
      {decisions.map((d) => (
        <DecisionItem key={d.id} summary={summary} decision={d} compact={compact} actions={actions} />
      ))}
    </ul>
  );
}
