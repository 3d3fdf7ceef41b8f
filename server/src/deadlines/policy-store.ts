/** The timeliness policy in force, versioned (see `store/versioned-setting.ts`). Owns the `mash:{timeliness}:*` keys. */
import { DEFAULT_POLICY, TimelinessPolicySchema, type TimelinessPolicy } from '@mashboard/shared';
import type { RedisClient } from '../redis.ts';
import { VersionedSetting } from '../store/versioned-setting.ts';

export class TimelinessPolicyStore extends VersionedSetting<TimelinessPolicy> {
  constructor(redis: RedisClient) {
    super(redis, { key: 'mash:{timeliness}:policy', schema: TimelinessPolicySchema, fallback: DEFAULT_POLICY, recordName: 'policy', label: 'policy' });
  }
}
