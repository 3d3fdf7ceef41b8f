/**
 * Find a Redis for `npm start`: the cluster of REDIS_CLUSTER_NODES if set (it must answer; nothing
 * is started); else REDIS_URL if set (and it must answer); otherwise one on the default port;
 * otherwise start a local `redis-server` with AOF under the data folder; otherwise say exactly how
 * to get one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Cluster, Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { RedisTarget } from '../redis.ts';

const DEFAULT_URL = 'redis://127.0.0.1:6379';
const LOCAL_PORT = 6390;

export async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

export const HOW_TO_GET_REDIS = `Mashboard keeps its records in Redis, and none is reachable.
  Debian/Ubuntu:  sudo apt-get install redis-server   (then run this command again)
  macOS:          brew install redis && brew services start redis
  Docker:         docker compose up -d redis          (uses docker-compose.yml in this folder)
  Elsewhere:      set REDIS_URL=redis://host:port to point at your Redis (7 or newer).`;

/** Does a Redis Cluster answer at these seed nodes, with every slot served? */
async function clusterAnswers(nodes: { host: string; port: number }[]): Promise<string | true> {
  const probe = new Cluster(nodes, { lazyConnect: true, clusterRetryStrategy: () => null, redisOptions: { connectTimeout: 1000, maxRetriesPerRequest: 0 } });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const info = String(await probe.cluster('INFO'));
    return info.includes('cluster_state:ok') ? true : 'the cluster is not ready (cluster_state is not ok)';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    probe.disconnect();
  }
}

/**
 * A configured cluster must answer before a command uses it (a cluster client would otherwise
 * wait for it for ever). Nothing to check for a standalone Redis.
 */
export async function checkCluster(target: RedisTarget): Promise<void> {
  if (target.kind !== 'cluster') return;
  const answer = await clusterAnswers(target.nodes);
  if (answer !== true) {
    const nodes = target.nodes.map((n) => `${n.host}:${n.port}`).join(',');
    throw new Error(`REDIS_CLUSTER_NODES is set to ${nodes}, but no Redis Cluster answers there (${answer}).`);
  }
}

/** The Redis a command should use: a cluster as configured, else a standalone one found or started. */
export async function findRedis(config: Config, explicitUrl: string | undefined, say: (line: string) => void): Promise<{ target: RedisTarget; child?: ChildProcess }> {
  if (config.redis.kind === 'cluster') {
    await checkCluster(config.redis);
    return { target: config.redis };
  }
  const found = await ensureRedis(explicitUrl, config.dataDir, say);
  return { target: { kind: 'standalone', url: found.url }, ...(found.child ? { child: found.child } : {}) };
}

export interface RedisChoice {
  url: string;
  /** The redis-server this command started, if it started one. */
  child?: ChildProcess;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export async function ensureRedis(explicitUrl: string | undefined, dataDir: string, say: (line: string) => void): Promise<RedisChoice> {
  if (explicitUrl) {
    if (await answers(explicitUrl)) return { url: explicitUrl };
    throw new Error(`REDIS_URL is set to ${explicitUrl}, but no Redis answers there.\n${HOW_TO_GET_REDIS}`);
  }
  if (await answers(DEFAULT_URL)) return { url: DEFAULT_URL };
  const localUrl = `redis://127.0.0.1:${LOCAL_PORT}`;
  if (await answers(localUrl)) return { url: localUrl };
  if (!onPath('redis-server')) throw new Error(HOW_TO_GET_REDIS);

  const dir = path.resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  say(`No Redis on ${DEFAULT_URL}: starting redis-server on port ${LOCAL_PORT} with AOF in ${dir}`);
  const child = spawn(
    'redis-server',
    ['--port', String(LOCAL_PORT), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(localUrl)) return { url: localUrl, child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`redis-server did not start on port ${LOCAL_PORT}.\n${HOW_TO_GET_REDIS}`);
}
