/**
 * The retention schedule in force, versioned like the timeliness policy (see
 * `store/versioned-setting.ts`). Owns the `mash:{retention}:*` keys.
 */
import { DEFAULT_RETENTION_SCHEDULE, RetentionScheduleSchema, type RetentionSchedule } from '@mashboard/shared';
import type { RedisClient } from '../redis.ts';
import { refuse } from '../errors.ts';
import { VersionedSetting } from '../store/versioned-setting.ts';

export class RetentionScheduleStore extends VersionedSetting<RetentionSchedule> {
  constructor(
    redis: RedisClient,
    /** A schedule in seconds is for tests: refused in production. */
    private readonly allowSeconds = true,
  ) {
    super(redis, { key: 'mash:{retention}:schedule', schema: RetentionScheduleSchema, fallback: DEFAULT_RETENTION_SCHEDULE, recordName: 'schedule', label: 'retention schedule' });
  }

  protected override check(candidate: RetentionSchedule): void {
    if (candidate.unit === 'seconds' && !this.allowSeconds) {
      refuse('invalid', 'Invalid input: unit: a schedule in seconds is for tests only; use days', [{ path: 'unit', message: 'a schedule in seconds is for tests only; use days' }]);
    }
  }
}
