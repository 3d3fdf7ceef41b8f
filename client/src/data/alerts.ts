/** The alert inbox on the client: merging the REST inbox with live pushes, and what to show first. */
import { isServiceAlert, type Alert, type AlertKind } from '@mashboard/shared';
import type { Route } from '../router.ts';

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  request: 'Information requested',
  warning: 'Warning',
  breach: 'Overdue',
  escalation: 'Escalated',
  'retention-review': 'Retention review',
  'account-locked': 'Account locked',
  'calendar-ending': 'Bank holidays ending',
};

/** What an alert is about, in words, and the page that deals with it. */
export function alertSubject(alert: Alert): { label: string; route: Route } {
  if (alert.kind === 'calendar-ending') return { label: 'Timeliness policy', route: { page: 'policy' } };
  if (isServiceAlert(alert)) return { label: 'User accounts', route: { page: 'users' } };
  return { label: alert.caseReference, route: { page: 'case', caseId: alert.caseId } };
}

/** Newest raised first; ties by id so the order is stable. */
function byNewest(a: Alert, b: Alert): number {
  return b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id);
}

/**
 * Merge alerts into a list by id. An acknowledgement is final (the first one stands), so an
 * older copy without it (a REST answer that raced a push) never undoes it.
 */
export function mergeAlerts(list: readonly Alert[], incoming: readonly Alert[]): Alert[] {
  const map = new Map(list.map((a) => [a.id, a]));
  for (const a of incoming) {
    const existing = map.get(a.id);
    if (existing?.acknowledged && !a.acknowledged) continue;
    map.set(a.id, a);
  }
  return [...map.values()].sort(byNewest);
}

export function unacknowledged(alerts: readonly Alert[]): Alert[] {
  return alerts.filter((a) => !a.acknowledged);
}

/** The alert the banner shows: the newest unacknowledged breach or escalation. */
export function bannerAlert(alerts: readonly Alert[]): Alert | null {
  return [...alerts].sort(byNewest).find((a) => !a.acknowledged && (a.kind === 'breach' || a.kind === 'escalation')) ?? null;
}
