/**
 * The queue side of deadlines: for every open deadline, a delayed BullMQ job for its warning and
 * one for its breach. When a deadline's times change (new generation) or it is done or cancelled,
 * its old jobs are removed; the worker also re-reads the case, so a job that escaped removal is
 * dropped as stale. `reconcile` re-adds jobs for every open deadline (after a crash between the
 * append and the scheduling, or a Redis restore): adding a job id that exists is a no-op.
 */
import { Queue } from 'bullmq';
import type { RedisClient } from '../redis.ts';
import type { CaseSummary, Deadline } from '@mashboard/shared';
import type { Logger } from '../logger.ts';
import { DEADLINE_QUEUE, escalationJobId, jobIdFor, QUEUE_PREFIX, requestJobId, type DeadlineJob } from './jobs.ts';

export const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: false,
};

/** A job of the deadline queue that failed every retry, as the admin sees it. */
export interface FailedJob {
  id?: string;
  name: string;
  data: DeadlineJob;
  failedReason: string;
  attemptsMade: number;
  finishedOn?: number;
}

export class DeadlineScheduler {
  readonly queue: Queue<DeadlineJob>;

  constructor(
    connection: RedisClient,
    private readonly log: Logger,
  ) {
    this.queue = new Queue<DeadlineJob>(DEADLINE_QUEUE, { connection, prefix: QUEUE_PREFIX });
  }

  /** Bring the jobs in line with a case's deadlines after a change from `before` to `after`. */
  async sync(before: CaseSummary | null, after: CaseSummary): Promise<void> {
    const previous = new Map((before?.deadlines ?? []).map((d) => [d.id, d]));
    const work: Promise<unknown>[] = [];
    for (const deadline of after.deadlines) {
      const old = previous.get(deadline.id);
      const changed = !old || old.generation !== deadline.generation || old.state !== deadline.state;
      if (!changed) continue;
      if (old && old.state === 'open') work.push(this.remove(after.id, old));
      if (deadline.state === 'open') work.push(this.schedule(after.id, deadline));
    }
    await Promise.all(work);
  }

  /** Make sure every open deadline of a case has its jobs. */
  async ensure(summary: CaseSummary): Promise<void> {
    await Promise.all(summary.deadlines.filter((d) => d.state === 'open').map((d) => this.schedule(summary.id, d)));
  }

  async reconcile(summaries: CaseSummary[]): Promise<number> {
    let open = 0;
    for (const summary of summaries) {
      open += summary.deadlines.filter((d) => d.state === 'open').length;
      await this.ensure(summary);
    }
    return open;
  }

  async scheduleEscalation(job: Extract<DeadlineJob, { kind: 'escalation' }>, afterMs: number): Promise<void> {
    await this.queue.add('escalation', job, { ...JOB_OPTIONS, jobId: escalationJobId(job.alertId), delay: Math.max(0, afterMs) });
  }

  private async schedule(caseId: string, deadline: Deadline): Promise<void> {
    const now = Date.now();
    // The agency asked hears at once; one already overdue hears of it from the breach instead.
    if (deadline.kind === 'information-request' && Date.parse(deadline.dueAt) > now) {
      await this.queue.add('request', { kind: 'request', caseId, deadlineId: deadline.id }, { ...JOB_OPTIONS, jobId: requestJobId(caseId, deadline.id) });
    }
    const phases: ['warning' | 'breach', string | null][] = [
      ['warning', deadline.warnAt && deadline.warnAt < deadline.dueAt ? deadline.warnAt : null],
      ['breach', deadline.dueAt],
    ];
    for (const [phase, at] of phases) {
      if (!at) continue;
      // A warning whose breach is already due adds nothing; the breach says it all.
      if (phase === 'warning' && Date.parse(deadline.dueAt) <= now) continue;
      await this.queue.add(
        phase,
        { kind: phase, caseId, deadlineId: deadline.id, generation: deadline.generation },
        { ...JOB_OPTIONS, jobId: jobIdFor(caseId, deadline, phase), delay: Math.max(0, Date.parse(at) - now) },
      );
    }
  }

  private async remove(caseId: string, deadline: Deadline): Promise<void> {
    for (const phase of ['warning', 'breach'] as const) {
      try {
        await this.queue.remove(jobIdFor(caseId, deadline, phase));
      } catch (error) {
        // A job running now cannot be removed; the worker will find it stale.
        this.log.debug({ err: error, caseId, deadline: deadline.id }, 'deadline job not removed');
      }
    }
  }

  /** The newest 200 jobs that failed every retry, for the admin. */
  async failedJobs(): Promise<FailedJob[]> {
    const jobs = await this.queue.getFailed(0, 199);
    return jobs.map((j) => ({ id: j.id, name: j.name, data: j.data, failedReason: j.failedReason, attemptsMade: j.attemptsMade, finishedOn: j.finishedOn }));
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
