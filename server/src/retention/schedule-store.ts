/**
 * The retention schedule in force, stored with the data and versioned like the timeliness policy:
 * every replacement is kept in the history. Owns the `mash:{retention}:*` keys.
 */
import type { RedisClient } from '../redis.ts';
import { DEFAULT_RETENTION_SCHEDULE, RetentionScheduleSchema, type Actor, type RetentionSchedule } from '@mashboard/shared';
import { parseOrRefuse, refuse } from '../errors.ts';

const CURRENT = 'mash:{retention}:schedule';
const HISTORY = 'mash:{retention}:schedule:history';

/** KEYS: current, history. ARGV: expected version, new schedule JSON, history record JSON. */
const REPLACE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local version = 1
if current then version = cjson.decode(current)['version'] end
if version ~= tonumber(ARGV[1]) then return version end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[3])
return 0
`;

export class RetentionScheduleStore {
  private cached: { schedule: RetentionSchedule; readAt: number } | undefined;

  constructor(
    private readonly redis: RedisClient,
    /** A schedule in seconds is for tests: refused in production. */
    private readonly allowSeconds = true,
  ) {}

  /** The schedule in force (the default until an admin changes it); cached for a second. */
  async current(): Promise<RetentionSchedule> {
    if (this.cached && Date.now() - this.cached.readAt < 1000) return this.cached.schedule;
    const json = await this.redis.get(CURRENT);
    const schedule = json ? RetentionScheduleSchema.parse(JSON.parse(json)) : DEFAULT_RETENTION_SCHEDULE;
    this.cached = { schedule, readAt: Date.now() };
    return schedule;
  }

  /** Replace the schedule; refused naming the field if invalid, or as a conflict if it changed since `expectedVersion`. */
  async replace(input: unknown, expectedVersion: number, actor: Actor): Promise<RetentionSchedule> {
    const candidate = parseOrRefuse(RetentionScheduleSchema, { ...(input as object), version: expectedVersion + 1 });
    if (candidate.unit === 'seconds' && !this.allowSeconds) {
      refuse('invalid', 'Invalid input: unit: a schedule in seconds is for tests only; use days', [{ path: 'unit', message: 'a schedule in seconds is for tests only; use days' }]);
    }
    const record = JSON.stringify({ schedule: candidate, by: actor, at: new Date().toISOString() });
    const result = Number(await this.redis.eval(REPLACE_SCRIPT, 2, CURRENT, HISTORY, expectedVersion, JSON.stringify(candidate), record));
    if (result !== 0) refuse('conflict', `The retention schedule changed since you loaded it (now version ${result}); reload and try again.`);
    this.cached = undefined;
    return candidate;
  }
}
