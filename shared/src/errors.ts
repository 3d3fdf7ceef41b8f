/** The one error shape every REST response and socket acknowledgement uses. */
import type { z } from 'zod';

export type ErrorCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'gone' | 'rate-limited' | 'too-large' | 'internal' | 'unavailable';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `children.0.dateOfBirth`; empty for the whole payload. */
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** REST only: this request's id (also in the `X-Request-Id` header), for a user to quote to support. */
  requestId?: string;
}

export type Ack<T> = { ok: true; result: T } | { ok: false; error: ApiError };

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  /** The case was erased under the retention schedule: only its tombstone remains. */
  gone: 410,
  'too-large': 413,
  'rate-limited': 429,
  internal: 500,
  /** The case store (Redis) is not answering: nothing was saved; send again later (same commandId). */
  unavailable: 503,
};

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** "text: must not be empty; basis: an opinion must state its basis" */
export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

export function invalid(issues: FieldIssue[]): ApiError {
  return { code: 'invalid', message: `Invalid input: ${describeIssues(issues)}`, issues };
}
