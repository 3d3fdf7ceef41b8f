/**
 * Who may do what: one table for every command and query, deny by default. An action not in
 * the table is refused for everyone.
 */
import type { Actor, CommandName, Role } from '@mashboard/shared';
import { refuse } from './errors.ts';

export type QueryName =
  | 'case.list'
  | 'case.read'
  | 'users.list'
  | 'alerts.read'
  | 'alert.acknowledge'
  | 'timeliness-policy.read'
  | 'timeliness-policy.replace'
  | 'timeliness-report.read'
  | 'jobs.read';
export type Action = CommandName | QueryName;

const CASE_WORKERS: Role[] = ['practitioner', 'duty-lead', 'mash-manager'];
const DECISION_MAKERS: Role[] = ['duty-lead', 'mash-manager'];

export const POLICY: Record<Action, readonly Role[]> = {
  'case.open': CASE_WORKERS,
  'case.assign-lead': DECISION_MAKERS,
  'case.change-status': DECISION_MAKERS,
  'contribution.add': CASE_WORKERS,
  'contribution.correct': CASE_WORKERS,
  'voice.record': CASE_WORKERS,
  'voice.correct': CASE_WORKERS,
  'voice.record-absence': CASE_WORKERS,
  'rating.set': DECISION_MAKERS,
  'information.request': CASE_WORKERS,
  'information.answer': CASE_WORKERS,
  'strategy-discussion.decide': DECISION_MAKERS,
  'strategy-discussion.record-held': DECISION_MAKERS,
  'action.add': CASE_WORKERS,
  'action.complete': CASE_WORKERS,
  'deadline.change-due': DECISION_MAKERS,
  'case.list': CASE_WORKERS,
  'case.read': CASE_WORKERS,
  'users.list': [...CASE_WORKERS, 'admin'],
  'alerts.read': CASE_WORKERS,
  'alert.acknowledge': CASE_WORKERS,
  'timeliness-policy.read': [...CASE_WORKERS, 'admin', 'auditor'],
  'timeliness-policy.replace': ['admin'],
  'timeliness-report.read': [...DECISION_MAKERS, 'admin', 'auditor'],
  'jobs.read': ['admin'],
};

export function isAllowed(actor: Actor, action: string): boolean {
  const roles = (POLICY as Record<string, readonly Role[] | undefined>)[action];
  return roles !== undefined && roles.includes(actor.role);
}

export function authorize(actor: Actor, action: Action): void {
  if (!isAllowed(actor, action)) refuse('forbidden', `Your role (${actor.role}) may not do ${action}.`);
}
