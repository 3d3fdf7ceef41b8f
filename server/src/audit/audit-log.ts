/**
 * The audit log: append-only and hash-chained. Every entry holds the hash of the one before, and
 * its own hash covers that link and its content, so editing or deleting any entry breaks the chain
 * from there on (`npm run audit:verify` names the first broken link). Entries are appended in
 * batches: in this process one batch at a time, chained in Node (SHA-256), and written by a script
 * that refuses the batch if another process moved the head meanwhile (then it is re-chained).
 * Indexes by case and by user let an auditor ask who viewed a child's record. Owns `mash:{audit}:*`.
 * Entries never hold case content: who, what kind of object, which id, what action, the outcome.
 */
import { createHash } from 'node:crypto';
import type { Result } from 'ioredis';
import type { RedisClient } from '../redis.ts';
import type { Actor } from '@mashboard/shared';
import type { Logger } from '../logger.ts';
import { metrics } from '../observability/metrics.ts';

export const auditKeys = {
  log: () => 'mash:{audit}:log',
  head: () => 'mash:{audit}:head',
  byCase: (caseId: string) => `mash:{audit}:by-case:${caseId}`,
  byUser: (userId: string) => `mash:{audit}:by-user:${userId}`,
};

export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'allowed' | 'denied' | 'failed' | 'succeeded';

export interface AuditEvent {
  /** e.g. case.read, case.events.read, contribution.add, sign-in, sign-out, user.disable, export. */
  action: string;
  outcome: AuditOutcome;
  /** Who: absent for an unknown user (a failed sign-in names the username tried in `detail`). */
  actor?: Pick<Actor, 'userId' | 'name' | 'agency' | 'role'>;
  objectType?: string;
  objectId?: string;
  caseId?: string;
  /** Short, content-free detail: a refusal code, the username tried, the fields changed. */
  detail?: string;
  /** rest or socket, and the client address. */
  channel?: string;
  ip?: string;
}

export interface AuditEntry extends AuditEvent {
  at: string;
  prevHash: string;
  hash: string;
}

export interface StoredAuditEntry extends AuditEntry {
  /** Stream id. */
  id: string;
}

/** JSON with every object's keys sorted, at every depth: the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The hash of an entry: SHA-256 over the previous hash and the entry's canonical JSON. */
export function hashEntry(prevHash: string, event: AuditEvent & { at: string }): string {
  const canonical = canonicalJson(event);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * KEYS: log, head, then every index key the batch touches (each once). ARGV: expected head, new
 * head, n, entry JSON × n, then per entry the KEYS positions of its case index, its actor's user
 * index and, for an action on a user's account, that user's index (0: none).
 * Every key is declared and shares the `{audit}` tag: one slot. Returns 1, or the current head if
 * it is not the expected one (another process appended first).
 */
const APPEND_SCRIPT = `
local head = redis.call('GET', KEYS[2]) or '${GENESIS_HASH}'
if head ~= ARGV[1] then return head end
local n = tonumber(ARGV[3])
for i = 1, n do
  local id = redis.call('XADD', KEYS[1], '*', 'e', ARGV[3 + i])
  local ms = tonumber(string.match(id, '^(%d+)'))
  for j = 1, 3 do
    local index = tonumber(ARGV[3 + n + (i - 1) * 3 + j])
    if index > 0 then redis.call('ZADD', KEYS[index], ms, id) end
  end
end
redis.call('SET', KEYS[2], ARGV[2])
return 1
`;

/** The script's KEYS and ARGV for a chained batch. */
export function appendArguments(expectedHead: string, newHead: string, entries: AuditEntry[]): { keys: string[]; args: (string | number)[] } {
  const keys = [auditKeys.log(), auditKeys.head()];
  const position = new Map<string, number>();
  const positionOf = (key: string | undefined): number => {
    if (key === undefined) return 0;
    let at = position.get(key);
    if (at === undefined) {
      keys.push(key);
      at = keys.length; // Lua's KEYS are 1-based
      position.set(key, at);
    }
    return at;
  };
  // An action on a person's account (an admin resetting a password) is found under them too.
  const subject = (e: AuditEntry) => (e.objectType === 'user' && e.objectId && e.objectId !== e.actor?.userId ? auditKeys.byUser(e.objectId) : undefined);
  const indexArgs = entries.flatMap((e) => [
    positionOf(e.caseId ? auditKeys.byCase(e.caseId) : undefined),
    positionOf(e.actor?.userId ? auditKeys.byUser(e.actor.userId) : undefined),
    positionOf(subject(e)),
  ]);
  return { keys, args: [expectedHead, newHead, entries.length, ...entries.map((e) => JSON.stringify(e)), ...indexArgs] };
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    mashAuditAppend(...args: (string | number)[]): Result<1 | string, Context>;
  }
}

interface Pending {
  event: AuditEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class AuditLog {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  /** The head as this process last wrote or read it; the append script refuses it if another process moved on. */
  private knownHead: string | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly log: Logger,
    /** Off only to measure what auditing costs (the configuration refuses it in production). */
    private readonly enabled = true,
  ) {
    // The number of keys varies with the batch: it is passed first on each call.
    redis.defineCommand('mashAuditAppend', { lua: APPEND_SCRIPT });
  }

  /** Record an event; resolves once it is stored (callers await it before answering a read). */
  record(event: AuditEvent): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 500);
      try {
        await this.appendBatch(batch.map((p) => p.event));
        metrics.auditBatches.inc({ outcome: 'stored' });
        for (const p of batch) p.resolve();
      } catch (error) {
        metrics.auditBatches.inc({ outcome: 'failed' });
        this.log.error({ err: error }, 'audit append failed');
        for (const p of batch) p.reject(error);
      }
    }
    this.flushing = null;
  }

  private async appendBatch(events: AuditEvent[]): Promise<void> {
    let head = this.knownHead ?? (await this.redis.get(auditKeys.head())) ?? GENESIS_HASH;
    for (let attempt = 1; attempt <= 50; attempt++) {
      let prev = head;
      const at = new Date().toISOString();
      const entries = events.map((event) => {
        const withTime = { ...event, at };
        const hash = hashEntry(prev, { ...withTime, prevHash: prev } as AuditEvent & { at: string });
        const entry: AuditEntry = { ...withTime, prevHash: prev, hash };
        prev = hash;
        return entry;
      });
      const { keys, args } = appendArguments(head, prev, entries);
      const reply = await this.redis.mashAuditAppend(keys.length, ...keys, ...args);
      if (reply === 1) {
        this.knownHead = prev;
        return;
      }
      // Another process appended first: chain onto the head it left.
      metrics.auditRetries.inc();
      head = reply;
      this.knownHead = undefined;
      if (attempt > 1) await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
    }
    throw new Error('audit log head kept moving; entries not stored');
  }

  /** Entries about a case (or by a user), newest first, optionally within [fromMs, toMs). */
  async entriesFor(index: { caseId: string } | { userId: string }, range: { fromMs?: number; toMs?: number; limit?: number } = {}): Promise<StoredAuditEntry[]> {
    const key = 'caseId' in index ? auditKeys.byCase(index.caseId) : auditKeys.byUser(index.userId);
    const max = range.toMs !== undefined ? `(${range.toMs}` : '+inf';
    const min = range.fromMs !== undefined ? String(range.fromMs) : '-inf';
    const ids = await this.redis.zrevrangebyscore(key, max, min, 'LIMIT', 0, range.limit ?? 500);
    const entries = await Promise.all(ids.map((id) => this.redis.xrange(auditKeys.log(), id, id)));
    return entries.flatMap((found) => found.map(([id, fields]) => ({ id, ...(JSON.parse(fields[1]!) as AuditEntry) })));
  }

  /** The head hash (for anchoring in an external log). */
  async head(): Promise<string> {
    return (await this.redis.get(auditKeys.head())) ?? GENESIS_HASH;
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first entry whose link or hash does not hold. */
  firstBroken?: { id: string; index: number; reason: string };
  head: string;
}

/** Walk the whole chain in order, recomputing every hash. */
export async function verifyAuditChain(redis: RedisClient, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let index = 0;
  let start = '-';
  for (;;) {
    const page = (await redis.xrange(auditKeys.log(), start, '+', 'COUNT', pageSize)) as [string, string[]][];
    for (const [id, fields] of page) {
      let entry: AuditEntry;
      try {
        entry = JSON.parse(fields[1]!) as AuditEntry;
      } catch {
        return { ok: false, checked: index, firstBroken: { id, index, reason: 'entry is not valid JSON' }, head: prev };
      }
      if (entry.prevHash !== prev) {
        return { ok: false, checked: index, firstBroken: { id, index, reason: 'link broken: prevHash is not the hash of the entry before (an entry was removed, inserted or reordered)' }, head: prev };
      }
      const { hash, ...rest } = entry;
      if (hashEntry(prev, rest) !== hash) {
        return { ok: false, checked: index, firstBroken: { id, index, reason: 'hash does not match the content (the entry was edited)' }, head: prev };
      }
      prev = hash;
      index += 1;
    }
    if (page.length < pageSize) break;
    start = `(${page[page.length - 1]![0]}`;
  }
  const storedHead = (await redis.get(auditKeys.head())) ?? GENESIS_HASH;
  if (storedHead !== prev) {
    return { ok: false, checked: index, firstBroken: { id: 'head', index, reason: 'the last entry is not the recorded head (entries were removed from the end)' }, head: prev };
  }
  return { ok: true, checked: index, head: prev };
}
