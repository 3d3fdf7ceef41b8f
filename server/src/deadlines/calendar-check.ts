/**
 * The working calendar must not run out of bank holidays unnoticed: from CALENDAR_WARNING_MONTHS
 * before the last year it lists ends, the administrators get a service alert (once per end date:
 * its id names the date, and raising an alert is idempotent). Checked at start-up and hourly.
 */
import { calendarRunningOut, formatUkDate, type Alert } from '@mashboard/shared';
import type { AlertStore } from '../alerts/alert-store.ts';
import type { Users } from '../auth/users.ts';
import type { TimelinessPolicyStore } from './policy-store.ts';

export async function alertIfCalendarRunningOut(deps: { policy: TimelinessPolicyStore; users: Users; alerts: AlertStore }, now = new Date()): Promise<Alert | null> {
  const policy = await deps.policy.current();
  const until = calendarRunningOut(policy.calendar, now);
  if (!until) return null;
  const admins = (await deps.users.list()).filter((u) => u.role === 'admin').map((u) => u.userId);
  if (admins.length === 0) return null;
  const alert: Alert = {
    id: `calendar-ending|${until}`,
    kind: 'calendar-ending',
    caseId: '',
    caseReference: '',
    deadlineId: '',
    title: `The working calendar knows bank holidays only until ${formatUkDate(until)}: add the years after it on the Timeliness policy page, or working-day deadlines after it will count bank holidays as working days`,
    dueAt: new Date(`${until}T23:59:59Z`).toISOString(),
    raisedAt: now.toISOString(),
    recipients: admins,
    acknowledged: null,
  };
  await deps.alerts.raise(alert);
  return alert;
}
