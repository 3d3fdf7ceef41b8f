/**
 * The case event store: a per-case append-only Redis stream (never trimmed), the case's
 * projection (summary and entries), and the record of applied commands, all written in one
 * atomic Lua step with the index entries the change moves (`store/case-index.ts`). Owns the
 * `mash:{cases:<shard>}:case:<id>:events|summary|entries|commands|tombstone` keys; erasure (retention) is
 * the one step that deletes them.
 */
import type { Result } from 'ioredis';
import type { RedisClient } from '../redis.ts';
import { upcastEntry, upcastEvent, upcastSummary, type BoardEntry, type CaseEvent, type CaseAccess, type CaseSummary, type CaseTombstone, type CaseView } from '@mashboard/shared';
import { aggregateKey, caseIndexKey, caseShardOf, keys, type AggregateFamily, type AggregatePart } from './keys.ts';
import { CaseIndex, indexChanges, INDEX, type IndexChange } from './case-index.ts';
import { metrics, secondsSince } from '../observability/metrics.ts';

/**
 * Lua shared by the scripts that move a case's index entries: from ARGV[at], a count and then
 * (op, key number, a, b) × count: zadd key score member | zrem key member | hset key field value |
 * hdel key field. Returns an error reply for an unknown op, else nil.
 */
const APPLY_INDEX_CHANGES = `
local function applyIndexChanges(at)
  local c = tonumber(ARGV[at])
  local i = at + 1
  for k = 1, c do
    local op, key = ARGV[i], KEYS[tonumber(ARGV[i + 1])]
    if op == 'zadd' then redis.call('ZADD', key, ARGV[i + 2], ARGV[i + 3])
    elseif op == 'zrem' then redis.call('ZREM', key, ARGV[i + 2])
    elseif op == 'hset' then redis.call('HSET', key, ARGV[i + 2], ARGV[i + 3])
    elseif op == 'hdel' then redis.call('HDEL', key, ARGV[i + 2])
    else return redis.error_reply('unknown index op ' .. op) end
    i = i + 4
  end
  return nil
end
`;

/**
 * KEYS: events, summary, entries, commands, then the index keys the changes name (same hash tag).
 * ARGV: commandId, expectedVersion, resultNote, eventCount, event JSON × eventCount,
 *       summary JSON, entryCount, (entryId, entry JSON) × entryCount,
 *       changeCount, (op, key number, a, b) × changeCount (zadd key score member | zrem key member |
 *       hset key field value | hdel key field).
 * Returns {'duplicate', record} | {'conflict', currentVersion} | {'ok', version, id1, id2, …}.
 */
const APPEND_SCRIPT = `${APPLY_INDEX_CHANGES}
local done = redis.call('HGET', KEYS[4], ARGV[1])
if done then return {'duplicate', done} end
local version = tonumber(redis.call('HGET', KEYS[2], 'version') or '0')
if version ~= tonumber(ARGV[2]) then return {'conflict', tostring(version)} end
local n = tonumber(ARGV[4])
local i = 5
local reply = {'ok', ''}
local lastId = ''
for k = 1, n do
  version = version + 1
  lastId = redis.call('XADD', KEYS[1], '*', 'e', ARGV[i])
  reply[#reply + 1] = lastId
  i = i + 1
end
redis.call('HSET', KEYS[2], 'version', version, 'lastEventId', lastId, 'json', ARGV[i])
i = i + 1
local m = tonumber(ARGV[i])
i = i + 1
for k = 1, m do
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
local failed = applyIndexChanges(i)
if failed then return failed end
redis.call('HSET', KEYS[4], ARGV[1], version .. ' ' .. lastId .. ' ' .. ARGV[3])
reply[2] = tostring(version)
return reply
`;

/**
 * Erasure of a case (not an append: the one place a case's record is deleted). All keys in the
 * case's slot. KEYS: events, summary, entries, commands, presence, tombstone, erased index,
 * erased-reference index, erasure-pending index, then the index keys the changes name.
 * ARGV: expected version, tombstone JSON, erased at (ms), case id, reference (upper case),
 *       changeCount, (op, key number, a, b) × changeCount as in the append script.
 * Returns {'ok'} | {'conflict', currentVersion}.
 */
const ERASE_SCRIPT = `${APPLY_INDEX_CHANGES}
local version = tonumber(redis.call('HGET', KEYS[2], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return {'conflict', tostring(version)} end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
local failed = applyIndexChanges(6)
if failed then return failed end
redis.call('HSET', KEYS[6], 'json', ARGV[2])
redis.call('ZADD', KEYS[7], ARGV[3], ARGV[4])
redis.call('HSET', KEYS[8], ARGV[5], ARGV[4])
redis.call('ZADD', KEYS[9], ARGV[3], ARGV[4])
return {'ok'}
`;

/**
 * Rewrite an aggregate's stream and projection whole, keeping every event id (erasure of a case
 * from a meeting's record). KEYS: events, summary. ARGV: expected lastEventId, summary JSON, n,
 * (id, event JSON) × n. Returns 1, or 0 if the aggregate moved since it was read.
 */
const REWRITE_SCRIPT = `
if redis.call('HGET', KEYS[2], 'lastEventId') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
local n = tonumber(ARGV[3])
for k = 1, n do redis.call('XADD', KEYS[1], ARGV[2 + k * 2], 'e', ARGV[3 + k * 2]) end
redis.call('HSET', KEYS[2], 'json', ARGV[2])
return 1
`;

/** The args an index change takes in the append and erase scripts. */
function changeArgs(c: IndexChange, n: number): (string | number)[] {
  switch (c.op) {
    case 'zadd':
      return [c.op, n, c.score, c.member];
    case 'zrem':
      return [c.op, n, c.member, ''];
    case 'hset':
      return [c.op, n, c.field, c.value];
    case 'hdel':
      return [c.op, n, c.field, ''];
  }
}

/** What an already-applied command left: the case version and last event id after it, and a note (e.g. the entry id). */
export interface AppliedCommand {
  version: number;
  lastEventId: string;
  note: string;
}

export type AppendOutcome = { kind: 'ok'; version: number; eventIds: string[] } | { kind: 'duplicate'; applied: AppliedCommand } | { kind: 'conflict'; currentVersion: number };

export interface AppendRequest<E = CaseEvent, S = CaseSummary, N = BoardEntry> {
  /** The case's or meeting's id. */
  aggregateId: string;
  commandId: string;
  expectedVersion: number;
  /** Events to append; their `id` is assigned by Redis and ignored here. */
  events: E[];
  summary: S;
  entries: N[];
  /** Kept with the command record, returned for a retried command (e.g. the entry id). */
  note?: string;
  /** The projection the append was decided on (null for a new aggregate): its index entries are moved to `summary`'s. */
  previous: S | null;
}

/** An aggregate's index writes for a change of its projection (keys in the aggregate's own hash tag). */
export type Indexer<S> = (before: S | null, after: S | null) => IndexChange[];

type AppendReply = [string, ...string[]];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    mashAppend(...args: (string | number)[]): Result<AppendReply, Context>;
    mashErase(...args: (string | number)[]): Result<string[], Context>;
    mashRewrite(...args: (string | number)[]): Result<number, Context>;
  }
}

function parseApplied(record: string): AppliedCommand {
  const [version, lastEventId, ...note] = record.split(' ');
  return { version: Number(version), lastEventId: lastEventId ?? '', note: note.join(' ') };
}

function withStoredPosition<S>(json: string, version: string, lastEventId: string): S {
  const summary = JSON.parse(json) as S & { version: number; lastEventId: string };
  summary.version = Number(version);
  summary.lastEventId = lastEventId;
  return summary;
}

function parseStreamEntries<E>(entries: [string, string[]][]): E[] {
  return entries.map(([id, fields]) => {
    const event = JSON.parse(fields[1]!) as E & { id: string };
    event.id = id;
    return event;
  });
}

/**
 * An event-sourced aggregate store over Redis: one stream, projection and command record per
 * aggregate. `EventStore` below is the one for cases; meetings use the same with their own types.
 */
export class AggregateStore<E extends { id: string }, S, N extends { id: string }> {
  constructor(
    protected readonly redis: RedisClient,
    private readonly family: AggregateFamily,
    private readonly indexer: Indexer<S>,
  ) {
    redis.defineCommand('mashAppend', { lua: APPEND_SCRIPT });
    redis.defineCommand('mashErase', { lua: ERASE_SCRIPT });
    redis.defineCommand('mashRewrite', { numberOfKeys: 2, lua: REWRITE_SCRIPT });
  }

  /**
   * Rewrite the whole stream and projection through `change` (event ids and order kept), unless
   * the aggregate moved meanwhile (then read again and retry). For erasure only: history is
   * otherwise never rewritten.
   */
  async rewrite(id: string, change: { event: (e: E) => E; summary: (s: S) => S }): Promise<boolean> {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const [json, version, lastEventId] = await this.redis.hmget(this.key(id, 'summary'), 'json', 'version', 'lastEventId');
      if (!json) return false;
      const raw = (await this.redis.xrange(this.key(id, 'events'), '-', '+')) as [string, string[]][];
      const events = parseStreamEntries<E>(raw).map(change.event);
      const summary = change.summary(withStoredPosition<S>(json, version!, lastEventId!));
      const reply = await this.redis.mashRewrite(
        this.key(id, 'events'),
        this.key(id, 'summary'),
        lastEventId!,
        JSON.stringify(summary),
        events.length,
        ...events.flatMap(({ id: eventId, ...event }) => [eventId, JSON.stringify(event)]),
      );
      if (reply === 1) return true;
      await new Promise((r) => setTimeout(r, Math.random() * 4 * attempt));
    }
    throw new Error(`aggregate ${id} kept changing during a rewrite`);
  }

  private key(id: string, part: AggregatePart): string {
    return aggregateKey(this.family, id, part);
  }

  /** Append events and write the projection atomically, unless the command was applied already or the version moved. */
  async append(req: AppendRequest<E, S, N>): Promise<AppendOutcome> {
    const { aggregateId } = req;
    const changes = this.indexer(req.previous, req.summary);
    const indexKeys = [...new Set(changes.map((c) => c.key))];
    const keyNumber = new Map(indexKeys.map((key, i) => [key, i + 5]));
    const args: (string | number)[] = [
      4 + indexKeys.length,
      this.key(aggregateId, 'events'),
      this.key(aggregateId, 'summary'),
      this.key(aggregateId, 'entries'),
      this.key(aggregateId, 'commands'),
      ...indexKeys,
      req.commandId,
      req.expectedVersion,
      req.note ?? '',
      req.events.length,
      ...req.events.map(({ id: _id, ...event }) => JSON.stringify(event)),
      JSON.stringify(req.summary),
      req.entries.length,
      ...req.entries.flatMap((entry) => [entry.id, JSON.stringify(entry)]),
      changes.length,
      ...changes.flatMap((c) => changeArgs(c, keyNumber.get(c.key)!)),
    ];
    const started = process.hrtime.bigint();
    const reply = await this.redis.mashAppend(...args).catch((error: unknown) => {
      metrics.appends.observe({ aggregate: this.family, outcome: 'error' }, secondsSince(started));
      throw error;
    });
    metrics.appends.observe({ aggregate: this.family, outcome: String(reply[0]) }, secondsSince(started));
    switch (reply[0]) {
      case 'ok':
        return { kind: 'ok', version: Number(reply[1]), eventIds: reply.slice(2) };
      case 'duplicate':
        return { kind: 'duplicate', applied: parseApplied(reply[1]!) };
      case 'conflict':
        return { kind: 'conflict', currentVersion: Number(reply[1]) };
      default:
        throw new Error(`unexpected append reply ${String(reply[0])}`);
    }
  }

  async findAppliedCommand(caseId: string, commandId: string): Promise<AppliedCommand | null> {
    const record = await this.redis.hget(this.key(caseId, 'commands'), commandId);
    return record ? parseApplied(record) : null;
  }

  async readSummary(caseId: string): Promise<S | null> {
    const [json, version, lastEventId] = await this.redis.hmget(this.key(caseId, 'summary'), 'json', 'version', 'lastEventId');
    return json ? withStoredPosition<S>(json, version!, lastEventId!) : null;
  }

  async readSummaries(caseIds: string[]): Promise<S[]> {
    const summaries = await Promise.all(caseIds.map((id) => this.readSummary(id)));
    return summaries.filter((s): s is Awaited<S> => s !== null);
  }

  async readEntry(caseId: string, entryId: string): Promise<N | null> {
    const json = await this.redis.hget(this.key(caseId, 'entries'), entryId);
    return json ? (JSON.parse(json) as N) : null;
  }

  /** The whole aggregate as one consistent snapshot (summary and entries read in one transaction). */
  async readView(caseId: string): Promise<{ summary: S; entries: N[] } | null> {
    const replies = await this.redis.multi().hmget(this.key(caseId, 'summary'), 'json', 'version', 'lastEventId').hvals(this.key(caseId, 'entries')).exec();
    if (!replies) throw new Error('transaction aborted');
    const [summaryReply, entriesReply] = replies;
    const failed = summaryReply?.[0] ?? entriesReply?.[0];
    if (failed) throw failed;
    const [json, version, lastEventId] = summaryReply![1] as (string | null)[];
    if (!json) return null;
    const recorded = (e: N) => (e as N & { recordedAt?: string }).recordedAt ?? '';
    const entries = (entriesReply![1] as string[]).map((e) => JSON.parse(e) as N).sort((a, b) => (recorded(a) < recorded(b) ? -1 : recorded(a) > recorded(b) ? 1 : 0));
    return { summary: withStoredPosition<S>(json, version!, lastEventId!), entries };
  }

  /** Events strictly after `afterId` (or from the start), in order, at most `count`. */
  async readEventsAfter(caseId: string, afterId: string | undefined, count: number): Promise<{ events: E[]; more: boolean }> {
    const start = afterId ? `(${afterId}` : '-';
    const entries = (await this.redis.xrange(this.key(caseId, 'events'), start, '+', 'COUNT', count + 1)) as [string, string[]][];
    const more = entries.length > count;
    return { events: parseStreamEntries<E>(more ? entries.slice(0, count) : entries), more };
  }
}

/** The case event store. Every read upcasts records written by earlier versions. */
export class EventStore extends AggregateStore<CaseEvent, CaseSummary, BoardEntry> {
  /** The case indexes this store keeps with every append. */
  readonly index: CaseIndex;

  constructor(redis: RedisClient) {
    super(redis, 'case', (before, after) => indexChanges(before ? upcastSummary(before) : null, after ? upcastSummary(after) : null));
    this.index = new CaseIndex(redis);
  }

  override async readSummary(caseId: string): Promise<CaseSummary | null> {
    const summary = await super.readSummary(caseId);
    return summary ? upcastSummary(summary) : null;
  }

  override async readEntry(caseId: string, entryId: string): Promise<BoardEntry | null> {
    const entry = await super.readEntry(caseId, entryId);
    return entry ? upcastEntry(entry) : null;
  }

  override async readView(caseId: string): Promise<CaseView | null> {
    const view = await super.readView(caseId);
    return view ? { summary: upcastSummary(view.summary), entries: view.entries.map(upcastEntry) } : null;
  }

  override async readEventsAfter(caseId: string, afterId: string | undefined, count: number): Promise<{ events: CaseEvent[]; more: boolean }> {
    const page = await super.readEventsAfter(caseId, afterId, count);
    return { events: page.events.map(upcastEvent), more: page.more };
  }

  /**
   * Erase a case in one atomic step on its shard: delete its stream, projection, entries, command
   * record and presence, remove it from every index (`indexChanges(summary, null)`), and write its
   * tombstone (filed as erased, by reference, and as pending the clearing of other places).
   * Refused as a conflict if the case moved from `summary`'s version meanwhile.
   */
  async erase(summary: CaseSummary, tombstone: CaseTombstone): Promise<{ kind: 'ok' } | { kind: 'conflict'; currentVersion: number }> {
    const caseId = summary.id;
    const shard = caseShardOf(caseId);
    const changes = indexChanges(summary, null);
    const fixed = [
      keys.caseEvents(caseId),
      keys.caseSummary(caseId),
      keys.caseEntries(caseId),
      keys.caseCommands(caseId),
      keys.casePresence(caseId),
      keys.caseTombstone(caseId),
      caseIndexKey(shard, INDEX.erased),
      caseIndexKey(shard, INDEX.erasedReference),
      caseIndexKey(shard, INDEX.erasurePending),
    ];
    const indexKeys = [...new Set(changes.map((c) => c.key))];
    const keyNumber = new Map(indexKeys.map((key, i) => [key, i + fixed.length + 1]));
    const reply = await this.redis.mashErase(
      fixed.length + indexKeys.length,
      ...fixed,
      ...indexKeys,
      summary.version,
      JSON.stringify(tombstone),
      Date.parse(tombstone.erasedAt),
      caseId,
      summary.reference.toUpperCase(),
      changes.length,
      ...changes.flatMap((c) => changeArgs(c, keyNumber.get(c.key)!)),
    );
    return reply[0] === 'ok' ? { kind: 'ok' } : { kind: 'conflict', currentVersion: Number(reply[1]) };
  }

  /** An erased case's tombstone, if it was erased. */
  /**
   * Who may see each of these cases, from its card (one read per shard) or, for an erased case,
   * its tombstone: the rule for anything still naming it (an alert blanked to its reference).
   */
  async access(caseIds: readonly string[]): Promise<Map<string, CaseAccess>> {
    const found = new Map<string, CaseAccess>((await this.index.cards(caseIds)).map((c) => [c.id, { restrictedTo: c.restrictedTo, openedBy: c.openedBy }]));
    for (const id of new Set(caseIds)) {
      if (found.has(id)) continue;
      const tombstone = await this.readTombstone(id);
      // A tombstone's restriction already names the agency that opened the case.
      if (tombstone) found.set(id, { restrictedTo: tombstone.restrictedTo, openedBy: { agency: tombstone.restrictedTo[0] ?? '' } });
    }
    return found;
  }

  async readTombstone(caseId: string): Promise<CaseTombstone | null> {
    const json = await this.redis.hget(keys.caseTombstone(caseId), 'json');
    return json ? (JSON.parse(json) as CaseTombstone) : null;
  }

  /** The clearing of other places is done: no longer pending. */
  async erasureCleared(caseId: string): Promise<void> {
    await this.redis.zrem(caseIndexKey(caseShardOf(caseId), INDEX.erasurePending), caseId);
  }
}
