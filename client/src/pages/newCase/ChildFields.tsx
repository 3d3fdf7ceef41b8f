/** One child on a new case: name, born or unborn with the date, NHS number, the optional details, and any previous involvement found. */
import type { ReactNode } from 'react';
import { DISABILITY, DISABILITY_LABELS, ETHNICITIES, ETHNICITY_LABELS, type Disability, type Ethnicity } from '@mashboard/shared';
import { LanguageFields } from '../../board/PeopleFields.tsx';
import { DateInput } from '../../forms/DateInput.tsx';
import { fieldId, RadioGroup, SelectField, TextField } from '../../forms/fields.tsx';
import { addressChoiceLabel, type AddressDraft } from '../../forms/people.ts';
import { P, type ChildDraft } from './caseDraft.ts';

export function ChildFields({
  child: c,
  index: i,
  addresses,
  err,
  onChange,
  involvement,
  remove,
}: {
  child: ChildDraft;
  index: number;
  /** The addresses entered on the form, to choose the child's. */
  addresses: AddressDraft[];
  err: (path: string) => string | undefined;
  onChange: (patch: Partial<ChildDraft>) => void;
  /** Previous involvement found for this child. */
  involvement: ReactNode;
  /** The button to remove this child (when there are others). */
  remove: ReactNode;
}) {
  const base = `children.${i}`;
  const id = (p: string) => fieldId(P, `${base}.${p}`);
  return (
    <fieldset className="fieldset child-row">
      <legend className="fieldset__legend fieldset__legend--s">Child {i + 1}</legend>
      <div className="grid-2">
        <TextField id={id('firstName')} label="First name" autoComplete="off" value={c.firstName} onChange={(v) => onChange({ firstName: v })} error={err(`${base}.firstName`)} />
        <TextField id={id('lastName')} label="Last name" autoComplete="off" value={c.lastName} onChange={(v) => onChange({ lastName: v })} error={err(`${base}.lastName`)} />
      </div>
      <RadioGroup<'born' | 'unborn'>
        id={id('born')}
        name={id('born')}
        legend="Born or unborn"
        inline
        value={c.born}
        onChange={(born) => onChange({ born })}
        error={err(`${base}.born`)}
        options={[
          {
            value: 'born',
            label: 'Born',
            reveal: <DateInput id={id('dateOfBirth')} legend="Date of birth" value={c.dateOfBirth} onChange={(v) => onChange({ dateOfBirth: v })} error={err(`${base}.dateOfBirth`)} />,
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
                onChange={(v) => onChange({ expectedDateOfBirth: v })}
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
        onChange={(v) => onChange({ nhsNumber: v })}
        error={err(`${base}.identifiers.nhsNumber`)}
      />
      <details className="details" open={Boolean(c.language || c.interpreterNeeded || c.ethnicity || c.disability || c.addressId) || undefined}>
        <summary className="details__summary">Language, ethnicity, disability and address (optional)</summary>
        <div className="details__text">
          <LanguageFields prefix={P} base={base} language={c.language ?? ''} interpreterNeeded={c.interpreterNeeded ?? false} onChange={onChange} err={err} />
          <div className="grid-2">
            <SelectField
              id={id('ethnicity')}
              label="Ethnicity"
              value={c.ethnicity ?? ''}
              onChange={(v) => onChange({ ethnicity: v as Ethnicity })}
              placeholder="Not recorded"
              options={ETHNICITIES.map((e) => ({ value: e, label: ETHNICITY_LABELS[e] }))}
              error={err(`${base}.ethnicity`)}
            />
            <SelectField
              id={id('disability')}
              label="Disability"
              value={c.disability ?? ''}
              onChange={(v) => onChange({ disability: v as Disability })}
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
              onChange={(v) => onChange({ disabilityDetail: v })}
              error={err(`${base}.disabilityDetail`)}
            />
          ) : null}
          {addresses.length ? (
            <SelectField
              id={id('addressId')}
              label="Address"
              value={c.addressId ?? ''}
              onChange={(v) => onChange({ addressId: v })}
              placeholder="Not known or not given"
              options={addresses.map((a, k) => ({ value: a.id, label: `${addressChoiceLabel(a, k)} (address ${k + 1})` }))}
              error={err(`${base}.addressId`)}
            />
          ) : (
            <p className="hint">Add addresses under "Addresses and places" below to choose the child's.</p>
          )}
        </div>
      </details>
      {involvement}
      {remove}
    </fieldset>
  );
}
