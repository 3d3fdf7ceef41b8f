/** Structured logs. Case content never goes in a log line: log ids, never text. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'mashboard' },
    redact: { paths: ['req.headers.cookie', 'password', '*.password', 'payload', '*.payload'], remove: true },
  });
}
