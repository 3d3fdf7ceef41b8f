/** What users do with alerts: read their inbox, acknowledge one. REST and sockets both call this. */
import { AcknowledgeAlertSchema, mayAcknowledgeAlert, presentAlert, type Actor, type Alert, type CaseAccess } from '@mashboard/shared';
import { parseOrRefuse, refuse } from '../errors.ts';
import { authorize } from '../policies.ts';
import type { AlertStore } from './alert-store.ts';

/** The cases alerts are about: who may see an alert's text is who may see its case (erased or not). */
export interface AlertCases {
  access(caseIds: readonly string[]): Promise<Map<string, CaseAccess>>;
}

/** Who may see the cases these alerts are about (service alerts have none). */
export function accessForAlerts(cases: AlertCases, alerts: readonly Alert[]): Promise<Map<string, CaseAccess>> {
  return cases.access([...new Set(alerts.map((a) => a.caseId).filter((id) => id !== ''))]);
}

export class Alerts {
  constructor(
    private readonly store: AlertStore,
    private readonly cases: AlertCases,
  ) {}

  /** The user's alerts, each as they may see it now. */
  async inbox(actor: Actor): Promise<Alert[]> {
    authorize(actor, 'alerts.read');
    const alerts = await this.store.inbox(actor.userId);
    const access = await accessForAlerts(this.cases, alerts);
    return alerts.map((a) => presentAlert(a, access.get(a.caseId) ?? null, actor));
  }

  /**
   * The first acknowledgement stands. An alert this user may not acknowledge is answered as one
   * that does not exist, so its id tells nothing of a case restricted from them.
   */
  async acknowledge(actor: Actor, payload: unknown): Promise<Alert> {
    authorize(actor, 'alert.acknowledge');
    const { alertId } = parseOrRefuse(AcknowledgeAlertSchema, payload);
    const alert = await this.store.get(alertId);
    const summary = alert ? ((await accessForAlerts(this.cases, [alert])).get(alert.caseId) ?? null) : null;
    if (!alert || !mayAcknowledgeAlert(alert, summary, actor)) refuse('not-found', 'No alert with that id for you to acknowledge.');
    return presentAlert((await this.store.acknowledge(alertId, actor))!, summary, actor);
  }
}
