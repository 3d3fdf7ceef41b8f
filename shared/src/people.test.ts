import { describe, expect, it } from 'vitest';
import { audienceOf, presentAddress, presentEvent, presentSummary, summaryReaders } from './access.ts';
import type { Actor } from './agencies.ts';
import { AddPeopleSchema } from './cases.schema.ts';
import { applyToSummary, upcastSummary } from './events.ts';
import { addressLine, peopleIssues, type CaseAddress } from './people.ts';
import { addressSearchKeys, caseSearchKeys, lastNameKeys, matchAddress, searchQueryKeys } from './search.ts';
import type { CaseSummary, CaseEvent } from './model.ts';

const police: Actor = { userId: 'u1', name: 'PC Evans', agency: 'police', role: 'practitioner' };
const refuge: CaseAddress = { id: 'a2', kind: 'refuge', line1: '3 Quiet Lane', postcode: 'LS7 1QQ', protected: true, restrictedTo: ['health'], recordedBy: police, recordedAt: '2026-11-29T09:00:00Z' };
const home: CaseAddress = { id: 'a1', kind: 'home', line1: '14 Elm Road', postcode: 'LS6 2AB', protected: false, restrictedTo: [], recordedBy: police, recordedAt: '2026-11-29T09:00:00Z' };

const opened: CaseEvent = {
  id: '1-0',
  seq: 1,
  caseId: 'c1',
  type: 'case.opened',
  at: '2026-11-29T09:00:00Z',
  actor: police,
  commandId: 'cmd-1',
  data: {
    reference: 'MASH-2026-00001',
    children: [{ id: 'ch1', firstName: 'Lily', lastName: 'Farrowdale', dateOfBirth: '2018-05-02' }],
    referral: { source: 'police', identityProtected: false },
    reasonForConcern: 'x',
    receivedAt: '2026-11-29T08:00:00Z',
    people: [{ id: 'p1', firstName: 'Dean', lastName: 'Walsh', relationships: [{ childIndex: 0, relationship: 'parents-partner' }], allegedToHaveCausedHarm: true, livesWithChild: false }],
    addresses: [
      { id: 'a1', kind: 'home', line1: '14 Elm Road', postcode: 'LS6 2AB', protected: false, restrictedTo: [] },
      { id: 'a2', kind: 'refuge', line1: '3 Quiet Lane', postcode: 'LS7 1QQ', protected: true, restrictedTo: ['health'] },
    ],
  },
};

describe('a protected address', () => {
  const summary = applyToSummary(null, opened);

  it('is seen whole by the agency that recorded it and the agencies it names, and withheld from the rest', () => {
    expect(presentAddress(refuge, 'police', { agency: 'police' })).toBe(refuge);
    expect(presentAddress(refuge, 'police', { agency: 'health' })).toBe(refuge);
    expect(presentAddress(refuge, 'police', { agency: 'education' })).toEqual({ id: 'a2', withheld: true, protected: true, agency: 'police', restrictedTo: ['health'] });
    expect(addressLine(presentAddress(refuge, 'police', { agency: 'education' }))).toBe('Protected address');
  });

  it('is withheld in the summary, the opening event and the case-list push for other agencies', () => {
    for (const shown of [presentSummary(summary, { agency: 'education' }), presentEvent(opened, { agency: 'education' })]) {
      expect(JSON.stringify(shown)).not.toMatch(/Quiet Lane|LS7/);
      expect(JSON.stringify(shown)).toContain('14 Elm Road');
    }
    expect(presentSummary(summary, { agency: 'health' })).toBe(summary);
    expect(audienceOf(opened)).toEqual(['police', 'health']);
    expect(summaryReaders(summary)).toEqual(['police', 'health']);
    expect(summaryReaders({ ...summary, addresses: [home] })).toBeNull();
  });

  it('is filed for search only under terms scoped to its agencies', () => {
    expect(addressSearchKeys(home)).toEqual(['ad:14 elm road', 'pc:LS62AB']);
    expect(addressSearchKeys(refuge)).toEqual(['@police:ad:3 quiet lane', '@police:pc:LS71QQ', '@health:ad:3 quiet lane', '@health:pc:LS71QQ']);
    const filed = caseSearchKeys(summary);
    expect(filed).not.toContain('pc:LS71QQ');
    const meets = (agency: string) => searchQueryKeys({ postcode: 'ls7 1qq' }, agency).some((k) => filed.includes(k));
    expect(meets('health')).toBe(true);
    expect(meets('education')).toBe(false);
    // An adult with both names is filed like a child.
    expect(filed).toEqual(expect.arrayContaining(lastNameKeys('Walsh')));
  });
});

describe('addresses match', () => {
  it('strongly on the same first line and postcode, possibly on either alone', () => {
    expect(matchAddress({ line1: '14, Elm Road', postcode: 'ls62ab' }, home)).toMatchObject({ strength: 'strong' });
    expect(matchAddress({ line1: '14 elm road' }, home)).toMatchObject({ strength: 'possible' });
    expect(matchAddress({ postcode: 'LS6 2AB' }, home)).toMatchObject({ strength: 'possible' });
    expect(matchAddress({ line1: '14 Elm Road', postcode: 'LS1 1AA' }, home)).toBeNull();
    expect(matchAddress({ line1: '15 Elm Road', postcode: 'LS6 2AB' }, home)).toBeNull();
  });
});

describe('people on a case', () => {
  it('a case opened before people were recorded reads with none', () => {
    const old = { ...applyToSummary(null, opened) } as Partial<CaseSummary>;
    delete old.people;
    delete old.addresses;
    const read = upcastSummary(old as CaseSummary);
    expect(read.people).toEqual([]);
    expect(read.addresses).toEqual([]);
  });

  it('names the field of a clash, a missing child or a missing address', () => {
    const input = AddPeopleSchema.parse({
      commandId: 'cmd-ppl-0001',
      caseId: 'c1',
      people: [{ id: 'p1', firstName: 'Sam', relationships: [{ childIndex: 2, relationship: 'father' }], addressId: 'a9' }],
      addresses: [{ id: 'a1', kind: 'home', line1: '1 New Street' }],
    });
    expect(peopleIssues(input, { childCount: 1, personIds: ['p1'], addressIds: ['a1'] }).map((i) => i.path)).toEqual([
      'addresses.0.id',
      'people.0.id',
      'people.0.relationships.0.childIndex',
      'people.0.addressId',
    ]);
  });

  it('refuses a person with no name and an address restricted to an unknown agency, naming the fields', () => {
    const result = AddPeopleSchema.safeParse({
      commandId: 'cmd-ppl-0002',
      caseId: 'c1',
      people: [{ id: 'p2', relationships: [{ childIndex: 0, relationship: 'father' }] }],
      addresses: [{ id: 'a3', kind: 'refuge', line1: '1 Hidden Way', protected: true, restrictedTo: ['mi5'] }],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['addresses.0.restrictedTo.0', 'people.0.lastName']);
  });
});
