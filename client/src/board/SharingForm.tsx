/**
 * The guided form for an information-sharing decision: the advice's flowchart a question at a
 * time (each with why it matters), its conclusion in words, then the record itself (purpose,
 * consent, lawful bases, the decision and its reasons, what is shared, with whom, how, whether
 * the family was told), a preview of exactly what the recipient will see, and the submit through
 * the outbox. Sharing against the flowchart is explained inline as the person types.
 */
import { useMemo, useState, type FormEvent } from 'react';
import {
  activeAgencies,
  agencyName,
  CONSENT_NOT_SOUGHT_LABELS,
  CONSENT_NOT_SOUGHT_REASONS,
  LAWFUL_BASIS_LABELS,
  SHARING_CHANNELS,
  SHARING_QUESTIONS,
  type CaseView,
  type ContributionEntry,
  type SharePack,
  type SharingQuestion,
} from '@mashboard/shared';
import { useSession } from '../context.ts';
import { ApiRequestError } from '../data/api.ts';
import { draftKey, usePersistentDraft } from '../data/drafts.ts';
import { newCommandId } from '../data/live.ts';
import { screensApi } from '../data/screensApi.ts';
import {
  againstFlowchart,
  answersOf,
  basesFor,
  CHANNEL_LABELS,
  conclusionText,
  emptySharingDraft,
  flowQuestions,
  needsIdentifiesQuestion,
  ruleIssues,
  selectionOf,
  sharingDraftIssues,
  sharingPayload,
  type SharingDraft,
  type YesNo,
} from '../data/sharing.ts';
import { formatHappened } from '../data/time.ts';
import { Checkbox, ErrorSummary, FieldError, fieldId, RadioGroup, SelectField, TextArea, TextField } from '../forms/fields.tsx';
import { useDraftForm } from '../forms/useCommandForm.ts';
import { KindBadge, RestrictedBadge } from '../components/Badges.tsx';
import { latestContent, restrictedToText } from './restricted.ts';
import { SharePackPreview } from './SharePackPreview.tsx';

const P = 'share';

const QUESTION_PATH: Record<SharingQuestion, string> = {
  purpose: 'hasClearPurpose',
  consent: 'consentGiven',
  identifies: 'identifiesPerson',
  lawfulWithoutConsent: 'lawfulReasonWithoutConsent',
};
const QUESTION_FIELD: Record<SharingQuestion, keyof SharingDraft> = {
  purpose: 'purposeAnswer',
  consent: 'consentAnswer',
  identifies: 'identifiesAnswer',
  lawfulWithoutConsent: 'lawfulAnswer',
};

const LABELS: Record<string, string> = {
  hasClearPurpose: 'Clear and legitimate purpose',
  consentGiven: 'Consent',
  identifiesPerson: 'Identifies a person',
  lawfulReasonWithoutConsent: 'Lawful reason without consent',
  direction: 'Direction',
  purpose: 'Purpose',
  'consent.status': 'Consent',
  'consent.byWhom': 'Consent: by whom',
  'consent.how': 'Consent: how',
  'consent.when': 'Consent: when',
  'consent.reason': 'Why consent was not sought',
  'consent.reasonText': 'Why consent was not sought',
  lawfulBases: 'Lawful bases',
  decision: 'Decision',
  reasons: 'Reasons',
  'selection.contributionIds': 'What to share',
  recipient: 'Recipient',
  'recipient.agency': 'Recipient agency',
  'recipient.organisation': 'Recipient organisation',
  'recipient.role': 'Recipient role',
  channel: 'How it is shared',
  channelDetail: 'How it is shared',
  familyTold: 'Family told',
  'familyTold.when': 'When the family was told',
  'familyTold.why': 'Why the family was not told',
  supersedeReason: 'Why the earlier decision is superseded',
};

/** Which control an error link focuses. */
function targetFor(path: string): string {
  if (path.startsWith('selection.')) return fieldId(P, 'selection');
  if (path === 'recipient') return fieldId(P, 'recipientKind');
  return fieldId(P, path);
}

function contributionTitle(entry: ContributionEntry): string {
  const c = latestContent(entry);
  if (!c) return `Restricted entry from ${agencyName(entry.agency)}`;
  // Long enough to tell entries apart; cut at a word, never mid-word (the preview shows it whole).
  const text = c.text.length > 180 ? `${c.text.slice(0, 180).replace(/\s+\S*$/, '')}…` : c.text;
  return `${agencyName(entry.agency)}: ${text}`;
}

export function SharingForm({
  view,
  initial,
  onDone,
  onCancel,
}: {
  view: CaseView;
  /** A prefilled draft (a new decision superseding an earlier one). */
  initial?: SharingDraft;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { client } = useSession();
  const me = client.user;
  const caseId = view.summary.id;
  const { draft, update, reset, restored } = usePersistentDraft<SharingDraft>(draftKey(me.userId, caseId, initial?.supersedes ? `sharing:${initial.supersedes}` : 'sharing'), () => initial ?? emptySharingDraft());
  const [preview, setPreview] = useState<{ key: string; pack: SharePack } | null>(null);
  const [previewError, setPreviewError] = useState('');
  const [previewBusy, setPreviewBusy] = useState(false);

  const contributions = view.entries.filter((e): e is ContributionEntry => e.kind === 'contribution');
  const visible = contributions.filter((e) => latestContent(e) !== null);
  const withheldCount = contributions.length - visible.length;
  const hasVoice = view.entries.some((e) => e.kind === 'voice' && e.versions.length > 0);
  const holdsProtected = view.summary.referral.identityProtected === true && view.summary.openedBy.agency === me.agency;

  const answers = answersOf(draft);
  const { questions, step } = flowQuestions(answers);
  const conclusion = conclusionText(step);
  const concluded = step.kind === 'conclude';
  const localIssues = useMemo(() => sharingDraftIssues(draft, me.agency), [draft, me.agency]);
  const form = useDraftForm(localIssues);
  const { err } = form;
  const set = (patch: Partial<SharingDraft>) => {
    form.changed();
    update(patch);
  };
  // As the person types: the flowchart and the law, explained beside the decision and the bases.
  const live = ruleIssues(draft, me.agency);
  const against = againstFlowchart(draft);
  const liveBasisIssue = live.find((i) => i.path === 'lawfulBases')?.message;
  const livePurposeIssue = live.find((i) => i.path === 'hasClearPurpose')?.message;

  const selectionKey = JSON.stringify(selectionOf(draft));
  const share = draft.decision === 'share';

  async function runPreview() {
    setPreviewBusy(true);
    setPreviewError('');
    try {
      const pack = await screensApi.sharePackPreview(caseId, selectionOf(draft));
      setPreview({ key: selectionKey, pack });
    } catch (e) {
      setPreviewError(e instanceof ApiRequestError ? e.error.message : 'The preview could not be made.');
    } finally {
      setPreviewBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const label = `${draft.decision === 'share' ? 'Decision to share' : 'Decision not to share'} (${view.summary.reference})`;
    const outcome = await form.submit('sharing.decide', () => sharingPayload(draft, caseId, newCommandId()), { label, caseId });
    if (!outcome || outcome.status === 'error') return;
    reset();
    onDone(outcome.status === 'ok' ? 'Your decision is recorded in the sharing log, signed and dated.' : 'Your decision is saved on this device and will be recorded when the connection returns.');
  }

  const yesNo = (q: SharingQuestion) => (
    <RadioGroup<'yes' | 'no'>
      key={q}
      id={fieldId(P, QUESTION_PATH[q])}
      name={fieldId(P, QUESTION_PATH[q])}
      legend={SHARING_QUESTIONS[q].question}
      hint={<>Why it matters: {SHARING_QUESTIONS[q].why}</>}
      inline
      value={draft[QUESTION_FIELD[q]] as YesNo}
      onChange={(v) => set({ [QUESTION_FIELD[q]]: v } as Partial<SharingDraft>)}
      error={err(QUESTION_PATH[q]) ?? (q === 'purpose' ? livePurposeIssue : undefined)}
      options={[
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ]}
    />
  );

  const consentWhenLabel = draft.consentAnswer === 'yes' ? 'When consent was given' : 'When consent was refused';

  return (
    <form className="form sharing-form" noValidate aria-labelledby={`${P}-title`} onSubmit={(e) => void submit(e)}>
      <h2 id={`${P}-title`} className="heading-m">
        {draft.supersedes ? 'Record a new decision instead' : 'Record a sharing decision'}
      </h2>
      <p className="hint">
        Every decision is kept, to share or not to share, signed with your name, agency and the time. Deciding not to share is allowed even where sharing is possible.
      </p>
      {restored ? (
        <p className="notice" role="status">
          Your unfinished decision was restored from this device.
        </p>
      ) : null}
      <ErrorSummary prefix={P} issues={form.issues} labels={LABELS} focusKey={form.focusKey} targetFor={targetFor} />

      {draft.supersedes ? (
        <TextArea
          id={fieldId(P, 'supersedeReason')}
          label="Why is the earlier decision superseded?"
          hint="The earlier record stays in the log, marked as superseded with this reason."
          rows={2}
          value={draft.supersedeReason}
          onChange={(v) => set({ supersedeReason: v })}
          error={err('supersedeReason')}
        />
      ) : null}

      <fieldset className="fieldset fieldset--section">
        <legend className="fieldset__legend fieldset__legend--m">1. The flowchart</legend>
        <p className="hint">From the government’s advice on information sharing (July 2018). Answer each question; the next appears when you do.</p>
        <div className="flow-steps">{questions.map(yesNo)}</div>
        <div role="status" aria-live="polite" className={conclusion ? `flow-conclusion flow-conclusion--${step.kind === 'conclude' ? step.conclusion : ''}` : 'visually-hidden'}>
          {conclusion ? <strong>{conclusion}</strong> : null}
          {conclusion && step.kind === 'conclude' && step.conclusion === 'share' ? (
            <span> Consider how: share only what is needed, keep fact and opinion apart, share securely with the right person, and tell the family where it is safe.</span>
          ) : null}
        </div>
      </fieldset>

      {concluded ? (
        <>
          <fieldset className="fieldset fieldset--section">
            <legend className="fieldset__legend fieldset__legend--m">2. The request and its purpose</legend>
            <RadioGroup<'incoming' | 'outgoing'>
              id={fieldId(P, 'direction')}
              name={fieldId(P, 'direction')}
              legend="Is this our decision to share out, or a request made to us?"
              value={draft.direction}
              onChange={(v) => set({ direction: v })}
              error={err('direction')}
              options={[
                { value: 'outgoing', label: 'Our decision to share out' },
                { value: 'incoming', label: 'A request made to us' },
              ]}
            />
            <TextArea id={fieldId(P, 'purpose')} label="Purpose of sharing" hint="What the sharing is for, for example to decide whether the threshold for a strategy discussion is met." rows={2} value={draft.purpose} onChange={(v) => set({ purpose: v })} error={err('purpose')} />
            {needsIdentifiesQuestion(draft) ? (
              <RadioGroup<'yes' | 'no'>
                id={fieldId(P, 'identifiesPerson')}
                name={fieldId(P, 'identifiesPerson-record')}
                legend={SHARING_QUESTIONS.identifies.question}
                inline
                value={draft.identifiesAnswer}
                onChange={(v) => set({ identifiesAnswer: v })}
                error={err('identifiesPerson')}
                options={[
                  { value: 'yes', label: 'Yes' },
                  { value: 'no', label: 'No' },
                ]}
              />
            ) : null}
          </fieldset>

          <fieldset className="fieldset fieldset--section">
            <legend className="fieldset__legend fieldset__legend--m">3. Consent</legend>
            {draft.consentAnswer === 'yes' ? (
              <>
                <p className="hint">You answered that consent was given. Record who gave it, how and when.</p>
                <div className="grid-2">
                  <TextField id={fieldId(P, 'consent.byWhom')} label="Consent given by" hint="For example the child’s mother" value={draft.consentBy} onChange={(v) => set({ consentBy: v })} error={err('consent.byWhom')} />
                  <TextField id={fieldId(P, 'consent.how')} label="How consent was given" hint="For example verbally, by phone" value={draft.consentHow} onChange={(v) => set({ consentHow: v })} error={err('consent.how')} />
                </div>
                <TextField id={fieldId(P, 'consent.when')} type="datetime-local" width="medium" label={consentWhenLabel} hint="UK time" value={draft.consentWhen} onChange={(v) => set({ consentWhen: v })} error={err('consent.when')} />
              </>
            ) : (
              <RadioGroup<'refused' | 'not-sought'>
                id={fieldId(P, 'consent.status')}
                name={fieldId(P, 'consent.status')}
                legend="Was consent refused, or not sought?"
                value={draft.noConsent}
                onChange={(v) => set({ noConsent: v })}
                error={err('consent.status')}
                options={[
                  {
                    value: 'refused',
                    label: 'Refused',
                    reveal: (
                      <>
                        <TextField id={fieldId(P, 'consent.byWhom')} label="Refused by" value={draft.consentBy} onChange={(v) => set({ consentBy: v })} error={err('consent.byWhom')} />
                        <TextField id={fieldId(P, 'consent.when')} type="datetime-local" width="medium" label={consentWhenLabel} hint="UK time" value={draft.consentWhen} onChange={(v) => set({ consentWhen: v })} error={err('consent.when')} />
                        <TextArea id={fieldId(P, 'consent.detail')} label="What was said (optional)" rows={2} value={draft.consentDetail} onChange={(v) => set({ consentDetail: v })} />
                      </>
                    ),
                  },
                  {
                    value: 'not-sought',
                    label: 'Not sought',
                    hint: 'Do not seek consent when that would put a child or adult at risk, when sexual abuse or fabricated or induced illness is suspected, or when it could undermine the investigation of a serious crime.',
                    reveal: (
                      <>
                        {/* Radios, not a select: the reasons are long, and a phone would cut the chosen one short. */}
                        <RadioGroup<(typeof CONSENT_NOT_SOUGHT_REASONS)[number]>
                          id={fieldId(P, 'consent.reason')}
                          name={fieldId(P, 'consent.reason')}
                          legend="Why consent was not sought"
                          small
                          value={draft.notSoughtReason as (typeof CONSENT_NOT_SOUGHT_REASONS)[number] | ''}
                          onChange={(v) => set({ notSoughtReason: v })}
                          options={CONSENT_NOT_SOUGHT_REASONS.map((r) => ({ value: r, label: CONSENT_NOT_SOUGHT_LABELS[r] }))}
                          error={err('consent.reason')}
                        />
                        <TextArea id={fieldId(P, 'consent.reasonText')} label={draft.notSoughtReason === 'other' ? 'The reason in words' : 'More about the reason (optional)'} rows={2} value={draft.notSoughtText} onChange={(v) => set({ notSoughtText: v })} error={err('consent.reasonText')} />
                      </>
                    ),
                  },
                ]}
              />
            )}
          </fieldset>

          <fieldset className="fieldset fieldset--section">
            <legend className="fieldset__legend fieldset__legend--m">4. Lawful basis</legend>
            <div className={`form-group${err('lawfulBases') || liveBasisIssue ? ' form-group--error' : ''}`}>
              <fieldset className="fieldset" aria-describedby={`${fieldId(P, 'lawfulBases')}-hint${err('lawfulBases') || liveBasisIssue ? ` ${fieldId(P, 'lawfulBases')}-error` : ''}`}>
                <legend className="fieldset__legend">Lawful bases relied on</legend>
                <p className="hint" id={`${fieldId(P, 'lawfulBases')}-hint`}>
                  Tick every basis you rely on. Sharing without consent needs one; special-category information (health, sexual life, ethnicity …) needs Art 9(2)(g) as well.
                </p>
                <FieldError id={`${fieldId(P, 'lawfulBases')}-error`} message={err('lawfulBases') ?? liveBasisIssue} />
                <div className="checkboxes">
                  {basesFor(me.agency).map((b, i) => (
                    <Checkbox
                      key={b}
                      id={i === 0 ? fieldId(P, 'lawfulBases') : fieldId(P, `lawfulBases-${b}`)}
                      label={LAWFUL_BASIS_LABELS[b]}
                      checked={draft.lawfulBases.includes(b)}
                      onChange={(on) => set({ lawfulBases: on ? [...draft.lawfulBases, b] : draft.lawfulBases.filter((x) => x !== b) })}
                    />
                  ))}
                </div>
              </fieldset>
            </div>
            <div className="form-group">
              <div className="checkboxes">
                <Checkbox
                  id={fieldId(P, 'specialCategory')}
                  label="The information includes special-category data"
                  hint="Health, sexual life or orientation, ethnicity, religion and similar."
                  checked={draft.specialCategory}
                  onChange={(v) => set({ specialCategory: v })}
                />
              </div>
            </div>
          </fieldset>

          <fieldset className="fieldset fieldset--section">
            <legend className="fieldset__legend fieldset__legend--m">5. The decision</legend>
            <RadioGroup<'share' | 'do-not-share'>
              id={fieldId(P, 'decision')}
              name={fieldId(P, 'decision')}
              legend="Your decision"
              hint="You may decide not to share even where sharing is possible. You may not share against the flowchart’s conclusion."
              value={draft.decision}
              onChange={(v) => set({ decision: v })}
              error={err('decision') ?? (against ? against : undefined)}
              options={[
                { value: 'share', label: 'Share' },
                { value: 'do-not-share', label: 'Do not share' },
              ]}
            />
            <TextArea id={fieldId(P, 'reasons')} label="Reasons for the decision" hint="Base it on the safety and well-being of the child and others." rows={3} value={draft.reasons} onChange={(v) => set({ reasons: v })} error={err('reasons')} />
          </fieldset>

          {share ? (
            <>
              <fieldset className="fieldset fieldset--section" aria-describedby={`${fieldId(P, 'selection')}-hint`}>
                <legend className="fieldset__legend fieldset__legend--m">6. What to share</legend>
                <p className="hint" id={`${fieldId(P, 'selection')}-hint`}>
                  Share only what the purpose needs. A restricted entry goes only if you also tick “include although restricted”.
                </p>
                <FieldError id={`${fieldId(P, 'selection')}-error`} message={err('selection.contributionIds')} />
                {visible.length === 0 ? <p className="muted">There are no contributions you can see on this case.</p> : null}
                <ul className="plain-list share-choices" aria-label="Contributions you can share">
                  {visible.map((entry, i) => {
                    const c = latestContent(entry)!;
                    const chosen = draft.contributionIds.includes(entry.id);
                    const restricted = entry.restrictedTo.length > 0;
                    const restrictText = restrictedToText(entry.agency, entry.restrictedTo);
                    return (
                      <li key={entry.id} className="share-choice">
                        <Checkbox
                          id={i === 0 ? fieldId(P, 'selection') : fieldId(P, `selection-${entry.id}`)}
                          label={
                            <>
                              <span className="share-choice__badges">
                                <KindBadge kind={c.kind} /> {restricted ? <RestrictedBadge text={restrictText} /> : null}
                              </span>{' '}
                              {contributionTitle(entry)}
                            </>
                          }
                          hint={`${agencyName(entry.agency)}, ${entry.author.name}. Happened ${formatHappened(c.happened)}.`}
                          checked={chosen}
                          onChange={(on) =>
                            set({
                              contributionIds: on ? [...draft.contributionIds, entry.id] : draft.contributionIds.filter((x) => x !== entry.id),
                              includeRestrictedIds: on ? draft.includeRestrictedIds : draft.includeRestrictedIds.filter((x) => x !== entry.id),
                            })
                          }
                        />
                        {restricted && chosen ? (
                          <div className="checkboxes__conditional">
                            <Checkbox
                              id={fieldId(P, `restricted-${entry.id}`)}
                              label={`Include although restricted (${restrictText})`}
                              hint="Tick only if the recipient needs it and may have it. Otherwise it is left out of the pack."
                              checked={draft.includeRestrictedIds.includes(entry.id)}
                              onChange={(on) => set({ includeRestrictedIds: on ? [...draft.includeRestrictedIds, entry.id] : draft.includeRestrictedIds.filter((x) => x !== entry.id) })}
                            />
                          </div>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
                {withheldCount ? (
                  <p className="muted small">
                    {withheldCount} restricted {withheldCount === 1 ? 'entry is' : 'entries are'} not shown: you cannot see {withheldCount === 1 ? 'it' : 'them'}, so you cannot share {withheldCount === 1 ? 'it' : 'them'}.
                  </p>
                ) : null}
                <div className="checkboxes">
                  {hasVoice ? (
                    <Checkbox id={fieldId(P, 'includeChildVoice')} label="Include the child’s voice" hint="The child’s own words, wishes and feelings as recorded." checked={draft.includeChildVoice} onChange={(v) => set({ includeChildVoice: v })} />
                  ) : null}
                  {holdsProtected ? (
                    <Checkbox
                      id={fieldId(P, 'includeProtectedIdentity')}
                      label="Include the protected referrer’s name and role"
                      hint={`Only ${agencyName(me.agency)} holds it. Include it only if the recipient must know who referred.`}
                      checked={draft.includeProtectedIdentity}
                      onChange={(v) => set({ includeProtectedIdentity: v })}
                    />
                  ) : null}
                </div>
              </fieldset>

              <fieldset className="fieldset fieldset--section">
                <legend className="fieldset__legend fieldset__legend--m">7. With whom and how</legend>
                <RadioGroup<'agency' | 'organisation'>
                  id={fieldId(P, 'recipientKind')}
                  name={fieldId(P, 'recipientKind')}
                  legend="Recipient"
                  value={draft.recipientKind}
                  onChange={(v) => set({ recipientKind: v })}
                  error={err('recipient')}
                  options={[
                    {
                      value: 'agency',
                      label: 'A partner agency in the MASH',
                      reveal: (
                        <SelectField
                          id={fieldId(P, 'recipient.agency')}
                          label="Agency"
                          placeholder="Choose an agency"
                          value={draft.recipientAgency}
                          onChange={(v) => set({ recipientAgency: v })}
                          options={activeAgencies().map((a) => ({ value: a.id, label: a.name }))}
                          error={err('recipient.agency')}
                        />
                      ),
                    },
                    {
                      value: 'organisation',
                      label: 'Another organisation',
                      reveal: <TextField id={fieldId(P, 'recipient.organisation')} label="Organisation" value={draft.recipientOrganisation} onChange={(v) => set({ recipientOrganisation: v })} error={err('recipient.organisation')} />,
                    },
                  ]}
                />
                <div className="grid-2">
                  <TextField id={fieldId(P, 'recipient.role')} label="Recipient’s role" hint="For example Detective Sergeant, safeguarding team" value={draft.recipientRole} onChange={(v) => set({ recipientRole: v })} error={err('recipient.role')} />
                  <TextField id={fieldId(P, 'recipient.person')} label="Recipient’s name (optional)" value={draft.recipientPerson} onChange={(v) => set({ recipientPerson: v })} />
                </div>
                <SelectField
                  id={fieldId(P, 'channel')}
                  label="How it is shared"
                  hint="Make sure it reaches the right person, securely."
                  placeholder="Choose a secure channel"
                  value={draft.channel}
                  onChange={(v) => set({ channel: v })}
                  options={SHARING_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
                  error={err('channel')}
                />
                {draft.channel ? (
                  <TextField id={fieldId(P, 'channelDetail')} label={draft.channel === 'other' ? 'Which way' : 'Detail (optional)'} hint="For example the secure mailbox used" value={draft.channelDetail} onChange={(v) => set({ channelDetail: v })} error={err('channelDetail')} />
                ) : null}
              </fieldset>
            </>
          ) : null}

          <fieldset className="fieldset fieldset--section">
            <legend className="fieldset__legend fieldset__legend--m">{share ? '8' : '6'}. Telling the child and family</legend>
            <RadioGroup<'yes' | 'no'>
              id={fieldId(P, 'familyTold')}
              name={fieldId(P, 'familyTold')}
              legend={share ? 'Were the child and family told it was shared?' : 'Were the child and family told of this decision?'}
              hint="Be open and honest about what is shared and why, unless that is unsafe."
              value={draft.familyTold}
              onChange={(v) => set({ familyTold: v })}
              error={err('familyTold')}
              options={[
                {
                  value: 'yes',
                  label: 'Yes',
                  reveal: <TextField id={fieldId(P, 'familyTold.when')} type="datetime-local" width="medium" label="When (optional)" hint="UK time" value={draft.familyToldWhen} onChange={(v) => set({ familyToldWhen: v })} error={err('familyTold.when')} />,
                },
                {
                  value: 'no',
                  label: 'No',
                  reveal: <TextArea id={fieldId(P, 'familyTold.why')} label="Why not" rows={2} value={draft.familyNotToldWhy} onChange={(v) => set({ familyNotToldWhy: v })} error={err('familyTold.why')} />,
                },
              ]}
            />
          </fieldset>

          {share ? (
            <section className="share-preview" aria-labelledby={`${P}-preview-title`}>
              <h3 id={`${P}-preview-title`} className="heading-s">
                Preview
              </h3>
              <p className="hint">Exactly what the recipient will see, with anything chosen but left out, and why.</p>
              <button type="button" className="button button--secondary" onClick={() => void runPreview()} disabled={previewBusy}>
                {previewBusy ? 'Making the preview…' : preview ? 'Preview again' : 'Preview what the recipient will see'}
              </button>
              {previewError ? (
                <p className="field-error" role="alert">
                  {previewError}
                </p>
              ) : null}
              {preview && preview.key !== selectionKey ? (
                <p className="notice notice--pending" role="status">
                  You changed what to share: this preview is out of date. Preview again.
                </p>
              ) : null}
              {preview ? <SharePackPreview pack={preview.pack} titleFor={(id) => { const e = contributions.find((x) => x.id === id); return e ? contributionTitle(e) : id; }} /> : null}
            </section>
          ) : null}
        </>
      ) : null}

      <div className="button-group">
        <button type="submit" className="button" disabled={form.busy}>
          {form.busy ? 'Recording…' : 'Record decision'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            reset();
            onCancel();
          }}
        >
          Cancel and discard
        </button>
      </div>
      {!concluded ? <p className="hint">Answer the flowchart’s questions first.</p> : null}
    </form>
  );
}
