/**
 * The Mashboard server as a real child process (`node --import tsx server/src/cli/start.ts`),
 * pointed at a given Redis (or Redis Cluster). Several may share one Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited, freePort, waitUntil } from './ports.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServerOptions {
  /** A standalone Redis; or give `redisClusterNodes`. */
  redisUrl?: string;
  /** `host:port,...` of a Redis Cluster (REDIS_CLUSTER_NODES); REDIS_URL is then left unset. */
  redisClusterNodes?: string;
  /** Seed demo users and cases (default true). */
  demo?: boolean;
  /** Fixed port (default: a free one, kept across restarts). */
  port?: number;
  env?: Record<string, string>;
  /** Run the production build (`server/dist`, built by `npm run build`) instead of the TypeScript through tsx. */
  compiled?: boolean;
  /** How long to wait for /api/health (default 45 s: tsx compiles on first start). */
  readyTimeoutMs?: number;
}

export interface ServerHandle {
  readonly port: number;
  readonly baseUrl: string;
  readonly pid: number | undefined;
  /** Everything the process printed (last 50 kB), for failure messages. */
  output(): string;
  /** True while the process is running. */
  running(): boolean;
  /** Resident set size of the process, in kB (from /proc). */
  rssKb(): number | undefined;
  /** GET /api/health status (0 if unreachable). */
  health(): Promise<number>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
}

/** The Redis settings for a child process: a cluster's seed nodes or a standalone URL, never both. */
export function redisEnv(target: { redisUrl?: string; redisClusterNodes?: string }): Record<string, string> {
  if (target.redisClusterNodes) return { REDIS_CLUSTER_NODES: target.redisClusterNodes };
  if (target.redisUrl) return { REDIS_URL: target.redisUrl };
  throw new Error('give redisUrl or redisClusterNodes');
}

export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...redisEnv(options),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    ...(options.demo === false ? {} : { MASH_DEMO: '1' }),
    ...options.env,
  };
  if (options.redisClusterNodes) delete env.REDIS_URL;
  else delete env.REDIS_CLUSTER_NODES;
  // Never inherit vitest's own settings into the server.
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  if (options.demo === false) delete env.MASH_DEMO;

  async function health(): Promise<number> {
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  async function launch(): Promise<void> {
    // MASH_SERVER_NODE_ARGS: extra Node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = (process.env.MASH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const entry = options.compiled ? ['--conditions=mashboard-dist', 'server/dist/cli/start.js'] : ['--import', 'tsx', 'server/src/cli/start.ts'];
    const proc = spawn(process.execPath, [...nodeArgs, ...entry], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    const append = (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-50_000);
    };
    proc.stdout?.on('data', append);
    proc.stderr?.on('data', append);
    await waitUntil(
      `mashboard server on ${baseUrl}`,
      async () => {
        const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
        const body = (await res.json().catch(() => null)) as { ok?: unknown } | null;
        return res.status === 200 && body?.ok === true;
      },
      {
        timeoutMs: options.readyTimeoutMs ?? 45_000,
        intervalMs: 100,
        abort: () => (proc.exitCode !== null || proc.signalCode !== null ? `exited (${proc.exitCode ?? proc.signalCode}) before it was ready. Output:\n${log}` : undefined),
      },
    ).catch((error: unknown) => {
      proc.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n--- server output ---\n${log}`);
    });
  }

  async function terminate(signal: NodeJS.Signals): Promise<void> {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    if (!(await exited(proc, 10_000))) {
      proc.kill('SIGKILL');
      await exited(proc, 5_000);
    }
  }

  await launch();

  return {
    port,
    baseUrl,
    get pid() {
      return child?.pid;
    },
    output: () => log,
    running: () => Boolean(child && child.exitCode === null && child.signalCode === null),
    rssKb() {
      if (!child?.pid) return undefined;
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
        return m ? Number(m[1]) : undefined;
      } catch {
        return undefined;
      }
    },
    health,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    async restart() {
      await terminate('SIGTERM');
      await launch();
    },
  };
}
