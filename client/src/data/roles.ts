/** What each role sees and may do on screen (the server's policy is the authority; this only hides what would be refused). */
import type { Role } from '@mashboard/shared';

const set = (...roles: Role[]): ReadonlySet<string> => new Set(roles);

/** May read cases (list, board, dashboard). */
export const CASE_ROLES = set('practitioner', 'duty-lead', 'mash-manager');
/** Rate cases, decide strategy discussions, change due times. */
export const DECISION_MAKERS = set('duty-lead', 'mash-manager');
/** The dashboard is their home page. */
export const DASHBOARD_HOME = DECISION_MAKERS;
export const REPORT_ROLES = set('duty-lead', 'mash-manager', 'admin', 'auditor');
export const ADMIN_ROLES = set('admin');
/** Read the audit log (and nothing of cases). */
export const AUDIT_ROLES = set('auditor');

export type HomePage = 'dashboard' | 'cases' | 'users' | 'audit';

/**
 * Where "#/" goes: the dashboard for duty leads and managers, the case list for practitioners;
 * admins and auditors cannot read cases, so the users page and the audit log are theirs.
 */
export function homePageFor(role: string): HomePage {
  if (DASHBOARD_HOME.has(role)) return 'dashboard';
  if (CASE_ROLES.has(role)) return 'cases';
  if (ADMIN_ROLES.has(role)) return 'users';
  return 'audit';
}
