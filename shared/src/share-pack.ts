/**
 * Share packs: what the recipient of a decision to share is given, built from the case as the
 * exporter sees it and what they chose (`ShareSelection`, in sharing.ts).
 */
import { agencyName } from './agencies.ts';
import { HOW_EXPRESSED_LABELS, SOURCE_LABELS } from './contributions.ts';
import type { CaseView } from './model.ts';
import type { Happened } from './primitives.ts';
import { basisAndRelevance } from './rules.ts';
import type { ShareSelection } from './sharing.ts';

export interface SharePackItem {
  id: string;
  agency: string;
  /** "Fact" or "Opinion": an opinion is never presented as fact. */
  kind: 'Fact' | 'Opinion';
  timeframe: 'Current' | 'Historic';
  text: string;
  basis?: string;
  relevance?: string;
  happened: Happened;
  source: string;
  recordedAt: string;
  restricted: boolean;
}

export interface SharePack {
  caseReference: string;
  children: { name: string; dateOfBirth?: string; expectedDateOfBirth?: string }[];
  referral: { source: string; referrer?: string };
  items: SharePackItem[];
  childVoice: { child: string; words?: string; wishes?: string; feelings?: string; observedBehaviour?: string; howExpressed: string; where: string }[];
  /** What was chosen but left out, and why (the preview says so). */
  omitted: { id: string; why: 'restricted-not-chosen' | 'not-visible-to-you' | 'not-on-this-case' }[];
}

/**
 * What the recipient will see, from the case as the exporter sees it (withheld entries are never
 * in it) and their selection: a restricted entry only when chosen deliberately, a protected
 * referrer only when chosen and held by the exporter's agency, opinions labelled as opinions,
 * historic entries with their relevance.
 */
export function buildSharePack(view: CaseView, selection: ShareSelection): SharePack {
  const omitted: SharePack['omitted'] = [];
  const items: SharePackItem[] = [];
  for (const id of selection.contributionIds) {
    const entry = view.entries.find((e) => e.id === id && e.kind === 'contribution');
    if (!entry || entry.kind !== 'contribution') {
      omitted.push({ id, why: 'not-on-this-case' });
      continue;
    }
    if (entry.withheld || entry.versions.length === 0) {
      omitted.push({ id, why: 'not-visible-to-you' });
      continue;
    }
    const restricted = entry.restrictedTo.length > 0;
    if (restricted && !selection.includeRestrictedIds.includes(id)) {
      omitted.push({ id, why: 'restricted-not-chosen' });
      continue;
    }
    const c = entry.versions[entry.versions.length - 1]!.content;
    items.push({
      id,
      agency: agencyName(entry.agency),
      kind: c.kind === 'opinion' ? 'Opinion' : 'Fact',
      timeframe: c.timeframe === 'historic' ? 'Historic' : 'Current',
      text: c.text,
      ...basisAndRelevance(c),
      happened: c.happened,
      source: SOURCE_LABELS[c.source],
      recordedAt: entry.recordedAt,
      restricted,
    });
  }
  const { referral, children } = view.summary;
  const mayName = !referral.identityProtected || selection.includeProtectedIdentity;
  const referrer = mayName && referral.referrerName ? `${referral.referrerName}${referral.referrerRole ? `, ${referral.referrerRole}` : ''}` : undefined;
  const nameOf = (childId: string) => {
    const c = children.find((k) => k.id === childId);
    return c ? `${c.firstName} ${c.lastName}` : 'a child';
  };
  const childVoice = selection.includeChildVoice
    ? view.entries.flatMap((e) => {
        if (e.kind !== 'voice' || e.versions.length === 0) return [];
        const v = e.versions[e.versions.length - 1]!.content;
        return [
          {
            child: nameOf(v.childId),
            ...(v.words ? { words: v.words } : {}),
            ...(v.wishes ? { wishes: v.wishes } : {}),
            ...(v.feelings ? { feelings: v.feelings } : {}),
            ...(v.observedBehaviour ? { observedBehaviour: v.observedBehaviour } : {}),
            howExpressed: HOW_EXPRESSED_LABELS[v.howExpressed],
            where: v.circumstances.where,
          },
        ];
      })
    : [];
  return {
    caseReference: view.summary.reference,
    children: children.map((c) => ({
      name: `${c.firstName} ${c.lastName}`,
      ...(c.dateOfBirth ? { dateOfBirth: c.dateOfBirth } : {}),
      ...(c.expectedDateOfBirth ? { expectedDateOfBirth: c.expectedDateOfBirth } : {}),
    })),
    referral: { source: referral.source, ...(referrer ? { referrer } : {}) },
    items,
    childVoice,
    omitted,
  };
}
