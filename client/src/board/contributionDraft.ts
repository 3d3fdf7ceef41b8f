/**
 * A contribution as the form holds it (kept on this device), the content it sends, and its checks:
 * the shared schemas and rules, ordered as the form asks, and which show while typing.
 */
import {
  basisAndRelevance,
  ContributionContentSchema,
  contributionRuleIssues,
  CorrectContributionSchema,
  HappenedSchema,
  issuesFromZod,
  type ContributionContent,
  type ContributionKind,
  type FieldIssue,
  type InformationSource,
  type Timeframe,
  ukNow,
} from '@mashboard/shared';
import { emptyHappened, happenedValue, type HappenedDraft } from '../forms/HappenedFields.tsx';
import { dateInputIssue } from '../forms/DateInput.tsx';

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

/**
 * The answers the form asks for, checked as the server checks them (the shared schemas): which
 * are required, the choices each allows, how long a text may be.
 */
const AnswersSchema = ContributionContentSchema.pick({ text: true, kind: true, basis: true, timeframe: true, relevance: true, source: true }).extend({
  happened: HappenedSchema.pick({ precision: true, time: true }),
});
const CorrectionAnswersSchema = AnswersSchema.extend({ reason: CorrectContributionSchema.shape.reason });

/** What the form asks for when a required answer is missing (the schemas only say it is required). */
const MISSING: Record<string, string> = {
  reason: 'say why you are correcting it (kept in the history)',
  text: 'enter what your agency knows or thinks',
  kind: 'choose fact or opinion',
  timeframe: 'choose current or historic',
  'happened.precision': 'say when it happened, or choose "Date unknown"',
  source: 'choose where the information comes from',
};

/**
 * Everything wrong with the draft, top to bottom. `today` and `nowTime` are the UK date and time
 * now (ukNow), so a time later than now is caught as it is typed.
 */
export function validateContribution(d: ContributionDraft, correcting: boolean, today = ukNow().date, nowTime = ukNow().time): FieldIssue[] {
  const content = contentFromDraft(d);
  const answers = { ...content, happened: { precision: d.happened.precision || undefined, time: content.happened?.time }, ...(correcting ? { reason: d.reason } : {}) };
  const parsed = (correcting ? CorrectionAnswersSchema : AnswersSchema).safeParse(answers);
  const issues: FieldIssue[] = parsed.success
    ? []
    : issuesFromZod(parsed.error).map((issue) => {
        const given = issue.path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], answers);
        const missing = given === undefined || (typeof given === 'string' && !given.trim());
        return missing && MISSING[issue.path] ? { ...issue, message: MISSING[issue.path]! } : issue;
      });
  const recordedOnIssue = content.agencyRecordedOn ? dateInputIssue(content.agencyRecordedOn, CONTRIBUTION_LABELS.agencyRecordedOn!) : undefined;
  if (recordedOnIssue) issues.push({ path: 'agencyRecordedOn', message: recordedOnIssue });
  issues.push(
    ...contributionRuleIssues(
      {
        kind: content.kind,
        basis: content.basis,
        timeframe: content.timeframe,
        relevance: content.relevance,
        happened: d.happened.precision ? content.happened : undefined,
        agencyRecordedOn: recordedOnIssue ? undefined : content.agencyRecordedOn,
      },
      today,
      nowTime,
    ),
  );
  return orderIssues(issues);
}

/** What the error summary calls each path. */
export const CONTRIBUTION_LABELS: Record<string, string> = {
  text: 'What your agency knows or thinks',
  kind: 'Fact or opinion',
  basis: 'Basis',
  timeframe: 'Current or historic',
  relevance: 'Why it is relevant now',
  'happened.precision': 'When it happened',
  'happened.date': 'Date it happened',
  'happened.time': 'Time it happened',
  happened: 'When it happened',
  source: 'Source',
  agencyRecordedOn: 'Date your agency recorded it',
  childIds: 'Which children',
  reason: 'Reason for the correction',
  expectedEntryVersion: 'Version',
};

/** Text fields: a problem with what is typed in one shows beside it at once (before any submit). */
const VALUE_FIELDS: Record<string, (d: ContributionDraft) => string> = {
  reason: (d) => d.reason,
  text: (d) => d.text,
  basis: (d) => d.basis,
  relevance: (d) => d.relevance,
  'happened.date': (d) => d.happened.date,
  'happened.time': (d) => d.happened.time,
};

/**
 * The issues to show before the first submit: only those about something typed (a date in the
 * future, a time later than now, too long a text), never "enter …" for an empty or untouched
 * field, so leaving a field empty moves nothing on the page.
 */
export function issuesWhileTyping(issues: readonly FieldIssue[], d: ContributionDraft): FieldIssue[] {
  return issues.filter((i) => {
    const value = VALUE_FIELDS[i.path]?.(d);
    return value !== undefined && value.trim() !== '';
  });
}

/** Order of fields on the form, so the summary lists problems top to bottom. */
const ORDER = ['reason', 'text', 'kind', 'basis', 'timeframe', 'relevance', 'happened', 'source', 'agencyRecordedOn', 'childIds', 'restrictedTo'];
function orderIssues(issues: FieldIssue[]): FieldIssue[] {
  const rank = (p: string) => {
    const i = ORDER.findIndex((o) => p === o || p.startsWith(`${o}.`));
    return i < 0 ? ORDER.length : i;
  };
  return [...issues].sort((a, b) => rank(a.path) - rank(b.path));
}

/** The other agencies ticked, and what is sent: empty for everyone; else the own agency (so "only us" is not empty) and those ticked. */
export function restrictedAudience(draft: ContributionDraft, myAgency: string): { alsoTo: string[]; restrictedTo: string[] } {
  const alsoTo = (draft.restrictedTo ?? []).filter((a) => a !== myAgency);
  return { alsoTo, restrictedTo: draft.restrict ? [myAgency, ...alsoTo] : [] };
}
