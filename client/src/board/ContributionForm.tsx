import { useEffect, useMemo, useRef, type FormEvent } from 'react';
import { GUIDANCE, type Child, type CommandInput, type ContributionContent, type ContributionEntry, ukNow } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { draftKey, usePersistentDraft } from '../data/drafts.ts';
import { newCommandId } from '../data/live.ts';
import { ErrorSummary, fieldId, TextArea } from '../forms/fields.tsx';
import { useDraftForm } from '../forms/useCommandForm.ts';
import { HappenedFields } from '../forms/HappenedFields.tsx';
import { Icons } from '../components/Badges.tsx';
import { latestVersion, restrictedToText } from './restricted.ts';
import { FormActions } from '../forms/FormActions.tsx';
import { AboutWhom, CurrentOrHistoric, FactOrOpinion, RestrictionFields, SourceFields } from './ContributionFields.tsx';
import { contentFromDraft, draftFromContent, emptyContributionDraft, restrictedAudience, type ContributionDraft } from './contributionDraft.ts';
import { CONTRIBUTION_LABELS, issuesWhileTyping, validateContribution } from './contributionChecks.ts';

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
  const { restrictedTo } = restrictedAudience(draft, myAgency);
  const section = { prefix, draft, change, err };

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
      <ErrorSummary prefix={prefix} issues={form.issues} labels={CONTRIBUTION_LABELS} focusKey={form.focusKey} />
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
      <FactOrOpinion {...section} />
      <CurrentOrHistoric {...section} />
      <HappenedFields prefix={prefix} path="happened" legend="When did it happen?" value={draft.happened} onChange={(happened) => change({ happened })} issues={shown} />
      <SourceFields {...section} />
      <AboutWhom prefix={prefix} draft={draft} change={change} children={children} />
      {correcting && entry && entry.restrictedTo.length ? (
        <p className="hint restricted-note">
          {Icons.lock} {restrictedToText(entry.agency, entry.restrictedTo)}. A correction keeps this restriction.
        </p>
      ) : null}
      {!correcting ? <RestrictionFields prefix={prefix} draft={draft} change={change} myAgency={myAgency} /> : null}
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
