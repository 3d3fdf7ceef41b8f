import { useEffect, useMemo, useRef, type FormEvent } from 'react';
import {
  activeAgencies,
  agencyName,
  ContributionContentSchema,
  contributionRuleIssues,
  CorrectContributionSchema,
  GUIDANCE,
  HappenedSchema,
  issuesFromZod,
  SOURCE_LABELS,
  SOURCES,
  type Child,
  type CommandInput,
  type ContributionContent,
  type ContributionEntry,
  type ContributionKind,
  type FieldIssue,
  type InformationSource,
  type Timeframe,
  ukNow,
} from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { contentFromDraft, draftFromContent, emptyContributionDraft, type ContributionDraft } from './contributionDraft.ts';
import { draftKey, usePersistentDraft } from '../data/drafts.ts';
import { newCommandId } from '../data/live.ts';
import { childFullName } from '../data/children.ts';
import { PeopleChoice } from './CasePeople.tsx';
import { Checkbox, ErrorSummary, fieldId, RadioGroup, SelectField, TextArea } from '../forms/fields.tsx';
import { useDraftForm } from '../forms/useCommandForm.ts';
import { HappenedFields } from '../forms/HappenedFields.tsx';
import { DateInput, dateInputIssue } from '../forms/DateInput.tsx';
import { Icons } from '../components/Badges.tsx';
import { latestVersion, RESTRICT_GUIDANCE, restrictedToText } from './restricted.ts';
import { FormActions } from '../forms/FormActions.tsx';

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
  const recordedOnIssue = content.agencyRecordedOn ? dateInputIssue(content.agencyRecordedOn, LABELS.agencyRecordedOn!) : undefined;
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

const LABELS: Record<string, string> = {
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

/**
 * Add a contribution, or correct one (entry given). The draft lives in localStorage per case
 * (and per entry for corrections), so a dropped connection or a reload loses nothing.
 */
export function ContributionForm({
  caseId,
  children,
  entry,
  onDone,
  onCancel,
}: {
  caseId: string;
  children: Child[];
  entry?: ContributionEntry;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { client } = useSession();
  const correcting = Boolean(entry);
  const prefix = entry ? `correct-${entry.id}` : 'contribution';
  const key = draftKey(client.user.userId, caseId, entry ? `correct:${entry.id}` : 'contribution');
  const { draft, update, reset, restored } = usePersistentDraft<ContributionDraft>(key, () => (entry ? draftFromContent(latestVersion(entry)?.content ?? {}) : emptyContributionDraft()));
  const firstField = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Opening the form puts the cursor in its first field.
    firstField.current?.querySelector<HTMLElement>('textarea, input')?.focus();
  }, []);

  const now = ukNow();
  const localIssues = useMemo(() => validateContribution(draft, correcting, now.date, now.time), [draft, correcting, now.date, now.time]);
  // GOV.UK: nothing is in error until the person submits (then the list follows their fixes);
  // before that, only a problem with something actually typed shows, beside its field.
  const form = useDraftForm(localIssues, issuesWhileTyping(localIssues, draft));
  const { shown, err } = form;
  const change = (patch: Partial<ContributionDraft>) => {
    form.changed();
    update(patch);
  };
  const myAgency = client.user.agency;
  const otherAgencies = activeAgencies().filter((a) => a.id !== myAgency);
  const alsoTo = (draft.restrictedTo ?? []).filter((a) => a !== myAgency);
  /** What is sent: empty for everyone; else the own agency (so "only us" is not empty) and those ticked. */
  const restrictedTo = draft.restrict ? [myAgency, ...alsoTo] : [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const content = () => contentFromDraft(draft) as ContributionContent;
    const outcome = entry
      ? await form.submit(
          'contribution.correct',
          () =>
            ({
              commandId: newCommandId(),
              caseId,
              entryId: entry.id,
              expectedEntryVersion: latestVersion(entry)?.version ?? 1,
              reason: draft.reason.trim(),
              ...content(),
            }) satisfies CommandInput<'contribution.correct'>,
          { label: `Correction to a contribution from ${entry.author.name}`, caseId },
        )
      : await form.submit(
          'contribution.add',
          () =>
            ({
              commandId: newCommandId(),
              caseId,
              ...content(),
              restrictedTo: restrictedTo as CommandInput<'contribution.add'>['restrictedTo'],
            }) satisfies CommandInput<'contribution.add'>,
          { label: restrictedTo.length ? `Contribution (${restrictedToText(myAgency, restrictedTo).toLowerCase()})` : 'Contribution', caseId },
        );
    if (!outcome) return;
    if (outcome.status === 'error') {
      if (outcome.error.code === 'conflict' && entry) {
        form.setServerIssues([{ path: '', message: 'Someone corrected this entry since you opened the form. Check the latest version below, then cancel and correct it again.' }]);
      }
      return;
    }
    reset();
    onDone(
      outcome.status === 'ok' ? (correcting ? 'Your correction was saved.' : 'Your contribution was added.') : 'Saved on this device – waiting to send. It will be sent when the connection returns.',
    );
  }

  const guidanceId = `${prefix}-guidance`;
  return (
    <form className="form entry-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`} className="heading-s">
        {correcting ? 'Correct this contribution' : 'Add a contribution'}
      </h3>
      {restored ? (
        <p className="notice notice--small" role="status">
          Your unsent draft was restored from this device.
        </p>
      ) : null}
      {correcting ? (
        <p className="hint" id={guidanceId}>
          {Icons.info} {GUIDANCE.correction}
        </p>
      ) : null}
      <ErrorSummary prefix={prefix} issues={form.issues} labels={LABELS} focusKey={form.focusKey} />
      <div ref={firstField}>
        {correcting ? (
          <TextArea
            id={fieldId(prefix, 'reason')}
            label="Reason for the correction"
            hint="Kept in the history with the earlier text"
            rows={2}
            value={draft.reason}
            onChange={(reason) => change({ reason })}
            error={err('reason')}
          />
        ) : null}
        <TextArea
          id={fieldId(prefix, 'text')}
          label="What your agency knows or thinks"
          hint="Share only what is necessary, relevant and proportionate to this concern"
          rows={5}
          value={draft.text}
          onChange={(text) => change({ text })}
          error={err('text')}
        />
      </div>
      <RadioGroup<ContributionKind>
        id={fieldId(prefix, 'kind')}
        name={`${prefix}-kind`}
        legend="Is this a fact or an opinion?"
        value={draft.kind}
        onChange={(kind) => change({ kind })}
        error={err('kind')}
        options={[
          { value: 'fact', label: 'Fact', hint: GUIDANCE.fact },
          {
            value: 'opinion',
            label: 'Opinion',
            hint: GUIDANCE.opinion,
            reveal: (
              <TextArea
                id={fieldId(prefix, 'basis')}
                label="Basis"
                hint="The evidence the opinion rests on"
                rows={3}
                value={draft.basis}
                onChange={(basis) => change({ basis })}
                error={err('basis')}
              />
            ),
          },
        ]}
      />
      <RadioGroup<Timeframe>
        id={fieldId(prefix, 'timeframe')}
        name={`${prefix}-timeframe`}
        legend="Is it current or historic?"
        value={draft.timeframe}
        onChange={(timeframe) => change({ timeframe })}
        error={err('timeframe')}
        options={[
          { value: 'current', label: 'Current', hint: GUIDANCE.current },
          {
            value: 'historic',
            label: 'Historic',
            hint: GUIDANCE.historic,
            reveal: (
              <TextArea id={fieldId(prefix, 'relevance')} label="Why it is relevant now" rows={3} value={draft.relevance} onChange={(relevance) => change({ relevance })} error={err('relevance')} />
            ),
          },
        ]}
      />
      <HappenedFields prefix={prefix} path="happened" legend="When did it happen?" value={draft.happened} onChange={(happened) => change({ happened })} issues={shown} />
      <SelectField
        id={fieldId(prefix, 'source')}
        label="Source"
        hint="Where the information comes from"
        placeholder="Choose a source"
        value={draft.source}
        onChange={(v) => change({ source: v as InformationSource })}
        options={SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
        error={err('source')}
      />
      {draft.source === 'agency-records' ? (
        <DateInput
          id={fieldId(prefix, 'agencyRecordedOn')}
          legend="When did your agency record it? (optional)"
          hint="The date in your own records, if it was recorded before today. Sharing old records now is not “recorded late”. For example, 27 3 2021"
          value={draft.agencyRecordedOn}
          onChange={(agencyRecordedOn) => change({ agencyRecordedOn })}
          error={err('agencyRecordedOn')}
        />
      ) : null}
      {children.length > 1 ? (
        <div className="form-group">
          <fieldset className="fieldset" aria-describedby={`${prefix}-children-hint`}>
            <legend className="fieldset__legend">Which children is it about?</legend>
            <p className="hint" id={`${prefix}-children-hint`}>
              Leave all unticked if it is about the whole case.
            </p>
            <div className="checkboxes" id={fieldId(prefix, 'childIds')}>
              {children.map((c) => (
                <Checkbox
                  key={c.id}
                  id={`${prefix}-child-${c.id}`}
                  label={childFullName(c)}
                  checked={draft.childIds.includes(c.id)}
                  onChange={(on) => change({ childIds: on ? [...draft.childIds, c.id] : draft.childIds.filter((x) => x !== c.id) })}
                />
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}
      <PeopleChoice prefix={prefix} value={draft.personIds ?? []} onChange={(personIds) => change({ personIds })} />
      {correcting && entry && entry.restrictedTo.length ? (
        <p className="hint restricted-note">
          {Icons.lock} {restrictedToText(entry.agency, entry.restrictedTo)}. A correction keeps this restriction.
        </p>
      ) : null}
      {!correcting ? (
        <div className="form-group restrict">
          <div className="checkboxes">
            <Checkbox id={fieldId(prefix, 'restrict')} label="Restrict who can see this" hint={RESTRICT_GUIDANCE} checked={draft.restrict ?? false} onChange={(restrict) => change({ restrict })} />
            {draft.restrict ? (
              <div className="checkboxes__conditional">
                <fieldset className="fieldset" aria-describedby={`${prefix}-restrict-to-hint`}>
                  <legend className="fieldset__legend fieldset__legend--s">Who else may see it?</legend>
                  <p className="hint" id={`${prefix}-restrict-to-hint`}>
                    {agencyName(myAgency)} always sees it. Tick none to keep it within {agencyName(myAgency)}.
                  </p>
                  <div className="checkboxes checkboxes--columns" id={fieldId(prefix, 'restrictedTo')}>
                    {otherAgencies.map((a) => (
                      <Checkbox
                        key={a.id}
                        id={`${prefix}-restrict-${a.id}`}
                        label={a.name}
                        checked={alsoTo.includes(a.id)}
                        onChange={(on) => change({ restrictedTo: on ? [...alsoTo, a.id] : alsoTo.filter((x) => x !== a.id) })}
                      />
                    ))}
                  </div>
                </fieldset>
                <p className="restrict__summary" aria-live="polite">
                  {Icons.lock} {restrictedToText(myAgency, restrictedTo)}
                </p>
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
      <FormActions
        submit={correcting ? 'Save correction' : 'Add contribution'}
        busy={form.busy}
        busyText="Sending…"
        secondary={{
          label: correcting ? 'Cancel correction' : 'Close (keep draft)',
          onClick: () => {
            if (correcting) reset();
            onCancel();
          },
        }}
      >
        {!correcting ? (
          <button
            type="button"
            className="button button--warning-link"
            onClick={() => {
              if (window.confirm('Discard this draft?')) {
                reset();
                onCancel();
              }
            }}
          >
            Discard draft
          </button>
        ) : null}
      </FormActions>
    </form>
  );
}
