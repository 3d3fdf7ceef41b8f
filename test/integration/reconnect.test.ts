// @vitest-environment jsdom
/**
 * The session's connection (client/src/data/connection.ts) against a real server: when the
 * browser says the network is back, it connects at once instead of sitting out socket.io's
 * back-off from the attempts that failed meanwhile.
 */
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { Connection, type MashSocket } from '../../client/src/data/connection.ts';
import { signIn, withTimeout } from '../support/clients.ts';
import { useWorld } from '../support/world.ts';

const world = useWorld();

describe('the connection when the network comes back', () => {
  it('reconnects on the browser’s online event, not after the back-off socket.io is waiting out', async () => {
    const { baseUrl, server } = world.current;
    const session = await signIn(baseUrl, 'pc.evans');
    const connects: boolean[] = [];
    let onConnect = () => {};
    const connection = new Connection(
      {
        state: () => {},
        connected: (reconnect) => {
          connects.push(reconnect);
          onConnect();
        },
        disconnected: () => {},
        sessionEnded: (message) => {
          throw new Error(`session ended: ${message}`);
        },
      },
      // A back-off far longer than this test may take: only the online event can reconnect it in time.
      (): MashSocket =>
        io(baseUrl, {
          transports: ['websocket'],
          autoConnect: false,
          reconnectionDelay: 600_000,
          reconnectionDelayMax: 600_000,
          extraHeaders: { origin: baseUrl, cookie: session.cookie },
        }),
    );
    const connected = () => new Promise<void>((resolve) => (onConnect = resolve));
    try {
      const first = connected();
      connection.start();
      await withTimeout(first, 20_000, 'first connect');

      // The server goes away and comes back: the socket is now waiting out its back-off.
      const lost = new Promise<void>((resolve) => connection.socket.once('disconnect', () => resolve()));
      await server.restart();
      await withTimeout(lost, 20_000, 'disconnect');
      expect(connection.connected).toBe(false);

      const again = connected();
      window.dispatchEvent(new Event('online'));
      await withTimeout(again, 20_000, 'reconnect after the online event');
      expect(connects).toEqual([false, true]);
      expect(connection.connected).toBe(true);
    } finally {
      connection.stop();
    }
  });
});
