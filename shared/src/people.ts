/**
 * The people and places around the child: parents and carers, the person alleged to have caused
 * harm, other household members, siblings elsewhere; and addresses (home, school, GP, a refuge).
 * A contact concerns all of them, and previous involvement and search find them too.
 *
 * Ids of people and addresses are chosen by the client (unique on the case), so one command can
 * add an address and the people who live there, and a retried command names the same ids.
 * An address can be **protected** (e.g. a refuge): like a protected referrer, only the agency that
 * recorded it and the agencies it names see it (`presentAddress` in `access.ts`), and it is filed
 * for search only under those agencies (`search.ts`).
 */
import type { z } from 'zod';
import type { Actor } from './agencies.ts';
import type { AddressInputSchema, PersonInputSchema } from './people.schema.ts';

/** How a person is related to a child on the case (the person is the child's …). */
export const RELATIONSHIPS = ['mother', 'father', 'step-parent', 'parents-partner', 'carer', 'grandparent', 'sibling', 'other-relative', 'household-member', 'family-friend', 'not-related'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  mother: 'Mother',
  father: 'Father',
  'step-parent': 'Step-parent',
  'parents-partner': "Parent's partner",
  carer: 'Carer (kinship, foster or other)',
  grandparent: 'Grandparent',
  sibling: 'Brother or sister',
  'other-relative': 'Other relative',
  'household-member': 'Other member of the household',
  'family-friend': 'Family friend',
  'not-related': 'Not related',
};

/** What kind of place an address is. */
export const ADDRESS_KINDS = ['home', 'temporary', 'refuge', 'school', 'nursery', 'gp', 'other'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];
export const ADDRESS_KIND_LABELS: Record<AddressKind, string> = {
  home: 'Home',
  temporary: 'Temporary accommodation',
  refuge: 'Refuge',
  school: 'School or college',
  nursery: 'Nursery or childminder',
  gp: 'GP surgery',
  other: 'Other place',
};

/** Ethnicity as children's case systems record it (the DfE codes used in the children in need census). */
export const ETHNICITIES = ['WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT'] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];
export const ETHNICITY_LABELS: Record<Ethnicity, string> = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy or Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Black Caribbean',
  BAFR: 'Black African',
  BOTH: 'Any other Black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
};

export const DISABILITY = ['yes', 'no', 'not-known'] as const;
export type Disability = (typeof DISABILITY)[number];
export const DISABILITY_LABELS: Record<Disability, string> = { yes: 'Yes', no: 'No', 'not-known': 'Not known' };

/** At most this many people and addresses on one case. */
export const PEOPLE_PER_CASE = 40;
export const ADDRESSES_PER_CASE = 20;
export type AddressInput = z.infer<typeof AddressInputSchema>;
export type PersonInput = z.infer<typeof PersonInputSchema>;

/** A path and what is wrong there (the shape `describeIssues` turns into an error). */
export interface PeopleIssue {
  path: string;
  message: string;
}

/**
 * What is wrong with adding these people and addresses to a case that already has `existing`
 * (its children count, person and address ids): ids already used, a child that is not on the
 * case, an address that is not on the case nor added here. `prefix` is the payload path of the
 * lists (empty on `people.add`, the same on `case.open`).
 */
export function peopleIssues(
  input: { people: readonly PersonInput[]; addresses: readonly AddressInput[]; children?: readonly { addressId?: string | undefined }[] },
  existing: { childCount: number; personIds: readonly string[]; addressIds: readonly string[] },
): PeopleIssue[] {
  const issues: PeopleIssue[] = [];
  const addressIds = new Set(existing.addressIds);
  input.addresses.forEach((a, i) => {
    if (addressIds.has(a.id)) issues.push({ path: `addresses.${i}.id`, message: 'is already used by another address on this case' });
    addressIds.add(a.id);
  });
  const personIds = new Set(existing.personIds);
  input.people.forEach((p, i) => {
    if (personIds.has(p.id)) issues.push({ path: `people.${i}.id`, message: 'is already used by another person on this case' });
    personIds.add(p.id);
    p.relationships.forEach((r, j) => {
      if (r.childIndex >= existing.childCount)
        issues.push({ path: `people.${i}.relationships.${j}.childIndex`, message: `there is no child ${r.childIndex + 1} on this case (it has ${existing.childCount})` });
    });
    if (p.addressId && !addressIds.has(p.addressId)) issues.push({ path: `people.${i}.addressId`, message: 'no address with that id on this case' });
  });
  input.children?.forEach((c, i) => {
    if (c.addressId && !addressIds.has(c.addressId)) issues.push({ path: `children.${i}.addressId`, message: 'no address with that id on this case' });
  });
  return issues;
}

/** A person on the case, as recorded. */
export type Person = PersonInput & { recordedBy: Actor; recordedAt: string };

/** An address on the case as its readers see it. */
export type CaseAddress = AddressInput & { recordedBy: Actor; recordedAt: string; withheld?: undefined };

/**
 * A protected address as everyone else sees it: that it exists, which agency recorded it and whom
 * else it is shared with (so they know whom to ask), built from an allow-list.
 */
export interface WithheldAddress {
  id: string;
  withheld: true;
  protected: true;
  agency: string;
  restrictedTo: string[];
}
export type Address = CaseAddress | WithheldAddress;

/** The agencies that see a protected address in full, or null when everyone on the case does. */
export function addressAudience(address: Pick<CaseAddress, 'protected' | 'restrictedTo'> & { recordedBy: { agency: string } }): string[] | null {
  return address.protected ? [...new Set([address.recordedBy.agency, ...address.restrictedTo])] : null;
}

/** A person's name as written on the board ("Dave (surname not known)"). */
export function personName(p: { firstName?: string | undefined; lastName?: string | undefined }): string {
  if (p.firstName && p.lastName) return `${p.firstName} ${p.lastName}`;
  if (p.lastName) return `${p.lastName} (first name not known)`;
  return `${p.firstName ?? ''} (surname not known)`;
}

/** An address on one line ("14 Elm Road, Leeds LS6 2AB"); a withheld one says only that it is protected. */
export function addressLine(a: Address): string {
  if (a.withheld) return 'Protected address';
  return [a.name, a.line1, a.line2, [a.town, a.postcode].filter(Boolean).join(' ')].filter((p) => p && p.trim()).join(', ');
}
