/**
 * What each role sees on screen, read from the one table of who may do what
 * (`shared/src/abilities.ts`, which the server enforces): the client only leaves out what would be
 * refused.
 */
import { rolesThatMay, type Action } from '@mashboard/shared';

const allowed = (action: Action): ReadonlySet<string> => new Set(rolesThatMay(action));

/** May read cases (list, board, dashboard). */
export const CASE_ROLES = allowed('case.list');
/** Rate cases, decide strategy discussions, change due times. */
export const DECISION_MAKERS = allowed('rating.set');
/** The dashboard is their home page. */
export const DASHBOARD_HOME = DECISION_MAKERS;
export const REPORT_ROLES = allowed('timeliness-report.read');
export const ADMIN_ROLES = allowed('users.admin');
/** Read the audit log (and nothing of cases). */
export const AUDIT_ROLES = allowed('audit.read');
/** Receive deadline alerts (the others may not read an inbox). */
export const ALERT_ROLES = allowed('alerts.read');

export type HomePage = 'dashboard' | 'my-work' | 'users' | 'audit';

/**
 * Where "#/" goes: the dashboard for duty leads and managers, "My work" for practitioners;
 * admins and auditors cannot read cases, so the users page and the audit log are theirs.
 */
export function homePageFor(role: string): HomePage {
  if (DASHBOARD_HOME.has(role)) return 'dashboard';
  if (CASE_ROLES.has(role)) return 'my-work';
  if (ADMIN_ROLES.has(role)) return 'users';
  return 'audit';
}
