/** Structured logs. Case content never goes in a log line: log ids, never text. */
import { pino, stdSerializers, type Logger } from 'pino';

export type { Logger };

/**
 * An error as logged: its name, message, code and stack, and nothing else it carries. A Redis
 * client error holds the whole command it failed on (a contribution's text, a child's name, a
 * session key), so the fields an error happens to have are never copied into the log.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };
  const plain = stdSerializers.err(error);
  const code = (error as { code?: unknown }).code;
  return {
    type: plain.type,
    message: plain.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    stack: plain.stack,
  };
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'mashboard' },
    serializers: { err: serializeError, error: serializeError, reason: serializeError },
    redact: { paths: ['req.headers.cookie', 'password', '*.password', 'payload', '*.payload'], remove: true },
  });
}
