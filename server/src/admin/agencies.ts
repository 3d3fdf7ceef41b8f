/**
 * The MASH's partner agencies, as data an admin manages: add a local partner, rename one, or make
 * one inactive (history still names it; nothing new may). Seeded with the built-in partners. Every
 * process keeps the shared registry (`setAgencies`) in step by watching a version counter, so the
 * schemas everywhere accept exactly the active agencies. Owns `mash:{agencies}:*` (one slot:
 * the list and its version change in one transaction).
 */
import { execAll, type RedisClient } from '../redis.ts';
import { BUILT_IN_AGENCIES, setAgencies, type Agency } from '@mashboard/shared';
import type { Logger } from '../logger.ts';

export const agencyKeys = { list: () => 'mash:{agencies}:list', version: () => 'mash:{agencies}:version' };
const LIST = agencyKeys.list();
const VERSION = agencyKeys.version();

export class AgencyStore {
  private version = -1;

  constructor(
    private readonly redis: RedisClient,
    private readonly log: Logger,
  ) {}

  /** Seed the built-in partners (once) and load the list into this process. */
  async start(): Promise<void> {
    const tx = this.redis.multi();
    for (const a of BUILT_IN_AGENCIES) tx.hsetnx(LIST, a.id, JSON.stringify(a));
    tx.setnx(VERSION, '1');
    await execAll(tx);
    await this.refresh();
  }

  async all(): Promise<Agency[]> {
    const raw = await this.redis.hvals(LIST);
    return raw.map((r) => JSON.parse(r) as Agency).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Reload if another process (or this one) changed the list. */
  async refresh(): Promise<void> {
    const version = Number((await this.redis.get(VERSION)) ?? 0);
    if (version === this.version) return;
    setAgencies(await this.all());
    this.version = version;
  }

  /** Add or change an agency; the new version reaches every process within seconds. */
  async save(agency: Agency): Promise<void> {
    await execAll(this.redis.multi().hset(LIST, agency.id, JSON.stringify(agency)).incr(VERSION));
    await this.refresh();
  }

  async get(id: string): Promise<Agency | null> {
    const raw = await this.redis.hget(LIST, id);
    return raw ? (JSON.parse(raw) as Agency) : null;
  }

  /** Poll the version every `everyMs` (one GET). */
  watch(everyMs = 2000): { stop: () => void } {
    const timer = setInterval(() => void this.refresh().catch((error: unknown) => this.log.warn({ err: error }, 'agency refresh failed')), everyMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }
}
