/**
 * A real Redis Cluster for a test file: three masters (no replicas), each a redis-server with AOF
 * (`appendfsync always`) on its own free port and temp dir, joined by `redis-cli --cluster create`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { waitUntil } from './ports.ts';
import { rawRedisCommand, startRedis, type RedisHandle } from './redis.ts';

const run = promisify(execFile);

export interface RedisClusterHandle {
  readonly masters: RedisHandle[];
  /** `127.0.0.1:P1,127.0.0.1:P2,...`: the value for REDIS_CLUSTER_NODES. */
  readonly nodes: string;
  output(): string;
  dispose(): Promise<void>;
}

export async function startRedisCluster(options: { masters?: number } = {}): Promise<RedisClusterHandle> {
  const masters: RedisHandle[] = [];
  const dispose = () => Promise.all(masters.map((m) => m.dispose())).then(() => undefined);
  try {
    for (let i = 0; i < (options.masters ?? 3); i++) {
      masters.push(await startRedis({ aof: true, extraArgs: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000'] }));
    }
    const addresses = masters.map((m) => `127.0.0.1:${m.port}`);
    const cli = process.env.REDIS_CLI ?? '/usr/bin/redis-cli';
    await run(cli, ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    for (const m of masters) {
      await waitUntil(`cluster_state:ok on 127.0.0.1:${m.port}`, async () => (await rawRedisCommand(m.port, ['CLUSTER', 'INFO'])).includes('cluster_state:ok'), {
        timeoutMs: 30_000,
        intervalMs: 100,
      });
    }
    return {
      masters,
      nodes: addresses.join(','),
      output: () => masters.map((m) => `--- redis 127.0.0.1:${m.port} ---\n${m.output()}`).join('\n'),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
