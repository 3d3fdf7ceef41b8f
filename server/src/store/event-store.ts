/**
 * The case event store: a per-case append-only Redis stream (never trimmed), the case's
 * projection (summary and entries), and the record of applied commands, all written in one
 * atomic Lua step. Owns the `mash:{case:<id>}:events|summary|entries|commands` keys.
 */
import type { Redis, Result } from 'ioredis';
import type { BoardEntry, CaseEvent, CaseSummary, CaseView } from '@mashboard/shared';
import { keys } from './keys.ts';

/**
 * KEYS: events, summary, entries, commands.
 * ARGV: commandId, expectedVersion, resultNote, eventCount, event JSON × eventCount,
 *       summary JSON, entryCount, (entryId, entry JSON) × entryCount.
 * Returns {'duplicate', record} | {'conflict', currentVersion} | {'ok', version, id1, id2, …}.
 */
const APPEND_SCRIPT = `
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
redis.call('HSET', KEYS[4], ARGV[1], version .. ' ' .. lastId .. ' ' .. ARGV[3])
reply[2] = tostring(version)
return reply
`;

/** What an already-applied command left: the case version and last event id after it, and a note (e.g. the entry id). */
export interface AppliedCommand {
  version: number;
  lastEventId: string;
  note: string;
}

export type AppendOutcome =
  | { kind: 'ok'; version: number; eventIds: string[] }
  | { kind: 'duplicate'; applied: AppliedCommand }
  | { kind: 'conflict'; currentVersion: number };

export interface AppendRequest {
  caseId: string;
  commandId: string;
  expectedVersion: number;
  /** Events to append; their `id` is assigned by Redis and ignored here. */
  events: CaseEvent[];
  summary: CaseSummary;
  entries: BoardEntry[];
  /** Kept with the command record, returned for a retried command (e.g. the entry id). */
  note?: string;
}

type AppendReply = [string, ...string[]];

declare module 'ioredis' {
  interface RedisCommander<Context> {
    mashAppend(...args: (string | number)[]): Result<AppendReply, Context>;
  }
}

function parseApplied(record: string): AppliedCommand {
  const [version, lastEventId, ...note] = record.split(' ');
  return { version: Number(version), lastEventId: lastEventId ?? '', note: note.join(' ') };
}

function withStoredPosition(json: string, version: string, lastEventId: string): CaseSummary {
  const summary = JSON.parse(json) as CaseSummary;
  summary.version = Number(version);
  summary.lastEventId = lastEventId;
  return summary;
}

function parseStreamEntries(entries: [string, string[]][]): CaseEvent[] {
  return entries.map(([id, fields]) => {
    const event = JSON.parse(fields[1]!) as CaseEvent;
    event.id = id;
    return event;
  });
}

export class EventStore {
  constructor(private readonly redis: Redis) {
    redis.defineCommand('mashAppend', { numberOfKeys: 4, lua: APPEND_SCRIPT });
  }

  /** Append events and write the projection atomically, unless the command was applied already or the version moved. */
  async append(req: AppendRequest): Promise<AppendOutcome> {
    const { caseId } = req;
    const args: (string | number)[] = [
      keys.caseEvents(caseId),
      keys.caseSummary(caseId),
      keys.caseEntries(caseId),
      keys.caseCommands(caseId),
      req.commandId,
      req.expectedVersion,
      req.note ?? '',
      req.events.length,
      ...req.events.map(({ id: _id, ...event }) => JSON.stringify(event)),
      JSON.stringify(req.summary),
      req.entries.length,
      ...req.entries.flatMap((entry) => [entry.id, JSON.stringify(entry)]),
    ];
    const reply = await this.redis.mashAppend(...args);
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
    const record = await this.redis.hget(keys.caseCommands(caseId), commandId);
    return record ? parseApplied(record) : null;
  }

  async readSummary(caseId: string): Promise<CaseSummary | null> {
    const [json, version, lastEventId] = await this.redis.hmget(keys.caseSummary(caseId), 'json', 'version', 'lastEventId');
    return json ? withStoredPosition(json, version!, lastEventId!) : null;
  }

  async readSummaries(caseIds: string[]): Promise<CaseSummary[]> {
    const summaries = await Promise.all(caseIds.map((id) => this.readSummary(id)));
    return summaries.filter((s): s is CaseSummary => s !== null);
  }

  async readEntry(caseId: string, entryId: string): Promise<BoardEntry | null> {
    const json = await this.redis.hget(keys.caseEntries(caseId), entryId);
    return json ? (JSON.parse(json) as BoardEntry) : null;
  }

  /** The whole case as one consistent snapshot (summary and entries read in one transaction). */
  async readView(caseId: string): Promise<CaseView | null> {
    const replies = await this.redis
      .multi()
      .hmget(keys.caseSummary(caseId), 'json', 'version', 'lastEventId')
      .hvals(keys.caseEntries(caseId))
      .exec();
    if (!replies) throw new Error('transaction aborted');
    const [summaryReply, entriesReply] = replies;
    if (summaryReply?.[0] || entriesReply?.[0]) throw summaryReply?.[0] ?? entriesReply?.[0];
    const [json, version, lastEventId] = summaryReply![1] as (string | null)[];
    if (!json) return null;
    const entries = (entriesReply![1] as string[])
      .map((e) => JSON.parse(e) as BoardEntry)
      .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
    return { summary: withStoredPosition(json, version!, lastEventId!), entries };
  }

  /** Events strictly after `afterId` (or from the start), in order, at most `count`. */
  async readEventsAfter(caseId: string, afterId: string | undefined, count: number): Promise<{ events: CaseEvent[]; more: boolean }> {
    const start = afterId ? `(${afterId}` : '-';
    const entries = (await this.redis.xrange(keys.caseEvents(caseId), start, '+', 'COUNT', count + 1)) as [string, string[]][];
    const more = entries.length > count;
    return { events: parseStreamEntries(more ? entries.slice(0, count) : entries), more };
  }
}
