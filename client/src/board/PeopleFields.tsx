/**
 * The fields for the people around the children and their addresses: used on the new-contact form
 * and on the board ("Add people or addresses"). Field ids follow the payload's paths, so an error
 * from the server lands on its field.
 */
import { ADDRESS_KIND_LABELS, ADDRESS_KINDS, agencyName, RELATIONSHIP_LABELS, RELATIONSHIPS, type Address, type AddressKind, type Relationship } from '@mashboard/shared';
import { Checkbox, fieldId, SelectField, TextField } from '../forms/fields.tsx';
import { DateInput } from '../forms/DateInput.tsx';
import { addressChoiceLabel, emptyAddress, emptyPerson, otherAgencies, type AddressDraft, type PeopleDraft, type PersonDraft } from '../forms/people.ts';

interface Props {
  prefix: string;
  draft: PeopleDraft;
  onChange: (next: PeopleDraft) => void;
  /** The children's names, in their order on the case. */
  childNames: readonly string[];
  /** Addresses already on the case (on the board), to choose for a person. */
  existingAddresses?: readonly Address[];
  ownAgency: string;
  err: (path: string) => string | undefined;
}

export function PeopleFields({ prefix, draft, onChange, childNames, existingAddresses = [], ownAgency, err }: Props) {
  const id = (path: string) => fieldId(prefix, path);
  const setPerson = (i: number, patch: Partial<PersonDraft>) => onChange({ ...draft, people: draft.people.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const setAddress = (i: number, patch: Partial<AddressDraft>) => onChange({ ...draft, addresses: draft.addresses.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const addressOptions = [
    ...existingAddresses.map((a) => ({ value: a.id, label: addressChoiceLabel(a) })),
    ...draft.addresses.map((a, i) => ({ value: a.id, label: `${addressChoiceLabel(a, i)} (address ${i + 1} below)` })),
  ];

  return (
    <>
      <fieldset className="fieldset fieldset--section people-fields">
        <legend className="fieldset__legend fieldset__legend--m">People around the {childNames.length === 1 ? 'child' : 'children'}</legend>
        <p className="hint">Parents and carers, the person alleged to have caused harm, others in the household, brothers and sisters living elsewhere.</p>
        {draft.people.map((p, i) => {
          const base = `people.${i}`;
          const n = i + 1;
          return (
            <fieldset key={p.id} className="fieldset child-row">
              <legend className="fieldset__legend fieldset__legend--s">Person {n}</legend>
              <div className="grid-2">
                <TextField id={id(`${base}.firstName`)} label="First name" autoComplete="off" value={p.firstName} onChange={(v) => setPerson(i, { firstName: v })} error={err(`${base}.firstName`)} />
                <TextField
                  id={id(`${base}.lastName`)}
                  label="Last name"
                  hint="Give at least one of the names"
                  autoComplete="off"
                  value={p.lastName}
                  onChange={(v) => setPerson(i, { lastName: v })}
                  error={err(`${base}.lastName`)}
                />
              </div>
              <DateInput id={id(`${base}.dateOfBirth`)} legend="Date of birth (if known)" value={p.dateOfBirth} onChange={(v) => setPerson(i, { dateOfBirth: v })} error={err(`${base}.dateOfBirth`)} />
              <fieldset className="fieldset" aria-describedby={err(`${base}.relationships`) ? `${id(`${base}.relationships`)}-error` : undefined}>
                <legend className="fieldset__legend fieldset__legend--s">Relationship to {childNames.length === 1 ? 'the child' : 'each child'}</legend>
                {err(`${base}.relationships`) ? (
                  <p id={`${id(`${base}.relationships`)}-error`} className="field-error">
                    <span className="visually-hidden">Error:</span> {err(`${base}.relationships`)}
                  </p>
                ) : null}
                {childNames.map((name, c) => (
                  <SelectField
                    key={c}
                    id={c === 0 ? id(`${base}.relationships`) : id(`${base}.relationships.${c}`)}
                    label={`${p.firstName.trim() || `Person ${n}`} is ${name}'s`}
                    value={p.relationships[c] ?? ''}
                    onChange={(v) => setPerson(i, { relationships: childNames.map((_, k) => (k === c ? (v as Relationship | '') : (p.relationships[k] ?? ''))) })}
                    placeholder="Not connected"
                    options={RELATIONSHIPS.map((r) => ({ value: r, label: RELATIONSHIP_LABELS[r] }))}
                  />
                ))}
              </fieldset>
              <div className="checkboxes">
                <Checkbox id={id(`${base}.livesWithChild`)} label="Lives with the child" checked={p.livesWithChild} onChange={(v) => setPerson(i, { livesWithChild: v })} />
                <Checkbox
                  id={id(`${base}.allegedToHaveCausedHarm`)}
                  label="Alleged to have caused harm"
                  checked={p.allegedToHaveCausedHarm}
                  onChange={(v) => setPerson(i, { allegedToHaveCausedHarm: v })}
                />
              </div>
              {addressOptions.length ? (
                <SelectField
                  id={id(`${base}.addressId`)}
                  label="Address"
                  value={p.addressId}
                  onChange={(v) => setPerson(i, { addressId: v })}
                  placeholder="Not known or not given"
                  options={addressOptions}
                  error={err(`${base}.addressId`)}
                />
              ) : null}
              <LanguageFields prefix={prefix} base={base} language={p.language} interpreterNeeded={p.interpreterNeeded} onChange={(patch) => setPerson(i, patch)} err={err} />
              <button type="button" className="button button--secondary button--small" onClick={() => onChange({ ...draft, people: draft.people.filter((_, j) => j !== i) })}>
                Remove person {n}
                {p.firstName.trim() ? ` (${p.firstName.trim()})` : ''}
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="button button--secondary" onClick={() => onChange({ ...draft, people: [...draft.people, emptyPerson(childNames.length)] })}>
          {draft.people.length ? 'Add another person' : 'Add a person'}
        </button>
      </fieldset>

      <fieldset className="fieldset fieldset--section people-fields">
        <legend className="fieldset__legend fieldset__legend--m">Addresses and places</legend>
        <p className="hint">Homes, and places such as the school or the GP surgery. Protect an address such as a refuge so only the agencies you choose see it.</p>
        {draft.addresses.map((a, i) => {
          const base = `addresses.${i}`;
          const n = i + 1;
          return (
            <fieldset key={a.id} className="fieldset child-row">
              <legend className="fieldset__legend fieldset__legend--s">Address {n}</legend>
              <SelectField
                id={id(`${base}.kind`)}
                label="Kind of place"
                value={a.kind}
                onChange={(v) => setAddress(i, { kind: v as AddressKind })}
                placeholder="Choose a kind of place"
                options={ADDRESS_KINDS.map((k) => ({ value: k, label: ADDRESS_KIND_LABELS[k] }))}
                error={err(`${base}.kind`)}
              />
              <TextField
                id={id(`${base}.name`)}
                label="Name of the place (optional)"
                hint="For example the school's or the surgery's name"
                autoComplete="off"
                value={a.name}
                onChange={(v) => setAddress(i, { name: v })}
                error={err(`${base}.name`)}
              />
              <TextField
                id={id(`${base}.line1`)}
                label="Number and street, or building"
                autoComplete="off"
                value={a.line1}
                onChange={(v) => setAddress(i, { line1: v })}
                error={err(`${base}.line1`)}
              />
              <div className="grid-2">
                <TextField id={id(`${base}.town`)} label="Town (optional)" autoComplete="off" value={a.town} onChange={(v) => setAddress(i, { town: v })} error={err(`${base}.town`)} />
                <TextField
                  id={id(`${base}.postcode`)}
                  label="Postcode (optional)"
                  width="short"
                  autoComplete="off"
                  value={a.postcode}
                  onChange={(v) => setAddress(i, { postcode: v })}
                  error={err(`${base}.postcode`)}
                />
              </div>
              <div className="checkboxes">
                <Checkbox
                  id={id(`${base}.protected`)}
                  label="Protect this address"
                  hint={`For example a refuge. Only ${agencyName(ownAgency)} and the agencies you tick see it, or find the case by it; others see "Protected address".`}
                  checked={a.protected}
                  onChange={(v) => setAddress(i, { protected: v, ...(v ? {} : { restrictedTo: [] }) })}
                />
              </div>
              {a.protected ? (
                <fieldset className="fieldset conditional">
                  <legend className="fieldset__legend fieldset__legend--s">Also share it with (optional)</legend>
                  {err(`${base}.restrictedTo`) ? (
                    <p className="field-error">
                      <span className="visually-hidden">Error:</span> {err(`${base}.restrictedTo`)}
                    </p>
                  ) : null}
                  <div className="checkboxes">
                    {otherAgencies(ownAgency).map((agency, k) => (
                      <Checkbox
                        key={agency.id}
                        id={k === 0 ? id(`${base}.restrictedTo`) : id(`${base}.restrictedTo-${agency.id}`)}
                        label={agency.name}
                        checked={a.restrictedTo.includes(agency.id)}
                        onChange={(on) => setAddress(i, { restrictedTo: on ? [...a.restrictedTo, agency.id] : a.restrictedTo.filter((x) => x !== agency.id) })}
                      />
                    ))}
                  </div>
                </fieldset>
              ) : null}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() =>
                  onChange({
                    addresses: draft.addresses.filter((_, j) => j !== i),
                    people: draft.people.map((p) => (p.addressId === a.id ? { ...p, addressId: '' } : p)),
                  })
                }
              >
                Remove address {n}
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="button button--secondary" onClick={() => onChange({ ...draft, addresses: [...draft.addresses, emptyAddress()] })}>
          {draft.addresses.length ? 'Add another address' : 'Add an address'}
        </button>
      </fieldset>
    </>
  );
}

/** Language and whether an interpreter is needed, for a child or a person. */
export function LanguageFields({
  prefix,
  base,
  language,
  interpreterNeeded,
  onChange,
  err,
}: {
  prefix: string;
  base: string;
  language: string;
  interpreterNeeded: boolean;
  onChange: (patch: { language?: string; interpreterNeeded?: boolean }) => void;
  err: (path: string) => string | undefined;
}) {
  return (
    <div className="grid-2">
      <TextField
        id={fieldId(prefix, `${base}.language`)}
        label="First language (if known)"
        hint="For example Polish, or British Sign Language"
        autoComplete="off"
        value={language}
        onChange={(v) => onChange({ language: v })}
        error={err(`${base}.language`)}
      />
      <div className="checkboxes checkboxes--aligned">
        <Checkbox id={fieldId(prefix, `${base}.interpreterNeeded`)} label="Needs an interpreter" checked={interpreterNeeded} onChange={(v) => onChange({ interpreterNeeded: v })} />
      </div>
    </div>
  );
}
