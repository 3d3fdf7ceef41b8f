/**
 * Previous involvement: earlier cases that may concern the same child. A prompt to check, never a
 * merge; a match on a case the reader may not see says only whom to ask.
 */
import { useEffect, useState } from 'react';
import { CASE_STATUS_LABELS, type CaseStatus, type ChildInput, type InvolvementMatchView, type PreviousInvolvementResult } from '@mashboard/shared';
import { screensApi, type InvolvementAround } from '../data/screensApi.ts';
import { matchedWhoText, restrictedMatchText, strengthText } from '../data/involvement.ts';
import { formatCalendarDate, formatDate } from '../data/time.ts';
import { hrefFor } from '../router.ts';
import { Icons, PlainBadge } from '../components/Badges.tsx';

function Match({ m }: { m: InvolvementMatchView }) {
  if (m.restricted) {
    return (
      <li className="involvement-match">
        <PlainBadge icon={Icons.lock}>Restricted</PlainBadge> {restrictedMatchText(m)}
      </li>
    );
  }
  const dob = m.child.dateOfBirth ? `born ${formatCalendarDate(m.child.dateOfBirth)}` : m.child.expectedDateOfBirth ? `due ${formatCalendarDate(m.child.expectedDateOfBirth)}` : '';
  return (
    <li className="involvement-match">
      <PlainBadge tone={m.strength === 'strong' ? 'warning' : 'pending'} icon={m.strength === 'strong' ? Icons.warning : Icons.info}>
        {strengthText(m.strength)}
      </PlainBadge>{' '}
      <a href={hrefFor({ page: 'case', caseId: m.caseId })}>{m.reference}</a>: {matchedWhoText(m)}
      {dob && m.matchedOn?.kind !== 'address' ? `, ${dob}` : ''} ({CASE_STATUS_LABELS[m.status as CaseStatus] ?? m.status}, received {formatDate(m.receivedAt)})
      {m.reasons.length ? <span className="block small">Why: {m.reasons.join('; ')}</span> : null}
    </li>
  );
}

export function InvolvementList({ result, headingLevel = 3 }: { result: PreviousInvolvementResult; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  // The case's children, then the people around them, then its addresses: each with what matched it.
  const groups = [
    ...result.children.map((c) => ({ key: `child-${c.index}`, name: c.name, matches: c.matches })),
    ...(result.people ?? []).map((p) => ({ key: `person-${p.personId}`, name: p.name, matches: p.matches })),
    ...(result.addresses ?? []).map((a) => ({ key: `address-${a.addressId}`, name: a.address, matches: a.matches })),
  ];
  return (
    <>
      {groups
        .filter((g) => g.matches.length)
        .map((g) => (
          <div key={g.key} className="involvement-child">
            <H className="heading-xs">{g.name}</H>
            <ul className="plain-list">
              {g.matches.map((m, i) => (
                <Match key={m.restricted ? `r${i}` : `${m.caseId}-${i}`} m={m} />
              ))}
            </ul>
          </div>
        ))}
    </>
  );
}

/** Whether anything on a case matched an earlier case. */
export function hasInvolvement(result: PreviousInvolvementResult): boolean {
  return [...result.children, ...(result.people ?? []), ...(result.addresses ?? [])].some((g) => g.matches.length > 0);
}

/** The case board's compact notice (nothing when there is no match). */
export function PreviousInvolvementNotice({ caseId }: { caseId: string }) {
  const [result, setResult] = useState<PreviousInvolvementResult | null>(null);
  useEffect(() => {
    let active = true;
    screensApi.previousInvolvement(caseId).then(
      (r) => active && setResult(r),
      () => active && setResult(null),
    );
    return () => {
      active = false;
    };
  }, [caseId]);
  if (!result || !hasInvolvement(result)) return null;
  return (
    <section className="notice involvement-notice" aria-labelledby="involvement-title">
      <h2 id="involvement-title" className="heading-s">
        Possible previous involvement
      </h2>
      <p className="small">Earlier cases that may concern the same child, the same people or the same address. Check before relying on them: a match is a prompt, not a link.</p>
      <InvolvementList result={result} />
    </section>
  );
}

type InvolvementSearch = { result: PreviousInvolvementResult | null; indexes: number[] };
const NOTHING_FOUND: InvolvementSearch = { result: null, indexes: [] };

/** The new-case form's search, debounced: results for the children entered so far. */
export function useInvolvementSearch(children: { index: number; child: ChildInput }[], around: InvolvementAround = { people: [], addresses: [] }, delayMs = 600): InvolvementSearch {
  const key = JSON.stringify([children, around]);
  // The last answer stays shown while the next search waits for the typing to stop.
  const [found, setFound] = useState<InvolvementSearch>(NOTHING_FOUND);
  // With no child left to search for, the last answer goes at once: changed while rendering (React
  // renders again before showing anything), not in an effect after a render with the stale answer.
  if (!children.length && found !== NOTHING_FOUND) setFound(NOTHING_FOUND);
  useEffect(() => {
    const [list, extra] = JSON.parse(key) as [{ index: number; child: ChildInput }[], InvolvementAround];
    if (!list.length) return;
    let active = true;
    const timer = setTimeout(() => {
      screensApi
        .searchInvolvement(
          list.map((c) => c.child),
          extra,
        )
        .then(
          (result) => active && setFound({ result, indexes: list.map((c) => c.index) }),
          () => active && setFound(NOTHING_FOUND),
        );
    }, delayMs);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  return found;
}

/** On the new-case form, under the people and addresses: earlier cases where they were met. */
export function AroundInvolvement({ result }: { result: PreviousInvolvementResult | null }) {
  if (!result) return null;
  const around = { ...result, children: [] };
  if (!hasInvolvement(around)) return null;
  return (
    <div className="notice involvement-notice" role="region" aria-label="Possible previous involvement of the people and addresses">
      <p className="heading-xs">Possible previous involvement of the people and addresses</p>
      <InvolvementList result={around} headingLevel={4} />
    </div>
  );
}

/** Under a child in the new-case form: what the search found for that child. */
export function ChildInvolvement({ result, indexes, childIndex }: { result: PreviousInvolvementResult | null; indexes: number[]; childIndex: number }) {
  if (!result) return null;
  const searchIndex = indexes.indexOf(childIndex);
  const found = result.children.find((c) => c.index === searchIndex);
  if (!found || !found.matches.length) return null;
  return (
    <div className="notice involvement-notice" role="region" aria-label={`Possible previous involvement for ${found.name}`}>
      <p className="heading-xs">Possible previous involvement for {found.name}</p>
      <ul className="plain-list">
        {found.matches.map((m, i) => (
          <Match key={m.restricted ? `r${i}` : m.caseId} m={m} />
        ))}
      </ul>
    </div>
  );
}
