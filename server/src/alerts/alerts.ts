/** What users do with alerts: read their inbox, acknowledge one. REST and sockets both call this. */
import { AcknowledgeAlertSchema, type Actor, type Alert } from '@mashboard/shared';
import { parseOrRefuse, refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { AlertStore } from './alert-store.ts';

export class Alerts {
  constructor(private readonly store: AlertStore) {}

  async inbox(actor: Actor): Promise<Alert[]> {
    authorize(actor, 'alerts.read');
    return this.store.inbox(actor.userId);
  }

  /** A recipient, or any duty lead or MASH manager, may acknowledge; the first acknowledgement stands. */
  async acknowledge(actor: Actor, payload: unknown): Promise<Alert> {
    authorize(actor, 'alert.acknowledge');
    const { alertId } = parseOrRefuse(AcknowledgeAlertSchema, payload);
    const alert = await this.store.get(alertId);
    if (!alert) refuse('not-found', `No alert ${alertId}.`);
    if (!alert.recipients.includes(actor.userId) && actor.role !== 'duty-lead' && actor.role !== 'mash-manager') {
      refuse('forbidden', 'This alert was not sent to you.');
    }
    return (await this.store.acknowledge(alertId, actor))!;
  }
}
