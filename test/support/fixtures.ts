/** Valid command payloads (and a Redis + server(s) per test file). */
import { randomUUID } from 'node:crypto';
import type { CommandInput } from '@mashboard/shared';
import { startRedis, type RedisHandle, type RedisOptions } from './redis.ts';
import { startServer, type ServerHandle, type ServerOptions } from './server.ts';

export const newCommandId = (): string => randomUUID();

export function openCasePayload(overrides: Partial<CommandInput<'case.open'>> = {}): CommandInput<'case.open'> {
  return {
    commandId: newCommandId(),
    children: [
      { firstName: 'Amelia', lastName: 'Test', dateOfBirth: '2017-03-14' },
      { firstName: 'Noah', lastName: 'Test', dateOfBirth: '2025-01-02' },
    ],
    referral: { source: 'education', referrerName: 'Ms Class Teacher', referrerRole: 'Class teacher' },
    reasonForConcern: 'Amelia arrived at school with a bruise on her cheek and said she was scared to go home.',
    // Minutes ago: its first rating (due an hour of working time after receipt) never falls due
    // while a test runs, whatever the time of day. A test about an overdue contact says when it came.
    receivedAt: new Date(Date.now() - 5 * 60 * 1000).toISOString(),
    ...overrides,
  };
}

export function factPayload(caseId: string, overrides: Partial<CommandInput<'contribution.add'>> = {}): CommandInput<'contribution.add'> {
  return {
    commandId: newCommandId(),
    caseId,
    text: 'Police attended the address on 12 November following a neighbour report of shouting.',
    kind: 'fact',
    timeframe: 'current',
    happened: { precision: 'exact', date: '2025-11-12', time: '22:15' },
    source: 'agency-records',
    childIds: [],
    ...overrides,
  };
}

export function opinionPayload(caseId: string, overrides: Partial<CommandInput<'contribution.add'>> = {}): CommandInput<'contribution.add'> {
  return {
    commandId: newCommandId(),
    caseId,
    text: 'In my view the mother is finding it hard to cope since the birth of Noah.',
    kind: 'opinion',
    basis: 'Three home visits in October; missed two health appointments; mother said she is exhausted.',
    timeframe: 'current',
    happened: { precision: 'approximate', date: '2025-10-15' },
    source: 'direct-observation',
    childIds: [],
    ...overrides,
  };
}

export function voicePayload(caseId: string, childId: string, overrides: Partial<CommandInput<'voice.record'>> = {}): CommandInput<'voice.record'> {
  return {
    commandId: newCommandId(),
    caseId,
    childId,
    words: "I don't want to go home when Dad is shouting.",
    wishes: 'To stay with Nan at the weekend.',
    feelings: 'Scared at night.',
    howExpressed: 'spontaneous',
    circumstances: { where: 'School library', happened: { precision: 'exact', date: '2025-11-13', time: '10:30' }, whoPresent: 'Class teacher' },
    heardBy: { name: 'D. Morgan', role: 'Designated safeguarding lead', agency: 'education' },
    ...overrides,
  };
}

/** A decision not to share (the April 2024 advice's questions answered): the smallest valid `sharing.decide`. */
export function notSharedPayload(caseId: string, overrides: Partial<CommandInput<'sharing.decide'>> = {}): CommandInput<'sharing.decide'> {
  return {
    commandId: newCommandId(),
    caseId,
    direction: 'outgoing',
    purpose: 'The school nurse needs to know of the injuries to monitor the child',
    hasClearPurpose: true,
    consent: { status: 'not-sought', reason: 'risk-to-child-or-adult' },
    identifiesPerson: true,
    lawfulBases: ['uk-gdpr-6-1-e'],
    decision: 'do-not-share',
    reasons: 'The nurse has no role in this yet',
    familyTold: { told: false, why: 'Telling the family now could put the child at risk' },
    ...overrides,
  };
}

export interface World {
  redis: RedisHandle;
  servers: ServerHandle[];
  server: ServerHandle;
  baseUrl: string;
  /** Server output, for failure messages. */
  logs(): string;
  dispose(): Promise<void>;
}

/** A Redis and `servers` server processes on it (started one after another: 2 cores). */
export async function startWorld(options: { servers?: number; redis?: RedisOptions; server?: Omit<ServerOptions, 'redisUrl'> } = {}): Promise<World> {
  const redis = await startRedis(options.redis);
  const servers: ServerHandle[] = [];
  try {
    for (let i = 0; i < (options.servers ?? 1); i++) {
      servers.push(await startServer({ redisUrl: redis.url, ...options.server }));
    }
  } catch (error) {
    await Promise.all(servers.map((s) => s.stop()));
    await redis.dispose();
    throw error;
  }
  return {
    redis,
    servers,
    server: servers[0]!,
    baseUrl: servers[0]!.baseUrl,
    logs: () => servers.map((s, i) => `--- server ${i} (${s.baseUrl}) ---\n${s.output()}`).join('\n') + `\n--- redis ---\n${redis.output()}`,
    async dispose() {
      await Promise.all(servers.map((s) => s.stop()));
      await redis.dispose();
    },
  };
}
