/** A refusal with the shared ApiError shape; anything else thrown is an internal error. */
import { CASE_NOT_SHARED, formatUkDateTime, inAudience, invalid, type CaseTombstone, type ApiError, type ErrorCode, type FieldIssue, issuesFromZod } from '@mashboard/shared';
import type { z } from 'zod';
import { isRedisUnavailable } from './redis.ts';

export class Refusal extends Error {
  constructor(
    readonly apiError: ApiError,
    /** What the audit records when it differs from what the caller is told (a denial answered as not-found). */
    readonly audit?: { outcome: 'denied'; detail: string },
  ) {
    super(apiError.message);
  }
}

export function refuse(code: ErrorCode, message: string, issues?: FieldIssue[]): never {
  throw new Refusal(issues ? { code, message, issues } : { code, message });
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof Refusal) return error.apiError;
  if (isRedisUnavailable(error)) {
    return { code: 'unavailable', message: 'The case store is not answering; nothing was saved. Your entry is kept and will be sent again when it is back.' };
  }
  return { code: 'internal', message: 'Something went wrong on the server; nothing was changed. Try again.' };
}

/**
 * A case the reader may not see is answered exactly as one that does not exist (404, one message),
 * so no answer tells whether a restricted case exists; the audit still records the denial.
 */
export function refuseCaseNotShared(existsButRestricted: boolean): never {
  throw new Refusal({ code: 'not-found', message: CASE_NOT_SHARED }, existsButRestricted ? { outcome: 'denied', detail: 'not-shared' } : undefined);
}

/**
 * A case that was erased answers 410 with what its tombstone may say, to a reader whose agency
 * could see the case; to anyone else it is a case that does not exist (the caller's 404), so its
 * reference never reaches them.
 */
export function refuseIfErased(tombstone: CaseTombstone | null, reader: { agency: string }): void {
  if (!tombstone) return;
  // The tombstone keeps the case's audience (empty: every agency).
  if (!inAudience(tombstone.restrictedTo.length > 0 ? tombstone.restrictedTo : null, reader)) return;
  refuse('gone', `Case ${tombstone.reference} was erased on ${formatUkDateTime(new Date(tombstone.erasedAt))} under the retention schedule; only its tombstone remains.`);
}

/** Parse with a shared schema, or refuse naming each field and why. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new Refusal(invalid([{ path: '', message: 'the payload must be a JSON object' }]));
  }
  const result = schema.safeParse(input);
  if (!result.success) throw new Refusal(invalid(issuesFromZod(result.error)));
  return result.data;
}
