/**
 * A real redis-server for a test file: its own free port and temp dir, optionally with AOF
 * (`appendfsync always`) so acknowledged writes survive a SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { exited, freePort, waitUntil } from './ports.ts';

export interface RedisOptions {
  /** Append-only file with fsync on every write (default true: the production setting). */
  aof?: boolean;
  /** Extra `--name value` arguments. */
  extraArgs?: string[];
  /** Path of the redis-server binary. */
  binary?: string;
}

export interface RedisHandle {
  readonly port: number;
  readonly url: string;
  readonly dir: string;
  readonly pid: number | undefined;
  /** Output so far (for failure messages). */
  output(): string;
  /** SIGTERM and wait (redis writes nothing more on exit with --save ''). */
  stop(): Promise<void>;
  /** SIGKILL: a crash. Only what was fsynced survives. */
  kill(): Promise<void>;
  /** Start again on the same port and dir, so AOF data is reloaded. */
  restart(): Promise<void>;
  /** Stop and delete the temp dir. */
  dispose(): Promise<void>;
}

/** One round trip of a raw RESP command; resolves with the raw reply text. */
export function rawRedisCommand(port: number, args: string[], timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis ${args[0]} timed out`));
    }, timeoutMs);
    socket.on('connect', () => {
      socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
    });
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.endsWith('\r\n')) {
        clearTimeout(timer);
        socket.end();
        resolve(reply);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export async function startRedis(options: RedisOptions = {}): Promise<RedisHandle> {
  const aof = options.aof ?? true;
  const binary = options.binary ?? process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mash-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';

  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    aof ? 'yes' : 'no',
    '--appendfsync',
    'always',
    '--maxmemory-policy',
    'noeviction',
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
    ...(options.extraArgs ?? []),
  ];

  async function launch(): Promise<void> {
    const proc = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const append = (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-20_000);
    };
    proc.stdout?.on('data', append);
    proc.stderr?.on('data', append);
    let spawnError: Error | undefined;
    proc.on('error', (error) => {
      spawnError = error;
    });
    await waitUntil(`redis-server on port ${port}`, async () => (await rawRedisCommand(port, ['PING'], 500)).startsWith('+PONG'), {
      timeoutMs: 15_000,
      abort: () =>
        spawnError ? `could not start ${binary}: ${spawnError.message}` : proc.exitCode !== null || proc.signalCode !== null ? `exited (${proc.exitCode ?? proc.signalCode}):\n${log}` : undefined,
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
    url: `redis://127.0.0.1:${port}`,
    dir,
    get pid() {
      return child?.pid;
    },
    output: () => log,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    async restart() {
      await terminate('SIGTERM');
      await launch();
    },
    async dispose() {
      await terminate('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
