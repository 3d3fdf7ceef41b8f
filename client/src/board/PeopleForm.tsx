/** Add people and addresses to a case (`people.add`), from the board's "People and places" panel. */
import { useMemo, useState, type FormEvent } from 'react';
import type { CaseSummary } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { newCommandId } from '../data/live.ts';
import { londonToday } from '../data/time.ts';
import { emptyPeople, peopleDraftIssues, peopleLabels, peoplePayload, type PeopleDraft } from '../forms/people.ts';
import { ErrorSummary } from '../forms/fields.tsx';
import { useCommandForm } from '../forms/useCommandForm.ts';
import { FormActions } from '../forms/FormActions.tsx';
import { PeopleFields } from './PeopleFields.tsx';

const P = 'people';

export function PeopleForm({ summary, childNames, onDone, onCancel }: { summary: CaseSummary; childNames: string[]; onDone: (message: string) => void; onCancel: () => void }) {
  const { client } = useSession();
  const [draft, setDraft] = useState<PeopleDraft>(emptyPeople);
  const form = useCommandForm();
  const labels = useMemo(() => peopleLabels(draft), [draft]);
  const addresses = summary.addresses ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local = peopleDraftIssues(draft, londonToday());
    if (!draft.people.length && !draft.addresses.length) local.push({ path: 'people', message: 'add at least one person or address' });
    const outcome = await form.submit(local, 'people.add', () => ({ commandId: newCommandId(), caseId: summary.id, ...peoplePayload(draft) }), { label: 'People and addresses', caseId: summary.id });
    if (!outcome || outcome.status === 'error') return;
    const n = draft.people.length + draft.addresses.length;
    onDone(
      outcome.status === 'queued' ? 'Saved on this device: the people and addresses will be added when the connection returns.' : `Added ${n} ${n === 1 ? 'entry' : 'entries'} to people and places.`,
    );
  }

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-label="Add people or addresses">
      <ErrorSummary prefix={P} issues={form.issues} labels={labels} focusKey={form.focusKey} />
      <PeopleFields
        prefix={P}
        draft={draft}
        onChange={(next) => {
          form.clearIssues();
          setDraft(next);
        }}
        childNames={childNames}
        existingAddresses={addresses}
        ownAgency={client.user.agency}
        err={form.err}
      />
      <FormActions submit="Add to the case" busy={form.busy} busyText="Adding…" secondary={{ label: 'Cancel', onClick: onCancel }} />
    </form>
  );
}
