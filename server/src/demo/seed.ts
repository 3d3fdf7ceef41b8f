/**
 * Fictional demo data: one account per agency and role, and a few cases. Every name here is
 * invented. Seeding is idempotent: accounts are created once, and cases use fixed command ids,
 * so a second run changes nothing.
 */
import { ukNow, type Actor, type AgencyId, type CommandName, type Role } from '@mashboard/shared';
import type { CaseCommands } from '../cases/commands.ts';
import { toSessionUser, type Users } from '../auth/users.ts';
import type { Logger } from '../logger.ts';
import type { EventStore } from '../store/event-store.ts';

export const DEMO_PASSWORD = 'mashboard-demo';

export const DEMO_ACCOUNTS: { username: string; name: string; agency: AgencyId; role: Role }[] = [
  { username: 'lead.hughes', name: 'Rhian Hughes', agency: 'childrens-social-care', role: 'duty-lead' },
  { username: 'sw.okafor', name: 'Grace Okafor', agency: 'childrens-social-care', role: 'practitioner' },
  { username: 'pc.evans', name: 'DC Sam Evans', agency: 'police', role: 'practitioner' },
  { username: 'hv.patel', name: 'Priya Patel', agency: 'health', role: 'practitioner' },
  { username: 'dsl.morgan', name: 'Tom Morgan', agency: 'education', role: 'practitioner' },
  { username: 'mgr.clarke', name: 'Helen Clarke', agency: 'childrens-social-care', role: 'mash-manager' },
  { username: 'admin.demo', name: 'Alex Admin', agency: 'childrens-social-care', role: 'admin' },
  { username: 'audit.demo', name: 'Jo Auditor', agency: 'childrens-social-care', role: 'auditor' },
];

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
/** When something happened h hours ago, as UK date and time (demo times never lie in the future). */
const happenedHoursAgo = (h: number) => ({ precision: 'exact' as const, ...ukNow(new Date(Date.now() - h * 3_600_000)) });
const daysAgoDate = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);
const yearsAgoDate = (y: number, extraDays = 0) => {
  const d = new Date(Date.now() - extraDays * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - y);
  return d.toISOString().slice(0, 10);
};

export async function seedDemo(users: Users, commands: CaseCommands, store: EventStore, log: Logger): Promise<void> {
  const actors = new Map<string, Actor>();
  for (const account of DEMO_ACCOUNTS) {
    const user = (await users.findByUsername(account.username)) ?? (await users.create({ ...account, password: DEMO_PASSWORD }));
    const { username: _u, agencyName: _a, roleLabel: _r, ...actor } = toSessionUser(user);
    actors.set(account.username, actor);
  }
  const as = (username: string) => actors.get(username)!;
  const run = (name: CommandName, payload: Record<string, unknown>, username: string) => commands.execute(name, payload, as(username), { channel: 'system' });

  const ayesha = await run(
    'case.open',
    {
      commandId: 'demo-case-ayesha',
      children: [{ firstName: 'Ayesha', lastName: 'Rahman', dateOfBirth: yearsAgoDate(7, 40) }],
      referral: { source: 'education', referrerName: 'Tom Morgan', referrerRole: 'Designated safeguarding lead' },
      reasonForConcern: 'Ayesha arrived at school with finger-mark bruising on her upper left arm and was reluctant to go home at the end of the day.',
      receivedAt: hoursAgo(2),
    },
    'dsl.morgan',
  );
  const ayeshaView = await store.readView(ayesha.caseId);
  const ayeshaChild = ayeshaView!.summary.children[0]!.id;
  await run(
    'contribution.add',
    {
      commandId: 'demo-ayesha-edu-1',
      caseId: ayesha.caseId,
      text: 'Class teacher saw four finger-shaped bruises on the upper left arm at 09:10 when Ayesha took off her coat. Attendance this term 91%.',
      kind: 'fact',
      timeframe: 'current',
      happened: happenedHoursAgo(2.5),
      source: 'direct-observation',
      childIds: [ayeshaChild],
    },
    'dsl.morgan',
  );
  const ayeshaPolice = await run(
    'contribution.add',
    {
      commandId: 'demo-ayesha-police-1',
      caseId: ayesha.caseId,
      text: 'Two domestic abuse call-outs to the home address involving the mother and her then partner; no charges.',
      kind: 'fact',
      timeframe: 'historic',
      relevance: 'The same partner is reported to have moved back into the household last month.',
      happened: { precision: 'approximate', date: yearsAgoDate(2) },
      source: 'agency-records',
      childIds: [],
    },
    'pc.evans',
  );
  await run(
    'voice.record',
    {
      commandId: 'demo-ayesha-voice-1',
      caseId: ayesha.caseId,
      childId: ayeshaChild,
      words: "Mummy's friend grabbed me because I was too loud. I don't want to go home when he is there.",
      wishes: 'To stay at her nan’s house',
      feelings: 'Scared of the man; misses her nan',
      howExpressed: 'spontaneous',
      circumstances: { where: 'Classroom, after registration', happened: happenedHoursAgo(2.4), whoPresent: 'Class teacher only' },
      heardBy: { name: 'Ms L. Carter', role: 'Class teacher', agency: 'Education' },
    },
    'dsl.morgan',
  );

  // A request made to the MASH, answered under the April 2024 advice: shared with whoever asked.
  await run(
    'sharing.decide',
    {
      commandId: 'demo-ayesha-sharing-gp',
      caseId: ayesha.caseId,
      direction: 'incoming',
      requester: { organisation: 'Ravenswood GP surgery', role: 'GP, practice safeguarding lead', person: 'Dr Amir Shah' },
      purpose: 'Ayesha’s GP is seeing her and her mother tomorrow and asked whether there are known risks in the household.',
      hasClearPurpose: true,
      consent: { status: 'not-sought', reason: 'risk-to-child-or-adult' },
      identifiesPerson: true,
      lawfulBases: ['uk-gdpr-6-1-e'],
      decision: 'share',
      reasons: 'The GP has a role in keeping Ayesha safe and needs to know of the earlier domestic abuse call-outs before the appointment; only that entry is shared.',
      selection: { contributionIds: [ayeshaPolice.entryId] },
      channel: 'secure-email',
      familyTold: { told: false, why: 'Telling the mother now could put Ayesha at risk while the partner is in the household.' },
    },
    'pc.evans',
  );

  const leo = await run(
    'case.open',
    {
      commandId: 'demo-case-leo',
      children: [{ firstName: 'Leo', lastName: 'Turner', dateOfBirth: daysAgoDate(130), ethnicity: 'WBRI', disability: 'not-known', addressId: 'leo-home' }],
      people: [
        {
          id: 'leo-mother',
          firstName: 'Chloe',
          lastName: 'Turner',
          dateOfBirth: yearsAgoDate(19, 200),
          relationships: [{ childIndex: 0, relationship: 'mother' }],
          livesWithChild: true,
          addressId: 'leo-home',
        },
        { id: 'leo-partner', firstName: 'Ryan', lastName: 'Price', relationships: [{ childIndex: 0, relationship: 'parents-partner' }], livesWithChild: true, addressId: 'leo-home' },
      ],
      addresses: [
        { id: 'leo-home', kind: 'home', line1: 'Flat 4, 22 Canal Street', town: 'Leeds', postcode: 'LS11 5QR' },
        { id: 'leo-gp', kind: 'gp', name: 'Canal Street Surgery', line1: '2 Canal Street', town: 'Leeds', postcode: 'LS11 5QT' },
      ],
      referral: { source: 'health', referrerName: 'Priya Patel', referrerRole: 'Health visitor' },
      reasonForConcern: 'Small bruise on the cheek of a non-mobile four-month-old baby seen at a home visit; no explanation offered.',
      receivedAt: hoursAgo(1.5),
    },
    'hv.patel',
  );
  const leoChild = (await store.readSummary(leo.caseId))!.children[0]!.id;
  await run(
    'voice.record-absence',
    {
      commandId: 'demo-leo-voice-absence',
      caseId: leo.caseId,
      childId: leoChild,
      reason: 'pre-verbal',
      explanation: 'Leo is four months old. Observations of his presentation and interaction with his mother are recorded by the health visitor.',
    },
    'hv.patel',
  );
  await run(
    'contribution.add',
    {
      commandId: 'demo-leo-health-1',
      caseId: leo.caseId,
      text: 'In my professional opinion the bruise is not consistent with accidental injury in a baby who is not yet rolling.',
      kind: 'opinion',
      basis: 'Health visitor assessment at the home visit; NICE guidance on bruising in non-mobile infants.',
      timeframe: 'current',
      happened: happenedHoursAgo(3),
      source: 'direct-observation',
      childIds: [leoChild],
    },
    'hv.patel',
  );

  // The duty lead has triaged two of the three: their clocks run on the dashboard from the start.
  const triage = async (name: string, caseId: string, rating: 'red' | 'amber', reason: string, ask: { agency: AgencyId; question: string }) => {
    const expectedVersion = (await store.readSummary(caseId))!.version;
    await run('rating.set', { commandId: `demo-${name}-rating`, caseId, expectedVersion, rating, reason }, 'lead.hughes');
    await run('information.request', { commandId: `demo-${name}-request-${ask.agency}`, caseId, ...ask }, 'lead.hughes');
  };
  await triage('leo', leo.caseId, 'red', 'Unexplained bruise on a non-mobile baby: needs a decision within hours.', {
    agency: 'police',
    question: 'Any call-outs or intelligence involving the Turner household or the mother’s partner?',
  });
  await run('case.assign-lead', { commandId: 'demo-leo-lead', caseId: leo.caseId, leadUserId: actors.get('sw.okafor')!.userId }, 'lead.hughes');
  await triage('ayesha', ayesha.caseId, 'amber', 'Injury with a disclosure, but Ayesha is safe at school today and her nan can collect her.', {
    agency: 'health',
    question: 'Any A&E attendances or GP concerns for Ayesha in the last two years?',
  });

  await run(
    'case.open',
    {
      commandId: 'demo-case-brooks',
      children: [
        { firstName: 'Jayden', lastName: 'Brooks', dateOfBirth: yearsAgoDate(14, 100), addressId: 'brooks-refuge' },
        { firstName: 'Mia', lastName: 'Brooks', dateOfBirth: yearsAgoDate(9, 10), language: 'English', disability: 'yes', disabilityDetail: 'Hearing impairment', addressId: 'brooks-refuge' },
      ],
      people: [
        {
          id: 'brooks-mother',
          firstName: 'Danielle',
          lastName: 'Brooks',
          relationships: [
            { childIndex: 0, relationship: 'mother' },
            { childIndex: 1, relationship: 'mother' },
          ],
          livesWithChild: true,
          addressId: 'brooks-refuge',
        },
        {
          id: 'brooks-father',
          firstName: 'Craig',
          lastName: 'Brooks',
          relationships: [
            { childIndex: 0, relationship: 'father' },
            { childIndex: 1, relationship: 'father' },
          ],
          allegedToHaveCausedHarm: true,
          addressId: 'brooks-home',
        },
      ],
      // Mother and children are now at a refuge: police and social care only.
      addresses: [
        { id: 'brooks-home', kind: 'home', line1: '9 Alder Close', town: 'Leeds', postcode: 'LS9 8PL' },
        { id: 'brooks-refuge', kind: 'refuge', line1: 'Address held by the refuge', town: 'Leeds', protected: true, restrictedTo: ['childrens-social-care'] },
      ],
      referral: { source: 'police', referrerName: 'DC Sam Evans', referrerRole: 'Domestic abuse officer' },
      reasonForConcern: 'Police attended a domestic incident at the family home overnight; both children were present.',
      receivedAt: hoursAgo(50),
    },
    'pc.evans',
  );
  log.info({ accounts: DEMO_ACCOUNTS.length }, 'demo data ready');
}
