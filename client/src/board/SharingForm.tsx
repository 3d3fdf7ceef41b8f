/**
 * The guided form for an information-sharing decision, one question at a time (the GOV.UK
 * question-page pattern): the advice's flowchart (each question with why it matters), its
 * conclusion explained, then only what that conclusion needs (a "no clear purpose" record asks for
 * the request, who asked and the reasons; "do not share" never offers sharing or lawful bases),
 * and a summary to check, with a way back to change any answer, before the decision is recorded
 * through the outbox. Each page is checked on Continue; the draft is kept on this device.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  activeAgencies,
  agencyName,
  CONSENT_NOT_SOUGHT_LABELS,
  CONSENT_NOT_SOUGHT_REASONS,
  CURRENT_SHARING_ADVICE,
  GOLDEN_RULES,
  LAWFUL_BASIS_LABELS,
  SHARING_ADVICE,
  SHARING_CHANNELS,
  SHARING_QUESTIONS,
  type CaseView,
  type ContributionEntry,
  type FieldIssue,
  type SharePack,
  type SharingQuestion,
} from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { ApiRequestError } from '../data/api.ts';
import { draftKey, usePersistentDraft } from '../data/drafts.ts';
import { newCommandId } from '../data/live.ts';
import { screensApi } from '../data/screensApi.ts';
import {
  basesFor,
  CHANNEL_LABELS,
  effectiveDecision,
  emptySharingDraft,
  flowQuestions,
  answersOf,
  pageIssues,
  pageOfPath,
  ruleIssues,
  selectionOf,
  sharingDraftIssues,
  sharingPages,
  sharingPayload,
  type SharingDraft,
  type SharingPage,
  type YesNo,
} from '../data/sharing.ts';
import { formatDateTime, formatHappened, londonLocalToIso } from '../data/time.ts';
import { Checkbox, ErrorSummary, FieldError, fieldId, RadioGroup, SelectField, TextArea, TextField } from '../forms/fields.tsx';
import { useDraftForm } from '../forms/useCommandForm.ts';
import { KindBadge, RestrictedBadge } from '../components/Badges.tsx';
import { latestContent, restrictedToText } from './restricted.ts';
import { SharePackPreview } from './SharePackPreview.tsx';
import { FormActions } from '../forms/FormActions.tsx';
import { DateTimeInput } from '../forms/DateInput.tsx';

const P = 'share';

const QUESTION_PATH: Record<SharingQuestion, string> = {
  purpose: 'hasClearPurpose',
  consent: 'consentGiven',
  identifies: 'identifiesPerson',
  lawfulWithoutConsent: 'lawfulReasonWithoutConsent',
};
const QUESTION_FIELD: Record<SharingQuestion, 'purposeAnswer' | 'consentAnswer' | 'identifiesAnswer' | 'lawfulAnswer'> = {
  purpose: 'purposeAnswer',
  consent: 'consentAnswer',
  identifies: 'identifiesAnswer',
  lawfulWithoutConsent: 'lawfulAnswer',
};
const PAGE_QUESTION: Partial<Record<SharingPage, SharingQuestion>> = {
  'purpose-question': 'purpose',
  'consent-question': 'consent',
  'identifies-question': 'identifies',
  'lawful-question': 'lawfulWithoutConsent',
};

const LABELS: Record<string, string> = {
  hasClearPurpose: 'Clear and legitimate purpose',
  consentGiven: 'Consent',
  identifiesPerson: 'Identifies a person',
  lawfulReasonWithoutConsent: 'Lawful reason without consent',
  direction: 'Direction',
  requester: 'Who asked',
  'requester.agency': 'The agency that asked',
  'requester.organisation': 'The organisation that asked',
  'requester.role': 'The requester’s role',
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
  if (path === 'requester') return fieldId(P, 'requesterKind');
  return fieldId(P, path);
}

function contributionTitle(entry: ContributionEntry): string {
  const c = latestContent(entry);
  if (!c) return `Restricted entry from ${agencyName(entry.agency)}`;
  // Long enough to tell entries apart; cut at a word, never mid-word (the preview shows it whole).
  const text = c.text.length > 180 ? `${c.text.slice(0, 180).replace(/\s+\S*$/, '')}…` : c.text;
  return `${agencyName(entry.agency)}: ${text}`;
}

/** The first page still lacking an answer, or the summary when every page is done. */
function firstIncomplete(draft: SharingDraft, agency: string): SharingPage {
  const pages = sharingPages(draft);
  return pages.find((p) => p !== 'check' && pageIssues(draft, p, agency).length > 0) ?? pages[pages.length - 1]!;
}

function partyText(kind: string, agency: string, organisation: string, role: string, person: string): string {
  const where = kind === 'agency' ? agencyName(agency) : organisation.trim();
  const who = [person.trim(), role.trim()].filter(Boolean).join(', ');
  return where ? `${where}${who ? ` (${who})` : ''}` : who;
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
  const { draft, update, reset, restored } = usePersistentDraft<SharingDraft>(
    draftKey(me.userId, caseId, initial?.supersedes ? `sharing:${initial.supersedes}` : 'sharing'),
    () => initial ?? emptySharingDraft(),
  );
  const [page, setPage] = useState<SharingPage>(() => (restored || initial ? firstIncomplete(draft, me.agency) : sharingPages(draft)[0]!));
  /** Came here by "Change" on the summary: Continue goes back to it. */
  const [returning, setReturning] = useState(false);
  /** Continue was pressed on this page with something missing: its errors show. */
  const [attempted, setAttempted] = useState(false);
  const [focusKey, setFocusKey] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const [preview, setPreview] = useState<{ key: string; pack: SharePack } | null>(null);
  const [previewError, setPreviewError] = useState('');
  const [previewBusy, setPreviewBusy] = useState(false);

  const contributions = view.entries.filter((e): e is ContributionEntry => e.kind === 'contribution');
  const visible = contributions.filter((e) => latestContent(e) !== null);
  const withheldCount = contributions.length - visible.length;
  const hasVoice = view.entries.some((e) => e.kind === 'voice' && e.versions.length > 0);
  const holdsProtected = view.summary.referral.identityProtected === true && view.summary.openedBy.agency === me.agency;

  const pages = sharingPages(draft);
  // An earlier answer changed so this page is no longer reached: go to the first one still to answer.
  const current: SharingPage = pages.includes(page) ? page : firstIncomplete(draft, me.agency);
  const { step } = flowQuestions(answersOf(draft));
  const decision = effectiveDecision(draft);
  const allIssues = useMemo(() => sharingDraftIssues(draft, me.agency), [draft, me.agency]);
  const issuesHere = current === 'check' ? [] : allIssues.filter((i) => pageOfPath(draft, i.path) === current);
  const form = useDraftForm(current === 'check' ? allIssues : []);
  const shownIssues: FieldIssue[] = current === 'check' ? form.issues : attempted ? issuesHere : [];
  const err = (path: string) => shownIssues.find((i) => i.path === path)?.message;
  const set = (patch: Partial<SharingDraft>) => {
    form.changed();
    update(patch);
  };
  const live = ruleIssues(draft, me.agency);
  const liveBasisIssue = live.find((i) => i.path === 'lawfulBases')?.message;

  useEffect(() => {
    // Each new page is announced by moving focus to its question (not on first showing the form).
    if (moved.current) heading.current?.focus();
  }, [current]);

  function go(to: SharingPage) {
    moved.current = true;
    setAttempted(false);
    setPage(to);
  }

  function next(e: FormEvent) {
    e.preventDefault();
    if (issuesHere.length) {
      setAttempted(true);
      setFocusKey((k) => k + 1);
      return;
    }
    if (returning) {
      const missing = firstIncomplete(draft, me.agency);
      if (missing === 'check') setReturning(false);
      go(missing);
      return;
    }
    go(pages[pages.indexOf(current) + 1] ?? 'check');
  }

  function back() {
    const at = pages.indexOf(current);
    if (at <= 0) return;
    go(returning ? 'check' : pages[at - 1]!);
    if (returning) setReturning(false);
  }

  function change(to: SharingPage) {
    setReturning(true);
    go(to);
  }

  const selectionKey = JSON.stringify(selectionOf(draft));
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
    const label = `${decision === 'share' ? 'Decision to share' : 'Decision not to share'} (${view.summary.reference})`;
    const outcome = await form.submit('sharing.decide', () => sharingPayload(draft, caseId, newCommandId()), { label, caseId });
    if (!outcome || outcome.status === 'error') return;
    reset();
    onDone(outcome.status === 'ok' ? 'Your decision is recorded in the sharing log, signed and dated.' : 'Your decision is saved on this device and will be recorded when the connection returns.');
  }

  /** A page's question as its heading (inside the legend when the page is one group of radios). */
  const title = (text: ReactNode) => (
    <h2 ref={heading} tabIndex={-1} className="question-page__heading">
      {text}
    </h2>
  );

  const yesNo = (q: SharingQuestion) => (
    <RadioGroup<'yes' | 'no'>
      id={fieldId(P, QUESTION_PATH[q])}
      name={fieldId(P, QUESTION_PATH[q])}
      legend={title(SHARING_QUESTIONS[q].question)}
      hint={<>Why it matters: {SHARING_QUESTIONS[q].why}</>}
      inline
      value={draft[QUESTION_FIELD[q]]}
      onChange={(v) => set({ [QUESTION_FIELD[q]]: v })}
      error={err(QUESTION_PATH[q])}
      options={[
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ]}
    />
  );

  const partyFields = (who: 'requester' | 'recipient', legend: string, withRequester: boolean) => {
    const k =
      who === 'requester'
        ? ({ kind: 'requesterKind', agency: 'requesterAgency', organisation: 'requesterOrganisation', role: 'requesterRole', person: 'requesterPerson' } as const)
        : ({ kind: 'recipientKind', agency: 'recipientAgency', organisation: 'recipientOrganisation', role: 'recipientRole', person: 'recipientPerson' } as const);
    const noun = who === 'requester' ? 'requester' : 'recipient';
    const roleAndName = (
      <>
        <TextField
          id={fieldId(P, `${who}.role`)}
          label={`The ${noun}’s role`}
          hint="For example Detective Sergeant, school nurse"
          value={draft[k.role]}
          onChange={(v) => set({ [k.role]: v })}
          error={err(`${who}.role`)}
        />
        <TextField id={fieldId(P, `${who}.person`)} label={`The ${noun}’s name (optional)`} value={draft[k.person]} onChange={(v) => set({ [k.person]: v })} />
      </>
    );
    const asked = partyText(draft.requesterKind, draft.requesterAgency, draft.requesterOrganisation, draft.requesterRole, draft.requesterPerson);
    return (
      <RadioGroup<'requester' | 'agency' | 'organisation'>
        id={fieldId(P, `${who}Kind`)}
        name={fieldId(P, `${who}Kind`)}
        legend={legend}
        value={draft[k.kind]}
        onChange={(v) => set({ [k.kind]: v })}
        error={err(who)}
        options={[
          ...(withRequester ? [{ value: 'requester' as const, label: `Whoever asked: ${asked || 'the requester'}` }] : []),
          {
            value: 'agency' as const,
            label: 'A partner agency in the MASH',
            reveal: (
              <>
                <SelectField
                  id={fieldId(P, `${who}.agency`)}
                  label="Agency"
                  placeholder="Choose an agency"
                  value={draft[k.agency]}
                  onChange={(v) => set({ [k.agency]: v })}
                  options={activeAgencies().map((a) => ({ value: a.id, label: a.name }))}
                  error={err(`${who}.agency`)}
                />
                {roleAndName}
              </>
            ),
          },
          {
            value: 'organisation' as const,
            label: 'Another organisation',
            reveal: (
              <>
                <TextField
                  id={fieldId(P, `${who}.organisation`)}
                  label="Name of the organisation"
                  value={draft[k.organisation]}
                  onChange={(v) => set({ [k.organisation]: v })}
                  error={err(`${who}.organisation`)}
                />
                {roleAndName}
              </>
            ),
          },
        ]}
      />
    );
  };

  const consentWhenLabel = draft.consentAnswer === 'yes' ? 'When consent was given' : 'When consent was refused';
  const because = step.kind === 'conclude' ? step.because : '';
  const noPurpose = draft.purposeAnswer === 'no';

  function pageBody(): ReactNode {
    const question = PAGE_QUESTION[current];
    if (question) return yesNo(question);
    switch (current) {
      case 'supersede':
        return (
          <>
            {title('Why is the earlier decision superseded?')}
            <TextArea
              id={fieldId(P, 'supersedeReason')}
              label="The reason"
              hint="The earlier record stays in the log, marked as superseded with this reason."
              rows={3}
              value={draft.supersedeReason}
              onChange={(v) => set({ supersedeReason: v })}
              error={err('supersedeReason')}
            />
          </>
        );
      case 'conclusion':
        return (
          <>
            {title(step.kind === 'conclude' && step.conclusion === 'share' ? 'The flowchart says: share' : 'The flowchart says: do not share')}
            <div className={`flow-conclusion flow-conclusion--${step.kind === 'conclude' ? step.conclusion : ''}`}>
              <p>
                <strong>Because {because}.</strong>
              </p>
              {noPurpose ? (
                <p>
                  Record the request and why it is not shared: you will be asked only about the request, who asked and your reasons. Be ready to explain them, and to reconsider if whoever asked brings
                  new information.
                </p>
              ) : step.kind === 'conclude' && step.conclusion === 'do-not-share' ? (
                <p>Sharing is not offered. Record the consent you asked for and your reasons. If an answer was wrong, go back and change it.</p>
              ) : (
                <p>
                  Consider how: share only what is needed, keep fact and opinion apart, share securely with the right person, and tell the family where it is safe. You may still decide not to share.
                </p>
              )}
            </div>
            <p className="hint">{GOLDEN_RULES[noPurpose || (step.kind === 'conclude' && step.conclusion === 'do-not-share') ? 6 : 0]}</p>
          </>
        );
      case 'request':
        return (
          <>
            {title('About the request')}
            <RadioGroup<'incoming' | 'outgoing'>
              id={fieldId(P, 'direction')}
              name={fieldId(P, 'direction')}
              legend="Is this a request made to us, or our decision to share out?"
              value={draft.direction}
              onChange={(v) => set({ direction: v })}
              error={err('direction')}
              options={[
                { value: 'incoming', label: 'A request made to us', reveal: partyFields('requester', 'Who asked?', false) },
                { value: 'outgoing', label: 'Our decision to share out' },
              ]}
            />
            <TextArea
              id={fieldId(P, 'purpose')}
              label="Purpose of sharing"
              hint="What the sharing is (or was asked) for, for example to decide whether the threshold for a strategy discussion is met."
              rows={3}
              value={draft.purpose}
              onChange={(v) => set({ purpose: v })}
              error={err('purpose')}
            />
          </>
        );
      case 'consent':
        return draft.consentAnswer === 'yes' ? (
          <>
            {title('Who gave consent, how and when')}
            <TextField
              id={fieldId(P, 'consent.byWhom')}
              label="Consent given by"
              hint="For example the child’s mother"
              value={draft.consentBy}
              onChange={(v) => set({ consentBy: v })}
              error={err('consent.byWhom')}
            />
            <TextField
              id={fieldId(P, 'consent.how')}
              label="How consent was given"
              hint="For example verbally, by phone"
              value={draft.consentHow}
              onChange={(v) => set({ consentHow: v })}
              error={err('consent.how')}
            />
            <DateTimeInput id={fieldId(P, 'consent.when')} legend={consentWhenLabel} value={draft.consentWhen} onChange={(v) => set({ consentWhen: v })} error={err('consent.when')} />
          </>
        ) : (
          <RadioGroup<'refused' | 'not-sought'>
            id={fieldId(P, 'consent.status')}
            name={fieldId(P, 'consent.status')}
            legend={title('Was consent refused, or not sought?')}
            hint={GOLDEN_RULES[2]}
            value={draft.noConsent}
            onChange={(v) => set({ noConsent: v })}
            error={err('consent.status')}
            options={[
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
                    <TextArea
                      id={fieldId(P, 'consent.reasonText')}
                      label={draft.notSoughtReason === 'other' ? 'The reason in words' : 'More about the reason (optional)'}
                      rows={2}
                      value={draft.notSoughtText}
                      onChange={(v) => set({ notSoughtText: v })}
                      error={err('consent.reasonText')}
                    />
                  </>
                ),
              },
              {
                value: 'refused',
                label: 'Refused',
                reveal: (
                  <>
                    <TextField id={fieldId(P, 'consent.byWhom')} label="Refused by" value={draft.consentBy} onChange={(v) => set({ consentBy: v })} error={err('consent.byWhom')} />
                    <DateTimeInput id={fieldId(P, 'consent.when')} legend={consentWhenLabel} value={draft.consentWhen} onChange={(v) => set({ consentWhen: v })} error={err('consent.when')} />
                    <TextArea id={fieldId(P, 'consent.detail')} label="What was said (optional)" rows={2} value={draft.consentDetail} onChange={(v) => set({ consentDetail: v })} />
                  </>
                ),
              },
            ]}
          />
        );
      case 'identifies':
        return (
          <RadioGroup<'yes' | 'no'>
            id={fieldId(P, 'identifiesPerson')}
            name={fieldId(P, 'identifiesPerson-record')}
            legend={title(SHARING_QUESTIONS.identifies.question)}
            hint="For the record: the flowchart did not need to ask, because consent was given."
            inline
            value={draft.identifiesAnswer}
            onChange={(v) => set({ identifiesAnswer: v })}
            error={err('identifiesPerson')}
            options={[
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
          />
        );
      case 'bases':
        return (
          <>
            {title('Lawful basis')}
            <div className={`form-group${err('lawfulBases') || liveBasisIssue ? ' form-group--error' : ''}`}>
              <fieldset className="fieldset" aria-describedby={`${fieldId(P, 'lawfulBases')}-hint${err('lawfulBases') || liveBasisIssue ? ` ${fieldId(P, 'lawfulBases')}-error` : ''}`}>
                <legend className="fieldset__legend">Lawful bases relied on</legend>
                <p className="hint" id={`${fieldId(P, 'lawfulBases')}-hint`}>
                  Tick every basis you rely on. In safeguarding, public task, legal obligation and the safeguarding condition are usually the right ones; consent is rarely the right basis and is not
                  the default. Sharing without consent needs a basis; special-category information needs Art 9(2)(g) as well.
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
          </>
        );
      case 'decision':
        return step.kind === 'conclude' && step.conclusion === 'share' ? (
          <>
            <RadioGroup<'share' | 'do-not-share'>
              id={fieldId(P, 'decision')}
              name={fieldId(P, 'decision')}
              legend={title('Your decision')}
              hint="The flowchart allows sharing. You may still decide not to share."
              value={draft.decision}
              onChange={(v) => set({ decision: v })}
              error={err('decision')}
              options={[
                { value: 'share', label: 'Share' },
                { value: 'do-not-share', label: 'Do not share' },
              ]}
            />
            <TextArea
              id={fieldId(P, 'reasons')}
              label="Reasons for the decision"
              hint="Base it on the safety and well-being of the child and others."
              rows={4}
              value={draft.reasons}
              onChange={(v) => set({ reasons: v })}
              error={err('reasons')}
            />
          </>
        ) : (
          <>
            {title(noPurpose ? 'Your decision: do not share, no clear purpose' : 'Your decision: do not share')}
            <p>The flowchart says do not share, because {because}.</p>
            <TextArea
              id={fieldId(P, 'reasons')}
              label="Reasons for the decision"
              hint={noPurpose ? 'Why there is no clear and legitimate purpose, and what whoever asked was told.' : 'Why it is not shared, and what whoever asked was told.'}
              rows={4}
              value={draft.reasons}
              onChange={(v) => set({ reasons: v })}
              error={err('reasons')}
            />
          </>
        );
      case 'what':
        return (
          <>
            {title('What to share')}
            <fieldset className="fieldset" aria-describedby={`${fieldId(P, 'selection')}-hint`}>
              <legend className="fieldset__legend">Contributions to share</legend>
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
                  {withheldCount} restricted {withheldCount === 1 ? 'entry is' : 'entries are'} not shown: you cannot see {withheldCount === 1 ? 'it' : 'them'}, so you cannot share{' '}
                  {withheldCount === 1 ? 'it' : 'them'}.
                </p>
              ) : null}
              <div className="checkboxes">
                {hasVoice ? (
                  <Checkbox
                    id={fieldId(P, 'includeChildVoice')}
                    label="Include the child’s voice"
                    hint="The child’s own words, wishes and feelings as recorded."
                    checked={draft.includeChildVoice}
                    onChange={(v) => set({ includeChildVoice: v })}
                  />
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
              {preview ? (
                <SharePackPreview
                  pack={preview.pack}
                  titleFor={(id) => {
                    const e = contributions.find((x) => x.id === id);
                    return e ? contributionTitle(e) : id;
                  }}
                />
              ) : null}
            </section>
          </>
        );
      case 'recipient':
        return (
          <>
            {title('With whom and how')}
            {partyFields('recipient', 'Who receives it?', draft.direction === 'incoming')}
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
              <TextField
                id={fieldId(P, 'channelDetail')}
                label={draft.channel === 'other' ? 'Which way' : 'Detail (optional)'}
                hint="For example the secure mailbox used"
                value={draft.channelDetail}
                onChange={(v) => set({ channelDetail: v })}
                error={err('channelDetail')}
              />
            ) : null}
          </>
        );
      case 'family':
        return (
          <RadioGroup<'yes' | 'no'>
            id={fieldId(P, 'familyTold')}
            name={fieldId(P, 'familyTold')}
            legend={title(decision === 'share' ? 'Were the child and family told it was shared?' : 'Were the child and family told of this decision?')}
            hint={GOLDEN_RULES[1]}
            value={draft.familyTold}
            onChange={(v) => set({ familyTold: v })}
            error={err('familyTold')}
            options={[
              {
                value: 'yes',
                label: 'Yes',
                reveal: (
                  <DateTimeInput id={fieldId(P, 'familyTold.when')} legend="When (optional)" value={draft.familyToldWhen} onChange={(v) => set({ familyToldWhen: v })} error={err('familyTold.when')} />
                ),
              },
              {
                value: 'no',
                label: 'No',
                reveal: (
                  <TextArea id={fieldId(P, 'familyTold.why')} label="Why not" rows={2} value={draft.familyNotToldWhy} onChange={(v) => set({ familyNotToldWhy: v })} error={err('familyTold.why')} />
                ),
              },
            ]}
          />
        );
      case 'check':
        return (
          <>
            {title('Check your answers before recording the decision')}
            <CheckAnswers draft={draft} pages={pages} onChange={change} />
            <p className="hint">
              Recorded under the {SHARING_ADVICE[CURRENT_SHARING_ADVICE]}, signed with your name, {agencyName(me.agency)} and the time. A record is never edited: a later decision supersedes it, with a
              reason.
            </p>
          </>
        );
      default:
        return null;
    }
  }

  const at = pages.indexOf(current);
  return (
    <form className="form sharing-form question-page" noValidate aria-labelledby={`${P}-title`} onSubmit={(e) => void (current === 'check' ? submit(e) : next(e))}>
      <p id={`${P}-title`} className="caption">
        {draft.supersedes ? 'Record a new decision instead' : 'Record a sharing decision'}
      </p>
      {at > 0 ? (
        <p className="back-link-wrap">
          <button type="button" className="button--link back-link" onClick={back}>
            <span aria-hidden="true">‹ </span>Back<span className="visually-hidden"> to the previous question</span>
          </button>
        </p>
      ) : null}
      {restored && at === pages.indexOf(firstIncomplete(draft, me.agency)) ? (
        <p className="notice" role="status">
          Your unfinished decision was restored from this device.
        </p>
      ) : null}
      <ErrorSummary
        prefix={P}
        issues={shownIssues}
        labels={LABELS}
        focusKey={current === 'check' ? form.focusKey : focusKey}
        targetFor={current === 'check' ? (path) => `${P}-check-${pageOfPath(draft, path)}` : targetFor}
      />
      <div key={current}>{pageBody()}</div>
      <FormActions
        submit={current === 'check' ? 'Record decision' : 'Continue'}
        busy={current === 'check' && form.busy}
        busyText="Recording…"
        secondary={{
          label: 'Cancel and discard',
          onClick: () => {
            reset();
            onCancel();
          },
        }}
      />
    </form>
  );
}

/** The summary to check: each answer given, with a way back to change it. */
function CheckAnswers({ draft, pages, onChange }: { draft: SharingDraft; pages: SharingPage[]; onChange: (page: SharingPage) => void }) {
  const payload = sharingPayload(draft, 'case', 'cmd-00000000');
  const yn = (a: YesNo) => (a === 'yes' ? 'Yes' : a === 'no' ? 'No' : 'Not answered');
  const when = (local: string) => {
    const iso = londonLocalToIso(local);
    return iso ? formatDateTime(iso) : '';
  };
  const rows: { page: SharingPage; key: string; label: string; value: ReactNode }[] = [];
  const add = (page: SharingPage, label: string, value: ReactNode) => {
    if (pages.includes(page)) rows.push({ page, key: `${page}-${label}`, label, value });
  };
  add('supersede', 'Why the earlier decision is superseded', draft.supersedeReason);
  add('purpose-question', 'Clear and legitimate purpose', yn(draft.purposeAnswer));
  add('consent-question', 'Consent given', yn(draft.consentAnswer));
  add('identifies-question', 'Identifies a living person', yn(draft.identifiesAnswer));
  add('lawful-question', 'Another lawful reason without consent', yn(draft.lawfulAnswer));
  add('request', 'Request', draft.direction === 'incoming' ? 'A request made to us' : 'Our decision to share out');
  if (draft.direction === 'incoming') add('request', 'Asked by', partyText(draft.requesterKind, draft.requesterAgency, draft.requesterOrganisation, draft.requesterRole, draft.requesterPerson));
  add('request', 'Purpose', draft.purpose);
  const c = payload.consent;
  add(
    'consent',
    'Consent',
    !c
      ? ''
      : c.status === 'given'
        ? `Given by ${c.byWhom}, ${c.how}, ${when(draft.consentWhen)}`
        : c.status === 'refused'
          ? `Refused by ${c.byWhom}, ${when(draft.consentWhen)}${c.detail ? `: ${c.detail}` : ''}`
          : `Not sought: ${CONSENT_NOT_SOUGHT_LABELS[c.reason]}${c.reasonText ? `. ${c.reasonText}` : ''}`,
  );
  add('identifies', 'Identifies a living person', yn(draft.identifiesAnswer));
  add('bases', 'Lawful bases', (payload.lawfulBases ?? []).map((b) => LAWFUL_BASIS_LABELS[b]).join('; ') || 'None named');
  add('bases', 'Special category', payload.specialCategory ? 'Yes' : 'No');
  add('decision', 'Decision', payload.decision === 'share' ? 'Share' : 'Do not share');
  add('decision', 'Reasons', draft.reasons);
  add(
    'what',
    'What is shared',
    `${draft.contributionIds.length} ${draft.contributionIds.length === 1 ? 'contribution' : 'contributions'}${draft.includeChildVoice ? ', the child’s voice' : ''}${payload.selection?.includeRestrictedIds?.length ? ` (${payload.selection.includeRestrictedIds.length} restricted, included deliberately)` : ''}${draft.includeProtectedIdentity ? ', the protected referrer’s identity' : ''}`,
  );
  add(
    'recipient',
    'With whom',
    draft.recipientKind === 'requester'
      ? `Whoever asked: ${partyText(draft.requesterKind, draft.requesterAgency, draft.requesterOrganisation, draft.requesterRole, draft.requesterPerson)}`
      : partyText(draft.recipientKind, draft.recipientAgency, draft.recipientOrganisation, draft.recipientRole, draft.recipientPerson),
  );
  add(
    'recipient',
    'How',
    draft.channel ? `${CHANNEL_LABELS[draft.channel as (typeof SHARING_CHANNELS)[number]]}${draft.channelDetail.trim() ? `: ${draft.channelDetail.trim()}` : ''}` : 'Not recorded',
  );
  add('family', 'Family told', draft.familyTold === 'yes' ? `Yes${draft.familyToldWhen ? `, ${when(draft.familyToldWhen)}` : ''}` : `No: ${draft.familyNotToldWhy}`);
  const firstOfPage = new Set<SharingPage>();
  return (
    <dl className="summary-list">
      {rows.map((r) => {
        const first = !firstOfPage.has(r.page);
        firstOfPage.add(r.page);
        return (
          <div key={r.key} className="summary-list__row" id={first ? `${P}-check-${r.page}` : undefined} tabIndex={first ? -1 : undefined}>
            <dt className="summary-list__key">{r.label}</dt>
            <dd className="summary-list__value prewrap">{r.value}</dd>
            <dd className="summary-list__actions">
              <button type="button" className="button--link" onClick={() => onChange(r.page)}>
                Change<span className="visually-hidden"> {r.label.toLowerCase()}</span>
              </button>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
