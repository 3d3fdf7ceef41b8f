/**
 * The alert channel: acknowledging an alert (the same `acknowledge` as REST), and pushing alerts
 * live. Each web process reads the alert feed stream (written by workers in any process) and pushes
 * each alert to its own sockets of the recipients, each in the copy that socket's agency may see
 * (`presentAlert`). `io.local`: every process reads the feed itself, so broadcasting through the
 * adapter would deliver twice.
 */
import { presentAlert } from '@mashboard/shared';
import { AlertStore } from '../alerts/alert-store.ts';
import { accessForAlerts, type AlertCases, type Alerts } from '../alerts/alerts.ts';
import type { Logger } from '../logger.ts';
import { connectRedis, type RedisTarget } from '../redis.ts';
import { onEvent, type MashServer, type MashSocket } from './io.ts';
import { rooms } from './rooms.ts';

export function alertChannel(socket: MashSocket, deps: { alerts: Alerts; log: Logger }): void {
  const { alerts, log } = deps;
  // `acknowledge` checks the payload itself, as it does for REST.
  onEvent(socket, log, 'alert.acknowledge', async (payload) => ({ alert: await alerts.acknowledge(socket.data.actor, payload) }));
}

export function startAlertFeed(io: MashServer, target: RedisTarget, cases: AlertCases, log: Logger): { stop: () => Promise<void> } {
  const conn = connectRedis(target, 'alert-feed', { blocking: true });
  let running = true;
  let lastId = '$';
  const loop = (async () => {
    while (running) {
      try {
        for (const { id, message } of await AlertStore.readFeed(conn, lastId, 2000)) {
          const targets = message.alert.recipients.map(rooms.user);
          if (targets.length > 0) {
            // If this read fails (Redis briefly away), the message is read again: the position moves only once it is pushed.
            const summary = (await accessForAlerts(cases, [message.alert])).get(message.alert.caseId) ?? null;
            for (const socket of await io.local.in(targets).fetchSockets()) {
              socket.emit(message.type === 'raised' ? 'alert.raised' : 'alert.acknowledged', presentAlert(message.alert, summary, socket.data.actor));
            }
          }
          lastId = id;
        }
      } catch (error) {
        if (!running) break;
        log.warn({ err: error }, 'alert feed read failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      conn.disconnect();
      await loop;
    },
  };
}
