/** A deadline worker as its own process (`server/src/cli/worker.ts`), to kill and replace. */
import { spawn, type ChildProcess } from 'node:child_process';
import { exited, waitUntil } from './ports.ts';
import { redisEnv, REPO_ROOT } from './server.ts';

export interface WorkerHandle {
  output(): string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** `redis`: a standalone Redis URL, or `{ redisClusterNodes }` for a Redis Cluster. */
export async function startWorker(redis: string | { redisClusterNodes: string }, env: Record<string, string> = {}): Promise<WorkerHandle> {
  let log = '';
  const target: { redisUrl?: string; redisClusterNodes?: string } = typeof redis === 'string' ? { redisUrl: redis } : redis;
  const processEnv: NodeJS.ProcessEnv = { ...process.env, ...redisEnv(target), NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env };
  if (target.redisUrl) delete processEnv.REDIS_CLUSTER_NODES;
  else delete processEnv.REDIS_URL;
  delete processEnv.VITEST;
  delete processEnv.VITEST_POOL_ID;
  delete processEnv.VITEST_WORKER_ID;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/worker.ts'], { cwd: REPO_ROOT, env: processEnv });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  await waitUntil('worker start', () => log.includes('deadline worker running') || child.exitCode !== null, { timeoutMs: 45_000 });
  if (child.exitCode !== null) throw new Error(`worker exited: ${log}`);
  return {
    output: () => log,
    async kill() {
      child.kill('SIGKILL');
      await exited(child, 5_000);
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      if (!(await exited(child, 10_000))) child.kill('SIGKILL');
    },
  };
}
