/**
 * Who may do what: one table for every command and query, deny by default. An action not in
 * the table is refused for everyone.
 */
import type { Actor, CommandName, Role } from '@mashboard/shared';
import { refuse } from './errors.ts';

export type QueryName = 'case.list' | 'case.read' | 'users.list';
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
  'case.list': CASE_WORKERS,
  'case.read': CASE_WORKERS,
  'users.list': [...CASE_WORKERS, 'admin'],
};

export function isAllowed(actor: Actor, action: string): boolean {
  const roles = (POLICY as Record<string, readonly Role[] | undefined>)[action];
  return roles !== undefined && roles.includes(actor.role);
}

export function authorize(actor: Actor, action: Action): void {
  if (!isAllowed(actor, action)) refuse('forbidden', `Your role (${actor.role}) may not do ${action}.`);
}
