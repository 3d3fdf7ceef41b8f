/**
 * The audit chain stays one unbroken chain when several server processes append at once: each
 * process keeps the head it last wrote, and when another process moved it meanwhile the append is
 * refused and re-chained on the head Redis holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { AuditLog, auditKeys, verifyAuditChain } from '../../server/src/audit/audit-log.ts';
import { createLogger } from '../../server/src/logger.ts';
import { startRedis, type RedisHandle } from '../support/redis.ts';

let redis: RedisHandle;
const connections: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis({ aof: true });
});
afterAll(async () => {
  for (const c of connections) c.disconnect();
  await redis?.dispose();
});

function processLog(): AuditLog {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: 5 });
  connections.push(connection);
  return new AuditLog(connection, createLogger('silent'));
}

describe('the audit chain with several writers', () => {
  it('three processes recording at the same time leave every entry in one chain that verifies', async () => {
    const logs = [processLog(), processLog(), processLog()];
    const actor = { userId: 'u-1', name: 'Sam Okafor', agency: 'social-care', role: 'practitioner' as const };
    // Rounds of concurrent records, so each process appends many batches while the others move the head.
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        logs.flatMap((log, p) =>
          Array.from({ length: 5 }, (_, i) => log.record({ action: 'case.read', outcome: 'allowed', actor, caseId: `case-${p}`, objectType: 'case', objectId: `r${round}-${i}` })),
        ),
      );
    }
    const checker = new Redis(redis.url);
    connections.push(checker);
    const result = await verifyAuditChain(checker);
    expect(result).toMatchObject({ ok: true, checked: 300 });
    expect(await checker.xlen(auditKeys.log())).toBe(300);
    // The per-case index names every entry of each process's case.
    for (let p = 0; p < 3; p++) expect(await checker.zcard(auditKeys.byCase(`case-${p}`))).toBe(100);
  });
});
