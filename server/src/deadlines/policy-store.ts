/**
 * The timeliness policy in force, stored with the data and versioned: every replacement is kept
 * in the history. Owns the `mash:{timeliness}:*` keys.
 */
import type { RedisClient } from '../redis.ts';
import { DEFAULT_POLICY, TimelinessPolicySchema, type Actor, type TimelinessPolicy } from '@mashboard/shared';
import { parseOrRefuse, refuse } from '../errors.ts';

const CURRENT = 'mash:{timeliness}:policy';
const HISTORY = 'mash:{timeliness}:policy:history';

/** KEYS: current, history. ARGV: expected version, new policy JSON, history record JSON. */
const REPLACE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local version = 1
if current then version = cjson.decode(current)['version'] end
if version ~= tonumber(ARGV[1]) then return version end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[3])
return 0
`;

export class TimelinessPolicyStore {
  private cached: { policy: TimelinessPolicy; readAt: number } | undefined;

  constructor(private readonly redis: RedisClient) {}

  /** The policy in force (the default until an admin changes it); cached for a second. */
  async current(): Promise<TimelinessPolicy> {
    if (this.cached && Date.now() - this.cached.readAt < 1000) return this.cached.policy;
    const json = await this.redis.get(CURRENT);
    const policy = json ? TimelinessPolicySchema.parse(JSON.parse(json)) : DEFAULT_POLICY;
    this.cached = { policy, readAt: Date.now() };
    return policy;
  }

  /** Replace the policy; refused if it changed since `expectedVersion`, or if invalid. */
  async replace(input: unknown, expectedVersion: number, actor: Actor): Promise<TimelinessPolicy> {
    const candidate = parseOrRefuse(TimelinessPolicySchema, { ...(input as object), version: expectedVersion + 1 });
    const record = JSON.stringify({ policy: candidate, by: actor, at: new Date().toISOString() });
    const result = Number(await this.redis.eval(REPLACE_SCRIPT, 2, CURRENT, HISTORY, expectedVersion, JSON.stringify(candidate), record));
    if (result !== 0) refuse('conflict', `The policy changed since you loaded it (now version ${result}); reload and try again.`);
    this.cached = undefined;
    return candidate;
  }

  async history(): Promise<{ policy: TimelinessPolicy; by: Actor; at: string }[]> {
    return (await this.redis.lrange(HISTORY, 0, -1)).map((r) => JSON.parse(r));
  }
}
