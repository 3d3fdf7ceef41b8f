/**
 * Find a Redis for `npm start`: REDIS_URL if set (and it must answer); otherwise one on the
 * default port; otherwise start a local `redis-server` with AOF under the data folder; otherwise
 * say exactly how to get one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

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
