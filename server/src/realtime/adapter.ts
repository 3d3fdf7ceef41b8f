/**
 * The Socket.IO adapter: the Redis Streams adapter, with one change. Out of the box a broadcast
 * waits for its XADD to the adapter stream (an fsync under `appendfsync always`) before it reaches
 * even this process's own sockets. Here this process's sockets get it at once, and the other
 * processes get it through the stream as before, in the same order. Case events are stored before
 * they are broadcast and every viewer catches up by seq, so the broadcast itself needs no fsync.
 */
import type { Namespace } from 'socket.io';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';
import { Adapter, ClusterAdapter, MessageType, type BroadcastOptions } from 'socket.io-adapter';
import type { RedisClient } from '../redis.ts';

export function createAdapter(redis: RedisClient, options: { streamName: string; maxLen: number }) {
  const streams = createStreamsAdapter(redis, options);
  // socket.io calls this with `new`: a plain function (not an arrow) returning the adapter.
  return function localFirstAdapter(nsp: Namespace): Adapter {
    const adapter = streams(nsp) as unknown as ClusterAdapter;
    if (!(adapter instanceof ClusterAdapter)) throw new Error('the Redis Streams adapter is no longer a ClusterAdapter; review realtime/adapter.ts');
    const publish = (adapter as unknown as { publish: (message: unknown) => void }).publish.bind(adapter);
    // socket.io-adapter types a packet as `any`; here it is only passed along.
    adapter.broadcast = (packet: unknown, opts: BroadcastOptions) => {
      // Publish first: the message is encoded now, before local delivery touches the packet.
      if (!opts.flags?.local) {
        publish({ type: MessageType.BROADCAST, data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } } });
      }
      Adapter.prototype.broadcast.call(adapter, packet, opts);
      return Promise.resolve();
    };
    return adapter;
  };
}

/**
 * A case was erased: delete from the adapter stream (capped at 10,000 recent broadcasts) every
 * message that names it (its events, its case-list rows, minutes pushed with it). Those messages
 * were live pushes already delivered; nothing reads them again but a process joining late. Matched
 * on the case id's bytes in the encoded message. Idempotent.
 */
export async function forgetCaseBroadcasts(redis: RedisClient, streamName: string, caseId: string): Promise<number> {
  const needle = Buffer.from(caseId);
  let start = '-';
  let deleted = 0;
  for (;;) {
    const page = (await redis.xrangeBuffer(streamName, start, '+', 'COUNT', 1000)) as unknown as [Buffer, Buffer[]][];
    const doomed = page.filter(([, fields]) => fields.some((f) => f.includes(needle))).map(([id]) => id.toString());
    if (doomed.length > 0) deleted += await redis.xdel(streamName, ...doomed);
    if (page.length < 1000) break;
    start = `(${page[page.length - 1]![0].toString()}`;
  }
  return deleted;
}
