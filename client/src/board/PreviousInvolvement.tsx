/**
 * Previous involvement: earlier cases that may concern the same child. A prompt to check, never a
 * merge; a match on a case the reader may not see says only whom to ask.
 */
import { useEffect, useState } from 'react';
import { CASE_STATUS_LABELS, type CaseStatus, type ChildInput, type InvolvementMatchView, type PreviousInvolvementResult } from '@mashboard/shared';
import { screensApi } from '../data/screensApi.ts';
import { restrictedMatchText, strengthText } from '../data/involvement.ts';
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
      <a href={hrefFor({ page: 'case', caseId: m.caseId })}>{m.reference}</a>: {m.child.firstName} {m.child.lastName}
      {dob ? `, ${dob}` : ''} ({CASE_STATUS_LABELS[m.status as CaseStatus] ?? m.status}, received {formatDate(m.receivedAt)})
      {m.reasons.length ? <span className="block small">Why: {m.reasons.join('; ')}</span> : null}
    </li>
  );
}

export function InvolvementList({ result, headingLevel = 3 }: { result: PreviousInvolvementResult; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <>
      {result.children
        .filter((c) => c.matches.length)
        .map((c) => (
          <div key={c.index} className="involvement-child">
            <H className="heading-xs">{c.name}</H>
            <ul className="plain-list">
              {c.matches.map((m, i) => (
                <Match key={m.restricted ? `r${i}` : m.caseId} m={m} />
              ))}
            </ul>
          </div>
        ))}
    </>
  );
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
  if (!result || !result.children.some((c) => c.matches.length)) return null;
  return (
    <section className="notice involvement-notice" aria-labelledby="involvement-title">
      <h2 id="involvement-title" className="heading-s">
        Possible previous involvement
      </h2>
      <p className="small">Earlier cases that may concern the same child. Check before relying on them: a match is a prompt, not a link.</p>
      <InvolvementList result={result} />
    </section>
  );
}

/** The new-case form's search, debounced: results for the children entered so far. */
export function useInvolvementSearch(children: { index: number; child: ChildInput }[], delayMs = 600): { result: PreviousInvolvementResult | null; indexes: number[]; searching: boolean } {
  const key = JSON.stringify(children);
  const [state, setState] = useState<{ key: string; result: PreviousInvolvementResult | null; indexes: number[] }>({ key: '', result: null, indexes: [] });
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    const list = JSON.parse(key) as { index: number; child: ChildInput }[];
    if (!list.length) {
      setState({ key, result: null, indexes: [] });
      return;
    }
    let active = true;
    const timer = setTimeout(() => {
      setSearching(true);
      screensApi
        .searchInvolvement(list.map((c) => c.child))
        .then(
          (result) => active && setState({ key, result, indexes: list.map((c) => c.index) }),
          () => active && setState({ key, result: null, indexes: [] }),
        )
        .finally(() => active && setSearching(false));
    }, delayMs);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [key, delayMs]);
  return { result: state.result, indexes: state.indexes, searching };
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
