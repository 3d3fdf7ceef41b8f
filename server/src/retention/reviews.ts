/**
 * The queue side of retention reviews: when a case closes (or a keep decision sets the next
 * review), a delayed job on the deadline queue, id deterministic per (case, review generation),
 * raises the review when due (the deadline worker processes it). Reconciliation reads only the
 * retention index up to a horizon (the reviews due soon or awaiting a decision), never every case.
 */
import type { Queue } from 'bullmq';
import type { RedisClient } from '../redis.ts';
import type { CaseSummary, RetentionState } from '@mashboard/shared';
import { JOB_OPTIONS } from '../deadlines/scheduler.ts';
import { retentionJobId, type DeadlineJob } from '../deadlines/jobs.ts';
import type { Logger } from '../logger.ts';
import { CaseIndex } from '../store/case-index.ts';
import type { EventStore } from '../store/event-store.ts';

/** Reconciliation re-adds the jobs of reviews due within this long (further ones were added at closure). */
const RECONCILE_HORIZON_MS = 3_600_000;

const reviewOf = (s: CaseSummary | null): RetentionState | undefined => (s?.status === 'closed' ? s.retention : undefined);

export class RetentionReviews {
  private readonly index: CaseIndex;

  constructor(
    redis: RedisClient,
    private readonly queue: Queue<DeadlineJob>,
    private readonly store: EventStore,
    private readonly log: Logger,
  ) {
    this.index = new CaseIndex(redis);
  }

  /** Bring the review job in line after a change from `before` to `after`. */
  async sync(before: CaseSummary | null, after: CaseSummary): Promise<void> {
    const [was, now] = [reviewOf(before), reviewOf(after)];
    if (was?.generation === now?.generation) return;
    if (was) await this.queue.remove(retentionJobId(after.id, was.generation)).catch((error: unknown) => this.log.debug({ err: error, caseId: after.id }, 'retention job not removed'));
    if (now) await this.schedule(after.id, now);
  }

  private async schedule(caseId: string, review: RetentionState): Promise<void> {
    await this.queue.add(
      'retention-review',
      { kind: 'retention-review', caseId, generation: review.generation },
      { ...JOB_OPTIONS, jobId: retentionJobId(caseId, review.generation), delay: Math.max(0, Date.parse(review.reviewDueAt) - Date.now()) },
    );
  }

  /** Re-add the jobs of every review due within the horizon (adding an existing id is a no-op; the alert is raised once by id). */
  async reconcile(): Promise<number> {
    const summaries = await this.store.readSummaries(await this.index.retentionDueBy(Date.now() + RECONCILE_HORIZON_MS));
    let due = 0;
    for (const s of summaries) {
      const review = reviewOf(s);
      if (!review) continue;
      due++;
      await this.schedule(s.id, review);
    }
    return due;
  }
}
