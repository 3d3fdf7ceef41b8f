import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Child } from './cases.ts';
import {
  compareNames,
  damerauLevenshtein,
  findPreviousInvolvement,
  isShortFormPair,
  isSpellingSlip,
  matchChild,
  nameKey,
  normaliseName,
  SHORT_FORMS,
  type ChildIdentity,
  type EarlierCase,
} from './matching.ts';

describe('normaliseName', () => {
  it('lower-cases, strips accents and collapses whitespace', () => {
    expect(normaliseName('  ZOË   Brontë ')).toBe('zoe bronte');
    expect(normaliseName('Łukasz Wróbel')).toBe('lukasz wrobel');
    expect(normaliseName('Søren Ærø')).toBe('soren aero');
    expect(normaliseName('Siobhán')).toBe('siobhan');
  });

  it("reads O'Neill, ONeill and O Neill alike", () => {
    expect(normaliseName("O'Neill")).toBe('oneill');
    expect(normaliseName('O’Neill')).toBe('oneill');
    expect(normaliseName('ONeill')).toBe('oneill');
    expect(normaliseName('O Neill')).toBe('oneill');
    expect(normaliseName("D'Souza")).toBe(normaliseName('D Souza'));
  });

  it('reads a hyphen as a space: Smith-Jones is Smith Jones', () => {
    expect(normaliseName('Smith-Jones')).toBe('smith jones');
    expect(normaliseName('Smith - Jones')).toBe('smith jones');
    expect(normaliseName('Smith Jones')).toBe('smith jones');
  });

  it('gives an empty string for a name with no letters', () => {
    expect(normaliseName(" - ' ")).toBe('');
  });

  it('is idempotent (property)', () => {
    const nameChars = fc.constantFrom(...Array.from("abcdeoOdDéëÉøŁßæ'’- \t.İıǅﬁẞ"));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: nameChars }), fc.string({ unit: 'grapheme' }), fc.string()), (s) => {
        const once = normaliseName(s);
        expect(normaliseName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nameKey: spelling variants share a key', () => {
  const sameKey: string[][] = [
    ['Mohammed', 'Muhammad', 'Mohamed', 'Mohammad'],
    ['Aisha', 'Ayesha', 'Aysha'],
    ['Katherine', 'Catherine', 'Kathryn'],
    ['Jayden', 'Jaden', 'Jaiden'],
    ['Sophie', 'Sofie'],
    ['Leigh', 'Lee'],
    ['Stephen', 'Steven'],
    ['Zoe', 'Zoë'],
    ['Philip', 'Phillip'],
    ['Rebecca', 'Rebekah'],
    ['Thompson', 'Thomson'],
    ['Macdonald', 'McDonald', 'MacDonald'],
    ['Nowak', 'Novak'],
    ['Smith', 'Smyth'],
    ['Brown', 'Browne'],
    ['Meghan', 'Megan'],
    ['Elizabeth', 'Elisabeth'],
    ['Rhys', 'Reece', 'Reese'],
    ['Chloe', 'Khloe', 'Chloé'],
    ['Ahmed', 'Ahmad'],
    ['Yusuf', 'Yousef'],
    ["O'Neill", 'ONeill', 'O Neill'],
    ['Smith-Jones', 'Smith Jones'],
  ];
  for (const names of sameKey) {
    it(names.join(' / '), () => {
      const keys = names.map(nameKey);
      expect(new Set(keys).size, `${names.join(', ')} → ${keys.join(', ')}`).toBe(1);
    });
  }

  it('is readable: consonants upper case, vowel sounds lower case', () => {
    expect(nameKey('Mohammed')).toBe('MoHMD');
    expect(nameKey('Aisha')).toBe('aXa');
    expect(nameKey('Thompson')).toBe('ToMSN');
    expect(nameKey('Lee')).toBe('Li');
  });

  it('keeps a name in another script as written', () => {
    expect(nameKey('محمد')).toBe('محمد');
  });
});

describe('nameKey: names that must stay apart', () => {
  const apart: [string, string, string][] = [
    ['Jack', 'Zac', 'different first sound (J / Z)'],
    ['Lee', 'Leo', 'they end on different vowels'],
    // Ella and Ellie are both among the commonest girls' names in England and Wales, given as
    // names in their own right (not spellings of one name): matching them would flood the list.
    ['Ella', 'Ellie', 'separately given names; they end on different vowels'],
    ['Tom', 'Tim', 'one vowel is the whole difference in a short name'],
    ['John', 'Jane', 'different names'],
    ['John', 'Joan', 'different names'],
    ['Mohammed', 'Mahmoud', 'related, but different names'],
    ['Smith', 'Smart', 'different consonants'],
    ['Brown', 'Braun', 'different vowel sound'],
  ];
  for (const [a, b, why] of apart) {
    it(`${a} / ${b}: ${why}`, () => {
      expect(nameKey(a)).not.toBe(nameKey(b));
      expect(compareNames(a, b, true)).toBeNull();
    });
  }
});

describe('Damerau–Levenshtein distance', () => {
  it('counts insertions, deletions, replacements and swaps', () => {
    expect(damerauLevenshtein('', '')).toBe(0);
    expect(damerauLevenshtein('abc', '')).toBe(3);
    expect(damerauLevenshtein('harrison', 'harrison')).toBe(0);
    expect(damerauLevenshtein('harrison', 'harrisno')).toBe(1); // swap
    expect(damerauLevenshtein('harrison', 'harison')).toBe(1); // deletion
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('ca', 'abc')).toBe(2); // unrestricted: not 3 as optimal string alignment gives
  });

  it('is a metric on short strings (property: symmetric, zero only for equal, triangle)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 6 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        const ab = damerauLevenshtein(a, b);
        expect(ab).toBe(damerauLevenshtein(b, a));
        expect(ab === 0).toBe(a === b);
        expect(damerauLevenshtein(a, c)).toBeLessThanOrEqual(ab + damerauLevenshtein(b, c));
        expect(ab).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { numRuns: 500 },
    );
  });
});

describe('spelling slips', () => {
  it('one letter apart in a name of five letters or more is a slip', () => {
    expect(isSpellingSlip('Harrison', 'Harrisno')).toBe(true);
    expect(isSpellingSlip('Charlotte', 'Charlottr')).toBe(true);
    expect(isSpellingSlip('Williams', 'Wiliams')).toBe(true);
  });

  it('not in short names, where one letter makes another name', () => {
    expect(isSpellingSlip('Lee', 'Leo')).toBe(false);
    expect(isSpellingSlip('John', 'Joan')).toBe(false);
    expect(isSpellingSlip('Ella', 'Ellie')).toBe(false);
  });

  it('not a changed last vowel: Maria / Mario are two names', () => {
    expect(isSpellingSlip('Maria', 'Mario')).toBe(false);
    expect(isSpellingSlip('Daniela', 'Daniele')).toBe(false);
  });

  it('two letters apart is not a slip', () => {
    expect(isSpellingSlip('Harrison', 'Harrisan1')).toBe(false);
    expect(isSpellingSlip('Jackson', 'Jaxon')).toBe(false);
  });
});

describe('short forms', () => {
  const pairs: [string, string][] = [
    ['Alex', 'Alexander'],
    ['Kate', 'Katherine'],
    ['Katie', 'Catherine'],
    ['Katie', 'Kate'],
    ['Tom', 'Thomas'],
    ['Sam', 'Samuel'],
    ['Sam', 'Samantha'],
    ['Mo', 'Mohammed'],
    ['Mo', 'Muhammad'],
    ['Liz', 'Elizabeth'],
    ['Beth', 'Elisabeth'],
    ['Jack', 'John'],
    ['Harry', 'Henry'],
    ['Bill', 'William'],
    ['Dan', 'Daniel'],
    ['Jake', 'Jacob'],
  ];
  for (const [a, b] of pairs) {
    it(`${a} / ${b}`, () => {
      expect(isShortFormPair(a, b)).toBe(true);
      expect(isShortFormPair(b, a)).toBe(true);
      expect(compareNames(a, b, true)).toBe('short-form');
    });
  }

  it('the table has about thirty or more names with their short forms', () => {
    expect(SHORT_FORMS.length).toBeGreaterThanOrEqual(30);
    for (const group of SHORT_FORMS) for (const n of group) expect(normaliseName(n)).toBe(n);
  });

  it('not between two full names that share a short form, nor for look-alike names', () => {
    expect(isShortFormPair('Samuel', 'Samantha')).toBe(false);
    expect(isShortFormPair('Jake', 'John')).toBe(false); // Jake sounds like Jack but is Jacob's
    expect(isShortFormPair('Zac', 'Jack')).toBe(false);
  });

  it('is a first-name rule only', () => {
    expect(compareNames('Tom', 'Thomas', false)).toBeNull();
  });
});

const child = (firstName: string, lastName: string, dateOfBirth?: string, expectedDateOfBirth?: string): ChildIdentity => ({
  firstName,
  lastName,
  ...(dateOfBirth ? { dateOfBirth } : {}),
  ...(expectedDateOfBirth ? { expectedDateOfBirth } : {}),
});

describe('matchChild', () => {
  it('same date of birth and the same names: strong, score 1', () => {
    const m = matchChild(child('Amelia', 'Jones', '2017-03-14'), child('Amelia', 'Jones', '2017-03-14'));
    expect(m).toEqual({
      score: 1,
      strength: 'strong',
      reasons: ['same date of birth (14 March 2017)', 'last name is the same (Jones)', 'first name is the same (Amelia)'],
    });
  });

  it('same date of birth, names that sound the same: strong, with reasons in plain words', () => {
    const m = matchChild(child('Muhammad', 'Thomson', '2015-06-01'), child('Mohammed', 'Thompson', '2015-06-01'));
    expect(m?.strength).toBe('strong');
    expect(m?.reasons).toContain('last name sounds the same (Thomson / Thompson)');
    expect(m?.reasons).toContain('first name sounds the same (Muhammad / Mohammed)');
    expect(m!.score).toBeGreaterThanOrEqual(0.9);
    expect(m!.score).toBeLessThan(1);
  });

  it('same date of birth and a short form: strong', () => {
    const m = matchChild(child('Tom', 'Smith', '2016-01-20'), child('Thomas', 'Smyth', '2016-01-20'));
    expect(m?.strength).toBe('strong');
    expect(m?.reasons).toContain('first name is a short form (Tom / Thomas)');
  });

  it('a spelling slip counts as a spelling variant', () => {
    const m = matchChild(child('Charlotte', 'Harrison', '2016-01-20'), child('Charlottr', 'Harrisno', '2016-01-20'));
    expect(m?.strength).toBe('strong');
    expect(m?.reasons).toContain('last name is spelt one letter differently (Harrison / Harrisno)');
  });

  it('accents and punctuation make no difference', () => {
    const m = matchChild(child('Zoë', "O'Neill", '2019-09-09'), child('Zoe', 'O Neill', '2019-09-09'));
    expect(m).toMatchObject({ strength: 'strong', score: 1 });
  });

  it('a double-barrelled last name sharing one part: possible', () => {
    const m = matchChild(child('Ava', 'Smith-Jones', '2019-09-09'), child('Ava', 'Jones', '2019-09-09'));
    expect(m?.strength).toBe('possible');
    expect(m?.reasons).toContain('last name shares a part (Smith-Jones / Jones)');
  });

  it('day and month swapped, names alike: possible', () => {
    const m = matchChild(child('Aisha', 'Khan', '2014-03-04'), child('Ayesha', 'Khan', '2014-04-03'));
    expect(m?.strength).toBe('possible');
    expect(m?.reasons[0]).toBe('date of birth differs by day and month swapped (4 March 2014 / 3 April 2014)');
  });

  it('one day apart (a typing slip), names alike: possible', () => {
    const m = matchChild(child('Jayden', 'Brown', '2012-12-31'), child('Jaden', 'Browne', '2013-01-01'));
    expect(m?.strength).toBe('possible');
    expect(m?.reasons[0]).toMatch(/^date of birth is one day apart/);
  });

  it('dates of birth further apart: no match, however alike the names', () => {
    expect(matchChild(child('Amelia', 'Jones', '2017-03-14'), child('Amelia', 'Jones', '2017-03-16'))).toBeNull();
    expect(matchChild(child('Amelia', 'Jones', '2017-03-14'), child('Amelia', 'Jones', '2016-03-14'))).toBeNull();
    expect(matchChild(child('Amelia', 'Jones', '2017-03-14'), child('Amelia', 'Jones', '2017-04-13'))).toBeNull();
  });

  it('no date of birth on one side, names alike: possible', () => {
    const m = matchChild(child('Sophie', 'Nowak'), child('Sofie', 'Novak', '2011-05-05'));
    expect(m?.strength).toBe('possible');
    expect(m?.reasons[0]).toBe('date of birth not recorded on one of the records');
  });

  it('first and last names swapped: possible', () => {
    const m = matchChild(child('Lee', 'Thomas', '2010-10-10'), child('Thomas', 'Leigh', '2010-10-10'));
    expect(m?.strength).toBe('possible');
    expect(m?.reasons).toContain('first and last names are swapped (Lee Thomas / Thomas Leigh)');
  });

  it('twins (same date of birth and last name, other first name) stay apart', () => {
    expect(matchChild(child('Tom', 'Smith', '2018-02-02'), child('Tim', 'Smith', '2018-02-02'))).toBeNull();
    expect(matchChild(child('Ella', 'Smith', '2018-02-02'), child('Ellie', 'Smith', '2018-02-02'))).toBeNull();
    expect(matchChild(child('Jack', 'Smith', '2018-02-02'), child('Zac', 'Smith', '2018-02-02'))).toBeNull();
    expect(matchChild(child('Lee', 'Smith', '2018-02-02'), child('Leo', 'Smith', '2018-02-02'))).toBeNull();
  });

  it('same date of birth and first name, another last name: possible, low (names change)', () => {
    const m = matchChild(child('Olivia', 'Hughes', '2013-07-07'), child('Olivia', 'Patel', '2013-07-07'));
    expect(m?.strength).toBe('possible');
    expect(m!.score).toBeLessThan(0.5);
    expect(m?.reasons).toContain('last name differs (Hughes / Patel): check whether it has changed');
  });

  it('strong matches always score above possible ones', () => {
    const weakestStrong = matchChild(child('Kate', 'Harrison', '2016-01-20'), child('Catherine', 'Harrisno', '2016-01-20'))!;
    const bestPossible = matchChild(child('Kate', 'Harrison', '2016-01-20'), child('Kate', 'Harrison', '2016-01-21'))!;
    expect(weakestStrong.strength).toBe('strong');
    expect(bestPossible.strength).toBe('possible');
    expect(weakestStrong.score).toBeGreaterThan(bestPossible.score);
  });

  describe('unborn children', () => {
    it('match on last name and an expected date within 30 days: possible', () => {
      const m = matchChild(child('Unborn', 'Kowalski', undefined, '2026-12-01'), child('Baby', 'Kowalski', undefined, '2026-12-20'));
      expect(m?.strength).toBe('possible');
      expect(m?.reasons).toEqual(['unborn child on both records: expected dates 19 days apart (1 December 2026 / 20 December 2026)', 'last name is the same (Kowalski)']);
    });

    it('match a born child whose date of birth is near the expected date', () => {
      const m = matchChild(child('Unborn', 'Kowalski', undefined, '2026-01-10'), child('Maja', 'Kowalsky', '2026-01-02'));
      expect(m?.strength).toBe('possible');
      expect(m?.reasons[0]).toBe('unborn child on one record: born 8 days from the expected date (10 January 2026 / 2 January 2026)');
    });

    it('no match beyond 30 days, or with another last name, or with no date on the other side', () => {
      expect(matchChild(child('Unborn', 'Kowalski', undefined, '2026-01-10'), child('Unborn', 'Kowalski', undefined, '2026-02-10'))).toBeNull();
      expect(matchChild(child('Unborn', 'Kowalski', undefined, '2026-01-10'), child('Unborn', 'Nowak', undefined, '2026-01-10'))).toBeNull();
      expect(matchChild(child('Unborn', 'Kowalski', undefined, '2026-01-10'), child('Maja', 'Kowalski'))).toBeNull();
    });

    it('exactly 30 days apart still matches', () => {
      expect(matchChild(child('Unborn', 'Ali', undefined, '2026-01-01'), child('Unborn', 'Ali', undefined, '2026-01-31'))?.strength).toBe('possible');
    });
  });

  describe('properties', () => {
    const first = fc.constantFrom(
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
      'Unborn',
    );
    const last = fc.constantFrom('Smith', 'Smyth', 'Smith-Jones', 'Jones', 'Thompson', 'Thomson', 'Nowak', 'Novak', "O'Neill", 'O Neill', 'Lee', 'Thomas', 'Harrison', 'Harrisno');
    const date = fc.constantFrom('2015-03-04', '2015-04-03', '2015-03-05', '2015-03-20', '2016-03-04', '2015-12-31', '2016-01-01');
    const identity = fc
      .record({
        firstName: fc.oneof(first, fc.string({ maxLength: 12 })),
        lastName: fc.oneof(last, fc.string({ maxLength: 12 })),
        born: fc.constantFrom('dob', 'expected', 'none'),
        date,
      })
      .map(({ firstName, lastName, born, date: d }) => child(firstName, lastName, born === 'dob' ? d : undefined, born === 'expected' ? d : undefined));

    it('matchChild is symmetric: the same score and strength either way round', () => {
      fc.assert(
        fc.property(identity, identity, (a, b) => {
          const ab = matchChild(a, b);
          const ba = matchChild(b, a);
          expect(ab === null).toBe(ba === null);
          if (ab && ba) {
            expect(ab.score).toBe(ba.score);
            expect(ab.strength).toBe(ba.strength);
            expect(ab.reasons.length).toBe(ba.reasons.length);
          }
        }),
        { numRuns: 3000 },
      );
    });

    it('scores lie in 0..1, a strong match has the same date of birth, and a child matches itself', () => {
      fc.assert(
        fc.property(identity, identity, (a, b) => {
          const m = matchChild(a, b);
          if (m) {
            expect(m.score).toBeGreaterThanOrEqual(0);
            expect(m.score).toBeLessThanOrEqual(1);
            expect(m.reasons.length).toBeGreaterThan(0);
            if (m.strength === 'strong') expect(a.dateOfBirth).toBe(b.dateOfBirth);
          }
          if (normaliseName(a.firstName) && normaliseName(a.lastName) && a.dateOfBirth) {
            expect(matchChild(a, a)).toMatchObject({ strength: 'strong', score: 1 });
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});

describe('findPreviousInvolvement', () => {
  const kid = (id: string, firstName: string, lastName: string, dateOfBirth?: string, expectedDateOfBirth?: string): Child => ({
    id,
    ...child(firstName, lastName, dateOfBirth, expectedDateOfBirth),
  });
  const earlier: EarlierCase[] = [
    { caseId: 'c-old', reference: 'MASH-0001', receivedAt: '2022-01-10T09:00:00Z', status: 'closed', children: [kid('a1', 'Thomas', 'Smith', '2016-01-20')] },
    {
      caseId: 'c-mid',
      reference: 'MASH-0100',
      receivedAt: '2024-05-01T09:00:00Z',
      status: 'closed',
      children: [kid('b1', 'Tom', 'Smith', '2016-01-21'), kid('b2', 'Grace', 'Smith', '2018-08-08')],
    },
    { caseId: 'c-new', reference: 'MASH-0200', receivedAt: '2025-06-01T09:00:00Z', status: 'decided', children: [kid('c1', 'Thomas', 'Smith', '2016-01-20')] },
    { caseId: 'c-other', reference: 'MASH-0300', receivedAt: '2025-07-01T09:00:00Z', status: 'new', children: [kid('d1', 'Noah', 'Evans', '2020-02-02')] },
  ];

  it('lists, per child in order, strong matches first, then by score, then the most recent', () => {
    const result = findPreviousInvolvement([child('Tom', 'Smith', '2016-01-20'), child('Grace', 'Smith', '2018-08-08'), child('Zara', 'Evans', '2020-02-02')], earlier);
    expect(result.map((r) => r.childIndex)).toEqual([0, 1, 2]);
    expect(result[0]!.matches.map((m) => [m.reference, m.child.id, m.match.strength])).toEqual([
      ['MASH-0200', 'c1', 'strong'], // strong, same score as MASH-0001, more recent
      ['MASH-0001', 'a1', 'strong'],
      ['MASH-0100', 'b1', 'possible'], // one day apart
    ]);
    expect(result[0]!.matches[0]).toMatchObject({ caseId: 'c-new', receivedAt: '2025-06-01T09:00:00Z', status: 'decided' });
    expect(result[1]!.matches.map((m) => m.child.id)).toEqual(['b2']);
    expect(result[2]!.matches).toEqual([]);
  });

  it('orders the same whatever the order of the earlier cases', () => {
    const forward = findPreviousInvolvement([child('Tom', 'Smith', '2016-01-20')], earlier);
    const backward = findPreviousInvolvement([child('Tom', 'Smith', '2016-01-20')], [...earlier].reverse());
    expect(backward).toEqual(forward);
  });

  it('finds an unborn sibling case by the mother’s last name and expected date', () => {
    const result = findPreviousInvolvement([child('Unborn', 'Evans', undefined, '2020-02-20')], earlier);
    expect(result[0]!.matches.map((m) => [m.child.id, m.match.strength])).toEqual([['d1', 'possible']]);
  });
});
