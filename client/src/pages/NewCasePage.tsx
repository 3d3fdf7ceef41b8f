import { useEffect, useMemo, type FormEvent } from 'react';
import {
  agencyName,
  activeAgencies,
  LIMITS,
  REFERRAL_SOURCES,
  referralSourceLabel,
  DISABILITY,
  DISABILITY_LABELS,
  ETHNICITIES,
  ETHNICITY_LABELS,
  type CommandInput,
  type Disability,
  type Ethnicity,
  type FieldIssue,
  type ReferralSource,
} from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { usePersistentDraft } from '../data/drafts.ts';
import { newCommandId } from '../data/live.ts';
import { userKeyPrefix } from '../data/storage.ts';
import { londonLocalToIso, londonNowLocal, londonToday } from '../data/time.ts';
import { Checkbox, ErrorSummary, fieldId, RadioGroup, SelectField, TextArea, TextField } from '../forms/fields.tsx';
import { DateInput, dateInputIssue, DateTimeInput, dateTimeInputIssue } from '../forms/DateInput.tsx';
import { useDraftForm } from '../forms/useCommandForm.ts';
import { hrefFor, navigate } from '../router.ts';
import { AroundInvolvement, ChildInvolvement, useInvolvementSearch } from '../board/PreviousInvolvement.tsx';
import { searchableChildren } from '../data/involvement.ts';
import { LanguageFields, PeopleFields } from '../board/PeopleFields.tsx';
import '../people.css';
import { addressChoiceLabel, searchableAround, emptyPeople, peopleDraftIssues, peopleLabels, peoplePayload, type PeopleDraft } from '../forms/people.ts';
import { FormActions } from '../forms/FormActions.tsx';

interface ChildDraft {
  key: string;
  firstName: string;
  lastName: string;
  born: 'born' | 'unborn' | '';
  dateOfBirth: string;
  expectedDateOfBirth: string;
  nhsNumber: string;
  /** Optional details (absent in drafts saved before they were asked). */
  language?: string;
  interpreterNeeded?: boolean;
  ethnicity?: Ethnicity | '';
  disability?: Disability | '';
  disabilityDetail?: string;
  addressId?: string;
}

interface CaseDraft {
  children: ChildDraft[];
  source: ReferralSource | '';
  referrerName: string;
  referrerRole: string;
  /** Only the recording agency sees the referrer's name and role. */
  identityProtected: boolean;
  reasonForConcern: string;
  receivedAt: string;
  /** Restrict the whole case to these agencies (the opener's own always sees it). */
  restrictedTo?: string[];
  /** The people around the children and the addresses (absent in drafts saved before they were asked). */
  peopleDraft?: PeopleDraft;
}

const emptyChild = (): ChildDraft => ({
  key: newCommandId(),
  firstName: '',
  lastName: '',
  born: '',
  dateOfBirth: '',
  expectedDateOfBirth: '',
  nhsNumber: '',
});

const P = 'newcase';

function validate(d: CaseDraft, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  d.children.forEach((c, i) => {
    const base = `children.${i}`;
    if (!c.firstName.trim()) issues.push({ path: `${base}.firstName`, message: 'enter the first name (or "Unknown", or "Unborn")' });
    if (!c.lastName.trim()) issues.push({ path: `${base}.lastName`, message: 'enter the last name' });
    if (!c.born) issues.push({ path: `${base}.born`, message: 'say whether the child is born or unborn' });
    if (c.born === 'born') {
      if (!c.dateOfBirth) issues.push({ path: `${base}.dateOfBirth`, message: 'enter the date of birth' });
      else if (dateInputIssue(c.dateOfBirth, 'Date of birth')) issues.push({ path: `${base}.dateOfBirth`, message: dateInputIssue(c.dateOfBirth, 'Date of birth')! });
      else if (c.dateOfBirth > today) issues.push({ path: `${base}.dateOfBirth`, message: 'cannot be in the future; for an unborn child choose "Unborn"' });
    }
    if (c.born === 'unborn') {
      if (!c.expectedDateOfBirth) issues.push({ path: `${base}.expectedDateOfBirth`, message: 'enter the expected date of birth' });
      else if (dateInputIssue(c.expectedDateOfBirth, 'Expected date of birth'))
        issues.push({ path: `${base}.expectedDateOfBirth`, message: dateInputIssue(c.expectedDateOfBirth, 'Expected date of birth')! });
    }
    if (c.nhsNumber.trim() && !/^\d{3} ?\d{3} ?\d{4}$/.test(c.nhsNumber.trim())) {
      issues.push({ path: `${base}.identifiers.nhsNumber`, message: 'an NHS number is 10 digits, like 485 777 3456' });
    }
  });
  issues.push(...peopleDraftIssues(d.peopleDraft ?? emptyPeople(), today));
  if (!d.source) issues.push({ path: 'referral.source', message: 'choose who made the referral' });
  if (d.referrerName.length > LIMITS.shortText) issues.push({ path: 'referral.referrerName', message: `must be at most ${LIMITS.shortText} characters` });
  if (d.referrerRole.length > LIMITS.shortText) issues.push({ path: 'referral.referrerRole', message: `must be at most ${LIMITS.shortText} characters` });
  if (!d.reasonForConcern.trim()) issues.push({ path: 'reasonForConcern', message: 'enter the reason for concern' });
  else if (d.reasonForConcern.length > LIMITS.longText) issues.push({ path: 'reasonForConcern', message: `must be at most ${LIMITS.longText.toLocaleString('en-GB')} characters` });
  const iso = londonLocalToIso(d.receivedAt);
  if (!d.receivedAt) issues.push({ path: 'receivedAt', message: 'enter when the MASH received the contact' });
  else if (!iso) issues.push({ path: 'receivedAt', message: dateTimeInputIssue(d.receivedAt, 'Received at') ?? 'must be a real date and time' });
  else if (new Date(iso).getTime() > Date.now() + 5 * 60_000) issues.push({ path: 'receivedAt', message: 'cannot be in the future' });
  return issues;
}

function toPayload(d: CaseDraft): CommandInput<'case.open'> {
  return {
    commandId: newCommandId(),
    children: d.children.map((c) => ({
      firstName: c.firstName.trim(),
      lastName: c.lastName.trim(),
      ...(c.born === 'born' ? { dateOfBirth: c.dateOfBirth } : { expectedDateOfBirth: c.expectedDateOfBirth }),
      ...(c.nhsNumber.trim() ? { identifiers: { nhsNumber: c.nhsNumber.trim() } } : {}),
      ...(c.language?.trim() ? { language: c.language.trim() } : {}),
      ...(c.interpreterNeeded ? { interpreterNeeded: true } : {}),
      ...(c.ethnicity ? { ethnicity: c.ethnicity } : {}),
      ...(c.disability ? { disability: c.disability } : {}),
      ...(c.disabilityDetail?.trim() ? { disabilityDetail: c.disabilityDetail.trim() } : {}),
      ...(c.addressId ? { addressId: c.addressId } : {}),
    })),
    ...peoplePayload(d.peopleDraft ?? emptyPeople()),
    referral: {
      source: d.source as ReferralSource,
      ...(d.referrerName.trim() ? { referrerName: d.referrerName.trim() } : {}),
      ...(d.referrerRole.trim() ? { referrerRole: d.referrerRole.trim() } : {}),
      ...(d.identityProtected ? { identityProtected: true } : {}),
    },
    reasonForConcern: d.reasonForConcern.trim(),
    receivedAt: londonLocalToIso(d.receivedAt) ?? d.receivedAt,
    ...(d.restrictedTo?.length ? { restrictedTo: d.restrictedTo } : {}),
  };
}

export function NewCasePage() {
  const { client } = useSession();
  const { draft, update, reset, restored } = usePersistentDraft<CaseDraft>(`${userKeyPrefix(client.user.userId)}draft:new-case`, () => ({
    children: [emptyChild()],
    source: '',
    referrerName: '',
    referrerRole: '',
    identityProtected: false,
    reasonForConcern: '',
    receivedAt: londonNowLocal(),
  }));
  const involvement = useInvolvementSearch(searchableChildren(draft.children), searchableAround(draft.peopleDraft ?? emptyPeople()));
  const involvementCount = involvement.result?.children.filter((c) => c.matches.length).length ?? 0;
  useEffect(() => {
    document.title = 'New case – Mashboard';
  }, []);

  const today = londonToday();
  const localIssues = useMemo(() => validate(draft, today), [draft, today]);
  const form = useDraftForm(localIssues);

  const labels = useMemo(() => {
    const l: Record<string, string> = {
      'referral.source': 'Referral source',
      'referral.referrerName': "Referrer's name",
      'referral.referrerRole': "Referrer's role",
      reasonForConcern: 'Reason for concern',
      receivedAt: 'Received at',
      children: 'Children',
    };
    draft.children.forEach((c, i) => {
      const n = `Child ${i + 1}`;
      l[`children.${i}.firstName`] = `${n} first name`;
      l[`children.${i}.lastName`] = `${n} last name`;
      l[`children.${i}.born`] = `${n} born or unborn`;
      l[`children.${i}.dateOfBirth`] = c.born === 'unborn' ? `${n} expected date of birth` : `${n} date of birth`;
      l[`children.${i}.expectedDateOfBirth`] = `${n} expected date of birth`;
      l[`children.${i}.identifiers.nhsNumber`] = `${n} NHS number`;
      l[`children.${i}.language`] = `${n} first language`;
      l[`children.${i}.addressId`] = `${n} address`;
    });
    return { ...l, ...peopleLabels(draft.peopleDraft ?? emptyPeople()) };
  }, [draft.children, draft.peopleDraft]);
  const people = draft.peopleDraft ?? emptyPeople();

  const targetFor = (path: string) => {
    const m = /^children\.(\d+)\.dateOfBirth$/.exec(path);
    if (m && draft.children[Number(m[1])]?.born === 'unborn') return fieldId(P, `children.${m[1]}.expectedDateOfBirth`);
    if (m && !draft.children[Number(m[1])]?.born) return fieldId(P, `children.${m[1]}.born`);
    return fieldId(P, path);
  };

  function setChild(index: number, patch: Partial<ChildDraft>) {
    form.changed();
    update((d) => ({ ...d, children: d.children.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
  }
  function set(patch: Partial<CaseDraft>) {
    form.changed();
    update(patch);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const names = draft.children.map((c) => c.firstName.trim()).join(', ');
    const outcome = await form.submit('case.open', () => toPayload(draft), { label: `New case for ${names}` });
    if (!outcome) return;
    if (outcome.status === 'ok') {
      reset();
      navigate({ page: 'case', caseId: outcome.result.caseId });
    } else if (outcome.status === 'queued') {
      reset();
      client.toast('info', `The new case for ${names} is saved on this device and will be opened when the connection returns.`);
      navigate({ page: 'cases' });
    }
  }

  const { err } = form;

  return (
    <>
      <p className="back-link-wrap">
        <a className="back-link" href={hrefFor({ page: 'cases' })}>
          <span aria-hidden="true">‹ </span>Back to open cases
        </a>
      </p>
      <h1 tabIndex={-1}>New case</h1>
      {restored ? (
        <p className="notice" role="status">
          Your unfinished new case was restored from this device.
        </p>
      ) : null}
      <ErrorSummary prefix={P} issues={form.issues} labels={labels} focusKey={form.focusKey} targetFor={targetFor} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-label="New case">
        <fieldset className="fieldset fieldset--section">
          <legend className="fieldset__legend fieldset__legend--m">Children</legend>
          {draft.children.map((c, i) => {
            const base = `children.${i}`;
            const id = (p: string) => fieldId(P, `${base}.${p}`);
            const n = i + 1;
            return (
              <fieldset key={c.key} className="fieldset child-row">
                <legend className="fieldset__legend fieldset__legend--s">Child {n}</legend>
                <div className="grid-2">
                  <TextField id={id('firstName')} label="First name" autoComplete="off" value={c.firstName} onChange={(v) => setChild(i, { firstName: v })} error={err(`${base}.firstName`)} />
                  <TextField id={id('lastName')} label="Last name" autoComplete="off" value={c.lastName} onChange={(v) => setChild(i, { lastName: v })} error={err(`${base}.lastName`)} />
                </div>
                <RadioGroup<'born' | 'unborn'>
                  id={id('born')}
                  name={id('born')}
                  legend="Born or unborn"
                  inline
                  value={c.born}
                  onChange={(born) => setChild(i, { born })}
                  error={err(`${base}.born`)}
                  options={[
                    {
                      value: 'born',
                      label: 'Born',
                      reveal: <DateInput id={id('dateOfBirth')} legend="Date of birth" value={c.dateOfBirth} onChange={(v) => setChild(i, { dateOfBirth: v })} error={err(`${base}.dateOfBirth`)} />,
                    },
                    {
                      value: 'unborn',
                      label: 'Unborn',
                      reveal: (
                        <DateInput
                          id={id('expectedDateOfBirth')}
                          legend="Expected date of birth"
                          hint="For example, 14 6 2027"
                          value={c.expectedDateOfBirth}
                          onChange={(v) => setChild(i, { expectedDateOfBirth: v })}
                          error={err(`${base}.expectedDateOfBirth`) ?? err(`${base}.dateOfBirth`)}
                        />
                      ),
                    },
                  ]}
                />
                <TextField
                  id={id('identifiers.nhsNumber')}
                  label="NHS number (optional)"
                  hint="10 digits, for example 485 777 3456"
                  inputMode="numeric"
                  width="medium"
                  autoComplete="off"
                  value={c.nhsNumber}
                  onChange={(v) => setChild(i, { nhsNumber: v })}
                  error={err(`${base}.identifiers.nhsNumber`)}
                />
                <details className="details" open={Boolean(c.language || c.interpreterNeeded || c.ethnicity || c.disability || c.addressId) || undefined}>
                  <summary className="details__summary">Language, ethnicity, disability and address (optional)</summary>
                  <div className="details__text">
                    <LanguageFields prefix={P} base={base} language={c.language ?? ''} interpreterNeeded={c.interpreterNeeded ?? false} onChange={(patch) => setChild(i, patch)} err={err} />
                    <div className="grid-2">
                      <SelectField
                        id={id('ethnicity')}
                        label="Ethnicity"
                        value={c.ethnicity ?? ''}
                        onChange={(v) => setChild(i, { ethnicity: v as Ethnicity })}
                        placeholder="Not recorded"
                        options={ETHNICITIES.map((e) => ({ value: e, label: ETHNICITY_LABELS[e] }))}
                        error={err(`${base}.ethnicity`)}
                      />
                      <SelectField
                        id={id('disability')}
                        label="Disability"
                        value={c.disability ?? ''}
                        onChange={(v) => setChild(i, { disability: v as Disability })}
                        placeholder="Not recorded"
                        options={DISABILITY.map((v) => ({ value: v, label: DISABILITY_LABELS[v] }))}
                        error={err(`${base}.disability`)}
                      />
                    </div>
                    {c.disability === 'yes' ? (
                      <TextField
                        id={id('disabilityDetail')}
                        label="Disability or need (optional)"
                        hint="For example autism, or a hearing impairment"
                        autoComplete="off"
                        value={c.disabilityDetail ?? ''}
                        onChange={(v) => setChild(i, { disabilityDetail: v })}
                        error={err(`${base}.disabilityDetail`)}
                      />
                    ) : null}
                    {people.addresses.length ? (
                      <SelectField
                        id={id('addressId')}
                        label="Address"
                        value={c.addressId ?? ''}
                        onChange={(v) => setChild(i, { addressId: v })}
                        placeholder="Not known or not given"
                        options={people.addresses.map((a, k) => ({ value: a.id, label: `${addressChoiceLabel(a, k)} (address ${k + 1})` }))}
                        error={err(`${base}.addressId`)}
                      />
                    ) : (
                      <p className="hint">Add addresses under "Addresses and places" below to choose the child's.</p>
                    )}
                  </div>
                </details>
                <ChildInvolvement result={involvement.result} indexes={involvement.indexes} childIndex={i} />
                {draft.children.length > 1 ? (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() =>
                      update((d) => ({
                        ...d,
                        children: d.children.filter((_, j) => j !== i),
                        // A person's relationships follow the children's positions.
                        ...(d.peopleDraft ? { peopleDraft: { ...d.peopleDraft, people: d.peopleDraft.people.map((p) => ({ ...p, relationships: p.relationships.filter((_, j) => j !== i) })) } } : {}),
                      }))
                    }
                  >
                    Remove child {n}
                    {c.firstName.trim() ? ` (${c.firstName.trim()})` : ''}
                  </button>
                ) : null}
              </fieldset>
            );
          })}
          {draft.children.length < LIMITS.childrenPerCase ? (
            <button type="button" className="button button--secondary" onClick={() => update((d) => ({ ...d, children: [...d.children, emptyChild()] }))}>
              Add another child
            </button>
          ) : null}
        </fieldset>

        <PeopleFields
          prefix={P}
          draft={people}
          onChange={(next) => set({ peopleDraft: next })}
          childNames={draft.children.map((c, i) => c.firstName.trim() || `Child ${i + 1}`)}
          ownAgency={client.user.agency}
          err={err}
        />
        <AroundInvolvement result={involvement.result} />

        <fieldset className="fieldset fieldset--section">
          <legend className="fieldset__legend fieldset__legend--m">Referral</legend>
          <SelectField
            id={fieldId(P, 'referral.source')}
            label="Referral source"
            hint="The agency or kind of person who made the referral"
            value={draft.source}
            onChange={(v) => set({ source: v as ReferralSource })}
            placeholder="Choose a source"
            options={REFERRAL_SOURCES.map((s) => ({ value: s, label: referralSourceLabel(s) }))}
            error={err('referral.source')}
          />
          <div className="grid-2">
            <TextField
              id={fieldId(P, 'referral.referrerName')}
              label="Referrer's name (optional)"
              autoComplete="off"
              value={draft.referrerName}
              onChange={(v) => set({ referrerName: v })}
              error={err('referral.referrerName')}
            />
            <TextField
              id={fieldId(P, 'referral.referrerRole')}
              label="Referrer's role (optional)"
              autoComplete="off"
              value={draft.referrerRole}
              onChange={(v) => set({ referrerRole: v })}
              error={err('referral.referrerRole')}
            />
          </div>
          <div className="form-group">
            <div className="checkboxes">
              <Checkbox
                id={fieldId(P, 'referral.identityProtected')}
                label="Protect the referrer's identity (only your agency will see their name and role)"
                hint={`For example a neighbour or family member who fears reprisal. Other agencies see "Referrer's identity protected"; ${agencyName(client.user.agency)} sees the name and role.`}
                checked={draft.identityProtected ?? false}
                onChange={(v) => set({ identityProtected: v })}
              />
            </div>
          </div>
          <TextArea
            id={fieldId(P, 'reasonForConcern')}
            label="Reason for concern"
            hint="Why the referrer is worried, in their words"
            rows={6}
            value={draft.reasonForConcern}
            onChange={(v) => set({ reasonForConcern: v })}
            error={err('reasonForConcern')}
          />
          <DateTimeInput
            id={fieldId(P, 'receivedAt')}
            legend="Received at"
            hint="When the MASH received the contact, in UK time: the timescales start here. For example, 27 3 2026"
            value={draft.receivedAt}
            onChange={(v) => set({ receivedAt: v })}
            error={err('receivedAt')}
          />
        </fieldset>
        <fieldset className="fieldset fieldset--section" aria-describedby={fieldId(P, 'restrictedTo-hint')}>
          <legend className="fieldset__legend fieldset__legend--m">Restrict this whole case to (optional)</legend>
          <p className="hint" id={fieldId(P, 'restrictedTo-hint')}>
            For example an allegation against someone who works with children: other agencies will not see this case at all. {agencyName(client.user.agency)} always sees it. Leave all unticked for a
            case every MASH agency can see.
          </p>
          <div className="checkboxes">
            {activeAgencies()
              .filter((a) => a.id !== client.user.agency)
              .map((a, i) => (
                <Checkbox
                  key={a.id}
                  id={i === 0 ? fieldId(P, 'restrictedTo') : fieldId(P, `restrictedTo-${a.id}`)}
                  label={a.name}
                  checked={(draft.restrictedTo ?? []).includes(a.id)}
                  onChange={(on) => set({ restrictedTo: on ? [...(draft.restrictedTo ?? []), a.id] : (draft.restrictedTo ?? []).filter((x) => x !== a.id) })}
                />
              ))}
          </div>
          {draft.restrictedTo?.length ? (
            <p className="notice notice--small">
              Only {[agencyName(client.user.agency), ...draft.restrictedTo.map(agencyName)].join(', ')} will see this case. Others searching for these children are told only whom to ask.
            </p>
          ) : null}
        </fieldset>
        <p className="visually-hidden" role="status">
          {involvementCount ? `Possible previous involvement found for ${involvementCount} ${involvementCount === 1 ? 'child' : 'children'}.` : ''}
        </p>
        <FormActions
          submit="Open case"
          busy={form.busy}
          busyText="Opening…"
          secondary={{
            label: 'Cancel and discard',
            onClick: () => {
              reset();
              navigate({ page: 'cases' });
            },
          }}
        />
      </form>
    </>
  );
}
