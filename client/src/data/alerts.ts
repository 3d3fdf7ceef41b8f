/** The alert inbox on the client: merging the REST inbox with live pushes, and what to show first. */
import { isServiceAlert, type Alert, type AlertKind, type ApiError, type Role } from '@mashboard/shared';
import type { Route } from '../router.ts';
import { api, ApiRequestError } from './api.ts';
import { endedByRefusal, type LiveParts } from './liveState.ts';
import { ALERT_ROLES } from './roles.ts';
import { takeEarlyAlerts } from './earlyCase.ts';

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

/**
 * The signed-in person's inbox, live: read by REST on sign-in and after every reconnect (it holds
 * what was raised while away), merged with `alert.raised` and `alert.acknowledged` pushes.
 */
export class AlertInbox {
  private listeners = new Set<(alert: Alert) => void>();

  constructor(
    private readonly parts: LiveParts,
    private readonly role: Role,
  ) {
    const socket = parts.connection.socket;
    socket.on('alert.raised', (alert) => {
      const known = this.alerts()?.some((a) => a.id === alert.id);
      this.merge([alert]);
      if (!known) for (const l of this.listeners) l(alert);
    });
    socket.on('alert.acknowledged', (alert) => this.merge([alert]));
    // The inbox as it was asked for with the page (earlyCase.ts), so the banner is in the first
    // drawing; it is read again once connected, as on every connect.
    const early = this.receivesAlerts ? takeEarlyAlerts() : undefined;
    if (early) this.merge(early);
  }

  get receivesAlerts(): boolean {
    return ALERT_ROLES.has(this.role);
  }

  /** Told of every alert pushed live that was not in the inbox yet (for notifications). */
  onRaised(listener: (alert: Alert) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async load(): Promise<void> {
    if (!this.receivesAlerts) return;
    try {
      this.merge(await api.alerts(), { alertsError: null });
    } catch (e) {
      if (endedByRefusal(this.parts, e)) return;
      this.parts.store.set({ alertsError: e instanceof ApiRequestError ? e.error : { code: 'internal', message: 'The alerts could not be loaded.' } });
    }
  }

  /** Acknowledge an alert (socket when live, REST otherwise). Resolves to an error, or null when done. */
  async acknowledge(alertId: string): Promise<ApiError | null> {
    const { connection } = this.parts;
    let alert: Alert;
    try {
      if (connection.connected) {
        const ack = await connection.ask('alert.acknowledge', { alertId });
        if (!ack.ok) return ack.error;
        alert = ack.result.alert;
      } else {
        alert = await api.acknowledgeAlert(alertId);
      }
    } catch (e) {
      return e instanceof ApiRequestError ? e.error : { code: 'internal', message: 'No answer from the server. Check your connection and try again.' };
    }
    this.merge([alert]);
    return null;
  }

  private alerts(): Alert[] | null {
    return this.parts.store.getState().alerts;
  }

  private merge(incoming: readonly Alert[], extra: { alertsError?: null } = {}): void {
    this.parts.store.set({ alerts: mergeAlerts(this.alerts() ?? [], incoming), ...extra });
  }
}
