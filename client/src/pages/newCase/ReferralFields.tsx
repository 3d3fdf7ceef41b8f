/** Who referred and why, when the MASH received it, and whether the whole case is restricted to named agencies. */
import { activeAgencies, agencyName, REFERRAL_SOURCES, referralSourceLabel, type ReferralSource } from '@mashboard/shared';
import { DateTimeInput } from '../../forms/DateInput.tsx';
import { Checkbox, fieldId, SelectField, TextArea, TextField } from '../../forms/fields.tsx';
import { P, type CaseDraft } from './caseDraft.ts';

interface SectionProps {
  draft: CaseDraft;
  set: (patch: Partial<CaseDraft>) => void;
  err: (path: string) => string | undefined;
  /** The agency opening the case. */
  ownAgency: string;
}

export function ReferralFields({ draft, set, err, ownAgency }: SectionProps) {
  return (
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
            hint={`For example a neighbour or family member who fears reprisal. Other agencies see "Referrer's identity protected"; ${agencyName(ownAgency)} sees the name and role.`}
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
  );
}

export function CaseRestrictionFields({ draft, set, ownAgency }: Omit<SectionProps, 'err'>) {
  const restrictedTo = draft.restrictedTo ?? [];
  return (
    <fieldset className="fieldset fieldset--section" aria-describedby={fieldId(P, 'restrictedTo-hint')}>
      <legend className="fieldset__legend fieldset__legend--m">Restrict this whole case to (optional)</legend>
      <p className="hint" id={fieldId(P, 'restrictedTo-hint')}>
        For example an allegation against someone who works with children: other agencies will not see this case at all. {agencyName(ownAgency)} always sees it. Leave all unticked for a case every
        MASH agency can see.
      </p>
      <div className="checkboxes">
        {activeAgencies()
          .filter((a) => a.id !== ownAgency)
          .map((a, i) => (
            <Checkbox
              key={a.id}
              id={i === 0 ? fieldId(P, 'restrictedTo') : fieldId(P, `restrictedTo-${a.id}`)}
              label={a.name}
              checked={restrictedTo.includes(a.id)}
              onChange={(on) => set({ restrictedTo: on ? [...restrictedTo, a.id] : restrictedTo.filter((x) => x !== a.id) })}
            />
          ))}
      </div>
      {restrictedTo.length ? (
        <p className="notice notice--small">
          Only {[agencyName(ownAgency), ...restrictedTo.map(agencyName)].join(', ')} will see this case. Others searching for these children are told only whom to ask.
        </p>
      ) : null}
    </fieldset>
  );
}
