import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  contributionRuleIssues,
  currentVersion,
  GUIDANCE,
  LIMITS,
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
} from '@mashboard/shared';
import { useSession } from '../context.ts';
import { draftKey, usePersistentDraft } from '../data/drafts.ts';
import { newCommandId } from '../data/live.ts';
import { childFullName } from '../data/children.ts';
import { londonToday } from '../data/time.ts';
import { Checkbox, ErrorSummary, fieldId, issueFor, RadioGroup, SelectField, TextArea } from '../forms/fields.tsx';
import { emptyHappened, HappenedFields, happenedValue, type HappenedDraft } from '../forms/HappenedFields.tsx';
import { Icons } from '../components/Badges.tsx';

export interface ContributionDraft {
  text: string;
  kind: ContributionKind | '';
  basis: string;
  timeframe: Timeframe | '';
  relevance: string;
  happened: HappenedDraft;
  source: InformationSource | '';
  childIds: string[];
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
  childIds: [],
  reason: '',
});

export function draftFromContent(content: Partial<ContributionContent>): ContributionDraft {
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
    childIds: content.childIds ?? [],
    reason: '',
  };
}

/** The content as it will be sent: the hidden field of an unchosen option is left out. */
export function contentFromDraft(d: ContributionDraft): Partial<ContributionContent> {
  const happened = happenedValue(d.happened);
  return {
    text: d.text.trim(),
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.kind === 'opinion' && d.basis.trim() ? { basis: d.basis.trim() } : {}),
    ...(d.timeframe ? { timeframe: d.timeframe } : {}),
    ...(d.timeframe === 'historic' && d.relevance.trim() ? { relevance: d.relevance.trim() } : {}),
    ...(happened ? { happened } : {}),
    ...(d.source ? { source: d.source } : {}),
    childIds: d.childIds,
  };
}

export function validateContribution(d: ContributionDraft, correcting: boolean, today = londonToday()): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (correcting && !d.reason.trim()) issues.push({ path: 'reason', message: 'say why you are correcting it (kept in the history)' });
  if (correcting && d.reason.length > LIMITS.mediumText) issues.push({ path: 'reason', message: `must be at most ${LIMITS.mediumText} characters` });
  if (!d.text.trim()) issues.push({ path: 'text', message: 'enter what your agency knows or thinks' });
  if (d.text.length > LIMITS.longText) issues.push({ path: 'text', message: `must be at most ${LIMITS.longText.toLocaleString('en-GB')} characters` });
  if (!d.kind) issues.push({ path: 'kind', message: 'choose fact or opinion' });
  if (!d.timeframe) issues.push({ path: 'timeframe', message: 'choose current or historic' });
  const content = contentFromDraft(d);
  issues.push(
    ...contributionRuleIssues(
      {
        kind: content.kind,
        basis: content.basis,
        timeframe: content.timeframe,
        relevance: content.relevance,
        happened: d.happened.precision ? content.happened : undefined,
      },
      today,
    ),
  );
  if (!d.happened.precision) issues.push({ path: 'happened.precision', message: 'say when it happened, or choose "Date unknown"' });
  if (!d.source) issues.push({ path: 'source', message: 'choose where the information comes from' });
  if (d.basis.length > LIMITS.mediumText) issues.push({ path: 'basis', message: `must be at most ${LIMITS.mediumText} characters` });
  if (d.relevance.length > LIMITS.mediumText) issues.push({ path: 'relevance', message: `must be at most ${LIMITS.mediumText} characters` });
  return issues;
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
  childIds: 'Which children',
  reason: 'Reason for the correction',
  expectedEntryVersion: 'Version',
};

/** Order of fields on the form, so the summary lists problems top to bottom. */
const ORDER = ['reason', 'text', 'kind', 'basis', 'timeframe', 'relevance', 'happened', 'source', 'childIds'];
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
  const { draft, update, reset, restored } = usePersistentDraft<ContributionDraft>(key, () =>
    entry ? draftFromContent(currentVersion(entry).content) : emptyContributionDraft(),
  );
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[] | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const firstField = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Opening the form puts the cursor in its first field.
    firstField.current?.querySelector<HTMLElement>('textarea, input')?.focus();
  }, []);

  const today = londonToday();
  const localIssues = useMemo(() => orderIssues(validateContribution(draft, correcting, today)), [draft, correcting, today]);
  const shown = serverIssues ?? (submitted ? localIssues : localIssues.filter((i) => [...touched].some((t) => i.path === t || i.path.startsWith(`${t}.`))));
  const err = (path: string) => issueFor(shown, path);
  const touch = (...paths: string[]) =>
    setTouched((t) => {
      const next = new Set(t);
      for (const p of paths) next.add(p);
      return next;
    });
  const change = (patch: Partial<ContributionDraft>, ...touchPaths: string[]) => {
    setServerIssues(null);
    update(patch);
    if (touchPaths.length) touch(...touchPaths);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServerIssues(null);
    if (localIssues.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    const content = contentFromDraft(draft) as ContributionContent;
    setBusy(true);
    const outcome = entry
      ? await client.send(
          'contribution.correct',
          {
            commandId: newCommandId(),
            caseId,
            entryId: entry.id,
            expectedEntryVersion: currentVersion(entry).version,
            reason: draft.reason.trim(),
            ...content,
          } satisfies CommandInput<'contribution.correct'>,
          { label: `Correction to a contribution from ${entry.author.name}`, caseId },
        )
      : await client.send(
          'contribution.add',
          { commandId: newCommandId(), caseId, ...content } satisfies CommandInput<'contribution.add'>,
          { label: 'Contribution', caseId },
        );
    setBusy(false);
    if (outcome.status === 'error') {
      const error = outcome.error;
      let issues = error.issues?.length ? error.issues : [{ path: '', message: error.message }];
      if (error.code === 'conflict' && entry) {
        issues = [{ path: '', message: 'Someone corrected this entry since you opened the form. Check the latest version below, then cancel and correct it again.' }];
      }
      setServerIssues(issues);
      setFocusKey((k) => k + 1);
      return;
    }
    reset();
    onDone(
      outcome.status === 'ok'
        ? correcting
          ? 'Your correction was saved.'
          : 'Your contribution was added.'
        : 'Saved on this device – waiting to send. It will be sent when the connection returns.',
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
      <ErrorSummary prefix={prefix} issues={shown} labels={LABELS} focusKey={focusKey} />
      <div ref={firstField}>
        {correcting ? (
          <TextArea
            id={fieldId(prefix, 'reason')}
            label="Reason for the correction"
            hint="Kept in the history with the earlier text"
            rows={2}
            value={draft.reason}
            onChange={(reason) => change({ reason })}
            onBlur={() => touch('reason')}
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
          onBlur={() => touch('text')}
          error={err('text')}
        />
      </div>
      <RadioGroup<ContributionKind>
        id={fieldId(prefix, 'kind')}
        name={`${prefix}-kind`}
        legend="Is this a fact or an opinion?"
        value={draft.kind}
        onChange={(kind) => change({ kind }, 'kind')}
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
                onBlur={() => touch('basis')}
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
        onChange={(timeframe) => change({ timeframe }, 'timeframe')}
        error={err('timeframe')}
        options={[
          { value: 'current', label: 'Current', hint: GUIDANCE.current },
          {
            value: 'historic',
            label: 'Historic',
            hint: GUIDANCE.historic,
            reveal: (
              <TextArea
                id={fieldId(prefix, 'relevance')}
                label="Why it is relevant now"
                rows={3}
                value={draft.relevance}
                onChange={(relevance) => change({ relevance })}
                onBlur={() => touch('relevance')}
                error={err('relevance')}
              />
            ),
          },
        ]}
      />
      <HappenedFields
        prefix={prefix}
        path="happened"
        legend="When did it happen?"
        value={draft.happened}
        onChange={(happened) => change({ happened }, 'happened')}
        issues={shown}
      />
      <SelectField
        id={fieldId(prefix, 'source')}
        label="Source"
        hint="Where the information comes from"
        placeholder="Choose a source"
        value={draft.source}
        onChange={(v) => change({ source: v as InformationSource }, 'source')}
        options={SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
        error={err('source')}
      />
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
                  onChange={(on) =>
                    change({ childIds: on ? [...draft.childIds, c.id] : draft.childIds.filter((x) => x !== c.id) })
                  }
                />
              ))}
            </div>
          </fieldset>
        </div>
      ) : null}
      <div className="button-group">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : correcting ? 'Save correction' : 'Add contribution'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            if (correcting) reset();
            onCancel();
          }}
        >
          {correcting ? 'Cancel correction' : 'Close (keep draft)'}
        </button>
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
      </div>
    </form>
  );
}
