/** Who asked, or who receives it: a partner agency or another organisation, with the person's role and name. */
import { activeAgencies } from '@mashboard/shared';
import { fieldId, RadioGroup, SelectField, TextField } from '../../forms/fields.tsx';
import { P } from './paths.ts';
import { requesterText } from './text.ts';
import type { PageProps } from './useSharingForm.ts';

const FIELDS = {
  requester: { kind: 'requesterKind', agency: 'requesterAgency', organisation: 'requesterOrganisation', role: 'requesterRole', person: 'requesterPerson' },
  recipient: { kind: 'recipientKind', agency: 'recipientAgency', organisation: 'recipientOrganisation', role: 'recipientRole', person: 'recipientPerson' },
} as const;

export function PartyFields({ who, legend, withRequester, draft, set, err }: Omit<PageProps, 'title'> & { who: 'requester' | 'recipient'; legend: string; withRequester: boolean }) {
  const k = FIELDS[who];
  const roleAndName = (
    <>
      <TextField
        id={fieldId(P, `${who}.role`)}
        label={`The ${who}’s role`}
        hint="For example Detective Sergeant, school nurse"
        value={draft[k.role]}
        onChange={(v) => set({ [k.role]: v })}
        error={err(`${who}.role`)}
      />
      <TextField id={fieldId(P, `${who}.person`)} label={`The ${who}’s name (optional)`} value={draft[k.person]} onChange={(v) => set({ [k.person]: v })} />
    </>
  );
  return (
    <RadioGroup<'requester' | 'agency' | 'organisation'>
      id={fieldId(P, `${who}Kind`)}
      name={fieldId(P, `${who}Kind`)}
      legend={legend}
      value={draft[k.kind]}
      onChange={(v) => set({ [k.kind]: v })}
      error={err(who)}
      options={[
        ...(withRequester ? [{ value: 'requester' as const, label: `Whoever asked: ${requesterText(draft) || 'the requester'}` }] : []),
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
}
