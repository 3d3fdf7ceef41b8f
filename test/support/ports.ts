/** Free TCP ports on 127.0.0.1, and a bounded wait for a condition. */
import net from 'node:net';
import { inspect } from 'node:util';

/** A port that was free a moment ago (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Polls `check` until it returns a truthy value or `timeoutMs` passes. Used only to wait for a
 * process to become ready (a condition), never to let time pass and hope.
 */
export async function waitUntil<T>(
  what: string,
  check: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  { timeoutMs = 30_000, intervalMs = 50, abort }: { timeoutMs?: number; intervalMs?: number; abort?: () => string | undefined } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const aborted = abort?.();
    if (aborted) throw new Error(`${what}: ${aborted}`);
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not ready after ${timeoutMs} ms${lastError ? ` (last error: ${lastError instanceof Error ? lastError.message : inspect(lastError)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Resolves when a child process has exited (immediately if it already has). */
export function exited(child: import('node:child_process').ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
