/** Run an action and record it in the audit log with its outcome, before its result is released. */
import type { Actor } from '@mashboard/shared';
import { Refusal } from '../errors.ts';
import type { AuditEvent, AuditLog } from './audit-log.ts';

/** Where a request came from, for the audit record. */
export interface Via {
  channel: 'rest' | 'socket' | 'cli' | 'system';
  ip?: string | undefined;
}

export function auditActor(actor: Actor): AuditEvent['actor'] {
  return { userId: actor.userId, name: actor.name, agency: actor.agency, role: actor.role };
}

/**
 * `work` runs; its outcome (allowed/succeeded, or denied/failed with the refusal code) is stored
 * in the audit log, and only then is the result returned, so nothing is read unrecorded.
 */
export async function audited<T>(
  audit: AuditLog,
  event: Omit<AuditEvent, 'outcome'>,
  via: Via | undefined,
  work: () => T | Promise<T>,
  success: 'allowed' | 'succeeded' = 'allowed',
  describe?: (result: T) => Partial<AuditEvent>,
): Promise<T> {
  const base = { ...event, ...(via ? { channel: via.channel, ...(via.ip ? { ip: via.ip } : {}) } : {}) };
  let result: T;
  try {
    result = await work();
  } catch (error) {
    const code = error instanceof Refusal ? error.apiError.code : 'internal';
    const outcome = code === 'forbidden' || code === 'unauthenticated' ? 'denied' : 'failed';
    await audit.record({ ...base, outcome, detail: code, ...(error instanceof Refusal ? error.audit : {}) });
    throw error;
  }
  await audit.record({ ...base, outcome: success, ...(describe ? describe(result) : {}) });
  return result;
}
