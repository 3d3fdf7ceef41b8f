/** The deadline job queue's name, key prefix and job shapes, shared by the scheduler and the worker. */
import type { Deadline } from '@mashboard/shared';

export const DEADLINE_QUEUE = 'deadlines';
/** One hash tag for every BullMQ key, so the queue runs on Redis Cluster. */
export const QUEUE_PREFIX = 'mash:{bull}';

export type DeadlineJob =
  | { kind: 'warning' | 'breach'; caseId: string; deadlineId: string; generation: number }
  | { kind: 'escalation'; caseId: string; deadlineId: string; alertId: string }
  /** An agency was asked for information: tell its members at once (once per request, whatever its due time becomes). */
  | { kind: 'request'; caseId: string; deadlineId: string }
  /** A closed case's retention review falls due (same queue and workers as the deadlines). */
  | { kind: 'retention-review'; caseId: string; generation: number };

/** Deterministic per (case, deadline, phase, generation): adding it twice adds it once. BullMQ ids may not hold ':'. */
export function jobIdFor(caseId: string, deadline: Pick<Deadline, 'id' | 'generation'>, phase: 'warning' | 'breach'): string {
  return `${caseId}.${deadline.id.replace(':', '.')}.${phase}.g${deadline.generation}`;
}

/** The alert a deadline phase raises has the same identity as its job. */
export const alertIdFor = jobIdFor;

/** Deterministic per (case, request): a due time changed later does not ask the agency again. */
export function requestJobId(caseId: string, deadlineId: string): string {
  return `${caseId}.${deadlineId.replace(':', '.')}.request`;
}

export function escalationJobId(alertId: string): string {
  return `${alertId}.escalation`;
}

/** Deterministic per (case, review generation): the review job's id, and the alert it raises. */
export function retentionJobId(caseId: string, generation: number): string {
  return `${caseId}.retention.g${generation}`;
}
