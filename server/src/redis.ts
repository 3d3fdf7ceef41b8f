/**
 * The Redis connection (ioredis, the one client): one standalone Redis or a Redis Cluster, chosen by
 * the configuration; and the start-up check of durability settings on every master.
 */
import { Cluster, Redis, type ChainableCommander, type RedisOptions } from 'ioredis';
import type { Logger } from './logger.ts';

/** Where Redis is: one server by URL, or a cluster by its seed nodes. */
export type RedisTarget = { kind: 'standalone'; url: string } | { kind: 'cluster'; nodes: { host: string; port: number }[] };

/** A connection of either kind; both offer the same commands, transactions and scripts. */
export type RedisClient = Redis | Cluster;

/** For logs and messages: where the target is (never a password). */
export function describeTarget(target: RedisTarget): string {
  if (target.kind === 'cluster') return `cluster ${target.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
  const url = new URL(target.url);
  return `${url.protocol}//${url.host}`;
}

/**
 * A connection. `blocking` ones (BullMQ workers, stream readers) retry for ever, as BullMQ requires.
 * `failFast` ones (what answers users) never hold a command while Redis is away: sent while
 * disconnected it fails at once, one not answered within COMMAND_TIMEOUT_MS fails, and one in
 * flight when the connection drops is never sent again behind the user's back (the client resends
 * with the same command id, and a command already applied answers as a duplicate).
 */
export function connectRedis(target: RedisTarget, name: string, options: { blocking?: boolean; failFast?: boolean } = {}): RedisClient {
  const nodeOptions: RedisOptions = {
    connectionName: `mashboard:${name}`,
    maxRetriesPerRequest: options.blocking ? null : 20,
    ...(options.failFast ? { enableOfflineQueue: false, autoResendUnfulfilledCommands: false, commandTimeout: COMMAND_TIMEOUT_MS } : {}),
    // No auto-pipelining: it delays every command to the next turn of the event loop and builds a
    // pipeline object per batch; measured, plain writes gave lower latency and less garbage.
    enableAutoPipelining: false,
    retryStrategy: (times) => Math.min(times * 100, 2000),
  };
  if (target.kind === 'standalone') return new Redis(target.url, nodeOptions);
  // On a cluster the per-node options go in redisOptions (where BullMQ also looks for maxRetriesPerRequest).
  return new Cluster(target.nodes, {
    redisOptions: nodeOptions,
    ...(options.failFast ? { enableOfflineQueue: false } : {}),
    enableAutoPipelining: false,
    clusterRetryStrategy: (times) => Math.min(times * 100, 2000),
  });
}

/** How long a user's command may wait for Redis before it is answered 503 `unavailable`. */
export const COMMAND_TIMEOUT_MS = 5_000;

/** Wait until the connection is ready (a fail-fast one refuses commands until then). */
export async function redisReady(redis: RedisClient, timeoutMs = 30_000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const ready = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', ready);
    };
    redis.on('ready', ready);
  });
}

/** Whether an error says Redis is away (not answering, disconnected), not that a command was wrong. */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    error.name === 'ClusterAllFailedError' ||
    /enableOfflineQueue options is false|Connection is closed|Command timed out|connect ECONNREFUSED|Cluster isn't ready/i.test(error.message)
  );
}

/**
 * Run a transaction or pipeline and give its replies, or throw the first error: ioredis reports a
 * failed command (Redis away included) inside the replies, where it would otherwise read as "no
 * such key" or as a count of NaN.
 */
export async function execAll(tx: ChainableCommander): Promise<unknown[]> {
  const replies = await tx.exec();
  if (!replies) throw new Error('Redis transaction aborted');
  for (const [error] of replies) if (error) throw error;
  return replies.map(([, value]) => value);
}

export function isCluster(redis: RedisClient): redis is Cluster {
  return redis instanceof Cluster;
}

export interface NodeDurability {
  /** host:port of the server checked. */
  node: string;
  appendonly: string;
  appendfsync: string;
  maxmemoryPolicy: string;
}

export interface DurabilityReport {
  /** One per server checked: the standalone Redis, or every master of the cluster. */
  nodes: NodeDurability[];
  problems: string[];
}

async function checkNode(redis: Redis): Promise<{ settings: NodeDurability; problems: string[] }> {
  const get = async (key: string) => {
    const reply = (await redis.config('GET', key)) as string[];
    return reply[1] ?? '';
  };
  const [appendonly, appendfsync, maxmemoryPolicy] = await Promise.all([get('appendonly'), get('appendfsync'), get('maxmemory-policy')]);
  const node = `${redis.options.host ?? '127.0.0.1'}:${redis.options.port ?? 6379}`;
  const problems: string[] = [];
  if (appendonly !== 'yes') problems.push(`AOF persistence is off (set appendonly yes): a Redis restart would lose case records`);
  if (appendonly === 'yes' && appendfsync !== 'always') {
    problems.push(`appendfsync is ${appendfsync}: an acknowledged write can be lost in a crash (set appendfsync always)`);
  }
  if (maxmemoryPolicy !== 'noeviction') {
    problems.push(`maxmemory-policy is ${maxmemoryPolicy}: Redis may evict case records (set maxmemory-policy noeviction)`);
  }
  return { settings: { node, appendonly, appendfsync, maxmemoryPolicy }, problems };
}

/** Redis is the system of record: every server holding data must persist every write and never evict. */
export async function checkDurability(redis: RedisClient): Promise<DurabilityReport> {
  let servers: Redis[] = [redis as Redis];
  if (isCluster(redis)) {
    if (redis.status !== 'ready') await redis.ping(); // the slot map, and so the masters, are known once ready
    servers = redis.nodes('master');
    if (servers.length === 0) throw new Error('Redis Cluster: no master is known; check REDIS_CLUSTER_NODES');
  }
  const checked = await Promise.all(servers.map(checkNode));
  const clustered = isCluster(redis);
  return {
    nodes: checked.map((c) => c.settings),
    // On a cluster each problem names its master.
    problems: checked.flatMap((c) => c.problems.map((p) => (clustered ? `master ${c.settings.node}: ${p}` : p))),
  };
}

export async function enforceDurability(redis: RedisClient, env: string, log: Logger): Promise<void> {
  const report = await checkDurability(redis);
  if (report.problems.length === 0) return;
  if (env === 'production') {
    throw new Error(`Refusing to start: Redis is not safe as the system of record:\n  - ${report.problems.join('\n  - ')}`);
  }
  for (const problem of report.problems) {
    log.warn(`REDIS NOT DURABLE: ${problem}. Allowed outside production only.`);
  }
}
