import { useEffect, useMemo, useRef, type FormEvent } from 'react';
import {
  childVoiceRuleIssues,
  GUIDANCE,
  happenedRuleIssues,
  HOW_EXPRESSED,
  HOW_EXPRESSED_LABELS,
  LIMITS,
  VOICE_ABSENCE_LABELS,
  VOICE_ABSENCE_REASONS,
  type Child,
  type CommandInput,
  type FieldIssue,
  type HowExpressed,
  ukNow,
} from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { draftKey, usePersistentDraft } from '../data/drafts.ts';
import { newCommandId } from '../data/live.ts';
import { ErrorSummary, fieldId, RadioGroup, TextArea, TextField } from '../forms/fields.tsx';
import { useDraftForm } from '../forms/useCommandForm.ts';
import { PeopleChoice } from './CasePeople.tsx';
import { emptyHappened, HappenedFields, happenedValue, type HappenedDraft } from '../forms/HappenedFields.tsx';
import { FormActions } from '../forms/FormActions.tsx';

export interface VoiceDraft {
  howExpressed: HowExpressed | '';
  words: string;
  observedBehaviour: string;
  interpreterLanguage: string;
  wishes: string;
  feelings: string;
  where: string;
  happened: HappenedDraft;
  whoPresent: string;
  heardByName: string;
  heardByRole: string;
  heardByAgency: string;
  /** The people the child speaks about (absent in drafts saved before people were recorded). */
  personIds?: string[];
}

const LABELS: Record<string, string> = {
  howExpressed: 'How the child expressed it',
  words: "The child's own words",
  observedBehaviour: 'What was observed',
  interpreterLanguage: 'Language interpreted',
  wishes: 'Wishes',
  feelings: 'Feelings',
  'circumstances.where': 'Where',
  'circumstances.happened.precision': 'When',
  'circumstances.happened.date': 'Date',
  'circumstances.happened.time': 'Time',
  'circumstances.whoPresent': 'Who was present',
  'heardBy.name': 'Heard by: name',
  'heardBy.role': 'Heard by: role',
  'heardBy.agency': 'Heard by: agency',
};

function max(issues: FieldIssue[], path: string, value: string, limit: number) {
  if (value.length > limit) issues.push({ path, message: `must be at most ${limit.toLocaleString('en-GB')} characters` });
}

/** Everything wrong with the draft; `today` and `nowTime` are the UK date and time now (ukNow). */
export function validateVoice(d: VoiceDraft, today = ukNow().date, nowTime = ukNow().time): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!d.howExpressed) issues.push({ path: 'howExpressed', message: 'choose how the child expressed it' });
  issues.push(
    ...childVoiceRuleIssues({
      howExpressed: d.howExpressed || undefined,
      words: d.words,
      observedBehaviour: d.howExpressed === 'observed-behaviour' ? d.observedBehaviour : undefined,
      interpreterLanguage: d.howExpressed === 'interpreter' ? d.interpreterLanguage : undefined,
      wishes: d.wishes,
      feelings: d.feelings,
    }),
  );
  if (!d.where.trim()) issues.push({ path: 'circumstances.where', message: 'say where it happened' });
  if (!d.happened.precision) issues.push({ path: 'circumstances.happened.precision', message: 'say when, or choose "Date unknown"' });
  issues.push(...happenedRuleIssues(happenedValue(d.happened), 'circumstances.happened', today, nowTime));
  if (!d.heardByName.trim()) issues.push({ path: 'heardBy.name', message: 'enter who heard it' });
  if (!d.heardByRole.trim()) issues.push({ path: 'heardBy.role', message: 'enter their role' });
  if (!d.heardByAgency.trim()) issues.push({ path: 'heardBy.agency', message: 'enter their agency' });
  max(issues, 'words', d.words, LIMITS.longText);
  max(issues, 'wishes', d.wishes, LIMITS.mediumText);
  max(issues, 'feelings', d.feelings, LIMITS.mediumText);
  max(issues, 'observedBehaviour', d.observedBehaviour, LIMITS.mediumText);
  max(issues, 'circumstances.where', d.where, LIMITS.shortText);
  max(issues, 'circumstances.whoPresent', d.whoPresent, LIMITS.shortText);
  return issues;
}

function useFocusFirst() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, select')?.focus();
  }, []);
  return ref;
}

export function VoiceForm({ caseId, child, onDone, onCancel }: { caseId: string; child: Child; onDone: (m: string) => void; onCancel: () => void }) {
  const { client } = useSession();
  const user = client.user;
  const prefix = `voice-${child.id}`;
  const { draft, update, reset, restored } = usePersistentDraft<VoiceDraft>(draftKey(user.userId, caseId, `voice:${child.id}`), () => ({
    howExpressed: '',
    words: '',
    observedBehaviour: '',
    interpreterLanguage: '',
    wishes: '',
    feelings: '',
    where: '',
    happened: emptyHappened(),
    whoPresent: '',
    heardByName: user.name,
    heardByRole: user.roleLabel,
    heardByAgency: user.agencyName,
  }));
  const first = useFocusFirst();
  const now = ukNow();
  const localIssues = useMemo(() => validateVoice(draft, now.date, now.time), [draft, now.date, now.time]);
  const form = useDraftForm(localIssues);
  const { shown, err } = form;
  const change = (patch: Partial<VoiceDraft>) => {
    form.changed();
    update(patch);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    const payload = (): CommandInput<'voice.record'> => ({
      commandId: newCommandId(),
      caseId,
      childId: child.id,
      howExpressed: draft.howExpressed as HowExpressed,
      ...(opt(draft.words) ? { words: opt(draft.words) } : {}),
      ...(opt(draft.wishes) ? { wishes: opt(draft.wishes) } : {}),
      ...(opt(draft.feelings) ? { feelings: opt(draft.feelings) } : {}),
      ...(draft.howExpressed === 'observed-behaviour' && opt(draft.observedBehaviour) ? { observedBehaviour: opt(draft.observedBehaviour) } : {}),
      ...(draft.howExpressed === 'interpreter' && opt(draft.interpreterLanguage) ? { interpreterLanguage: opt(draft.interpreterLanguage) } : {}),
      circumstances: {
        where: draft.where.trim(),
        happened: happenedValue(draft.happened)!,
        ...(opt(draft.whoPresent) ? { whoPresent: opt(draft.whoPresent) } : {}),
      },
      heardBy: { name: draft.heardByName.trim(), role: draft.heardByRole.trim(), agency: draft.heardByAgency.trim() },
      ...(draft.personIds?.length ? { personIds: draft.personIds } : {}),
    });
    const outcome = await form.submit('voice.record', payload, { label: `Child's voice for ${child.firstName}`, caseId });
    if (!outcome || outcome.status === 'error') return;
    reset();
    onDone(outcome.status === 'ok' ? `${child.firstName}'s voice was recorded.` : 'Saved on this device – waiting to send.');
  }

  return (
    <form className="form entry-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`} className="heading-s">
        Record {child.firstName}'s voice
      </h4>
      {restored ? (
        <p className="notice notice--small" role="status">
          Your unsent draft was restored from this device.
        </p>
      ) : null}
      <p className="hint">{GUIDANCE.childVoice}</p>
      <ErrorSummary prefix={prefix} issues={form.issues} labels={LABELS} focusKey={form.focusKey} />
      <div ref={first}>
        <RadioGroup<HowExpressed>
          id={fieldId(prefix, 'howExpressed')}
          name={`${prefix}-how`}
          legend="How did it come out?"
          value={draft.howExpressed}
          onChange={(howExpressed) => change({ howExpressed })}
          error={err('howExpressed')}
          small
          options={HOW_EXPRESSED.map((h) => ({
            value: h,
            label: HOW_EXPRESSED_LABELS[h],
            ...(h === 'interpreter'
              ? {
                  reveal: (
                    <TextField
                      id={fieldId(prefix, 'interpreterLanguage')}
                      label="Language interpreted"
                      width="medium"
                      value={draft.interpreterLanguage}
                      onChange={(interpreterLanguage) => change({ interpreterLanguage })}
                      error={err('interpreterLanguage')}
                    />
                  ),
                }
              : {}),
            ...(h === 'observed-behaviour'
              ? {
                  reveal: (
                    <TextArea
                      id={fieldId(prefix, 'observedBehaviour')}
                      label="What was observed"
                      hint="Describe the behaviour as seen, without interpreting it"
                      rows={3}
                      value={draft.observedBehaviour}
                      onChange={(observedBehaviour) => change({ observedBehaviour })}
                      error={err('observedBehaviour')}
                    />
                  ),
                }
              : {}),
          }))}
        />
      </div>
      <TextArea
        id={fieldId(prefix, 'words')}
        label={`${child.firstName}'s own words`}
        hint="Exactly as said – never paraphrased"
        rows={3}
        value={draft.words}
        onChange={(words) => change({ words })}
        error={err('words')}
      />
      <TextArea id={fieldId(prefix, 'wishes')} label="Wishes" hint="What the child wants to happen" rows={2} value={draft.wishes} onChange={(wishes) => change({ wishes })} error={err('wishes')} />
      <TextArea
        id={fieldId(prefix, 'feelings')}
        label="Feelings"
        hint="How the child feels about it"
        rows={2}
        value={draft.feelings}
        onChange={(feelings) => change({ feelings })}
        error={err('feelings')}
      />
      <PeopleChoice prefix={prefix} legend={`Whom does ${child.firstName} speak about? (optional)`} value={draft.personIds ?? []} onChange={(personIds) => change({ personIds })} />
      <fieldset className="fieldset fieldset--section">
        <legend className="fieldset__legend fieldset__legend--s">Where and when</legend>
        <TextField id={fieldId(prefix, 'circumstances.where')} label="Where" value={draft.where} onChange={(where) => change({ where })} error={err('circumstances.where')} />
        <HappenedFields prefix={prefix} path="circumstances.happened" legend="When?" value={draft.happened} onChange={(happened) => change({ happened })} issues={shown} />
        <TextField
          id={fieldId(prefix, 'circumstances.whoPresent')}
          label="Who was present (optional)"
          value={draft.whoPresent}
          onChange={(whoPresent) => change({ whoPresent })}
          error={err('circumstances.whoPresent')}
        />
      </fieldset>
      <fieldset className="fieldset fieldset--section">
        <legend className="fieldset__legend fieldset__legend--s">Who heard it</legend>
        <TextField id={fieldId(prefix, 'heardBy.name')} label="Name" value={draft.heardByName} onChange={(heardByName) => change({ heardByName })} error={err('heardBy.name')} />
        <TextField id={fieldId(prefix, 'heardBy.role')} label="Role" value={draft.heardByRole} onChange={(heardByRole) => change({ heardByRole })} error={err('heardBy.role')} />
        <TextField id={fieldId(prefix, 'heardBy.agency')} label="Agency" value={draft.heardByAgency} onChange={(heardByAgency) => change({ heardByAgency })} error={err('heardBy.agency')} />
      </fieldset>
      <FormActions submit="Record child's voice" busy={form.busy} busyText="Sending…" secondary={{ label: 'Close (keep draft)', onClick: onCancel }} />
    </form>
  );
}

type AbsenceReason = (typeof VOICE_ABSENCE_REASONS)[number];

export function AbsenceForm({ caseId, child, onDone, onCancel }: { caseId: string; child: Child; onDone: (m: string) => void; onCancel: () => void }) {
  const { client } = useSession();
  const prefix = `absence-${child.id}`;
  const { draft, update, reset } = usePersistentDraft<{ reason: AbsenceReason | ''; explanation: string }>(draftKey(client.user.userId, caseId, `absence:${child.id}`), () => ({
    reason: '',
    explanation: '',
  }));
  const first = useFocusFirst();
  const localIssues = useMemo(() => {
    const issues: FieldIssue[] = [];
    if (!draft.reason) issues.push({ path: 'reason', message: 'choose why the voice cannot be recorded' });
    if (!draft.explanation.trim()) issues.push({ path: 'explanation', message: 'explain in a few words' });
    max(issues, 'explanation', draft.explanation, LIMITS.mediumText);
    return issues;
  }, [draft]);
  const form = useDraftForm(localIssues);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const outcome = await form.submit(
      'voice.record-absence',
      () => ({ commandId: newCommandId(), caseId, childId: child.id, reason: draft.reason as AbsenceReason, explanation: draft.explanation.trim() }),
      { label: `Why there is no voice for ${child.firstName}`, caseId },
    );
    if (!outcome || outcome.status === 'error') return;
    reset();
    onDone(outcome.status === 'ok' ? 'The reason was recorded.' : 'Saved on this device – waiting to send.');
  }

  return (
    <form className="form entry-form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`} className="heading-s">
        Why {child.firstName}'s voice is not recorded
      </h4>
      <p className="hint">{GUIDANCE.voiceAbsent}</p>
      <ErrorSummary prefix={prefix} issues={form.issues} labels={{ reason: 'Reason', explanation: 'Explanation' }} focusKey={form.focusKey} />
      <div ref={first}>
        <RadioGroup<AbsenceReason>
          id={fieldId(prefix, 'reason')}
          name={`${prefix}-reason`}
          legend="Reason"
          small
          value={draft.reason}
          onChange={(reason) => {
            form.changed();
            update({ reason });
          }}
          error={form.err('reason')}
          options={VOICE_ABSENCE_REASONS.map((r) => ({ value: r, label: VOICE_ABSENCE_LABELS[r] }))}
        />
      </div>
      <TextArea
        id={fieldId(prefix, 'explanation')}
        label="Explanation"
        rows={3}
        value={draft.explanation}
        onChange={(explanation) => {
          form.changed();
          update({ explanation });
        }}
        error={form.err('explanation')}
      />
      <FormActions
        submit="Record reason"
        busy={form.busy}
        busyText="Sending…"
        secondary={{
          label: 'Cancel',
          onClick: () => {
            reset();
            onCancel();
          },
        }}
      />
    </form>
  );
}
