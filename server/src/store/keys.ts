/**
 * Redis key names, in one place. Keys of one case share the hash tag `{case:<id>}` so that a
 * case's stream, projection and idempotency record sit in one slot on Redis Cluster.
 */
/** The event-sourced aggregates: a case, and a meeting (a triage meeting or strategy discussion). */
export type AggregateFamily = 'case' | 'meeting';
export type AggregatePart = 'events' | 'summary' | 'entries' | 'commands' | 'presence';

/** Every key of one aggregate shares the hash tag `{<family>:<id>}`: one slot on Redis Cluster. */
export const aggregateKey = (family: AggregateFamily, id: string, part: AggregatePart) => `mash:{${family}:${id}}:${part}`;

export const keys = {
  caseEvents: (caseId: string) => aggregateKey('case', caseId, 'events'),
  caseSummary: (caseId: string) => aggregateKey('case', caseId, 'summary'),
  caseEntries: (caseId: string) => aggregateKey('case', caseId, 'entries'),
  caseCommands: (caseId: string) => aggregateKey('case', caseId, 'commands'),
  casePresence: (caseId: string) => aggregateKey('case', caseId, 'presence'),
  /** Sorted set of all meeting ids, scored by when scheduled. */
  meetingIndex: () => 'mash:meetings:by-date',
  /** Sorted set of all case ids, scored by time received. */
  caseIndex: () => 'mash:cases:by-received',
  /** Counter behind human case references, per year. */
  caseReferenceCounter: (year: number) => `mash:cases:reference:${year}`,
  // Global families carry their own hash tag: one slot each, so their transactions run on Redis Cluster.
  // (Renamed from untagged names; store/key-migration.ts moves keys written by earlier versions.)
  user: (userId: string) => `mash:{users}:user:${userId}`,
  usersByUsername: () => 'mash:{users}:by-username',
  session: (sessionId: string) => `mash:{sessions}:session:${sessionId}`,
  userSessions: (userId: string) => `mash:{sessions}:by-user:${userId}`,
  signInFailures: (subject: string) => `mash:{sessions}:sign-in-failures:${subject}`,
  adapterStream: () => 'mash:socket.io',
};
