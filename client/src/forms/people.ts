/** The people-and-addresses part of a form, as drafts: pure, so the checks run as a person types. */
import {
  activeAgencies,
  ADDRESS_KIND_LABELS,
  agencyName,
  LIMITS,
  personName,
  RELATIONSHIP_LABELS,
  type Address,
  type AddressKind,
  type CommandInput,
  type FieldIssue,
  type Person,
  type Relationship,
} from '@mashboard/shared';
import { isCalendarDate } from '@mashboard/shared';
import { newCommandId } from '../data/live.ts';
import { dateInputIssue } from './DateInput.tsx';

export interface PersonDraft {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  /** Relationship to each child by the child's position ('' = not connected). */
  relationships: (Relationship | '')[];
  allegedToHaveCausedHarm: boolean;
  livesWithChild: boolean;
  /** An address id: one added in this form or one already on the case ('' = not known). */
  addressId: string;
  language: string;
  interpreterNeeded: boolean;
}

export interface AddressDraft {
  id: string;
  kind: AddressKind | '';
  name: string;
  line1: string;
  town: string;
  postcode: string;
  protected: boolean;
  restrictedTo: string[];
}

export interface PeopleDraft {
  people: PersonDraft[];
  addresses: AddressDraft[];
}

/** A short id for a new person or address, unique on the case in practice (the server refuses a clash, naming the field). */
const newId = () => newCommandId().replace(/-/g, '').slice(0, 12);

export const emptyPerson = (childCount: number): PersonDraft => ({
  id: newId(),
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  relationships: Array.from({ length: childCount }, () => ''),
  allegedToHaveCausedHarm: false,
  livesWithChild: false,
  addressId: '',
  language: '',
  interpreterNeeded: false,
});

export const emptyAddress = (): AddressDraft => ({ id: newId(), kind: '', name: '', line1: '', town: '', postcode: '', protected: false, restrictedTo: [] });

export const emptyPeople = (): PeopleDraft => ({ people: [], addresses: [] });

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/;

/** What is wrong with the draft, by the payload's paths (as the server would name them). */
export function peopleDraftIssues(d: PeopleDraft, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const tooLong = (path: string, v: string) => {
    if (v.length > LIMITS.shortText) issues.push({ path, message: `must be at most ${LIMITS.shortText} characters` });
  };
  d.people.forEach((p, i) => {
    const base = `people.${i}`;
    if (!p.firstName.trim() && !p.lastName.trim()) issues.push({ path: `${base}.lastName`, message: `give person ${i + 1} a name: a first name, a last name or both` });
    tooLong(`${base}.firstName`, p.firstName);
    tooLong(`${base}.lastName`, p.lastName);
    tooLong(`${base}.language`, p.language);
    const dateIssue = dateInputIssue(p.dateOfBirth, `Person ${i + 1}'s date of birth`);
    if (dateIssue) issues.push({ path: `${base}.dateOfBirth`, message: dateIssue });
    else if (p.dateOfBirth > today) issues.push({ path: `${base}.dateOfBirth`, message: `Person ${i + 1}'s date of birth must be in the past` });
    if (!p.relationships.some(Boolean)) issues.push({ path: `${base}.relationships`, message: `say how person ${i + 1} is related to at least one child` });
  });
  d.addresses.forEach((a, i) => {
    const base = `addresses.${i}`;
    if (!a.kind) issues.push({ path: `${base}.kind`, message: `choose what kind of place address ${i + 1} is` });
    if (!a.line1.trim()) issues.push({ path: `${base}.line1`, message: `enter the first line of address ${i + 1} (number and street, or the building)` });
    tooLong(`${base}.line1`, a.line1);
    tooLong(`${base}.name`, a.name);
    tooLong(`${base}.town`, a.town);
    if (a.postcode.trim() && !POSTCODE.test(a.postcode.trim().toUpperCase())) issues.push({ path: `${base}.postcode`, message: 'must be a UK postcode like LS6 2AB' });
  });
  return issues;
}

const text = (v: string) => (v.trim() ? v.trim() : undefined);

/** The draft as the `people` and `addresses` of `case.open` or `people.add`. */
export function peoplePayload(d: PeopleDraft): Pick<CommandInput<'people.add'>, 'people' | 'addresses'> {
  return {
    people: d.people.map((p) => ({
      id: p.id,
      ...(text(p.firstName) ? { firstName: text(p.firstName) } : {}),
      ...(text(p.lastName) ? { lastName: text(p.lastName) } : {}),
      ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}),
      relationships: p.relationships.flatMap((r, childIndex) => (r ? [{ childIndex, relationship: r }] : [])),
      allegedToHaveCausedHarm: p.allegedToHaveCausedHarm,
      livesWithChild: p.livesWithChild,
      ...(p.addressId ? { addressId: p.addressId } : {}),
      ...(text(p.language) ? { language: text(p.language) } : {}),
      interpreterNeeded: p.interpreterNeeded,
    })),
    addresses: d.addresses.map((a) => ({
      id: a.id,
      kind: a.kind as AddressKind,
      ...(text(a.name) ? { name: text(a.name) } : {}),
      line1: a.line1.trim(),
      ...(text(a.town) ? { town: text(a.town) } : {}),
      ...(text(a.postcode) ? { postcode: a.postcode.trim().toUpperCase() } : {}),
      protected: a.protected,
      restrictedTo: a.protected ? a.restrictedTo : [],
    })),
  };
}

/** The people with both names and the addresses with a first line: what the new-contact form looks for in earlier cases. */
export function searchableAround(d: PeopleDraft): { people: { firstName: string; lastName: string; dateOfBirth?: string }[]; addresses: { line1: string; postcode?: string }[] } {
  return {
    people: d.people.flatMap((p) => {
      const firstName = p.firstName.trim();
      const lastName = p.lastName.trim();
      if (!firstName || !lastName) return [];
      return [{ firstName, lastName, ...(isCalendarDate(p.dateOfBirth) ? { dateOfBirth: p.dateOfBirth } : {}) }];
    }),
    addresses: d.addresses.flatMap((a) => {
      const line1 = a.line1.trim();
      const postcode = a.postcode.trim().toUpperCase();
      if (!line1) return [];
      return [{ line1, ...(POSTCODE.test(postcode) ? { postcode } : {}) }];
    }),
  };
}

/** Field labels for the error summary ("Person 2 last name"). */
export function peopleLabels(d: PeopleDraft): Record<string, string> {
  const l: Record<string, string> = {};
  d.people.forEach((_, i) => {
    const n = `Person ${i + 1}`;
    for (const [k, v] of Object.entries({
      firstName: 'first name',
      lastName: 'name',
      dateOfBirth: 'date of birth',
      relationships: 'relationship to the children',
      addressId: 'address',
      language: 'language',
      id: 'id',
    }))
      l[`people.${i}.${k}`] = `${n} ${v}`;
  });
  d.addresses.forEach((_, i) => {
    const n = `Address ${i + 1}`;
    for (const [k, v] of Object.entries({ kind: 'kind of place', name: 'name of the place', line1: 'first line', town: 'town', postcode: 'postcode', restrictedTo: 'agencies', id: 'id' }))
      l[`addresses.${i}.${k}`] = `${n} ${v}`;
  });
  return l;
}

/** An address as a choice in a list ("Home: 14 Elm Road" / "Protected address (Police)"). */
export function addressChoiceLabel(a: Address | AddressDraft, index?: number): string {
  if ('withheld' in a && a.withheld) return `Protected address recorded by ${agencyName(a.agency)}`;
  const draft = a as AddressDraft;
  const kind = draft.kind ? ADDRESS_KIND_LABELS[draft.kind] : `Address ${(index ?? 0) + 1}`;
  const where = [draft.name, draft.line1].filter((s) => s && s.trim()).join(', ');
  return where ? `${kind}: ${where}` : kind;
}

/** "Mother of Lily; Brother or sister of Noah". */
export function relationshipText(person: Pick<Person, 'relationships'>, childNames: readonly string[]): string {
  return person.relationships.map((r) => `${RELATIONSHIP_LABELS[r.relationship]} of ${childNames[r.childIndex] ?? `child ${r.childIndex + 1}`}`).join('; ');
}

/** The agencies a protected address may also be shared with (not one's own). */
export const otherAgencies = (own: string) => activeAgencies().filter((a) => a.id !== own);

export { personName };
