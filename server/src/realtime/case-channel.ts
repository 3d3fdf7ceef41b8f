/**
 * The case channel: case commands (the same `execute` as REST), opening a case (whole, or its
 * summary alone) with gap-free catch-up, catching up after a gap, closing it, and watching the case list.
 */
import { CatchUpSchema, COMMAND_NAMES, JoinCaseSchema, LeaveCaseSchema } from '@mashboard/shared';
import type { Via } from '../audit/audited.ts';
import type { CaseCommands } from '../cases/commands.ts';
import type { CaseQueries } from '../cases/queries.ts';
import type { Logger } from '../logger.ts';
import { onEvent, type MashSocket } from './io.ts';
import type { RoomPresence } from './presence.ts';
import { rooms } from './rooms.ts';

export function caseChannel(socket: MashSocket, via: Via, deps: { commands: CaseCommands; queries: CaseQueries; presence: RoomPresence; log: Logger }): void {
  const { commands, queries, presence, log } = deps;
  const { actor } = socket.data;

  for (const name of COMMAND_NAMES) {
    onEvent(socket, log, name, (payload) => commands.execute(name, payload, socket.data.actor, via));
  }

  onEvent(socket, log, 'case.join', JoinCaseSchema, async ({ caseId, afterEventId, entries }) => {
    // Join the rooms only once the read has found the case shared with this agency, and
    // before it reads what it returns: a socket is never in the room of a case it may not
    // see, any event appended after the read is pushed live, and one both read and pushed is
    // dropped by the client by its seq.
    const caseRooms = [rooms.case(caseId), rooms.caseAgency(caseId, actor.agency)];
    const joinRooms = async () => {
      await socket.join(caseRooms);
    };
    try {
      if (afterEventId) {
        const { events, more } = await queries.eventsAfter(socket.data.actor, caseId, afterEventId, via, joinRooms);
        return { events, more, viewers: await presence.enterCase(socket, caseId) };
      }
      if (entries === false) {
        const summary = await queries.summary(socket.data.actor, caseId, via, joinRooms);
        return { summary, events: [], more: false, viewers: await presence.enterCase(socket, caseId) };
      }
      const view = await queries.view(socket.data.actor, caseId, via, joinRooms);
      return { view, events: [], more: false, viewers: await presence.enterCase(socket, caseId) };
    } catch (error) {
      if (!socket.data.cases.has(caseId)) for (const room of caseRooms) await socket.leave(room);
      throw error;
    }
  });

  onEvent(socket, log, 'case.catch-up', CatchUpSchema, ({ caseId, afterEventId }) => queries.eventsAfter(socket.data.actor, caseId, afterEventId, via));

  onEvent(socket, log, 'case.leave', LeaveCaseSchema, async ({ caseId }) => {
    await socket.leave(rooms.case(caseId));
    await socket.leave(rooms.caseAgency(caseId, actor.agency));
    await presence.leaveCase(socket, caseId);
    return { left: true as const };
  });

  onEvent(socket, log, 'cases.watch', async () => {
    // Join only once the read and its audit record have succeeded: a watch that failed
    // receives no rows. (A row changed between the read and the join comes with that case's
    // next change: rows are the latest state, not a sequence to replay.)
    const cases = await queries.list(socket.data.actor, via);
    await socket.join([rooms.caseList(), rooms.caseListAgency(actor.agency)]);
    return { cases };
  });
}
