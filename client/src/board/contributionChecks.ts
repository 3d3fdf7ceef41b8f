/**
 * The contribution form's checks, as the server makes them (the shared schemas and rules), listed
 * top to bottom as the form asks, and which of them show while typing. Loaded with the form.
 */
import { ContributionContentSchema, contributionRuleIssues, CorrectContributionSchema, HappenedSchema, issuesFromZod, type FieldIssue, ukNow } from '@mashboard/shared';
import { dateInputIssue } from '../forms/DateInput.tsx';
import { contentFromDraft, type ContributionDraft } from './contributionDraft.ts';

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
