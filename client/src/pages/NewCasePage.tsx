/**
 * Opening a new case: the children, the people around them and the addresses, the referral, and
 * whether the whole case is restricted. The draft is kept on this device; possible previous
 * involvement is searched while typing. Each section is its own component (./newCase/).
 */
import { useEffect, useMemo, type FormEvent } from 'react';
import { LIMITS } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { usePersistentDraft } from '../data/drafts.ts';
import { userKeyPrefix } from '../data/storage.ts';
import { londonToday } from '../data/time.ts';
import { ErrorSummary } from '../forms/fields.tsx';
import { useDraftForm } from '../forms/useCommandForm.ts';
import { hrefFor, navigate } from '../router.ts';
import { AroundInvolvement, ChildInvolvement, useInvolvementSearch } from '../board/PreviousInvolvement.tsx';
import { searchableChildren } from '../data/involvement.ts';
import { PeopleFields } from '../board/PeopleFields.tsx';
import '../people.css';
import { searchableAround, emptyPeople } from '../forms/people.ts';
import { FormActions } from '../forms/FormActions.tsx';
import { caseDraftIssues, caseDraftLabels, caseDraftTarget, emptyCaseDraft, emptyChild, openCasePayload, P, type CaseDraft, type ChildDraft } from './newCase/caseDraft.ts';
import { ChildFields } from './newCase/ChildFields.tsx';
import { CaseRestrictionFields, ReferralFields } from './newCase/ReferralFields.tsx';

export function NewCasePage() {
  const { client } = useSession();
  const ownAgency = client.user.agency;
  const { draft, update, reset, restored } = usePersistentDraft<CaseDraft>(`${userKeyPrefix(client.user.userId)}draft:new-case`, emptyCaseDraft);
  const people = draft.peopleDraft ?? emptyPeople();
  const involvement = useInvolvementSearch(searchableChildren(draft.children), searchableAround(people));
  const involvementCount = involvement.result?.children.filter((c) => c.matches.length).length ?? 0;
  useEffect(() => {
    document.title = 'New case – Mashboard';
  }, []);

  const today = londonToday();
  const localIssues = useMemo(() => caseDraftIssues(draft, today), [draft, today]);
  const form = useDraftForm(localIssues);
  const labels = useMemo(() => caseDraftLabels(draft.children, draft.peopleDraft ?? emptyPeople()), [draft.children, draft.peopleDraft]);
  const { err } = form;

  function setChild(index: number, patch: Partial<ChildDraft>) {
    form.changed();
    update((d) => ({ ...d, children: d.children.map((c, i) => (i === index ? { ...c, ...patch } : c)) }));
  }
  function removeChild(index: number) {
    update((d) => ({
      ...d,
      children: d.children.filter((_, j) => j !== index),
      // A person's relationships follow the children's positions.
      ...(d.peopleDraft ? { peopleDraft: { ...d.peopleDraft, people: d.peopleDraft.people.map((p) => ({ ...p, relationships: p.relationships.filter((_, j) => j !== index) })) } } : {}),
    }));
  }
  function set(patch: Partial<CaseDraft>) {
    form.changed();
    update(patch);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const names = draft.children.map((c) => c.firstName.trim()).join(', ');
    const outcome = await form.submit('case.open', () => openCasePayload(draft), { label: `New case for ${names}` });
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
      <ErrorSummary prefix={P} issues={form.issues} labels={labels} focusKey={form.focusKey} targetFor={(path) => caseDraftTarget(draft.children, path)} />
      <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-label="New case">
        <fieldset className="fieldset fieldset--section">
          <legend className="fieldset__legend fieldset__legend--m">Children</legend>
          {draft.children.map((c, i) => (
            <ChildFields
              key={c.key}
              child={c}
              index={i}
              addresses={people.addresses}
              err={err}
              onChange={(patch) => setChild(i, patch)}
              involvement={<ChildInvolvement result={involvement.result} indexes={involvement.indexes} childIndex={i} />}
              remove={
                draft.children.length > 1 ? (
                  <button type="button" className="button button--secondary button--small" onClick={() => removeChild(i)}>
                    Remove child {i + 1}
                    {c.firstName.trim() ? ` (${c.firstName.trim()})` : ''}
                  </button>
                ) : null
              }
            />
          ))}
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
          ownAgency={ownAgency}
          err={err}
        />
        <AroundInvolvement result={involvement.result} />
        <ReferralFields draft={draft} set={set} err={err} ownAgency={ownAgency} />
        <CaseRestrictionFields draft={draft} set={set} ownAgency={ownAgency} />
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
