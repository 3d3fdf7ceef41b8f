/**
 * Realistic case records for the history and sizing benchmarks, written through the server's own
 * write path in this process: the real `CaseCommands` / `MeetingCommands` against the same Redis,
 * so every event, projection, index entry and audit record is exactly what production writes.
 * (The one thing left out is the deadline scheduler's BullMQ jobs, which the server's start-up
 * reconciliation adds for whatever deadlines are open.)
 *
 * Names: common given names and surnames of children seen in English MASHs, including Polish,
 * Romanian, South Asian, Somali, Arabic, West African and Irish names, drawn with a skewed
 * (Zipf-like) frequency so that a few surnames are very common, as in life. Every name is
 * generated; none is a real child.
 */
import type { Redis } from 'ioredis';
import type { Actor, CommandResult, MeetingResult } from '@mashboard/shared';
import { AuditLog } from '../../server/src/audit/audit-log.ts';
import { toSessionUser, Users } from '../../server/src/auth/users.ts';
import { CaseCommands } from '../../server/src/cases/commands.ts';
import { TimelinessPolicyStore } from '../../server/src/deadlines/policy-store.ts';
import { createLogger } from '../../server/src/logger.ts';
import { MeetingCommands } from '../../server/src/meetings/commands.ts';
import { meetingStore } from '../../server/src/meetings/store.ts';
import { EventStore } from '../../server/src/store/event-store.ts';

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** Given names, most common first within each group. */
const GIVEN = [
  // Common in England and Wales
  'Olivia',
  'Oliver',
  'Amelia',
  'George',
  'Isla',
  'Noah',
  'Ava',
  'Arthur',
  'Mia',
  'Harry',
  'Lily',
  'Leo',
  'Sophia',
  'Jack',
  'Freya',
  'Charlie',
  'Grace',
  'Theo',
  'Ella',
  'Oscar',
  'Evie',
  'Alfie',
  'Poppy',
  'Jacob',
  'Ruby',
  'Thomas',
  'Daisy',
  'Riley',
  'Chloe',
  'Jayden',
  'Millie',
  'Tyler',
  'Jessica',
  'Kai',
  'Lacey',
  'Mason',
  'Ellie-Mae',
  'Logan',
  'Summer',
  'Reece',
  'Kayden',
  'Tia',
  'Callum',
  'Demi',
  'Brooklyn',
  // Polish
  'Zofia',
  'Jakub',
  'Oliwia',
  'Szymon',
  'Zuzanna',
  'Kacper',
  'Wiktoria',
  'Filip',
  'Maja',
  'Mikołaj',
  'Hanna',
  'Bartosz',
  'Natalia',
  // Romanian
  'Andrei',
  'Ioana',
  'Alexandru',
  'Maria',
  'Ștefan',
  'Elena',
  'Mihai',
  'Andreea',
  'Gabriel',
  'Bianca',
  'Darius',
  'Denisa',
  // South Asian
  'Muhammad',
  'Aisha',
  'Mohammed',
  'Zainab',
  'Ayaan',
  'Aarav',
  'Priya',
  'Harpreet',
  'Ibrahim',
  'Inaya',
  'Arjun',
  'Simran',
  'Rayyan',
  'Hafsa',
  'Zara',
  'Rohan',
  'Anaya',
  'Ishaan',
  // Somali
  'Abdi',
  'Hodan',
  'Farhan',
  'Ayan',
  'Hamza',
  'Sagal',
  'Mohamed',
  'Ikran',
  'Abdirahman',
  'Hibo',
  'Bilal',
  'Najma',
  // Arabic
  'Omar',
  'Yusuf',
  'Fatima',
  'Maryam',
  'Layla',
  'Adam',
  'Amira',
  'Ali',
  'Noor',
  'Khalid',
  'Yasmin',
  'Zayn',
  // West African, Caribbean
  'Chidi',
  'Adaeze',
  'Kwame',
  'Ama',
  'Tobi',
  'Chioma',
  'Kofi',
  'Esi',
  'Tunde',
  'Precious',
  'Blessing',
  'Jermaine',
  'Shanice',
  // Irish, Traveller, Welsh, Scottish
  'Seán',
  'Aoife',
  'Patrick',
  'Siobhan',
  'Dylan',
  'Cerys',
  'Rhys',
  'Niamh',
  'Callan',
  'Kerry-Ann',
  'Finlay',
  'Eilidh',
];

/** Surnames, most common first within each group. */
const SURNAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Khan',
  'Ali',
  'Ahmed',
  'Hussain',
  'Begum',
  'Rahman',
  'Islam',
  'Akhtar',
  'Iqbal',
  'Mahmood',
  'Singh',
  'Kaur',
  'Patel',
  'Shah',
  'Sharma',
  'Chowdhury',
  'Miah',
  'Bibi',
  'Mohamed',
  'Abdi',
  'Hassan',
  'Farah',
  'Warsame',
  'Osman',
  'Abdullahi',
  'Jama',
  'Ismail',
  'Nur',
  'Nowak',
  'Kowalski',
  'Wiśniewski',
  'Wójcik',
  'Kowalczyk',
  'Kamiński',
  'Lewandowski',
  'Zieliński',
  'Szymański',
  'Woźniak',
  'Popescu',
  'Ionescu',
  'Popa',
  'Dumitru',
  'Stan',
  'Stoica',
  'Gheorghe',
  'Rusu',
  'Munteanu',
  'Constantin',
  'Al-Sayed',
  'Haddad',
  'Saleh',
  'Mansour',
  'Abdullah',
  'Ibrahim',
  'Youssef',
  'Okafor',
  'Adeyemi',
  'Mensah',
  'Owusu',
  'Okonkwo',
  'Boateng',
  'Campbell',
  'Francis',
  'Grant',
  "O'Brien",
  'Murphy',
  'McDonagh',
  'Ward',
  'Doherty',
  'Quinn',
  'Reilly',
  'MacLeod',
];

/** A seeded PRNG (mulberry32): the same run seeds the same records. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Zipf-like pick (weight 1/(rank+5)): the first names of a list are many times more common than the last. */
function zipf<T>(list: readonly T[], rnd: () => number): T {
  const weights = list.map((_, i) => 1 / (i + 5));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rnd() * total;
  for (let i = 0; i < list.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return list[i]!;
  }
  return list[list.length - 1]!;
}

const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface SeedChild {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  identifiers?: { nhsNumber?: string; upn?: string; localId?: string };
}

export interface Family {
  lastName: string;
  children: (SeedChild & { bornMs: number })[];
}

export interface PlannedCase {
  receivedAt: string;
  children: SeedChild[];
  /** The contact is about a child (or siblings) seen on an earlier case. */
  repeat: boolean;
}

/**
 * Contacts received between `fromMs` and `toMs`, in time order: families of one to four
 * children (siblings share a surname), a case about one or two of them; about 30 % of contacts
 * are about a family seen before (a repeat contact, years later sometimes). Every child is 0–17
 * years old on the day received; a third carry an NHS number, some a UPN or a council id.
 */
export function planCases(count: number, fromMs: number, toMs: number, rnd: () => number, families: Family[] = []): PlannedCase[] {
  const times = Array.from({ length: count }, () => fromMs + rnd() * (toMs - fromMs)).sort((a, b) => a - b);
  let nhs = 4_000_000_000;
  const newChild = (lastName: string, receivedMs: number): Family['children'][number] => {
    const bornMs = receivedMs - Math.floor(rnd() * 17.9 * 365.25) * DAY;
    const child: Family['children'][number] = { firstName: zipf(GIVEN, rnd), lastName, dateOfBirth: isoDate(bornMs), bornMs };
    const r = rnd();
    if (r < 0.33) child.identifiers = { nhsNumber: String(nhs++ + Math.floor(rnd() * 7)).padStart(10, '0') };
    else if (r < 0.45) child.identifiers = { upn: `A${String(Math.floor(rnd() * 1e11)).padStart(11, '0')}${String.fromCharCode(65 + Math.floor(rnd() * 26))}` };
    else if (r < 0.5) child.identifiers = { localId: `LA-${Math.floor(rnd() * 1e7)}` };
    return child;
  };
  return times.map((t) => {
    const eligible = (f: Family) => f.children.filter((c) => c.bornMs <= t && t - c.bornMs < 17.9 * 365.25 * DAY);
    let family: Family | undefined;
    let repeat = false;
    if (families.length > 0 && rnd() < 0.3) {
      const candidate = families[Math.floor(rnd() * families.length)]!;
      if (eligible(candidate).length > 0) {
        family = candidate;
        repeat = true;
        // Sometimes a new baby since the last contact.
        if (rnd() < 0.1 && candidate.children.length < 5)
          candidate.children.push({ ...newChild(candidate.lastName, t), dateOfBirth: isoDate(t - Math.floor(rnd() * 200) * DAY), bornMs: t - 200 * DAY });
      }
    }
    if (!family) {
      const lastName = zipf(SURNAMES, rnd);
      const size = 1 + Math.floor(rnd() * rnd() * 4);
      family = { lastName, children: Array.from({ length: size }, () => newChild(lastName, t)) };
      families.push(family);
    }
    const kids = eligible(family);
    const take = Math.min(kids.length, rnd() < 0.3 ? 2 : 1);
    const start = Math.floor(rnd() * (kids.length - take + 1));
    const children = kids.slice(start, start + take).map(({ bornMs: _b, ...c }) => c);
    return { receivedAt: new Date(t).toISOString(), children, repeat };
  });
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

const SENTENCES = [
  'School reports the child arrived without breakfast for the third time this week and was wearing the same clothes as on Monday.',
  'Police attended the address following a neighbour report of shouting; the mother said there had been an argument about money.',
  'Health visitor notes two missed appointments and that the baby has dropped from the 50th to the 9th weight centile since March.',
  'The child told the class teacher that mum’s boyfriend "gets angry and throws things" and that she hides in her room.',
  'Children’s social care records show a child in need plan closed eighteen months ago after the family moved out of the area.',
  'Housing reports the family is in temporary accommodation, one room, with damp and no cooking facilities.',
  'The GP practice has no record of the child since registration; immunisations are not up to date.',
  'Probation confirms the stepfather is subject to licence conditions and must disclose relationships with a woman who has children.',
  'Attendance this term is 71% with unauthorised absences on most Mondays; the school has made two home visits without an answer.',
  'The older sibling, aged 15, has been reported missing twice this month and was found in another town with older males.',
  'A&E attendance at 23:40 for a head injury the mother said happened falling from the sofa; the triage nurse noted delay in presentation.',
  'Youth justice notes a referral to the National Referral Mechanism for criminal exploitation last year.',
];

export function prose(chars: number, rnd: () => number): string {
  let text = '';
  while (text.length < chars) text += (text ? ' ' : '') + SENTENCES[Math.floor(rnd() * SENTENCES.length)];
  return text.slice(0, chars).replace(/\s+\S*$/, '') + '.';
}

// ---------------------------------------------------------------------------------------------
// The write path
// ---------------------------------------------------------------------------------------------

export const OUTCOMES = ['no-further-action', 'early-help', 'child-in-need-assessment', 'strategy-discussion', 'police-action', 'lado-referral'] as const;
/** How often each outcome is recorded, roughly as in MASHs: most contacts end in NFA, early help or a s17 assessment. */
const OUTCOME_WEIGHTS = [0.34, 0.28, 0.2, 0.1, 0.06, 0.02];
export function pickOutcome(rnd: () => number): (typeof OUTCOMES)[number] {
  let r = rnd();
  for (let i = 0; i < OUTCOMES.length; i++) if ((r -= OUTCOME_WEIGHTS[i]!) <= 0) return OUTCOMES[i]!;
  return OUTCOMES[0];
}
export const RATINGS = ['red', 'amber', 'green', 'blue'] as const;
const SOURCES = ['education', 'police', 'health', 'anonymous', 'self-referral'] as const;

/** The server's command handlers, in this process, on the given Redis. */
export class Writer {
  readonly commands: CaseCommands;
  readonly meetings: MeetingCommands;
  readonly store: EventStore;
  private readonly actors = new Map<string, Actor>();
  private readonly users: Users;
  commandsRun = 0;

  constructor(readonly redis: Redis) {
    const log = createLogger('warn');
    this.store = new EventStore(redis);
    this.users = new Users(redis);
    const audit = new AuditLog(redis, log, true);
    const records = meetingStore(redis);
    this.commands = new CaseCommands(redis, this.store, this.users, new TimelinessPolicyStore(redis), audit, log, (id) => records.readSummary(id));
    this.meetings = new MeetingCommands(records, this.store, this.users, audit, log);
  }

  /** The demo accounts (created by the server started with MASH_DEMO=1). */
  async actor(username: string): Promise<Actor> {
    const known = this.actors.get(username);
    if (known) return known;
    const user = await this.users.findByUsername(username);
    if (!user) throw new Error(`no user ${username}: start the server once in demo mode first`);
    const { username: _u, agencyName: _a, roleLabel: _r, ...actor } = toSessionUser(user);
    this.actors.set(username, actor);
    return actor;
  }

  async run(name: string, payload: Record<string, unknown>, username: string): Promise<CommandResult> {
    this.commandsRun += 1;
    return this.commands.execute(name, payload, await this.actor(username), { channel: 'system' });
  }

  async meeting(name: string, payload: Record<string, unknown>, username: string): Promise<MeetingResult> {
    this.commandsRun += 1;
    return this.meetings.execute(name, payload, await this.actor(username), { channel: 'system' });
  }
}

let commandCounter = 0;
export const commandId = (prefix: string) => `${prefix}-${process.pid}-${++commandCounter}`;

const CONTRIBUTORS = [
  { user: 'pc.evans', source: 'agency-records' },
  { user: 'hv.patel', source: 'agency-records' },
  { user: 'dsl.morgan', source: 'direct-observation' },
  { user: 'sw.okafor', source: 'agency-records' },
] as const;

/** Open a case from a plan; returns its id, version and child ids. */
export async function openCase(w: Writer, plan: PlannedCase, rnd: () => number): Promise<{ caseId: string; version: number; childIds: string[] }> {
  const source = SOURCES[Math.floor(rnd() * SOURCES.length)]!;
  const opened = await w.run(
    'case.open',
    {
      commandId: commandId('open'),
      children: plan.children,
      referral: { source, ...(source === 'anonymous' ? {} : { referrerName: 'A. Referrer', referrerRole: source === 'education' ? 'Designated safeguarding lead' : 'Practitioner' }) },
      reasonForConcern: prose(180 + Math.floor(rnd() * 250), rnd),
      receivedAt: plan.receivedAt,
    },
    'sw.okafor',
  );
  const summary = await w.store.readSummary(opened.caseId);
  return { caseId: opened.caseId, version: opened.version, childIds: summary!.children.map((c) => c.id) };
}

export async function addContribution(w: Writer, caseId: string, childIds: string[], chars: number, rnd: () => number): Promise<CommandResult> {
  const who = CONTRIBUTORS[Math.floor(rnd() * CONTRIBUTORS.length)]!;
  const daysAgo = Math.floor(rnd() * 400);
  return w.run(
    'contribution.add',
    {
      commandId: commandId('contrib'),
      caseId,
      text: prose(chars, rnd),
      kind: 'fact',
      timeframe: 'current',
      happened: { precision: 'approximate', date: isoDate(Date.now() - daysAgo * DAY) },
      source: who.source,
      childIds: childIds.slice(0, 1 + Math.floor(rnd() * childIds.length)),
    },
    who.user,
  );
}

export function rate(w: Writer, caseId: string, version: number, rnd: () => number): Promise<CommandResult> {
  const rating = RATINGS[Math.min(3, Math.floor(rnd() * rnd() * 5))]!;
  return w.run('rating.set', { commandId: commandId('rate'), caseId, expectedVersion: version, rating, reason: 'Rated at triage on what the agencies hold today.' }, 'lead.hughes');
}

export function requestInformation(w: Writer, caseId: string, agency = 'health'): Promise<CommandResult> {
  return w.run(
    'information.request',
    { commandId: commandId('req'), caseId, agency, question: 'Please search your records for the children and adults at the address and share anything relevant.' },
    'lead.hughes',
  );
}

export function answerRequest(w: Writer, caseId: string, requestId: string): Promise<CommandResult> {
  return w.run(
    'information.answer',
    { commandId: commandId('ans'), caseId, requestId, answer: { kind: 'nothing-held', reason: 'Records searched for the children and adults at the address; nothing held.' } },
    'lead.hughes',
  );
}

export function decide(w: Writer, caseId: string, outcome: string, meetingId: string | undefined): Promise<CommandResult> {
  return w.run(
    'decision.record',
    {
      commandId: commandId('decide'),
      caseId,
      ...(meetingId ? { meetingId } : {}),
      outcome,
      rationale: 'On what the partner agencies shared, the needs are met as set out; the family agrees to the plan.',
      threshold: outcome === 'no-further-action' ? 'Level 1: universal services (no additional needs)' : 'Level 3: child in need (complex needs, s17)',
      agreedBy: ['R. Hughes (childrens-social-care)', 'S. Evans (police)'],
    },
    'lead.hughes',
  );
}

/** Close the case, unless its decision already closed it (a decision with no follow-ups closes by itself). */
export async function close(w: Writer, caseId: string, version: number): Promise<CommandResult | null> {
  if ((await w.store.readSummary(caseId))?.status === 'closed') return null;
  return w.run(
    'case.change-status',
    { commandId: commandId('close'), caseId, expectedVersion: version, status: 'closed', reason: 'Decision made and passed to the team that carries it out.' },
    'lead.hughes',
  );
}

export function scheduleMeeting(w: Writer, agenda: string[], scheduledFor: string): Promise<MeetingResult> {
  return w.meeting('meeting.schedule', { commandId: commandId('meeting'), kind: 'triage', title: 'MASH daily triage', scheduledFor, agenda }, 'lead.hughes');
}

/** The chair starts the meeting: decisions naming it are recorded only while it runs. */
export function startMeeting(w: Writer, meetingId: string): Promise<MeetingResult> {
  return w.meeting('meeting.start', { commandId: commandId('start'), meetingId }, 'lead.hughes');
}

/** Run `work` over `items` with at most `concurrency` at once. */
export async function pool<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}
