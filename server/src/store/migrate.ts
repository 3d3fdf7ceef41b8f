/**
 * Start-up migration of the key layout written by earlier versions. Each step runs once (the
 * `mash:schema` key records the layout this Redis holds), is idempotent if interrupted, and walks
 * the old keys only then: everyday reads never do.
 *
 * Key families (`key-migration.ts`): users, sessions and agencies move to hash-tagged names.
 * Layout 2: case keys move from `mash:{case:<id>}:*` (a slot per case) to their shard,
 * `mash:{cases:<shard>}:case:<id>:*`, and meeting keys to `mash:{meetings}:meeting:<id>:*`, so each
 * case is indexed in the same atomic step as its events; the indexes are built from the summaries.
 *
 * Layout 3: the search terms (`shared/src/search.ts`) are filed anew: every `idx:search:*` key is
 * dropped and each case filed under the terms it has now. A later change to what a case is filed
 * under (`childSearchKeys`, `caseSearchKeys`) needs a step like this one, or cases not changed
 * since would not be found by their new terms.
 *
 * Layout 4: the work lists (`workEntries`: open requests by agency, open actions by owner, open
 * cases by lead) are filed for every open case; a closed case has no open work to file.
 */
import { execAll, isCluster, type RedisClient } from '../redis.ts';
import { migrateKeyFamilies } from './key-migration.ts';
import { upcastSummary, type CaseSummary } from '@mashboard/shared';
import type { Logger } from '../logger.ts';
import { caseIndexEntries, CaseIndex, INDEX, indexChanges, workEntries, type IndexChange } from './case-index.ts';
import { aggregateKey, caseIndexKey, caseShardOf, keys, type AggregateFamily, type AggregatePart } from './keys.ts';

export const SCHEMA_VERSION = 4;

const LEGACY_AGGREGATE_KEY = /^mash:\{(case|meeting):([^}]+)\}:(events|summary|entries|commands|presence)$/;
const LEGACY_CASE_INDEX = 'mash:cases:by-received';
const LEGACY_MEETING_INDEX = 'mash:meetings:by-date';

async function applyChanges(redis: RedisClient, changes: IndexChange[]): Promise<void> {
  if (changes.length === 0) return;
  const tx = redis.multi();
  for (const c of changes) {
    if (c.op === 'zadd') tx.zadd(c.key, c.score, c.member);
    else if (c.op === 'zrem') tx.zrem(c.key, c.member);
    else if (c.op === 'hset') tx.hset(c.key, c.field, c.value);
    else tx.hdel(c.key, c.field);
  }
  await execAll(tx);
}

async function toLayout2(redis: RedisClient, log: Logger): Promise<void> {
  let moved = 0;
  const cases = new Set<string>();
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', 'mash:{*', 'COUNT', 1000);
    cursor = next;
    for (const old of found) {
      const m = LEGACY_AGGREGATE_KEY.exec(old);
      if (!m) continue;
      const [, family, id, part] = m as unknown as [string, AggregateFamily, string, AggregatePart];
      // RENAMENX: a key already moved (an interrupted earlier run) is never overwritten.
      if (await redis.renamenx(old, aggregateKey(family, id, part))) moved += 1;
      if (family === 'case') cases.add(id);
    }
  } while (cursor !== '0');
  for (const id of await redis.zrange(LEGACY_CASE_INDEX, 0, -1)) cases.add(id);
  for (const id of cases) {
    const json = await redis.hget(aggregateKey('case', id, 'summary'), 'json');
    if (json) await applyChanges(redis, indexChanges(null, JSON.parse(json) as CaseSummary));
  }
  const meetings = await redis.zrange(LEGACY_MEETING_INDEX, 0, -1, 'WITHSCORES');
  for (let i = 0; i < meetings.length; i += 2) await redis.zadd(keys.meetingIndex(), meetings[i + 1]!, meetings[i]!);
  await redis.del(LEGACY_CASE_INDEX, LEGACY_MEETING_INDEX);
  log.info({ moved, cases: cases.size, meetings: meetings.length / 2 }, 'migrated case and meeting keys to layout 2');
}

async function toLayout3(redis: RedisClient, log: Logger): Promise<void> {
  let dropped = 0;
  // Every node of a cluster holds some shards' keys: scan each.
  for (const node of isCluster(redis) ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', 'mash:{cases:*}:idx:search:*', 'COUNT', 1000);
      cursor = next;
      // One key at a time: the shards are separate hash slots.
      for (const key of found) dropped += await redis.del(key);
    } while (cursor !== '0');
  }
  const ids = await new CaseIndex(redis).members(INDEX.received);
  for (const id of ids) {
    const json = await redis.hget(aggregateKey('case', id, 'summary'), 'json');
    if (!json) continue;
    const shard = caseShardOf(id);
    const refiled = caseIndexEntries(JSON.parse(json) as CaseSummary).flatMap((e): IndexChange[] =>
      e.kind === 'z' && e.name.startsWith(INDEX.search('')) ? [{ op: 'zadd', key: caseIndexKey(shard, e.name), score: e.score, member: e.member }] : [],
    );
    await applyChanges(redis, refiled);
  }
  log.info({ dropped, cases: ids.length }, 'filed every case under its search terms (layout 3)');
}

async function toLayout4(redis: RedisClient, log: Logger): Promise<void> {
  const ids = await new CaseIndex(redis).openCaseIds();
  for (const id of ids) {
    const json = await redis.hget(aggregateKey('case', id, 'summary'), 'json');
    if (!json) continue;
    const shard = caseShardOf(id);
    const filed = workEntries(upcastSummary(JSON.parse(json) as CaseSummary)).flatMap((e): IndexChange[] =>
      e.kind === 'z' ? [{ op: 'zadd', key: caseIndexKey(shard, e.name), score: e.score, member: e.member }] : [],
    );
    await applyChanges(redis, filed);
  }
  log.info({ cases: ids.length }, 'filed every open case in the work lists (layout 4)');
}

/**
 * Bring the key layout up to date before anything reads or writes. Only a standalone Redis can
 * hold a layout before 2 (earlier versions could not run on a cluster); layout 3 re-files search
 * terms on either.
 */
export async function migrate(redis: RedisClient, log: Logger): Promise<void> {
  await migrateKeyFamilies(redis, log);
  const version = Number((await redis.get(keys.schemaVersion())) ?? '0');
  if (version >= SCHEMA_VERSION) return;
  if (version < 2 && !isCluster(redis)) await toLayout2(redis, log);
  if (version < 3) await toLayout3(redis, log);
  if (version < 4) await toLayout4(redis, log);
  await redis.set(keys.schemaVersion(), String(SCHEMA_VERSION));
}
