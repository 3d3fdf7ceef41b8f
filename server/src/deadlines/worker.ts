/**
 * The processor side of deadlines. Jobs run at least once, so the worker re-reads the case first
 * (a deadline done, cancelled or re-timed since is stale) and raises alerts by deterministic id
 * (a job run twice raises one alert). Breaches schedule an escalation, which fires only if the
 * breach is still unacknowledged and the deadline still open.
 */
import { Worker, type Job } from 'bullmq';
import {
  agencyName,
  formatUkDateTime,
  maySeeCase,
  RATING_LABELS,
  retentionOutcome,
  retentionOutcomeLabel,
  type Alert,
  type AlertKind,
  type DeadlineAlertKind,
  type CaseSummary,
  type Deadline,
  type Role,
  type UserListing,
} from '@mashboard/shared';
import type { AlertStore } from '../alerts/alert-store.ts';
import type { Users } from '../auth/users.ts';
import type { Logger } from '../logger.ts';
import { connectRedis, type RedisTarget } from '../redis.ts';
import { metrics } from '../observability/metrics.ts';
import type { EventStore } from '../store/event-store.ts';
import { alertIdFor, DEADLINE_QUEUE, QUEUE_PREFIX, requestJobId, retentionJobId, type DeadlineJob } from './jobs.ts';
import type { TimelinessPolicyStore } from './policy-store.ts';
import type { DeadlineScheduler } from './scheduler.ts';

export interface WorkerOptions {
  redis: RedisTarget;
  concurrency: number;
  /** Fault injection for tests: pause this long after raising an alert, before the job completes. */
  delayAfterAlertMs: number;
}

interface Deps {
  store: EventStore;
  users: Users;
  alerts: AlertStore;
  policy: TimelinessPolicyStore;
  scheduler: DeadlineScheduler;
  log: Logger;
}

const CASE_ROLES: Role[] = ['practitioner', 'duty-lead', 'mash-manager'];

/** Who hears of a deadline: the case's lead, whoever must act (the awaited agency, the action's owner), and the duty leads. */
export function recipientsFor(summary: CaseSummary, deadline: Deadline, kind: AlertKind, allUsers: UserListing[]): string[] {
  // Nobody hears of a case they may not see.
  const users = allUsers.filter((u) => maySeeCase(summary, u));
  const ids = new Set<string>();
  if (kind === 'escalation') {
    for (const u of users) if (u.role === 'mash-manager') ids.add(u.userId);
  }
  for (const u of users) if (u.role === 'duty-lead') ids.add(u.userId);
  const visible = (userId: string) => users.some((u) => u.userId === userId);
  if (summary.lead && visible(summary.lead.userId)) ids.add(summary.lead.userId);
  if (deadline.owner && visible(deadline.owner.userId)) ids.add(deadline.owner.userId);
  if (deadline.kind === 'information-request' && deadline.agency) {
    for (const u of users) if (u.agency === deadline.agency && CASE_ROLES.includes(u.role)) ids.add(u.userId);
  }
  return [...ids].sort();
}

/** Who hears at once that their agency was asked: its case workers who may see the case (not the asker, not other agencies). */
export function requestRecipients(summary: CaseSummary, deadline: Deadline, allUsers: UserListing[]): string[] {
  return allUsers
    .filter((u) => u.agency === deadline.agency && CASE_ROLES.includes(u.role) && maySeeCase(summary, u))
    .map((u) => u.userId)
    .sort();
}

export function requestAlertTitle(summary: CaseSummary, deadline: Deadline): string {
  const asker = deadline.requestedBy ? ` by ${deadline.requestedBy.name} (${agencyName(deadline.requestedBy.agency)})` : '';
  return `${agencyName(deadline.agency ?? '')} asked for information on ${summary.reference}${asker}: due ${formatUkDateTime(new Date(deadline.dueAt))}`;
}

export function alertTitle(summary: CaseSummary, deadline: Deadline, kind: DeadlineAlertKind): string {
  const what = deadline.kind === 'triage' && deadline.rating ? `${RATING_LABELS[deadline.rating]} triage decision` : deadline.label;
  const due = formatUkDateTime(new Date(deadline.dueAt));
  switch (kind) {
    case 'warning':
      return `${what} on ${summary.reference} is due soon (${due})`;
    case 'breach':
      return `${what} on ${summary.reference} is overdue (was due ${due})`;
    case 'escalation':
      return `Escalated: ${what} on ${summary.reference} is overdue and no one has acknowledged it`;
  }
}

/** A retention review goes to the MASH managers who may see the case (a restricted case alerts no other agency). */
export function retentionRecipients(summary: CaseSummary, allUsers: UserListing[]): string[] {
  return allUsers
    .filter((u) => u.role === 'mash-manager' && maySeeCase(summary, u))
    .map((u) => u.userId)
    .sort();
}

/** Names the case by reference only: an alert outlives nothing of the case's content. */
export function retentionAlertTitle(summary: CaseSummary): string {
  const closed = summary.closedAt ? formatUkDateTime(new Date(summary.closedAt)) : 'unknown';
  return `Retention review due on ${summary.reference} (closed ${closed}; ${retentionOutcomeLabel(retentionOutcome(summary))})`;
}

export class DeadlineProcessor {
  private usersCache: { version: string; users: UserListing[] } | undefined;

  constructor(
    private readonly deps: Deps,
    private readonly delayAfterAlertMs = 0,
  ) {}

  /**
   * The active accounts, read again whenever any account has changed since (one GET per job
   * otherwise): someone added a moment ago hears of the next deadline like everyone else.
   */
  private async activeUsers(): Promise<UserListing[]> {
    const version = await this.deps.users.listVersion();
    if (this.usersCache?.version !== version) this.usersCache = { version, users: await this.deps.users.list() };
    return this.usersCache.users;
  }

  /** Process one job; returns what happened, for the job's record. */
  async process(job: DeadlineJob): Promise<string> {
    if (job.kind === 'retention-review') return this.retentionReview(job);
    const summary = await this.deps.store.readSummary(job.caseId);
    const deadline = summary?.deadlines.find((d) => d.id === job.deadlineId);
    if (!summary || !deadline || deadline.state !== 'open') return 'stale: deadline no longer open';
    if (job.kind === 'request') return this.requestMade(summary, deadline);

    let alert: Alert;
    if (job.kind === 'escalation') {
      const breach = await this.deps.alerts.get(job.alertId);
      if (!breach || breach.acknowledged) return 'not escalated: acknowledged';
      if (breach.deadlineId !== deadline.id || !breach.id.endsWith(`g${deadline.generation}`)) return 'stale: deadline re-timed';
      alert = this.alert(summary, deadline, 'escalation', `${job.alertId}.escalation`, await this.activeUsers());
    } else {
      if (deadline.generation !== job.generation) return 'stale: deadline re-timed';
      alert = this.alert(summary, deadline, job.kind, alertIdFor(summary.id, deadline, job.kind), await this.activeUsers());
    }

    const raised = await this.deps.alerts.raise(alert);
    if (this.delayAfterAlertMs > 0) await new Promise((r) => setTimeout(r, this.delayAfterAlertMs));
    if (job.kind === 'breach') {
      // Scheduled whether or not this run raised the alert: a run that died after raising it left none.
      const policy = await this.deps.policy.current();
      await this.deps.scheduler.scheduleEscalation({ kind: 'escalation', caseId: summary.id, deadlineId: deadline.id, alertId: alert.id }, policy.escalateUnacknowledgedBreachAfterMinutes * 60_000);
    }
    return raised ? `raised ${alert.id}` : `already raised ${alert.id}`;
  }

  /** Tell the agency asked for information, once per request. */
  private async requestMade(summary: CaseSummary, deadline: Deadline): Promise<string> {
    const alert: Alert = {
      id: requestJobId(summary.id, deadline.id),
      kind: 'request',
      caseId: summary.id,
      caseReference: summary.reference,
      deadlineId: deadline.id,
      title: requestAlertTitle(summary, deadline),
      dueAt: deadline.dueAt,
      raisedAt: new Date().toISOString(),
      recipients: requestRecipients(summary, deadline, await this.activeUsers()),
      acknowledged: null,
    };
    const raised = await this.deps.alerts.raise(alert);
    return raised ? `raised ${alert.id}` : `already raised ${alert.id}`;
  }

  /** Raise a retention review once, if the case is still closed and still at this review generation (erased, reopened or kept since: stale). */
  private async retentionReview(job: Extract<DeadlineJob, { kind: 'retention-review' }>): Promise<string> {
    const summary = await this.deps.store.readSummary(job.caseId);
    const retention = summary?.status === 'closed' ? summary.retention : undefined;
    if (!summary || !retention || retention.generation !== job.generation) return 'stale: review no longer due';
    const alert: Alert = {
      id: retentionJobId(summary.id, retention.generation),
      kind: 'retention-review',
      caseId: summary.id,
      caseReference: summary.reference,
      deadlineId: 'retention',
      title: retentionAlertTitle(summary),
      dueAt: retention.reviewDueAt,
      raisedAt: new Date().toISOString(),
      recipients: retentionRecipients(summary, await this.activeUsers()),
      acknowledged: null,
    };
    const raised = await this.deps.alerts.raise(alert);
    return raised ? `raised ${alert.id}` : `already raised ${alert.id}`;
  }

  private alert(summary: CaseSummary, deadline: Deadline, kind: DeadlineAlertKind, id: string, users: UserListing[]): Alert {
    return {
      id,
      kind,
      caseId: summary.id,
      caseReference: summary.reference,
      deadlineId: deadline.id,
      title: alertTitle(summary, deadline, kind),
      dueAt: deadline.dueAt,
      raisedAt: new Date().toISOString(),
      recipients: recipientsFor(summary, deadline, kind, users),
      acknowledged: null,
    };
  }
}

/** Start a BullMQ worker (in the app process, or in its own with `npm run worker`). */
export function startDeadlineWorker(deps: Deps, options: WorkerOptions): { close: () => Promise<void> } {
  const connection = connectRedis(options.redis, 'worker', { blocking: true });
  const processor = new DeadlineProcessor(deps, options.delayAfterAlertMs);
  const worker = new Worker<DeadlineJob, string>(
    DEADLINE_QUEUE,
    async (job: Job<DeadlineJob>) => {
      const outcome = await processor.process(job.data);
      // Lateness: from when the job was due to run (added + delay) to its alert being stored.
      if (outcome.startsWith('raised ')) metrics.alertLateness.observe({ kind: job.data.kind }, Math.max(0, Date.now() - job.timestamp - (job.opts.delay ?? 0)) / 1000);
      return outcome;
    },
    {
      connection,
      prefix: QUEUE_PREFIX,
      concurrency: options.concurrency,
      // Jobs take milliseconds: a short lock finds a killed worker's job within seconds.
      lockDuration: 10_000,
      stalledInterval: 5_000,
      maxStalledCount: 5,
    },
  );
  worker.on('failed', (job, error) => deps.log.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'deadline job failed'));
  worker.on('error', (error) => deps.log.error({ err: error }, 'deadline worker error'));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
