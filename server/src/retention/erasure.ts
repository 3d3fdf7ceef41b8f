/**
 * Erasure of a case under the retention schedule: irreversible, with a reason, refused under a
 * legal hold. The case's own keys and index entries go in one atomic script on its shard
 * (`EventStore.erase`), which leaves a tombstone and files the case as pending clearing; then every
 * other place its content lives is cleared (each step idempotent), and the pending mark goes last.
 * A crash between the two is repaired by `reconcile` (start-up and every minute), which re-clears
 * what is still pending. The audit log is untouched: its entries hold ids, never content.
 */
import type { Queue } from 'bullmq';
import type { RedisClient } from '../redis.ts';
import { caseAudience, eraseCaseFromMeeting, eraseCaseFromMeetingEvent, namesChild, retentionOutcome, type Actor, type CaseSummary, type CaseTombstone, type CommandPayload } from '@mashboard/shared';
import type { AlertStore } from '../alerts/alert-store.ts';
import { refuse } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { MeetingStore } from '../meetings/store.ts';
import { forgetCaseBroadcasts } from '../realtime/adapter.ts';
import { CaseIndex } from '../store/case-index.ts';
import type { EventStore } from '../store/event-store.ts';
import { keys } from '../store/keys.ts';
import { escalationJobId, jobIdFor, retentionJobId, type DeadlineJob } from '../deadlines/jobs.ts';

export interface ErasureDeps {
  redis: RedisClient;
  store: EventStore;
  alerts: AlertStore;
  meetings: MeetingStore;
  queue: Queue<DeadlineJob>;
  log: Logger;
  /** The connection the Socket.IO adapter publishes on: commands on one connection run in order. */
  broadcasts: RedisClient;
}

/**
 * A case's list row is pushed up to 250 ms after its last change (`cases.changed` is coalesced),
 * possibly from another process: the adapter stream is swept again after this long.
 */
const LATE_BROADCAST_MS = 1_000;

/** What an erase needs of a case, or the refusal naming why not. Pure but for the clock. */
export function decideErasure(summary: CaseSummary, p: CommandPayload<'retention.erase'>, actor: Actor, commandId: string, now = new Date()): CaseTombstone {
  if (summary.status !== 'closed' || !summary.closedAt) refuse('conflict', `Case ${summary.reference} is not closed (it is ${summary.status}); only a closed case can be erased.`);
  if (summary.legalHold) refuse('conflict', `Case ${summary.reference} is under a legal hold (${summary.legalHold.reason}); lift the hold before erasing it.`);
  if (p.confirmReference.trim().toUpperCase() !== summary.reference.toUpperCase()) {
    refuse('invalid', `Invalid input: confirmReference: type the case reference ${summary.reference} exactly to confirm`, [
      { path: 'confirmReference', message: `type the case reference ${summary.reference} exactly to confirm` },
    ]);
  }
  if (namesChild(p.reason, summary.children)) {
    refuse('invalid', 'Invalid input: reason: the reason is kept for ever; do not name the child', [{ path: 'reason', message: 'the reason is kept for ever; do not name the child' }]);
  }
  return {
    caseId: summary.id,
    reference: summary.reference,
    receivedAt: summary.receivedAt,
    closedAt: summary.closedAt,
    erasedAt: now.toISOString(),
    outcome: retentionOutcome(summary),
    restrictedTo: caseAudience(summary) ?? [],
    erasedBy: { userId: actor.userId, name: actor.name, agency: actor.agency, role: actor.role },
    reason: p.reason,
    commandId,
  };
}

export class CaseErasure {
  private readonly index: CaseIndex;

  constructor(private readonly deps: ErasureDeps) {
    this.index = new CaseIndex(deps.redis);
  }

  /** Erase the case as it stands in `summary`: 'conflict' if it moved meanwhile (decide again). */
  async erase(summary: CaseSummary, p: CommandPayload<'retention.erase'>, actor: Actor): Promise<{ kind: 'ok'; tombstone: CaseTombstone } | { kind: 'conflict' }> {
    const tombstone = decideErasure(summary, p, actor, p.commandId);
    const outcome = await this.deps.store.erase(summary, tombstone);
    if (outcome.kind === 'conflict') return outcome;
    try {
      await this.clear(summary.id, tombstone.reference, summary);
    } catch (error) {
      // The case itself is erased; what is left elsewhere is cleared by the next reconciliation.
      this.deps.log.error({ err: error, caseId: summary.id }, 'erasure: clearing elsewhere failed; reconciliation will retry');
    }
    return { kind: 'ok', tombstone };
  }

  /** Clear the case's content from everywhere outside its own keys, then mark the erasure complete. */
  async clear(caseId: string, reference: string, summary?: CaseSummary): Promise<void> {
    const { redis, alerts, meetings, queue, log } = this.deps;
    // Alerts: titles can name an action or a request; blanked to the reference, feed messages deleted.
    await alerts.eraseCase(caseId, reference);
    // Meetings: the agenda item and every signed version of the minutes keep only the reference.
    const meetingIds = new Set(await redis.zrange(keys.meetingsByCase(caseId), 0, -1));
    for (const d of summary?.decisions ?? []) if (d.meetingId) meetingIds.add(d.meetingId);
    for (const meetingId of meetingIds) {
      await meetings.rewrite(meetingId, { event: (e) => eraseCaseFromMeetingEvent(e, caseId), summary: (s) => eraseCaseFromMeeting(s, caseId) });
    }
    // The socket.io adapter stream holds recent broadcasts, case events among them. Swept on the
    // adapter's own connection (so every broadcast this process has published is in it), then
    // again once any coalesced row still on its way has arrived.
    let forgotten = await forgetCaseBroadcasts(this.deps.broadcasts, keys.adapterStream(), caseId);
    await new Promise((resolve) => setTimeout(resolve, LATE_BROADCAST_MS));
    forgotten += await forgetCaseBroadcasts(this.deps.broadcasts, keys.adapterStream(), caseId);
    // Jobs hold ids only, but a case that no longer exists should have none waiting.
    if (summary) {
      const jobIds = summary.deadlines.flatMap((d) => [jobIdFor(caseId, d, 'warning'), jobIdFor(caseId, d, 'breach'), escalationJobId(jobIdFor(caseId, d, 'breach'))]);
      if (summary.retention) jobIds.push(retentionJobId(caseId, summary.retention.generation));
      for (const id of jobIds) await queue.remove(id).catch(() => 0); // a job running now finds the case gone
    }
    await this.deps.store.erasureCleared(caseId);
    log.info({ caseId, meetings: meetingIds.size, broadcastsDeleted: forgotten }, 'case erased');
  }

  /** Finish any erasure a crash interrupted (read through the erasure-pending index: normally empty). */
  async reconcile(): Promise<number> {
    const pending = await this.index.erasurePending();
    for (const caseId of pending) {
      const tombstone = await this.deps.store.readTombstone(caseId);
      if (tombstone) await this.clear(caseId, tombstone.reference);
    }
    return pending.length;
  }
}
