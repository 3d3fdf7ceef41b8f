/**
 * The case indexes: how every everyday read finds its cases without walking the history. Owns the
 * `mash:{cases:<shard>}:idx:*` keys. Each case is filed only in its own shard's indexes, and the
 * append script writes a case's index entries in the same atomic step as its events (see
 * `indexChanges`), so an index never disagrees with the record. A read visits the 16 shards and
 * costs what it returns.
 */
import type { RedisClient } from '../redis.ts';
import { caseSearchKeys, type CaseAddress, type CaseStatus, type CaseSummary, type PersonInput, type Rating } from '@mashboard/shared';
import { caseIndexKey, caseShardOf, caseShards } from './keys.ts';

/** One place a case is filed: a member of a sorted set (with its score), or a field of a hash. */
export type IndexEntry = { kind: 'z'; name: string; member: string; score: number } | { kind: 'h'; name: string; field: string; value: string };

/** A write to an index key, applied by the append script: ZADD/ZREM or HSET/HDEL. */
export type IndexChange =
  | { op: 'zadd'; key: string; score: number; member: string }
  | { op: 'zrem'; key: string; member: string }
  | { op: 'hset'; key: string; field: string; value: string }
  | { op: 'hdel'; key: string; field: string };

/** The index names, in one place (each is a key per shard). */
export const INDEX = {
  /** Every case by time received. */
  received: 'received',
  /** Cases not closed, by time received: the open-case list, the dashboard, `cases.watch`. */
  open: 'open',
  status: (status: CaseStatus) => `status:${status}`,
  rating: (rating: Rating) => `rating:${rating}`,
  /** Cases an agency opened or contributed to. */
  agency: (agency: string) => `agency:${agency}`,
  /** Cases by the outcome of their latest decision. */
  outcome: (outcome: string) => `outcome:${outcome}`,
  /** Cases by the time of their latest decision. */
  decided: 'decided',
  /** Closed cases by the time they closed (retention reviews count from here). */
  closed: 'closed',
  /** Closed cases by when their retention review falls due (reconciliation reads only the due ones). */
  retention: 'retention',
  /** Erased cases (their tombstones) by the time they were erased. Written by the erase script only. */
  erased: 'erased',
  /** Hash: an erased case's reference (upper case) → its id, so the auditor's look-up finds the tombstone. */
  erasedReference: 'erased-reference',
  /** Erased cases whose content elsewhere (alerts, meetings, the adapter stream, jobs) is not yet cleared. */
  erasurePending: 'erasure-pending',
  /** Cases with an open deadline, by the earliest due time. */
  openDeadlines: 'deadlines:open',
  /** Every deadline (`<caseId>|<deadlineId>`) by the time it started: the timeliness report. */
  deadlineStarts: 'deadlines:started',
  /** Open information requests to an agency (`<caseId>|<deadlineId>`), by due time: "Requests to my agency". */
  agencyRequests: (agency: string) => `requests:open:${agency}`,
  /** Open actions a user owns (`<caseId>|<deadlineId>`), by due time: "My work". */
  ownerActions: (userId: string) => `actions:open:${userId}`,
  /** Cases not closed that a user leads, by time received: "My work". */
  lead: (userId: string) => `lead:${userId}`,
  /** Hash: case reference (upper case) → case id. */
  reference: 'reference',
  /** Hash: case id → its card (`CaseCard`): what a search result and an agenda need, without the whole summary. */
  card: 'card',
  /** Search terms (see `shared/src/search.ts`), by time received. */
  search: (term: string) => `search:${term}`,
} as const;

const ms = (iso: string | undefined): number | null => {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? null : t;
};

/**
 * Everywhere a case is filed, as it stands. A pure function of the summary: the one definition of
 * every index. Without `identity`, the search terms and the card are left out (see `sameIdentity`).
 */
export function caseIndexEntries(summary: CaseSummary, identity = true): IndexEntry[] {
  const id = summary.id;
  const received = ms(summary.receivedAt) ?? 0;
  const z = (name: string, score: number, member = id): IndexEntry => ({ kind: 'z', name, member, score });
  const entries: IndexEntry[] = [z(INDEX.received, received), z(INDEX.status(summary.status), received)];
  if (summary.status !== 'closed') entries.push(z(INDEX.open, received));
  else entries.push(z(INDEX.closed, ms(summary.closedAt) ?? ms(summary.updatedAt) ?? received));
  if (summary.status === 'closed' && summary.retention) entries.push(z(INDEX.retention, ms(summary.retention.reviewDueAt) ?? received));
  if (summary.rating) entries.push(z(INDEX.rating(summary.rating.value), received));
  for (const agency of new Set([summary.openedBy.agency, ...summary.agenciesContributed])) entries.push(z(INDEX.agency(agency), received));
  const latest = summary.decisions[summary.decisions.length - 1];
  if (latest) {
    entries.push(z(INDEX.outcome(latest.outcome), received));
    entries.push(z(INDEX.decided, ms(latest.recordedAt) ?? received));
  }
  const openDue = summary.deadlines.filter((d) => d.state === 'open').map((d) => ms(d.dueAt) ?? 0);
  if (openDue.length > 0) entries.push(z(INDEX.openDeadlines, Math.min(...openDue)));
  for (const d of summary.deadlines) entries.push(z(INDEX.deadlineStarts, ms(d.startedAt) ?? received, `${id}|${d.id}`));
  entries.push(...workEntries(summary));
  entries.push({ kind: 'h', name: INDEX.reference, field: summary.reference.toUpperCase(), value: id });
  if (!identity) return entries;
  for (const term of caseSearchKeys(summary)) entries.push(z(INDEX.search(term), received));
  entries.push({ kind: 'h', name: INDEX.card, field: id, value: JSON.stringify(caseCard(summary)) });
  return entries;
}

/**
 * Where a case is filed as someone's work: each open information request under the agency asked,
 * each open action under its owner (both by due time, member `<caseId>|<deadlineId>`), and an open
 * case under its lead. Closing a case cancels its deadlines, so it leaves every work list.
 */
export function workEntries(summary: CaseSummary): IndexEntry[] {
  const entries: IndexEntry[] = [];
  const z = (name: string, score: number, member: string): IndexEntry => ({ kind: 'z', name, member, score });
  for (const d of summary.deadlines) {
    if (d.state !== 'open') continue;
    const due = ms(d.dueAt) ?? 0;
    if (d.kind === 'information-request' && d.agency) entries.push(z(INDEX.agencyRequests(d.agency), due, `${summary.id}|${d.id}`));
    if (d.kind === 'action' && d.owner) entries.push(z(INDEX.ownerActions(d.owner.userId), due, `${summary.id}|${d.id}`));
  }
  if (summary.lead && summary.status !== 'closed') entries.push(z(INDEX.lead(summary.lead.userId), ms(summary.receivedAt) ?? 0, summary.id));
  return entries;
}

/** A deadline filed in a work list: the case, the deadline, and when it falls due (ms). */
export interface WorkRef {
  caseId: string;
  deadlineId: string;
  dueAt: number;
}

/**
 * Whether two projections of a case file the same search terms and card: both come only from
 * these fields, and the reducer keeps a field's object when an event leaves it alone, so most
 * appends (a contribution, a rating) skip the costly part of filing.
 */
function sameIdentity(a: CaseSummary, b: CaseSummary): boolean {
  return (
    a.children === b.children &&
    a.people === b.people &&
    a.addresses === b.addresses &&
    a.reference === b.reference &&
    a.receivedAt === b.receivedAt &&
    a.status === b.status &&
    a.restrictedTo === b.restrictedTo &&
    a.openedBy === b.openedBy
  );
}

/**
 * What a search scores and need-to-know decides on, kept beside the indexes so that reading a
 * hundred candidates costs one small read per shard, not a hundred whole summaries.
 */
export type CaseCard = Pick<CaseSummary, 'id' | 'reference' | 'receivedAt' | 'status' | 'children' | 'restrictedTo'> & {
  openedBy: { agency: string };
  /** The people around the children, as matching needs them (absent on cards written before people were recorded). */
  people?: CardPerson[];
  /**
   * The addresses, protected ones included with whom they are protected for: a card never leaves
   * the server, and every match reads an address only through `presentAddress` for the reader.
   */
  addresses?: CardAddress[];
};
export type CardPerson = Pick<PersonInput, 'id' | 'firstName' | 'lastName' | 'dateOfBirth' | 'relationships'>;
export type CardAddress = Omit<CaseAddress, 'recordedBy' | 'recordedAt'> & { recordedBy: { agency: string } };

export function caseCard(summary: CaseSummary): CaseCard {
  const { id, reference, receivedAt, status, children, restrictedTo, openedBy } = summary;
  const people = (summary.people ?? []).map(({ id, firstName, lastName, dateOfBirth, relationships }) => ({ id, firstName, lastName, dateOfBirth, relationships }));
  const addresses = (summary.addresses ?? []).flatMap((a): CardAddress[] => {
    if (a.withheld) return [];
    const { recordedAt: _at, recordedBy, ...address } = a;
    return [{ ...address, recordedBy: { agency: recordedBy.agency } }];
  });
  // Left out when empty: a case without people has the card it had before people were recorded.
  return { id, reference, receivedAt, status, children, restrictedTo, openedBy: { agency: openedBy.agency }, ...(people.length ? { people } : {}), ...(addresses.length ? { addresses } : {}) };
}

const place = (e: IndexEntry) => (e.kind === 'z' ? `z ${e.name} ${e.member}` : `h ${e.name} ${e.field}`);

/** The writes that move a case's index entries from `before` to `after` (null: not filed / erased). */
export function indexChanges(before: CaseSummary | null, after: CaseSummary | null): IndexChange[] {
  const caseId = (after ?? before)?.id;
  if (!caseId) return [];
  const shard = caseShardOf(caseId);
  const key = (name: string) => caseIndexKey(shard, name);
  const identity = !(before && after && sameIdentity(before, after));
  const was = new Map((before ? caseIndexEntries(before, identity) : []).map((e) => [place(e), e]));
  const now = new Map((after ? caseIndexEntries(after, identity) : []).map((e) => [place(e), e]));
  const changes: IndexChange[] = [];
  for (const [where, e] of was) {
    if (now.has(where)) continue;
    changes.push(e.kind === 'z' ? { op: 'zrem', key: key(e.name), member: e.member } : { op: 'hdel', key: key(e.name), field: e.field });
  }
  for (const [where, e] of now) {
    const old = was.get(where);
    if (e.kind === 'z' && !(old?.kind === 'z' && old.score === e.score)) changes.push({ op: 'zadd', key: key(e.name), score: e.score, member: e.member });
    if (e.kind === 'h' && !(old?.kind === 'h' && old.value === e.value)) changes.push({ op: 'hset', key: key(e.name), field: e.field, value: e.value });
  }
  return changes;
}

/** A position in a list newest first: the score and member of the last row given. */
export interface IndexCursor {
  score: number;
  id: string;
}

export const encodeCursor = (c: IndexCursor): string => `${c.score}_${c.id}`;
export function decodeCursor(text: string): IndexCursor | null {
  const m = /^(-?\d+)_([A-Za-z0-9-]{1,64})$/.exec(text);
  return m ? { score: Number(m[1]), id: m[2]! } : null;
}

/** Filters of the paged case list; the first of status, outcome, rating, agency given picks the index walked. */
export interface CaseFilter {
  status?: CaseStatus;
  outcome?: string;
  rating?: Rating;
  agency?: string;
  /** Received at or after (ms). */
  receivedFrom?: number;
  /** Received before (ms). */
  receivedTo?: number;
}

type Scored = { id: string; score: number };
const newestFirst = (a: Scored, b: Scored) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function pairs(reply: string[]): Scored[] {
  const out: Scored[] = [];
  for (let i = 0; i < reply.length; i += 2) out.push({ id: reply[i]!, score: Number(reply[i + 1]) });
  return out;
}

/** Reads of the case indexes. Every method visits each shard once (or a bounded number of times). */
export class CaseIndex {
  constructor(private readonly redis: RedisClient) {}

  private all<T>(read: (shard: string) => Promise<T>): Promise<T[]> {
    return Promise.all(caseShards.map(read));
  }

  /** Every case id in an index, newest (highest score) first. For indexes bounded by open work, not history. */
  async members(name: string): Promise<string[]> {
    const perShard = await this.all(async (shard) => pairs(await this.redis.zrange(caseIndexKey(shard, name), 0, -1, 'WITHSCORES')));
    return perShard
      .flat()
      .sort(newestFirst)
      .map((s) => s.id);
  }

  /** Ids of cases not closed, newest received first. */
  openCaseIds(): Promise<string[]> {
    return this.members(INDEX.open);
  }

  /** Open information requests to an agency, soonest due first: bounded by the agency's open requests, not by history. */
  requestsTo(agency: string): Promise<WorkRef[]> {
    return this.workRefs(INDEX.agencyRequests(agency));
  }

  /** Open actions a user owns, soonest due first. */
  actionsOwnedBy(userId: string): Promise<WorkRef[]> {
    return this.workRefs(INDEX.ownerActions(userId));
  }

  /** Open cases a user leads, newest received first. */
  ledBy(userId: string): Promise<string[]> {
    return this.members(INDEX.lead(userId));
  }

  private async workRefs(name: string): Promise<WorkRef[]> {
    const perShard = await this.all(async (shard) => pairs(await this.redis.zrange(caseIndexKey(shard, name), 0, -1, 'WITHSCORES')));
    return perShard
      .flat()
      .map((s) => {
        const bar = s.id.indexOf('|');
        return { caseId: s.id.slice(0, bar), deadlineId: s.id.slice(bar + 1), dueAt: s.score };
      })
      .sort((a, b) => a.dueAt - b.dueAt || a.caseId.localeCompare(b.caseId) || a.deadlineId.localeCompare(b.deadlineId));
  }

  /** Ids of cases with an open deadline (deadline reconciliation). */
  withOpenDeadlines(): Promise<string[]> {
    return this.members(INDEX.openDeadlines);
  }

  /** Ids of cases with a deadline that started in [from, to). */
  async deadlinesStartedBetween(from: number, to: number): Promise<string[]> {
    const perShard = await this.all((shard) => this.redis.zrangebyscore(caseIndexKey(shard, INDEX.deadlineStarts), from, `(${to}`));
    return [...new Set(perShard.flat().map((m) => m.split('|')[0]!))];
  }

  /** Ids of closed cases whose retention review falls due at or before `until` (ms): bounded by reviews due, not by history. */
  async retentionDueBy(until: number): Promise<string[]> {
    return (await this.all((shard) => this.redis.zrangebyscore(caseIndexKey(shard, INDEX.retention), '-inf', until))).flat();
  }

  /** Ids of erased cases whose clearing elsewhere is unfinished (normally none). */
  async erasurePending(): Promise<string[]> {
    return (await this.all((shard) => this.redis.zrange(caseIndexKey(shard, INDEX.erasurePending), 0, -1))).flat();
  }

  /** The erased case that had this reference, if any. */
  async erasedIdByReference(reference: string): Promise<string | null> {
    const found = await this.all((shard) => this.redis.hget(caseIndexKey(shard, INDEX.erasedReference), reference.trim().toUpperCase()));
    return found.find((id) => id !== null) ?? null;
  }

  /** The case with this reference, if any. */
  async idByReference(reference: string): Promise<string | null> {
    const found = await this.all((shard) => this.redis.hget(caseIndexKey(shard, INDEX.reference), reference.trim().toUpperCase()));
    return found.find((id) => id !== null) ?? null;
  }

  /** The cards of these cases (those that exist), one read per shard, in the order asked. */
  async cards(caseIds: readonly string[]): Promise<CaseCard[]> {
    const byShard = new Map<string, string[]>();
    for (const id of caseIds) {
      const shard = caseShardOf(id);
      byShard.set(shard, [...(byShard.get(shard) ?? []), id]);
    }
    const found = new Map<string, CaseCard>();
    await Promise.all(
      [...byShard].map(async ([shard, ids]) => {
        const values = await this.redis.hmget(caseIndexKey(shard, INDEX.card), ...ids);
        values.forEach((json, i) => json && found.set(ids[i]!, JSON.parse(json) as CaseCard));
      }),
    );
    return caseIds.map((id) => found.get(id)).filter((c): c is CaseCard => c !== undefined);
  }

  /** Ids filed under any of these search terms, newest received first, at most `perTerm` per term and shard. */
  async searchCandidates(terms: readonly string[], perTerm: number): Promise<string[]> {
    if (terms.length === 0) return [];
    const perShard = await this.all(async (shard) =>
      (await Promise.all(terms.map(async (term) => pairs(await this.redis.zrevrange(caseIndexKey(shard, INDEX.search(term)), 0, perTerm - 1, 'WITHSCORES'))))).flat(),
    );
    const best = new Map<string, Scored>();
    for (const s of perShard.flat()) best.set(s.id, s);
    return [...best.values()].sort(newestFirst).map((s) => s.id);
  }

  /**
   * One page of the case list, newest received first, filtered; `next` continues after the last
   * row. A case `visible` refuses (restricted from the reader) is skipped like a filter mismatch,
   * so the page and its cursor hold only cases the reader may see.
   */
  async page(filter: CaseFilter, limit: number, after?: IndexCursor, visible?: (card: CaseCard) => boolean): Promise<{ ids: string[]; next: IndexCursor | null }> {
    const walked = filter.status
      ? INDEX.status(filter.status)
      : filter.outcome
        ? INDEX.outcome(filter.outcome)
        : filter.rating
          ? INDEX.rating(filter.rating)
          : filter.agency
            ? INDEX.agency(filter.agency)
            : INDEX.received;
    const checked = [filter.outcome ? INDEX.outcome(filter.outcome) : null, filter.rating ? INDEX.rating(filter.rating) : null, filter.agency ? INDEX.agency(filter.agency) : null].filter(
      (n): n is string => n !== null && n !== walked,
    );
    const max = Math.min(after?.score ?? Number.POSITIVE_INFINITY, filter.receivedTo === undefined ? Number.POSITIVE_INFINITY : filter.receivedTo - 1);
    const min = filter.receivedFrom ?? Number.NEGATIVE_INFINITY;
    const bound = (n: number) => (n === Number.POSITIVE_INFINITY ? '+inf' : n === Number.NEGATIVE_INFINITY ? '-inf' : String(n));
    const beyondCursor = (s: Scored) => after !== undefined && (s.score > after.score || (s.score === after.score && s.id >= after.id));

    const perShard = await this.all(async (shard) => {
      const found: Scored[] = [];
      let offset = 0;
      const batch = Math.max(limit, 50);
      for (;;) {
        const rows = pairs(await this.redis.zrevrangebyscore(caseIndexKey(shard, walked), bound(max), bound(min), 'WITHSCORES', 'LIMIT', offset, batch));
        offset += rows.length;
        const candidates = rows.filter((r) => !beyondCursor(r));
        const matching = checked.length === 0 ? candidates : await this.filterByMembership(shard, candidates, checked);
        const kept = visible ? await this.filterByCard(shard, matching, visible) : matching;
        found.push(...kept);
        if (found.length >= limit || rows.length < batch) return found.slice(0, limit);
      }
    });
    const merged = perShard.flat().sort(newestFirst);
    const rows = merged.slice(0, limit);
    const last = rows[rows.length - 1];
    return { ids: rows.map((r) => r.id), next: rows.length === limit && last ? { score: last.score, id: last.id } : null };
  }

  private async filterByCard(shard: string, rows: Scored[], visible: (card: CaseCard) => boolean): Promise<Scored[]> {
    if (rows.length === 0) return rows;
    const cards = await this.redis.hmget(caseIndexKey(shard, INDEX.card), ...rows.map((r) => r.id));
    return rows.filter((_, i) => cards[i] !== null && visible(JSON.parse(cards[i]!) as CaseCard));
  }

  private async filterByMembership(shard: string, rows: Scored[], names: string[]): Promise<Scored[]> {
    const checks = await Promise.all(rows.map((r) => Promise.all(names.map((n) => this.redis.zscore(caseIndexKey(shard, n), r.id)))));
    return rows.filter((_, i) => checks[i]!.every((score) => score !== null));
  }
}
