/**
 * Redis key names, in one place.
 *
 * Case data is spread over CASE_SHARDS hash tags, `{cases:0}` … `{cases:f}`: a case's stream,
 * projection, entries, command record and presence, and that shard's share of every case index
 * (open cases, by date, by status, search keys, …), all sit in one slot. So the append script
 * that writes a case also writes its index entries in the same atomic step, on a single Redis or
 * on Redis Cluster, and a read of an index visits the 16 shards (a constant), never the history.
 * Meetings are few (a few a day): all of them and their index share the one tag `{meetings}`.
 */
import { crc32 } from 'node:zlib';

/** The event-sourced aggregates: a case, and a meeting (a triage meeting or strategy discussion). */
export type AggregateFamily = 'case' | 'meeting';
export type AggregatePart = 'events' | 'summary' | 'entries' | 'commands' | 'presence' | 'tombstone';

/** How many hash tags case data is spread over. Fixed: changing it would move every case. */
export const CASE_SHARDS = 16;
export const caseShards: readonly string[] = Array.from({ length: CASE_SHARDS }, (_, i) => i.toString(16));

/** The shard a case lives in, from its id alone (so any process finds it without a look-up). */
export const caseShardOf = (caseId: string): string => (crc32(caseId) % CASE_SHARDS).toString(16);

/** The hash tag every key of an aggregate carries. */
export const aggregateTag = (family: AggregateFamily, id: string): string => (family === 'case' ? `cases:${caseShardOf(id)}` : 'meetings');

/** Every key of one aggregate shares its family's tag: one slot on Redis Cluster. */
export const aggregateKey = (family: AggregateFamily, id: string, part: AggregatePart) => `mash:{${aggregateTag(family, id)}}:${family}:${id}:${part}`;

/** A case index in one shard (see `store/case-index.ts`, which owns them). */
export const caseIndexKey = (shard: string, name: string) => `mash:{cases:${shard}}:idx:${name}`;

export const keys = {
  caseEvents: (caseId: string) => aggregateKey('case', caseId, 'events'),
  caseSummary: (caseId: string) => aggregateKey('case', caseId, 'summary'),
  caseEntries: (caseId: string) => aggregateKey('case', caseId, 'entries'),
  caseCommands: (caseId: string) => aggregateKey('case', caseId, 'commands'),
  casePresence: (caseId: string) => aggregateKey('case', caseId, 'presence'),
  /** What an erased case leaves (reference, dates, outcome, who erased it and why): in the case's own slot. */
  caseTombstone: (caseId: string) => aggregateKey('case', caseId, 'tombstone'),
  /** Sorted set of all meeting ids, scored by when scheduled (same tag as the meetings). */
  meetingIndex: () => 'mash:{meetings}:idx:by-date',
  /** Sorted set of the meetings a case was on the agenda of (erasure finds them here, not by walking meetings). */
  meetingsByCase: (caseId: string) => `mash:{meetings}:idx:case:${caseId}`,
  /** Counter behind human case references, per year. */
  caseReferenceCounter: (year: number) => `mash:cases:reference:${year}`,
  /** Which layout of the keys above this Redis holds (see `store/migrate.ts`). */
  schemaVersion: () => 'mash:schema',
  // Global families carry their own hash tag: one slot each, so their transactions run on Redis Cluster.
  // (Renamed from untagged names; store/key-migration.ts moves keys written by earlier versions.)
  user: (userId: string) => `mash:{users}:user:${userId}`,
  usersByUsername: () => 'mash:{users}:by-username',
  /** Moves whenever an account is created, disabled or changes role or agency (who hears of what). */
  usersVersion: () => 'mash:{users}:version',
  /** Hash: an identity provider's `issuer subject` → the user id it signs in as (single sign-on). */
  usersBySsoSubject: () => 'mash:{users}:by-sso-subject',
  session: (sessionId: string) => `mash:{sessions}:session:${sessionId}`,
  userSessions: (userId: string) => `mash:{sessions}:by-user:${userId}`,
  signInFailures: (subject: string) => `mash:{sessions}:sign-in-failures:${subject}`,
  /** One single sign-on attempt (state, nonce, PKCE verifier), read once by the callback; expires in minutes. */
  ssoFlow: (flowId: string) => `mash:{sessions}:sso-flow:${flowId}`,
  adapterStream: () => 'mash:socket.io',
};
