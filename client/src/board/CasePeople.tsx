/**
 * The people on the case, for the entries that name whom they concern: provided once by the board
 * (`CasePeople.Provider`), read by the contribution and voice forms (which people to offer) and by
 * the entries (whom they concern), so no prop has to be passed through every list and card.
 */
import { createContext, useContext } from 'react';
import type { Child, Person } from '@mashboard/shared';
import { Checkbox, fieldId } from '../forms/fields.tsx';
import { childFullName } from '../data/children.ts';
import { personName, relationshipText } from '../forms/people.ts';

export const CasePeople = createContext<{ people: readonly Person[]; children: readonly Child[] }>({ people: [], children: [] });

export const useCasePeople = () => useContext(CasePeople);

/** "Dean Walsh (Parent's partner of Lily Farrowdale)". */
function personLabel(p: Person, children: readonly Child[]): string {
  return `${personName(p)} (${relationshipText(p, children.map(childFullName))})`;
}

/** Tick the people an entry concerns (nothing shown when the case has none). */
export function PeopleChoice({
  prefix,
  value,
  onChange,
  legend = 'Which people does it concern? (optional)',
}: {
  prefix: string;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  legend?: string;
}) {
  const { people, children } = useCasePeople();
  if (!people.length) return null;
  return (
    <div className="form-group">
      <fieldset className="fieldset" aria-describedby={`${prefix}-people-hint`}>
        <legend className="fieldset__legend">{legend}</legend>
        <p className="hint" id={`${prefix}-people-hint`}>
          The adults or other children around the child it is about, if any.
        </p>
        <div className="checkboxes" id={fieldId(prefix, 'personIds')}>
          {people.map((p) => (
            <Checkbox
              key={p.id}
              id={`${prefix}-person-${p.id}`}
              label={personLabel(p, children)}
              checked={value.includes(p.id)}
              onChange={(on) => onChange(on ? [...value, p.id] : value.filter((x) => x !== p.id))}
            />
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The names of the people an entry concerns, or null. */
export function useConcernedNames(personIds: readonly string[] | undefined): string | null {
  const { people } = useCasePeople();
  const names = (personIds ?? [])
    .map((id) => people.find((p) => p.id === id))
    .filter((p): p is Person => Boolean(p))
    .map(personName);
  return names.length ? names.join(', ') : null;
}
