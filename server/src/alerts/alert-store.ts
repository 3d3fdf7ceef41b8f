/**
 * Alerts: raised exactly once (the id is deterministic and created with SET NX in one script with
 * the inboxes and the live feed), kept in each recipient's inbox across restarts, acknowledged once.
 * Owns the `mash:{alerts}:*` keys (one hash tag: the script touches them together).
 */
import type { RedisClient } from '../redis.ts';
import type { Actor, Alert } from '@mashboard/shared';

export const alertKeys = {
  alert: (id: string) => `mash:{alerts}:alert:${id}`,
  acknowledgement: (id: string) => `mash:{alerts}:ack:${id}`,
  inbox: (userId: string) => `mash:{alerts}:inbox:${userId}`,
  /** The alerts raised about one case (erasure finds them here). */
  byCase: (caseId: string) => `mash:{alerts}:by-case:${caseId}`,
  /** Stream the web processes read to push alerts live; a push channel, trimmed (inboxes are the record). */
  feed: () => 'mash:{alerts}:feed',
};

/** KEYS: alert, feed, then by-case (none for a service alert) and inboxes, each a sorted set to add the id to. ARGV: alert JSON, raisedAt ms, alert id. Returns 1 if raised now, 0 if it already was. */
const RAISE_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
for i = 3, #KEYS do redis.call('ZADD', KEYS[i], ARGV[2], ARGV[3]) end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', 10000, '*', 'type', 'raised', 'alert', ARGV[1])
return 1
`;

/** KEYS: ack, alert, feed. ARGV: acknowledgement JSON. Returns {alert JSON, ack JSON} or nil if no such alert. */
const ACKNOWLEDGE_SCRIPT = `
local alert = redis.call('GET', KEYS[2])
if not alert then return nil end
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', 10000, '*', 'type', 'acknowledged', 'alert', alert, 'ack', ARGV[1])
end
return {alert, redis.call('GET', KEYS[1])}
`;

function withAck(alertJson: string, ackJson: string | null | undefined): Alert {
  const alert = JSON.parse(alertJson) as Alert;
  alert.acknowledged = ackJson ? (JSON.parse(ackJson) as Alert['acknowledged']) : null;
  return alert;
}

export interface FeedMessage {
  type: 'raised' | 'acknowledged';
  alert: Alert;
}

export class AlertStore {
  constructor(private readonly redis: RedisClient) {}

  /** Raise an alert once; true if this call raised it. */
  async raise(alert: Alert): Promise<boolean> {
    const byCase = alert.caseId ? [alertKeys.byCase(alert.caseId)] : [];
    const keys = [alertKeys.alert(alert.id), alertKeys.feed(), ...byCase, ...alert.recipients.map(alertKeys.inbox)];
    const { acknowledged: _none, ...stored } = alert;
    const raised = await this.redis.eval(RAISE_SCRIPT, keys.length, ...keys, JSON.stringify(stored), Date.parse(alert.raisedAt), alert.id);
    return raised === 1;
  }

  async get(id: string): Promise<Alert | null> {
    const [json, ack] = await this.redis.mget(alertKeys.alert(id), alertKeys.acknowledgement(id));
    return json ? withAck(json, ack) : null;
  }

  /** Record who acknowledged it and when (the first acknowledgement stands). */
  async acknowledge(id: string, by: Actor): Promise<Alert | null> {
    const ack = JSON.stringify({ by, at: new Date().toISOString() });
    const reply = (await this.redis.eval(ACKNOWLEDGE_SCRIPT, 3, alertKeys.acknowledgement(id), alertKeys.alert(id), alertKeys.feed(), ack)) as [string, string] | null;
    return reply ? withAck(reply[0], reply[1]) : null;
  }

  /** A user's alerts, newest first. */
  async inbox(userId: string, limit = 200): Promise<Alert[]> {
    const ids = await this.redis.zrevrange(alertKeys.inbox(userId), 0, limit - 1);
    if (ids.length === 0) return [];
    const [jsons, acks] = await Promise.all([this.redis.mget(ids.map(alertKeys.alert)), this.redis.mget(ids.map(alertKeys.acknowledgement))]);
    return jsons.flatMap((json, i) => (json ? [withAck(json, acks[i])] : []));
  }

  /**
   * A case was erased: its alerts stay in the inboxes (who was told what, when, and who
   * acknowledged it) but their titles are blanked to the reference alone, and its messages are
   * deleted from the live feed. Idempotent.
   */
  async eraseCase(caseId: string, reference: string): Promise<void> {
    const ids = await this.redis.zrange(alertKeys.byCase(caseId), 0, -1);
    for (const id of ids) {
      const json = await this.redis.get(alertKeys.alert(id));
      if (!json) continue;
      const alert = JSON.parse(json) as Alert;
      alert.title = `Case ${reference}: erased under the retention schedule`;
      await this.redis.set(alertKeys.alert(id), JSON.stringify(alert), 'XX');
    }
    // The feed is trimmed to ~10,000 messages: read it whole, in pages, and delete this case's.
    let start = '-';
    for (;;) {
      const page = (await this.redis.xrange(alertKeys.feed(), start, '+', 'COUNT', 1000)) as [string, string[]][];
      const doomed = page.filter(([, fields]) => {
        const i = fields.indexOf('alert');
        return i >= 0 && (JSON.parse(fields[i + 1]!) as Alert).caseId === caseId;
      });
      if (doomed.length > 0) await this.redis.xdel(alertKeys.feed(), ...doomed.map(([id]) => id));
      if (page.length < 1000) break;
      start = `(${page[page.length - 1]![0]}`;
    }
  }

  /** Read feed messages after `lastId`, blocking up to `blockMs`. Needs a connection of its own. */
  static async readFeed(conn: RedisClient, lastId: string, blockMs: number): Promise<{ id: string; message: FeedMessage }[]> {
    const reply = await conn.xread('COUNT', 500, 'BLOCK', blockMs, 'STREAMS', alertKeys.feed(), lastId);
    if (!reply) return [];
    return reply[0]![1].map(([id, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
      return { id, message: { type: f.type as FeedMessage['type'], alert: withAck(f.alert!, f.ack) } };
    });
  }
}
