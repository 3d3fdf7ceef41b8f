/**
 * A setting an admin edits (the timeliness policy, the retention schedule), stored with the data:
 * the one in force under `current`, every replacement kept in `history`, a replacement refused if
 * the setting changed since the admin loaded it. Both keys share the setting's hash tag.
 */
import type { z } from 'zod';
import type { Actor } from '@mashboard/shared';
import type { RedisClient } from '../redis.ts';
import { parseOrRefuse, refuse } from '../errors.ts';

/** KEYS: current, history. ARGV: expected version, new setting JSON, history record JSON. */
const REPLACE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local version = 1
if current then version = cjson.decode(current)['version'] end
if version ~= tonumber(ARGV[1]) then return version end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[3])
return 0
`;

export interface VersionedSettingOptions<T> {
  /** Keys: `<key>` and `<key>:history`, e.g. `mash:{timeliness}:policy`. */
  key: string;
  schema: z.ZodType<T>;
  /** In force until an admin replaces it. */
  fallback: T;
  /** What a history record calls it (`policy`, `schedule`), and what a conflict message calls it. */
  recordName: string;
  label: string;
}

/** One replacement as recorded in the history list: who, when, and the setting as it became. */
type HistoryEntry = { by: Actor; at: string } & Record<string, unknown>;

export class VersionedSetting<T extends { version: number }> {
  private cached: { value: T; readAt: number } | undefined;

  constructor(
    protected readonly redis: RedisClient,
    private readonly options: VersionedSettingOptions<T>,
  ) {}

  /** The setting in force; cached for a second. */
  async current(): Promise<T> {
    if (this.cached && Date.now() - this.cached.readAt < 1000) return this.cached.value;
    const json = await this.redis.get(this.options.key);
    const value = json ? this.options.schema.parse(JSON.parse(json)) : this.options.fallback;
    this.cached = { value, readAt: Date.now() };
    return value;
  }

  /** Validate a replacement (refused naming the field), then store it unless the setting moved since `expectedVersion`. */
  async replace(input: unknown, expectedVersion: number, actor: Actor): Promise<T> {
    const candidate = parseOrRefuse(this.options.schema, { ...(input as object), version: expectedVersion + 1 });
    this.check(candidate);
    const record = JSON.stringify({ [this.options.recordName]: candidate, by: actor, at: new Date().toISOString() });
    const { key } = this.options;
    const result = Number(await this.redis.eval(REPLACE_SCRIPT, 2, key, `${key}:history`, expectedVersion, JSON.stringify(candidate), record));
    if (result !== 0) refuse('conflict', `The ${this.options.label} changed since you loaded it (now version ${result}); reload and try again.`);
    this.cached = undefined;
    return candidate;
  }

  /** Every replacement, oldest first. */
  async history(): Promise<HistoryEntry[]> {
    return (await this.redis.lrange(`${this.options.key}:history`, 0, -1)).map((r) => JSON.parse(r) as HistoryEntry);
  }

  /** Further rules a replacement must meet (refuse to reject it). */
  protected check(_candidate: T): void {}
}
