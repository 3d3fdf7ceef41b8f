/**
 * A contribution as the form holds it while it is written (and as a draft is saved on this device),
 * and its conversion to and from what is sent. Apart from the form, which loads only when opened.
 */
import { basisAndRelevance, type ContributionContent, type ContributionKind, type InformationSource, type Timeframe } from '@mashboard/shared';
import { emptyHappened, happenedValue, type HappenedDraft } from '../forms/HappenedFields.tsx';

export interface ContributionDraft {
  text: string;
  kind: ContributionKind | '';
  basis: string;
  timeframe: Timeframe | '';
  relevance: string;
  happened: HappenedDraft;
  source: InformationSource | '';
  /** From the agency's records: the date the agency recorded it (YYYY-MM-DD), or '' when not given. */
  agencyRecordedOn: string;
  childIds: string[];
  /** The people on the case it concerns (absent in drafts saved before people were recorded). */
  personIds?: string[];
  /** New contributions only: restricted to the contributor's agency and `restrictedTo`. */
  restrict: boolean;
  /** The other agencies that may also see a restricted contribution. */
  restrictedTo: string[];
  /** Corrections only. */
  reason: string;
}

export const emptyContributionDraft = (): ContributionDraft => ({
  text: '',
  kind: '',
  basis: '',
  timeframe: '',
  relevance: '',
  happened: emptyHappened(),
  source: '',
  agencyRecordedOn: '',
  childIds: [],
  restrict: false,
  restrictedTo: [],
  reason: '',
});

export function draftFromContent(content: Partial<ContributionContent> & { restrictedTo?: string[] }): ContributionDraft {
  return {
    text: content.text ?? '',
    kind: content.kind ?? '',
    basis: content.basis ?? '',
    timeframe: content.timeframe ?? '',
    relevance: content.relevance ?? '',
    happened: {
      precision: content.happened?.precision ?? '',
      date: content.happened?.date ?? '',
      time: content.happened?.time ?? '',
    },
    source: content.source ?? '',
    agencyRecordedOn: content.agencyRecordedOn ?? '',
    childIds: content.childIds ?? [],
    personIds: content.personIds ?? [],
    restrict: Boolean(content.restrictedTo?.length),
    restrictedTo: content.restrictedTo ?? [],
    reason: '',
  };
}

/** The content as it will be sent: the hidden field of an unchosen option is left out. */
export function contentFromDraft(d: ContributionDraft): Partial<ContributionContent> {
  const happened = happenedValue(d.happened);
  return {
    text: d.text.trim(),
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.timeframe ? { timeframe: d.timeframe } : {}),
    ...basisAndRelevance({ kind: d.kind, basis: d.basis.trim(), timeframe: d.timeframe, relevance: d.relevance.trim() }),
    ...(happened ? { happened } : {}),
    ...(d.source ? { source: d.source } : {}),
    ...(d.source === 'agency-records' && d.agencyRecordedOn ? { agencyRecordedOn: d.agencyRecordedOn } : {}),
    childIds: d.childIds,
    personIds: d.personIds ?? [],
  };
}

/** The other agencies ticked, and what is sent: empty for everyone; else the own agency (so "only us" is not empty) and those ticked. */
export function restrictedAudience(draft: ContributionDraft, myAgency: string): { alsoTo: string[]; restrictedTo: string[] } {
  const alsoTo = (draft.restrictedTo ?? []).filter((a) => a !== myAgency);
  return { alsoTo, restrictedTo: draft.restrict ? [myAgency, ...alsoTo] : [] };
}
