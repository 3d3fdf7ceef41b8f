/**
 * Every command on a case goes through `execute`: validate with the shared schema, authorize,
 * decide the events from the current state (handlers.ts), append them atomically with the
 * projection, then run the steps that follow an append, all by the one command runner
 * (commands/runner.ts). Socket events and REST routes both call it, so there is one path for every change.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis.ts';
import {
  applyToEntry,
  applyToSummary,
  COMMANDS,
  entryIdOf,
  maySeeCase,
  type Actor,
  type BoardEntry,
  type CaseEvent,
  type CaseEventBody,
  type CaseSummary,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type MeetingSummary,
} from '@mashboard/shared';
import { RetentionScheduleStore } from '../retention/schedule-store.ts';
import { DecisionSettingsStore } from './decision-settings.ts';
import type { CaseErasure } from '../retention/erasure.ts';
import { refuse, refuseCaseNotShared, refuseIfErased } from '../errors.ts';
import type { TimelinessPolicyStore } from '../deadlines/policy-store.ts';
import type { Users } from '../auth/users.ts';
import type { EventStore } from '../store/event-store.ts';
import type { Logger } from '../logger.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditActor, audited, type Via } from '../audit/audited.ts';
import { backoff, CommandRunner, MAX_ATTEMPTS, validateAndAuthorize, type AfterAppend, type RunOutcome } from '../commands/runner.ts';
import { HANDLERS, INTERNAL_HANDLERS, withAutomaticStatus, type CommandContext, type CommandHandler } from './handlers.ts';

export { caseIdForNewCase } from './handlers.ts';

/** A step that follows every append to a case (see main.ts for the list). */
export type CaseAfterAppend = AfterAppend<CaseEvent, CaseSummary>;

export class CaseCommands {
  private readonly runner: CommandRunner<CaseEvent, CaseSummary, BoardEntry, CaseEventBody>;
  private erasure: CaseErasure | undefined;
  private earlierDecisions: CommandContext['earlierDecisions'] = () => Promise.resolve(null);

  constructor(
    private readonly redis: RedisClient,
    private readonly eventStore: EventStore,
    private readonly users: Users,
    private readonly policy: TimelinessPolicyStore,
    private readonly audit: AuditLog,
    log: Logger,
    private readonly meetingOf: (meetingId: string) => Promise<MeetingSummary | null> = () => Promise.resolve(null),
    private readonly retention: RetentionScheduleStore = new RetentionScheduleStore(redis),
    private readonly decisionSettings: DecisionSettingsStore = new DecisionSettingsStore(redis),
  ) {
    this.runner = new CommandRunner(
      {
        noun: 'case',
        store: eventStore,
        stamp: (body, { aggregateId, seq, at, actor, commandId }) => ({ ...body, id: '', seq, caseId: aggregateId, at, actor, commandId }),
        apply: applyToSummary,
        entriesAfter: (caseId, events) => this.entriesAfter(caseId, events),
        guard: async (summary, caseId, actor) => {
          if (summary && !maySeeCase(summary, actor)) refuseCaseNotShared(true);
          // An erased case stays erased: no command (not even a retried case.open) brings it back.
          if (!summary) refuseIfErased(await eventStore.readTombstone(caseId), actor);
        },
        cacheSize: 10_000,
      },
      log,
    );
  }

  /** Erasure reaches beyond the case (alerts, meetings, jobs): wired in once those exist. */
  useErasure(erasure: CaseErasure): void {
    this.erasure = erasure;
  }

  /** The re-referral look-up reads the search indexes (CaseQueries): wired in once those exist. */
  useEarlierDecisions(lookup: CommandContext['earlierDecisions']): void {
    this.earlierDecisions = lookup;
  }

  /** The steps that follow every append to a case, awaited before the acknowledgement (see main.ts). */
  afterAppend(...steps: CaseAfterAppend[]): void {
    this.runner.afterAppend(...steps);
  }

  /** Run a command from an untrusted payload on behalf of the signed-in actor; every attempt is audited. */
  async execute(name: string, rawPayload: unknown, actor: Actor, via?: Via): Promise<CommandResult> {
    const caseIdGiven = typeof (rawPayload as { caseId?: unknown } | null)?.caseId === 'string' ? (rawPayload as { caseId: string }).caseId.slice(0, 64) : undefined;
    return audited(
      this.audit,
      { action: name.slice(0, 60), actor: auditActor(actor), objectType: 'case', ...(caseIdGiven ? { objectId: caseIdGiven, caseId: caseIdGiven } : {}) },
      via,
      async () => {
        const command = validateAndAuthorize<typeof COMMANDS, CommandName>(COMMANDS, name, rawPayload, actor);
        if (command.name === 'retention.erase') {
          const erase = command.payload as CommandPayload<'retention.erase'>;
          return this.runner.exclusive(erase.caseId, () => this.erase(erase, actor));
        }
        return this.run(command.name, HANDLERS[command.name], command.payload, actor);
      },
      'succeeded',
      (result) => ({ objectId: result.entryId ?? result.caseId, caseId: result.caseId, ...(result.duplicate ? { detail: 'duplicate' } : {}) }),
    );
  }

  /** Record that a share pack was exported, through the same path as every change. */
  recordExport(actor: Actor, input: { caseId: string; decisionId: string; format: 'html' | 'pdf' }, via?: Via): Promise<CommandResult> {
    const exportId = randomUUID();
    const payload = { ...input, exportId, commandId: `export-${exportId}` };
    return audited(
      this.audit,
      { action: 'sharing.export', actor: auditActor(actor), objectType: 'sharing-decision', objectId: input.decisionId, caseId: input.caseId, detail: `${input.format} export ${exportId}` },
      via,
      () => this.run('sharing.record-export', INTERNAL_HANDLERS['sharing.record-export'] as unknown as CommandHandler<CommandName>, payload as never, actor),
      'succeeded',
    );
  }

  /** Erase a case (see `retention/erasure.ts`); a retried erase answers as done. */
  private async erase(p: CommandPayload<'retention.erase'>, actor: Actor): Promise<CommandResult> {
    if (!this.erasure) refuse('internal', 'Erasure is not available in this process.');
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const summary = await this.eventStore.readSummary(p.caseId);
      if (!summary) {
        const tombstone = await this.eventStore.readTombstone(p.caseId);
        if (tombstone?.commandId === p.commandId) return { caseId: p.caseId, reference: tombstone.reference, version: 0, lastEventId: '', duplicate: true };
        refuseIfErased(tombstone, actor);
        refuseCaseNotShared(false);
      }
      if (!maySeeCase(summary, actor)) refuseCaseNotShared(true);
      const outcome = await this.erasure.erase(summary, p, actor);
      if (outcome.kind === 'conflict') {
        await backoff(attempt);
        continue;
      }
      this.runner.forget(p.caseId);
      return { caseId: p.caseId, reference: summary.reference, version: 0, lastEventId: '', duplicate: false };
    }
    refuse('conflict', 'The case is changing too fast to erase now; try again.');
  }

  private async run<N extends CommandName>(name: N | 'sharing.record-export', handler: CommandHandler<N>, payload: CommandPayload<N>, actor: Actor): Promise<CommandResult> {
    const ctx: CommandContext = {
      actor,
      store: this.eventStore,
      users: this.users,
      redis: this.redis,
      policy: this.policy,
      retention: this.retention,
      decisions: this.decisionSettings,
      earlierDecisions: this.earlierDecisions,
      meeting: this.meetingOf,
    };
    const caseId = handler.caseIdOf(payload);
    const outcome = await this.runner.run({
      aggregateId: caseId,
      commandId: payload.commandId,
      actor,
      expectedVersion: handler.expectedVersionOf?.(payload),
      async decide(summary) {
        const decision = await handler.decide(payload, summary, ctx);
        // A manager's explicit status change stands; every other change may move the status on.
        return name === 'case.change-status' ? decision : withAutomaticStatus(decision, summary, caseId, ctx);
      },
    });
    return this.result(caseId, outcome);
  }

  /** The entries these events create or correct, as they will be stored. */
  private async entriesAfter(caseId: string, events: CaseEvent[]): Promise<BoardEntry[]> {
    const entries = new Map<string, BoardEntry>();
    for (const event of events) {
      const entryId = entryIdOf(event);
      if (!entryId) continue;
      // A new entry has nothing stored yet; only a correction needs the entry as it stands.
      const creates = event.type === 'contribution.added' || event.type === 'voice.recorded';
      const before = entries.get(entryId) ?? (creates ? undefined : ((await this.eventStore.readEntry(caseId, entryId)) ?? undefined));
      const after = applyToEntry(before, event);
      if (after) entries.set(entryId, after);
    }
    return [...entries.values()];
  }

  /** The acknowledgement: a retried command's names the case as it is now. */
  private async result(caseId: string, outcome: RunOutcome<CaseEvent, CaseSummary>): Promise<CommandResult> {
    const reference = outcome.duplicate ? ((await this.eventStore.readSummary(caseId))?.reference ?? '') : outcome.summary.reference;
    return {
      caseId,
      reference,
      version: outcome.version,
      lastEventId: outcome.lastEventId,
      ...(outcome.entryId ? { entryId: outcome.entryId } : {}),
      duplicate: outcome.duplicate,
    };
  }
}
