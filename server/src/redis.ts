/** The Redis connection (ioredis, the one client) and the start-up check of its durability settings. */
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';

/** A connection; `blocking` ones (BullMQ workers, stream readers) retry for ever, as BullMQ requires. */
export function connectRedis(url: string, name: string, options: { blocking?: boolean } = {}): Redis {
  return new Redis(url, {
    connectionName: `mashboard:${name}`,
    // Commands wait while Redis restarts instead of failing at once; a write is only
    // acknowledged to a user after Redis has answered it.
    maxRetriesPerRequest: options.blocking ? null : 20,
    // No auto-pipelining: it delays every command to the next turn of the event loop and builds a
    // pipeline object per batch; measured, plain writes gave lower latency and less garbage.
    enableAutoPipelining: false,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
}

export interface DurabilityReport {
  appendonly: string;
  appendfsync: string;
  maxmemoryPolicy: string;
  problems: string[];
}

/** Redis is the system of record: it must persist every write and never evict. */
export async function checkDurability(redis: Redis): Promise<DurabilityReport> {
  const get = async (key: string) => {
    const reply = (await redis.config('GET', key)) as string[];
    return reply[1] ?? '';
  };
  const [appendonly, appendfsync, maxmemoryPolicy] = await Promise.all([
    get('appendonly'),
    get('appendfsync'),
    get('maxmemory-policy'),
  ]);
  const problems: string[] = [];
  if (appendonly !== 'yes') problems.push('AOF persistence is off (set appendonly yes): a Redis restart would lose case records');
  if (appendonly === 'yes' && appendfsync !== 'always') {
    problems.push(`appendfsync is ${appendfsync}: an acknowledged write can be lost in a crash (set appendfsync always)`);
  }
  if (maxmemoryPolicy !== 'noeviction') {
    problems.push(`maxmemory-policy is ${maxmemoryPolicy}: Redis may evict case records (set maxmemory-policy noeviction)`);
  }
  return { appendonly, appendfsync, maxmemoryPolicy, problems };
}

export async function enforceDurability(redis: Redis, env: string, log: Logger): Promise<void> {
  const report = await checkDurability(redis);
  if (report.problems.length === 0) return;
  if (env === 'production') {
    throw new Error(`Refusing to start: Redis is not safe as the system of record:\n  - ${report.problems.join('\n  - ')}`);
  }
  for (const problem of report.problems) {
    log.warn(`REDIS NOT DURABLE: ${problem}. Allowed outside production only.`);
  }
}
