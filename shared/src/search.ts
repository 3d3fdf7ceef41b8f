/**
 * Search keys: the index terms under which a case is found, and the terms a search looks up.
 * A search reads only the cases filed under its terms (never every child ever held), then the
 * matcher in `matching.ts` scores them; so every pair the matcher would match must share a term
 * (`search.test.ts` checks this as a property).
 *
 * Why these families are enough: `matchChild` matches only when
 * (1) the last names agree (same, same phonetic key, one-letter slip, or a shared part), whatever
 *     the first names and dates; or an unborn child's last name agrees and the dates are within
 *     30 days — caught by the last-name families `ln:` and `ls:`;
 * (2) the first and last names are swapped — caught by looking the query's *first* name up in the
 *     filed last-name families;
 * (3) the same date of birth and the first name agree, the last name not — caught by `dob:`.
 * So no first-name key is filed: short forms (Tom / Thomas) only ever matter beside one of these.
 *
 * The last-name keys are filed twice: bare (for a search with no date) and with the birth year
 * (`@2015`, or `@?` without a date) so that a dated search of a common surname reads that year's
 * children, not every Smith ever held. A dated query looks up every year within 30 days of its
 * date (day/month swaps keep the year; a one-day slip or an unborn window may cross one).
 *
 * Keys per child: 2 × (1 + one per part of a multi-part last name + at most 16 spelling keys),
 * plus `dob:`, `month:` and up to 3 identifiers; about 20 for a six-letter surname, at most 44
 * for a 13-letter double-barrelled one.
 */
import type { Child } from './cases.ts';
import { addressAudience, addressLine, type Address, type CaseAddress, type PersonInput } from './people.ts';
import { isCalendarDate } from './primitives.ts';
import { compareNames, matchChild, nameKey, normaliseName, UNBORN_WINDOW_DAYS, type ChildIdentity, type ChildMatch } from './matching.ts';

type Identifiers = Child['identifiers'];
type SearchableChild = ChildIdentity & { identifiers?: Identifiers };

/** Identifiers as compared and filed: NHS number as its digits, UPN upper case, local id trimmed lower case. */
export const identifierTerm = {
  nhsNumber: (v: string) => `nhs:${v.replace(/\D/g, '')}`,
  upn: (v: string) => `upn:${v.trim().toUpperCase()}`,
  localId: (v: string) => `local:${v.trim().toLowerCase()}`,
  reference: (v: string) => `ref:${v.trim().toUpperCase()}`,
};

function identifierTerms(ids: Identifiers): string[] {
  const keys: string[] = [];
  if (ids?.nhsNumber) keys.push(identifierTerm.nhsNumber(ids.nhsNumber));
  if (ids?.upn) keys.push(identifierTerm.upn(ids.upn));
  if (ids?.localId?.trim()) keys.push(identifierTerm.localId(ids.localId));
  return keys;
}

/** Below this many code points a name is filed with its one-letter deletions, from it on by its first and last letters. */
const DELETIONS_UP_TO = 13;
/** Letters kept at each end of a long name: a single slip leaves one end intact once names are 2 × 6 + 1 long. */
const AFFIX = 6;
/** `isSpellingSlip` needs at least this many letters on both names (as `length` counts them). */
const SLIP_MIN_LENGTH = 5;

/**
 * The keys a last name is filed under (and a query name looks up), without the year:
 * - `ln:<nameKey>` of the whole name and of each part of a multi-part name: the same name, the
 *   same phonetic key (Smith / Smyth, Thompson / Thomson), a shared part (Smith-Jones / Jones);
 * - `ls:<spelling>`: one-letter slips (Harrison / Harrisno) by the SymSpell idea: the compact name
 *   and each spelling with one letter deleted, so two names one insertion, deletion, change or
 *   swap apart share one; a name of 13 or more letters instead by its first and last six letters
 *   (`ls<:`, `ls>:`), one of which a single slip leaves intact.
 */
export function lastNameKeys(name: string): string[] {
  const normalised = normaliseName(name);
  const compact = normalised.replace(/ /g, '');
  if (compact === '') return [];
  const keys = new Set<string>([`ln:${nameKey(normalised)}`]);
  const parts = normalised.split(' ');
  if (parts.length > 1) for (const p of parts) if (p.length > 1) keys.add(`ln:${nameKey(p)}`);
  if (compact.length >= SLIP_MIN_LENGTH) {
    const letters = Array.from(compact);
    if (letters.length <= DELETIONS_UP_TO) {
      keys.add(`ls:${compact}`);
      for (let i = 0; i < letters.length; i += 1) keys.add(`ls:${letters.slice(0, i).join('')}${letters.slice(i + 1).join('')}`);
    }
    if (letters.length >= DELETIONS_UP_TO) {
      keys.add(`ls<:${letters.slice(0, AFFIX).join('')}`);
      keys.add(`ls>:${letters.slice(-AFFIX).join('')}`);
    }
  }
  return [...keys];
}

const dateOf = (c: ChildIdentity): string | undefined => c.dateOfBirth || c.expectedDateOfBirth || undefined;
const DAY = 86_400_000;
/** Midnight UTC of a date, counted as the matcher counts days (an impossible date rolls over, as there). */
const dayMs = (iso: string): number | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : t;
};
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The birth years a dated query looks in: its own, and any within the unborn window (which covers a one-day slip). */
function queryYears(date: string): string[] {
  const years = new Set([date.slice(0, 4)]);
  const t = dayMs(date);
  if (t !== null) for (const d of [-UNBORN_WINDOW_DAYS, UNBORN_WINDOW_DAYS]) years.add(isoDay(t + d * DAY).slice(0, 4));
  return [...years];
}

/** The months a date-only search looks in: those within the unborn window of its date. */
function queryMonths(date: string): string[] {
  const months = new Set([date.slice(0, 7)]);
  const t = dayMs(date);
  if (t !== null) for (let d = -UNBORN_WINDOW_DAYS; d <= UNBORN_WINDOW_DAYS; d += 1) months.add(isoDay(t + d * DAY).slice(0, 7));
  return [...months];
}

/** The same date with day and month swapped, when that is a date (a typing slip the matcher forgives). */
function swappedDayMonth(date: string): string | null {
  const [y, m, d] = date.split('-');
  const swapped = `${y}-${d}-${m}`;
  return swapped !== date && isCalendarDate(swapped) ? swapped : null;
}

/**
 * What a child is filed under: identifiers exactly; `dob:` its date of birth (or expected date)
 * exactly; `month:` its year and month (date-only searches near an unborn child's expected date);
 * its last-name keys bare and with its birth year.
 */
export function childSearchKeys(child: SearchableChild): string[] {
  const keys = new Set<string>(identifierTerms(child.identifiers));
  const born = dateOf(child);
  if (born) {
    keys.add(`dob:${born}`);
    keys.add(`month:${born.slice(0, 7)}`);
  }
  const year = born ? born.slice(0, 4) : '?';
  for (const key of lastNameKeys(child.lastName)) {
    keys.add(key);
    keys.add(`${key}@${year}`);
  }
  return [...keys];
}

/**
 * A person around the child as the matcher compares them: the same identity as a child's. Only a
 * person with both names is matched (a first name alone, "Dave", finds too many to be useful).
 */
export function personIdentity(p: Pick<PersonInput, 'firstName' | 'lastName' | 'dateOfBirth'>): ChildIdentity | null {
  if (!p.firstName || !p.lastName) return null;
  return { firstName: p.firstName, lastName: p.lastName, ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}) };
}

/** A postcode as compared and filed: upper case, no spaces. */
export const postcodeKey = (postcode: string): string => postcode.replace(/\s+/g, '').toUpperCase();
/** A first line of an address as compared and filed: letters and digits, single spaces, lower case ("14, Elm Rd." and "14 elm rd"). */
export const addressLineKey = (line: string): string => normaliseName(line);

/** The address terms of an address, not yet scoped to who may find it: `pc:` its postcode, `ad:` its first line. */
function addressTerms(a: { line1: string; postcode?: string | undefined }): string[] {
  const keys: string[] = [];
  const line = addressLineKey(a.line1);
  if (line) keys.push(`ad:${line}`);
  if (a.postcode) keys.push(`pc:${postcodeKey(a.postcode)}`);
  return keys;
}

/**
 * Terms scoped to one agency: a protected address is filed only under these, one set per agency
 * that may see it, so a search by anyone else never reads the case by it.
 */
const scopedTo = (agency: string, term: string) => `@${agency}:${term}`;

/** What an address is filed under: its terms, or for a protected address the same terms scoped to each agency that may see it. */
export function addressSearchKeys(address: CaseAddress): string[] {
  const terms = addressTerms(address);
  const audience = addressAudience(address);
  return audience ? audience.flatMap((agency) => terms.map((t) => scopedTo(agency, t))) : terms;
}

/**
 * What a case is filed under: each child's keys, each person's (with both names: last-name keys
 * by birth year, date of birth), each address's (protected ones scoped to their agencies) and
 * the reference.
 */
export function caseSearchKeys(summary: { reference: string; children: readonly Child[]; people?: readonly PersonInput[]; addresses?: readonly Address[] }): string[] {
  const keys = new Set<string>([identifierTerm.reference(summary.reference)]);
  for (const child of summary.children) for (const key of childSearchKeys(child)) keys.add(key);
  for (const person of summary.people ?? []) {
    const identity = personIdentity(person);
    if (identity) for (const key of childSearchKeys(identity)) keys.add(key);
  }
  for (const address of summary.addresses ?? []) if (!address.withheld) for (const key of addressSearchKeys(address)) keys.add(key);
  return [...keys];
}

/** The terms a search for this address looks up, as a reader of `agency` may find them: open addresses and those protected for their agency. */
export function addressQueryKeys(address: { line1?: string | undefined; postcode?: string | undefined }, agency: string): string[] {
  const terms = addressTerms({ line1: address.line1 ?? '', ...(address.postcode ? { postcode: address.postcode } : {}) });
  return terms.flatMap((t) => [t, scopedTo(agency, t)]);
}

/**
 * How an address on an earlier case answers an address looked for, or null: the same first line
 * and postcode is strong; the same first line (a postcode missing on one side) or, in a search by
 * postcode alone, the same postcode is possible. The caller passes only addresses the reader may see.
 */
export function matchAddress(wanted: { line1?: string | undefined; postcode?: string | undefined }, known: CaseAddress): ChildMatch | null {
  const sameLine = Boolean(wanted.line1 && addressLineKey(wanted.line1) !== '' && addressLineKey(wanted.line1) === addressLineKey(known.line1));
  const samePostcode = Boolean(wanted.postcode && known.postcode && postcodeKey(wanted.postcode) === postcodeKey(known.postcode));
  const differentPostcode = Boolean(wanted.postcode && known.postcode && !samePostcode);
  const shown = addressLine(known);
  if (sameLine && samePostcode) return { score: 0.95, strength: 'strong', reasons: [`same address (${shown})`] };
  if (sameLine && !differentPostcode) return { score: 0.7, strength: 'possible', reasons: [`same first line of address, postcode not recorded on one of them (${shown})`] };
  if (samePostcode && !wanted.line1) return { score: 0.6, strength: 'possible', reasons: [`same postcode (${shown})`] };
  return null;
}

/** Name keys scoped to the years a dated query may match (and to children filed with no date), or bare without a date. */
function scopedNameKeys(names: readonly string[], date: string | undefined): string[] {
  const keys = new Set<string>();
  const years = date ? [...queryYears(date), '?'] : [];
  for (const name of names)
    for (const key of lastNameKeys(name)) {
      if (!date) keys.add(key);
      for (const y of years) keys.add(`${key}@${y}`);
    }
  return [...keys];
}

/**
 * The terms a search for this child looks up: its identifiers; its last name and (for a first and
 * last name written the other way round) its first name among the filed last names; and its exact
 * date of birth (the same child under a changed last name).
 */
export function childQueryKeys(child: SearchableChild): string[] {
  const keys = new Set<string>(identifierTerms(child.identifiers));
  const born = dateOf(child);
  if (child.dateOfBirth) keys.add(`dob:${child.dateOfBirth}`);
  for (const key of scopedNameKeys([child.lastName, child.firstName], born)) keys.add(key);
  return [...keys];
}

/** A search of every case ever held (see `CaseSearchSchema`): any of these, at least one. */
export interface SearchTerms {
  firstName?: string | undefined;
  lastName?: string | undefined;
  dateOfBirth?: string | undefined;
  nhsNumber?: string | undefined;
  upn?: string | undefined;
  localId?: string | undefined;
  reference?: string | undefined;
  /** An address's first line (number and street), for anyone on a case: children, people, places. */
  address?: string | undefined;
  postcode?: string | undefined;
}

/** The kinds of terms a search used, in a fixed order: what the audit records (never the values). */
export function searchTermKinds(terms: SearchTerms): string[] {
  const kinds: (keyof SearchTerms)[] = ['firstName', 'lastName', 'dateOfBirth', 'nhsNumber', 'upn', 'localId', 'reference', 'address', 'postcode'];
  return kinds.filter((k) => Boolean(terms[k]?.trim()));
}

/** The index terms a search looks up (see `matchSearch`, which scores what they find), as a reader of `agency` may find them. */
export function searchQueryKeys(terms: SearchTerms, agency: string): string[] {
  const keys = new Set<string>(identifierTerms({ nhsNumber: terms.nhsNumber, upn: terms.upn, localId: terms.localId }));
  if (terms.address || terms.postcode) for (const key of addressQueryKeys({ line1: terms.address, postcode: terms.postcode }, agency)) keys.add(key);
  if (terms.reference) keys.add(identifierTerm.reference(terms.reference));
  const date = terms.dateOfBirth;
  if (terms.firstName && terms.lastName) {
    for (const key of childQueryKeys({ firstName: terms.firstName, lastName: terms.lastName, ...(date ? { dateOfBirth: date } : {}) })) keys.add(key);
  } else if (terms.lastName) {
    for (const key of scopedNameKeys([terms.lastName], date)) keys.add(key);
  } else if (date) {
    // A date with at most a first name: the same date, its day/month swap, and the months of the unborn window.
    keys.add(`dob:${date}`);
    const swapped = swappedDayMonth(date);
    if (swapped) keys.add(`dob:${swapped}`);
    for (const m of queryMonths(date)) keys.add(`month:${m}`);
  }
  return [...keys];
}

/** A match found by a search: `exact` when an identifier or the case reference is the same (these rank first). */
export type SearchMatch = ChildMatch;

const IDENTIFIER_WORDS = { nhsNumber: 'NHS number', upn: 'UPN', localId: 'local id' } as const;

/**
 * How a child on a case answers a search, or null. An identifier or the reference the same: an
 * exact match. Names and date of birth are scored by `matchChild`; a name not given is taken as
 * agreeing (and not given as a reason), so a part-name search is at most a possible match; a
 * search with no date compares names alone (an unborn child is found by name too).
 */
export function matchSearch(terms: SearchTerms, known: Child, reference: string): SearchMatch | null {
  const exact: string[] = [];
  for (const kind of ['nhsNumber', 'upn', 'localId'] as const) {
    const wanted = terms[kind];
    const held = known.identifiers?.[kind];
    if (wanted && held && identifierTerm[kind](wanted) === identifierTerm[kind](held)) exact.push(`${IDENTIFIER_WORDS[kind]} is the same`);
  }
  if (terms.reference && identifierTerm.reference(terms.reference) === identifierTerm.reference(reference)) exact.push(`case reference is the same (${reference})`);

  const byName = matchByNameAndDate(terms, known);
  if (exact.length > 0) return { score: 1, strength: 'strong', exact: true, reasons: [...exact, ...(byName?.reasons ?? [])] };
  return byName;
}

function matchByNameAndDate(terms: SearchTerms, known: Child): ChildMatch | null {
  const { firstName, lastName, dateOfBirth } = terms;
  if (!firstName && !lastName && !dateOfBirth) return null;
  // A name given must agree on its own; a name not given is taken from the record (and not reported).
  if (lastName && !firstName && compareNames(lastName, known.lastName, false) === null) return null;
  if (firstName && !lastName && compareNames(firstName, known.firstName, true) === null) return null;
  // Without a last name the search is by date (a first name is not indexed alone): a record with no date is not found.
  if (!lastName && !dateOf(known)) return null;
  const query: ChildIdentity = { firstName: firstName ?? known.firstName, lastName: lastName ?? known.lastName, ...(dateOfBirth ? { dateOfBirth } : {}) };
  const against: ChildIdentity = dateOfBirth ? known : { firstName: known.firstName, lastName: known.lastName };
  const match = matchChild(query, against);
  if (!match || (firstName && lastName)) return match;
  const reasons = match.reasons.filter((r) => (firstName || !r.startsWith('first name')) && (lastName || !r.startsWith('last name')));
  return { score: Math.min(match.score, 0.75), strength: 'possible', reasons };
}
