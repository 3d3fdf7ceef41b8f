import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Child } from './cases.ts';
import { isCalendarDate } from './primitives.ts';
import { matchChild, SHORT_FORMS, type ChildIdentity } from './matching.ts';
import { caseSearchKeys, childQueryKeys, childSearchKeys, lastNameKeys, matchSearch, searchQueryKeys, searchTermKinds, type SearchTerms } from './search.ts';

const shared = (a: readonly string[], b: readonly string[]) => {
  const filed = new Set(b);
  return a.filter((k) => filed.has(k));
};
/** The family of a key: its prefix, and whether it carries a year. */
const family = (key: string) => `${key.slice(0, key.indexOf(':'))}${/@[^@]*$/.test(key) ? '@year' : ''}`;

const child = (firstName: string, lastName: string, dateOfBirth?: string, expectedDateOfBirth?: string, identifiers?: Child['identifiers']): Child => ({
  id: 'c1',
  firstName,
  lastName,
  ...(dateOfBirth ? { dateOfBirth } : {}),
  ...(expectedDateOfBirth ? { expectedDateOfBirth } : {}),
  ...(identifiers ? { identifiers } : {}),
});

// --- Realistic pairs: names from the matching tests, changed the ways records differ. ---

const FIRST = [
  'Tom',
  'Thomas',
  'Tim',
  'Mohammed',
  'Muhammad',
  'Mo',
  'Kate',
  'Katherine',
  'Kathryn',
  'Lee',
  'Leigh',
  'Leo',
  'Ella',
  'Ellie',
  'Jack',
  'Zac',
  'John',
  'Jane',
  'Aisha',
  'Ayesha',
  'Charlotte',
  'Sophie',
  'Sofie',
  'Unborn',
  'Baby',
  'Mary Jane',
  'Zoë',
  'Łukasz',
];
const LAST = [
  'Smith',
  'Smyth',
  'Smith-Jones',
  'Jones',
  'Thompson',
  'Thomson',
  'Nowak',
  'Novak',
  "O'Neill",
  'O Neill',
  'Lee',
  'Thomas',
  'Harrison',
  'Harrisno',
  'Kowalski',
  'Kowalsky',
  'Browne',
  'Brown',
  'Featherstonehaugh',
  'Montgomery-Cuthbertson',
  'Khan',
  'Ali',
  'Wróbel',
  'Smith Jones',
  'SmithJones',
];
const ALPHABET = Array.from('abcdefghijklmnopqrstuvwxyz');

/** One slip: a letter inserted, dropped, changed, or two adjacent letters swapped. */
const slip = (name: string) =>
  fc.tuple(fc.constantFrom('insert', 'delete', 'replace', 'swap'), fc.nat(), fc.constantFrom(...ALPHABET)).map(([kind, n, letter]) => {
    const s = Array.from(name);
    const i = n % (s.length + 1);
    if (kind === 'insert') s.splice(i, 0, letter);
    else if (s.length === 0) return name;
    else if (kind === 'delete') s.splice(i % s.length, 1);
    else if (kind === 'replace') s[i % s.length] = letter;
    else if (s.length > 1) {
      const j = i % (s.length - 1);
      [s[j], s[j + 1]] = [s[j + 1]!, s[j]!];
    }
    return s.join('');
  });

/** A name as another record may hold it: the same, re-punctuated, a slip, a short form, a part of it, or another name. */
const variantOf = (name: string, given: boolean): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(name),
    fc.constant(name.toUpperCase().replace(/-/g, ' ')),
    slip(name),
    slip(name).chain(slip),
    fc.constant(name.split(/[- ]/).at(-1)!),
    fc.constant(`${name}-${given ? 'Rose' : 'Patel'}`),
    given ? fc.constantFrom(...(SHORT_FORMS.find((g) => g.includes(name.toLowerCase())) ?? [name])) : fc.constant(name),
    fc.constantFrom(...(given ? FIRST : LAST)),
  );

const date = (from: number, to: number) => fc.integer({ min: from, max: to }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const BASE_DATE = date(16_000, 20_800); // 2013 to 2026

/** A date as another record may hold it: the same, day and month swapped, a day or up to 40 days out, or another. */
const dateVariantOf = (iso: string) =>
  fc.oneof(
    fc.constant(iso),
    fc.constant(isCalendarDate(`${iso.slice(0, 4)}-${iso.slice(8, 10)}-${iso.slice(5, 7)}`) ? `${iso.slice(0, 4)}-${iso.slice(8, 10)}-${iso.slice(5, 7)}` : iso),
    fc.integer({ min: -40, max: 40 }).map((days) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10)),
    BASE_DATE,
  );

type Born = 'dob' | 'expected' | 'none';
const withDate = (firstName: string, lastName: string, iso: string, born: Born): ChildIdentity => ({
  firstName,
  lastName,
  ...(born === 'dob' ? { dateOfBirth: iso } : born === 'expected' ? { expectedDateOfBirth: iso } : {}),
});
const born = fc.constantFrom<Born>('dob', 'dob', 'dob', 'expected', 'none');

const anyName = (list: string[]) => fc.oneof(fc.constantFrom(...list), fc.string({ minLength: 1, maxLength: 14 }), fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 3, maxLength: 16 }));

/** Two records of (perhaps) one child: b derived from a, or written the other way round. */
const pairOfRecords = fc
  .record({ first: anyName(FIRST), last: anyName(LAST), iso: BASE_DATE, bornA: born, bornB: born, swapNames: fc.boolean() })
  .chain(({ first, last, iso, bornA, bornB, swapNames }) =>
    fc.record({ first2: variantOf(first, true), last2: variantOf(last, false), iso2: dateVariantOf(iso) }).map(({ first2, last2, iso2 }) => ({
      a: withDate(first, last, iso, bornA),
      b: swapNames ? withDate(last2, first2, iso2, bornB) : withDate(first2, last2, iso2, bornB),
    })),
  );

describe('search keys never miss what the matcher would match', () => {
  it('whenever matchChild(a, b) matches, the query terms of a meet the filed terms of b (property)', () => {
    let matched = 0;
    fc.assert(
      fc.property(pairOfRecords, ({ a, b }) => {
        if (!matchChild(a, b)) return;
        matched += 1;
        expect(shared(childQueryKeys(a), childSearchKeys(b)), `${JSON.stringify(a)} / ${JSON.stringify(b)}`).not.toEqual([]);
      }),
      { numRuns: 20_000 },
    );
    // The generator is worth its runs only if most pairs are matches the keys must find.
    expect(matched).toBeGreaterThan(5_000);
  });

  const cases: [string, ChildIdentity, ChildIdentity][] = [
    ['same names and date', child('Amelia', 'Jones', '2017-03-14'), child('Amelia', 'Jones', '2017-03-14')],
    ['names that sound the same', child('Muhammad', 'Thomson', '2015-06-01'), child('Mohammed', 'Thompson', '2015-06-01')],
    ['a short form', child('Tom', 'Smith', '2016-01-20'), child('Thomas', 'Smyth', '2016-01-20')],
    ['a slip', child('Charlotte', 'Harrison', '2016-01-20'), child('Charlottr', 'Harrisno', '2016-01-20')],
    ['accents and punctuation', child('Zoë', "O'Neill", '2019-09-09'), child('Zoe', 'O Neill', '2019-09-09')],
    ['a shared part', child('Ava', 'Smith-Jones', '2019-09-09'), child('Ava', 'Jones', '2019-09-09')],
    ['day and month swapped', child('Aisha', 'Khan', '2014-03-04'), child('Ayesha', 'Khan', '2014-04-03')],
    ['a day apart across a new year', child('Jayden', 'Brown', '2012-12-31'), child('Jaden', 'Browne', '2013-01-01')],
    ['no date on one side', child('Sophie', 'Nowak'), child('Sofie', 'Novak', '2011-05-05')],
    ['first and last swapped', child('Lee', 'Thomas', '2010-10-10'), child('Thomas', 'Leigh', '2010-10-10')],
    ['a changed last name', child('Olivia', 'Hughes', '2013-07-07'), child('Olivia', 'Patel', '2013-07-07')],
    ['unborn on both', child('Unborn', 'Kowalski', undefined, '2026-12-01'), child('Baby', 'Kowalski', undefined, '2026-12-20')],
    ['unborn across a new year', child('Unborn', 'Kowalski', undefined, '2026-12-20'), child('Maja', 'Kowalsky', '2027-01-15')],
    ['a long name with a slip', child('Ava', 'Montgomery-Cuthbertson', '2019-09-09'), child('Ava', 'Montgomery-Cuthbertsen', '2019-09-09')],
  ];
  for (const [what, a, b] of cases) {
    it(`the matching tests' pair: ${what}`, () => {
      expect(matchChild(a, b)).not.toBeNull();
      expect(shared(childQueryKeys(a), childSearchKeys(b))).not.toEqual([]);
      expect(shared(childQueryKeys(b), childSearchKeys(a))).not.toEqual([]);
    });
  }

  // Each family is the only way some match is found: drop one and its pair here (and the property) fails.
  const onlyThrough: [string, ChildIdentity, ChildIdentity, string[]][] = [
    ['a one-letter slip: spelling keys by year', child('Charlotte', 'Harrison', '2016-01-20'), child('Charlotte', 'Harrisno', '2016-01-21'), ['ls@year']],
    ['a slip in a long name: its first six letters', child('Ava', 'Montgomerycuthbertson', '2019-09-09'), child('Ava', 'Montgomerycuthbertsom', '2019-09-10'), ['ls<@year']],
    ['a slip at the start of a long name: its last six letters', child('Ava', 'Montgomerycuthbertson', '2019-09-09'), child('Ava', 'Nontgomerycuthbertson', '2019-09-10'), ['ls>@year']],
    ['a name that sounds the same: phonetic keys by year', child('Ava', 'Mohammed', '2019-09-09'), child('Ava', 'Muhammad', '2019-09-10'), ['ln@year']],
    ['a changed last name: the date of birth', child('Olivia', 'Hughes', '2013-07-07'), child('Olivia', 'Patel', '2013-07-07'), ['dob']],
    ['no date searched: bare name keys', child('Ava', 'Mohammed'), child('Ava', 'Muhammad', '2011-05-05'), ['ln']],
    ['no date filed: name keys of unknown year', child('Ava', 'Mohammed', '2011-05-05'), child('Ava', 'Muhammad'), ['ln@year']],
    ['first and last swapped', child('Lee', 'Thomas', '2010-10-10'), child('Thomas', 'Leigh', '2010-10-11'), ['ln@year']],
  ];
  for (const [what, a, b, families] of onlyThrough) {
    it(`found only through its family: ${what}`, () => {
      expect(matchChild(a, b)).not.toBeNull();
      expect([...new Set(shared(childQueryKeys(a), childSearchKeys(b)).map(family))].sort()).toEqual(families.sort());
    });
  }

  it('first and last swapped: found only by looking the first name up among last names', () => {
    const found = shared(childQueryKeys(child('Lee', 'Thomas', '2010-10-10')), childSearchKeys(child('Thomas', 'Leigh', '2010-10-11')));
    expect(found).toEqual(['ln:Li@2010']);
    expect(lastNameKeys('Lee')).toEqual(['ln:Li']);
  });

  it('files few keys per child', () => {
    expect(childSearchKeys(child('Ava', 'Thomas', '2019-09-09', undefined, { nhsNumber: '943 476 5919', upn: 'A123456789012', localId: 'L-1' })).length).toBeLessThanOrEqual(22);
    expect(childSearchKeys(child('Ava', 'Harrington-Jones', '2019-09-09')).length).toBeLessThanOrEqual(44);
    expect(childSearchKeys(child('Ava', 'Featherstonehaugh', '2019-09-09')).length).toBeLessThanOrEqual(16);
    expect(lastNameKeys('Harrison')).toContain('ls:harrisn');
    expect(lastNameKeys('Lee')).toEqual(['ln:Li']);
  });

  it('files identifiers and the reference exactly, as written differently', () => {
    const filed = caseSearchKeys({ reference: 'MASH-2026-00012', children: [child('Ava', 'Lee', '2019-09-09', undefined, { nhsNumber: '943 476 5919', upn: 'A123456789012', localId: ' LOC-7 ' })] });
    expect(filed).toEqual(expect.arrayContaining(['ref:MASH-2026-00012', 'nhs:9434765919', 'upn:A123456789012', 'local:loc-7']));
    expect(searchQueryKeys({ nhsNumber: '9434765919' }, 'police')).toEqual(['nhs:9434765919']);
    expect(searchQueryKeys({ reference: 'mash-2026-00012' }, 'police')).toEqual(['ref:MASH-2026-00012']);
    expect(searchQueryKeys({ localId: 'loc-7' }, 'police')).toEqual(['local:loc-7']);
  });
});

describe('matchSearch', () => {
  const known = child('Thomas', 'Smyth', '2016-01-20', undefined, { nhsNumber: '9434765919' });

  it('an identifier or the reference: exact, strong, first', () => {
    expect(matchSearch({ nhsNumber: '943 476 5919' }, known, 'MASH-2026-00001')).toEqual({ score: 1, strength: 'strong', exact: true, reasons: ['NHS number is the same'] });
    expect(matchSearch({ reference: 'mash-2026-00001' }, known, 'MASH-2026-00001')?.reasons).toEqual(['case reference is the same (MASH-2026-00001)']);
    expect(matchSearch({ nhsNumber: '9434765918' }, known, 'MASH-2026-00001')).toBeNull();
  });

  it('a whole name and date: as previous involvement matches', () => {
    expect(matchSearch({ firstName: 'Tom', lastName: 'Smith', dateOfBirth: '2016-01-20' }, known, 'R')).toEqual(matchChild(child('Tom', 'Smith', '2016-01-20'), known));
  });

  it('a last name alone: possible, with the last name as its reason', () => {
    expect(matchSearch({ lastName: 'Smith' }, known, 'R')).toMatchObject({
      strength: 'possible',
      reasons: ['date of birth not recorded on one of the records', 'last name sounds the same (Smith / Smyth)'],
    });
    expect(matchSearch({ lastName: 'Jones' }, known, 'R')).toBeNull();
  });

  it('a date alone finds the same date and its typing slips, not names', () => {
    expect(matchSearch({ dateOfBirth: '2016-01-20' }, known, 'R')?.reasons).toEqual(['same date of birth (20 January 2016)']);
    expect(matchSearch({ dateOfBirth: '2016-01-21' }, known, 'R')?.strength).toBe('possible');
    expect(matchSearch({ dateOfBirth: '2016-02-20' }, known, 'R')).toBeNull();
    expect(matchSearch({ dateOfBirth: '2016-01-20' }, child('Thomas', 'Smyth'), 'R')).toBeNull();
  });

  it('a name with no date finds an unborn child by name', () => {
    expect(matchSearch({ lastName: 'Kowalski' }, child('Unborn', 'Kowalski', undefined, '2026-12-01'), 'R')).not.toBeNull();
  });

  it('names the kinds of terms, never their values', () => {
    expect(searchTermKinds({ lastName: 'Smith', dateOfBirth: '2016-01-20', upn: '' })).toEqual(['lastName', 'dateOfBirth']);
  });

  const terms: fc.Arbitrary<SearchTerms> = fc
    .record({ first: anyName(FIRST), last: anyName(LAST), iso: BASE_DATE, which: fc.constantFrom('both', 'last', 'first+date', 'date'), withDate: fc.boolean() })
    .map(({ first, last, iso, which, withDate: dated }) => ({
      ...(which === 'both' || which === 'first+date' ? { firstName: first } : {}),
      ...(which === 'both' || which === 'last' ? { lastName: last } : {}),
      ...(dated || which === 'first+date' || which === 'date' ? { dateOfBirth: iso } : {}),
    }));

  it('whenever a search matches a child, its terms meet the child’s filed terms (property)', () => {
    let matched = 0;
    fc.assert(
      fc.property(
        terms.chain((t) =>
          fc.record({
            t: fc.constant(t),
            first: variantOf(t.firstName ?? 'Ava', true),
            last: variantOf(t.lastName ?? 'Smith', false),
            iso: t.dateOfBirth ? dateVariantOf(t.dateOfBirth) : BASE_DATE,
            b: born,
          }),
        ),
        ({ t, first, last, iso, b }) => {
          const filed: Child = { id: 'k', ...withDate(first, last, iso, b) };
          if (!matchSearch(t, filed, 'MASH-2026-00001')) return;
          matched += 1;
          expect(shared(searchQueryKeys(t, 'police'), childSearchKeys(filed)), `${JSON.stringify(t)} / ${JSON.stringify(filed)}`).not.toEqual([]);
        },
      ),
      { numRuns: 10_000 },
    );
    expect(matched).toBeGreaterThan(2_000);
  });
});
