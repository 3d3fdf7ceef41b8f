/**
 * The people around the child: adults and places recorded on a contact and later on the board,
 * found again by search and previous involvement (an adult by name, a family by address, a mother
 * who was once a child on an earlier case); a protected address (a refuge) is seen and found only
 * by the agencies it is protected for, on every path; bad input names the field and writes nothing.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseSearchResult, CaseView, CatchUpResult, CommandInput, InvolvementMatchView, PreviousInvolvementResult } from '@mashboard/shared';
import { command, connectSocket, expectResult, Inbox, rawEmit, rest, signIn, type ErrorBody, type MashSocket, type Session } from '../support/clients.ts';
import { factPayload, newCommandId, openCasePayload } from '../support/fixtures.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();
let police: Session;
let health: Session;
let education: Session;
const sockets: MashSocket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

type Shown = Extract<InvolvementMatchView, { restricted: false }>;
const shown = (matches: InvolvementMatchView[]) => matches.filter((m): m is Shown => !m.restricted);

/** What the refuge's address says: none of it may reach an agency it is not protected for. */
const REFUGE_WORDS = ['Quiet Lane', 'LS7 1QQ', 'LS71QQ', 'Haven House'];

function lilyCase(): CommandInput<'case.open'> {
  return openCasePayload({
    children: [{ firstName: 'Lily', lastName: 'Farrowdale', dateOfBirth: '2018-05-02', language: 'Polish', interpreterNeeded: false, ethnicity: 'WOTH', disability: 'no', addressId: 'refuge' }],
    people: [
      {
        id: 'karen',
        firstName: 'Karen',
        lastName: 'Farrowdale',
        dateOfBirth: '1994-01-15',
        relationships: [{ childIndex: 0, relationship: 'mother' }],
        livesWithChild: true,
        addressId: 'refuge',
        language: 'Polish',
        interpreterNeeded: true,
      },
      { id: 'dean', firstName: 'Dean', lastName: 'Walsh', relationships: [{ childIndex: 0, relationship: 'parents-partner' }], allegedToHaveCausedHarm: true, addressId: 'home' },
    ],
    addresses: [
      { id: 'home', kind: 'home', line1: '14 Elm Road', town: 'Leeds', postcode: 'LS6 2AB' },
      { id: 'refuge', kind: 'refuge', name: 'Haven House', line1: '3 Quiet Lane', town: 'Leeds', postcode: 'LS7 1QQ', protected: true, restrictedTo: ['health'] },
    ],
  });
}

let lily: { caseId: string; reference: string };

beforeAll(async () => {
  const url = world.current.baseUrl;
  [police, health, education] = await Promise.all([signIn(url, 'pc.evans'), signIn(url, 'hv.patel'), signIn(url, 'dsl.morgan')]);
  lily = expectResult(await rest(url, police).command('case.open', lilyCase()));
});

const api = (s: Session) => rest(world.current.baseUrl, s);
const search = (s: Session, body: Record<string, unknown>) => api(s).post<CaseSearchResult & ErrorBody>('/api/search', body);

describe('people and addresses on a contact', () => {
  it('are recorded with the contact: relationships, language and interpreter, ethnicity and disability', async () => {
    const { summary } = await api(police).view(lily.caseId);
    expect(summary.children[0]).toMatchObject({ firstName: 'Lily', language: 'Polish', ethnicity: 'WOTH', disability: 'no', addressId: 'refuge' });
    expect(summary.people.map((p) => [p.id, p.relationships[0]!.relationship, p.allegedToHaveCausedHarm])).toEqual([
      ['karen', 'mother', false],
      ['dean', 'parents-partner', true],
    ]);
    expect(summary.people[0]).toMatchObject({ interpreterNeeded: true, language: 'Polish', recordedBy: { agency: 'police' } });
    expect(summary.addresses.map((a) => a.id)).toEqual(['home', 'refuge']);
  });

  it('a protected address is seen by its agencies and withheld from every other, in the case, its events and the case list', async () => {
    const forHealth = await api(health).view(lily.caseId);
    expect(forHealth.summary.addresses[1]).toMatchObject({ id: 'refuge', kind: 'refuge', line1: '3 Quiet Lane' });

    const forEducation = await api(education).view(lily.caseId);
    expect(forEducation.summary.addresses).toEqual([
      expect.objectContaining({ id: 'home', line1: '14 Elm Road' }),
      { id: 'refuge', withheld: true, protected: true, agency: 'police', restrictedTo: ['health'] },
    ]);
    const events = await api(education).get<CatchUpResult>(`/api/cases/${lily.caseId}/events`);
    const list = await api(education).get<{ cases: unknown[] }>('/api/cases');
    const chronology = await api(education).get(`/api/cases/${lily.caseId}/chronology`);
    for (const text of [JSON.stringify(forEducation), JSON.stringify(events.body), JSON.stringify(list.body), JSON.stringify(chronology.body)]) {
      for (const word of REFUGE_WORDS) expect(text).not.toContain(word);
    }
    expect(JSON.stringify(list.body)).toContain('14 Elm Road');
  });

  it('a protected address added on the board reaches live viewers of other agencies withheld', async () => {
    const url = world.current.baseUrl;
    const [policeSocket, educationSocket] = await Promise.all([connectSocket(url, police), connectSocket(url, education)]);
    sockets.push(policeSocket, educationSocket);
    const [policeInbox, educationInbox] = [new Inbox(policeSocket), new Inbox(educationSocket)];
    for (const s of [policeSocket, educationSocket]) expect((await rawEmit(s, 'case.join', { caseId: lily.caseId })).ok).toBe(true);

    await command(policeSocket, 'people.add', {
      commandId: newCommandId(),
      caseId: lily.caseId,
      people: [{ id: 'nan', firstName: 'Irena', lastName: 'Nowak', relationships: [{ childIndex: 0, relationship: 'grandparent' }], addressId: 'nan-home' }],
      addresses: [{ id: 'nan-home', kind: 'home', line1: '9 Secret Row', postcode: 'LS8 4ZZ', protected: true, restrictedTo: [] }],
    });
    const full = await policeInbox.waitForEvent((e) => e.type === 'people.added');
    const withheld = await educationInbox.waitForEvent((e) => e.type === 'people.added');
    expect(full.type === 'people.added' && full.data.addresses[0]).toMatchObject({ line1: '9 Secret Row' });
    expect(withheld.type === 'people.added' && withheld.data.addresses[0]).toEqual({ id: 'nan-home', withheld: true, protected: true, agency: 'police', restrictedTo: [] });
    expect(withheld.type === 'people.added' && withheld.data.people[0]).toMatchObject({ firstName: 'Irena', addressId: 'nan-home' });
    expect(JSON.stringify(educationInbox.events)).not.toContain('Secret Row');
    expect(JSON.stringify(await api(health).view(lily.caseId))).not.toContain('Secret Row');
  });
});

describe('search and previous involvement find adults and addresses', () => {
  it('finds a case by an adult on it, saying how they are related', async () => {
    const { status, body } = await search(education, { firstName: 'Dean', lastName: 'Walsh' });
    expect(status).toBe(200);
    expect(shown(body.matches)[0]).toMatchObject({
      caseId: lily.caseId,
      child: { firstName: 'Dean', lastName: 'Walsh' },
      matchedOn: { kind: 'person', relationship: "Parent's partner of Lily Farrowdale" },
    });
  });

  it('finds a case by address, and a protected address only for the agencies it is protected for', async () => {
    const byHome = await search(education, { address: '14 elm road', postcode: 'ls62ab' });
    expect(shown(byHome.body.matches)[0]).toMatchObject({ caseId: lily.caseId, strength: 'strong', matchedOn: { kind: 'address', address: '14 Elm Road, Leeds LS6 2AB' } });

    const byRefugeForHealth = await search(health, { postcode: 'LS7 1QQ' });
    expect(shown(byRefugeForHealth.body.matches)[0]).toMatchObject({ caseId: lily.caseId, matchedOn: { kind: 'address', address: 'Haven House, 3 Quiet Lane, Leeds LS7 1QQ' } });
    const byRefugeForPolice = await search(police, { address: '3 Quiet Lane' });
    expect(shown(byRefugeForPolice.body.matches).map((m) => m.caseId)).toContain(lily.caseId);

    for (const body of [{ postcode: 'LS7 1QQ' }, { address: '3 Quiet Lane' }, { address: '3 Quiet Lane', postcode: 'LS7 1QQ' }]) {
      const forEducation = await search(education, body);
      expect(forEducation.status).toBe(200);
      expect(forEducation.body).toEqual({ matches: [], total: 0 });
    }
  });

  it("a new contact's adults and addresses are matched against earlier cases: a partner, a home, a mother who was a child", async () => {
    const url = world.current.baseUrl;
    // The mother, as a child on a case from long ago.
    expectResult(await api(health).command('case.open', openCasePayload({ children: [{ firstName: 'Karen', lastName: 'Farrowdale', dateOfBirth: '1994-01-15' }] })));
    const later = expectResult(
      await api(health).command(
        'case.open',
        openCasePayload({
          children: [{ firstName: 'Mason', lastName: 'Hurst', dateOfBirth: '2021-02-03', addressId: 'flat' }],
          people: [
            { id: 'dw', firstName: 'Dean', lastName: 'Walsh', relationships: [{ childIndex: 0, relationship: 'household-member' }] },
            { id: 'km', firstName: 'Karen', lastName: 'Farrowdale', dateOfBirth: '1994-01-15', relationships: [{ childIndex: 0, relationship: 'family-friend' }] },
          ],
          addresses: [{ id: 'flat', kind: 'home', line1: '14 Elm Road', postcode: 'LS6 2AB' }],
        }),
      ),
    );
    const { body } = await rest(url, education).get<PreviousInvolvementResult>(`/api/cases/${later.caseId}/previous-involvement`);
    const dean = body.people.find((p) => p.personId === 'dw')!;
    expect(shown(dean.matches).map((m) => [m.caseId, m.matchedOn])).toEqual([[lily.caseId, { kind: 'person', relationship: "Parent's partner of Lily Farrowdale" }]]);
    const karen = body.people.find((p) => p.personId === 'km')!;
    const karenCases = shown(karen.matches);
    expect(karenCases.some((m) => m.matchedOn === undefined && m.strength === 'strong')).toBe(true); // the child she was
    expect(karenCases.some((m) => m.caseId === lily.caseId && m.matchedOn?.kind === 'person')).toBe(true); // the mother she is
    expect(shown(body.addresses[0]!.matches)).toEqual([expect.objectContaining({ caseId: lily.caseId, strength: 'strong', matchedOn: { kind: 'address', address: '14 Elm Road, Leeds LS6 2AB' } })]);
  });
});

describe('before a contact is opened', () => {
  it('the new-contact search finds its adults and addresses on earlier cases, a protected address only for its agencies', async () => {
    const body = {
      children: [{ firstName: 'Zara', lastName: 'Okonkwo-Bell', dateOfBirth: '2020-02-02' }],
      people: [{ firstName: 'Dean', lastName: 'Walsh' }],
      addresses: [{ line1: '3 Quiet Lane', postcode: 'LS7 1QQ' }, { line1: '14 Elm Road' }],
    };
    const forHealth = await api(health).post<PreviousInvolvementResult>('/api/previous-involvement/search', body);
    expect(forHealth.status).toBe(200);
    expect(shown(forHealth.body.people[0]!.matches).map((m) => m.caseId)).toContain(lily.caseId);
    expect(shown(forHealth.body.addresses[0]!.matches)).toEqual([expect.objectContaining({ caseId: lily.caseId, strength: 'strong' })]);
    expect(shown(forHealth.body.addresses[1]!.matches).map((m) => m.caseId)).toContain(lily.caseId);

    const forEducation = await api(education).post<PreviousInvolvementResult>('/api/previous-involvement/search', body);
    expect(forEducation.body.addresses[0]!.matches).toEqual([]);
    expect(JSON.stringify(forEducation.body)).not.toContain('Haven House');
  });
});

describe('contributions and the child’s voice name the people they concern', () => {
  it('a contribution names people on the case; a person not on it is refused, naming the field', async () => {
    const ok = expectResult(await api(police).command('contribution.add', factPayload(lily.caseId, { text: 'Dean Walsh has a caution for assault (2022).', personIds: ['dean'] })));
    const view: CaseView = await api(education).view(lily.caseId);
    const entry = view.entries.find((e) => e.id === ok.entryId)!;
    expect(entry.kind === 'contribution' && entry.versions[0]!.content.personIds).toEqual(['dean']);

    const refused = await api(police).command('contribution.add', factPayload(lily.caseId, { personIds: ['nobody'] }));
    expect(refused.status).toBe(400);
    expect((refused.body as ErrorBody).error.issues).toEqual([{ path: 'personIds.0', message: expect.stringContaining('no person with that id') }]);
  });
});

describe('bad input names the field and writes nothing', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['a person without a name', { people: [{ id: 'x1', relationships: [{ childIndex: 0, relationship: 'father' }] }] }, 'people.0.lastName', /needs a name/],
    [
      'an address restricted to an unknown agency',
      { addresses: [{ id: 'x2', kind: 'refuge', line1: '1 Hidden Way', protected: true, restrictedTo: ['mi5'] }] },
      'addresses.0.restrictedTo.0',
      /not a known agency/,
    ],
    [
      'a person related to a child not on the case',
      { people: [{ id: 'x3', firstName: 'Sam', relationships: [{ childIndex: 4, relationship: 'father' }] }] },
      'people.0.relationships.0.childIndex',
      /no child 5/,
    ],
    [
      'a person at an address not on the case',
      { people: [{ id: 'x4', firstName: 'Sam', relationships: [{ childIndex: 0, relationship: 'father' }], addressId: 'nowhere' }] },
      'people.0.addressId',
      /no address with that id/,
    ],
    ['a person id already used', { people: [{ id: 'dean', firstName: 'Sam', relationships: [{ childIndex: 0, relationship: 'father' }] }] }, 'people.0.id', /already used/],
    ['an address restricted but not protected', { addresses: [{ id: 'x5', kind: 'home', line1: '2 Open Street', restrictedTo: ['police'] }] }, 'addresses.0.restrictedTo', /only a protected address/],
  ];

  it.each(cases)('on the board: %s', async (_what, body, path, message) => {
    const before = await api(police).view(lily.caseId);
    const res = await api(police).command('people.add', { commandId: newCommandId(), caseId: lily.caseId, people: [], addresses: [], ...body });
    expect(res.status).toBe(400);
    const error = (res.body as ErrorBody).error;
    expect(error.code).toBe('invalid');
    expect(error.issues?.map((i) => i.path)).toEqual([path]);
    expect(error.issues?.[0]?.message).toMatch(message);
    const after = await api(police).view(lily.caseId);
    expect(after.summary.version).toBe(before.summary.version);
    expect(after.summary.people).toEqual(before.summary.people);
  });

  it.each(cases.slice(0, 4))('on a new contact: %s', async (_what, body, path) => {
    const payload = { ...openCasePayload({ children: [{ firstName: 'Nobody', lastName: 'Writtenhere', dateOfBirth: '2019-01-01' }] }), ...body };
    const res = await api(police).command('case.open', payload);
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.issues?.map((i) => i.path)).toEqual([path]);
    const found = await search(police, { lastName: 'Writtenhere' });
    expect(found.body.total).toBe(0);
  });
});
