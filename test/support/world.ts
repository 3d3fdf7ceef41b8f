/** Per-file setup: a Redis and server(s) in beforeAll, gone in afterAll; logs printed on failure. */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startWorld, type World } from './fixtures.ts';

export function useWorld(options: Parameters<typeof startWorld>[0] = {}): { readonly current: World } {
  let world: World | undefined;
  beforeAll(async () => {
    world = await startWorld(options);
  });
  afterAll(async () => {
    await world?.dispose();
  });
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      if (world) console.error(`\n===== process output for the failed test =====\n${world.logs().slice(-8_000)}`);
    });
  });
  return {
    get current(): World {
      if (!world) throw new Error('world not started');
      return world;
    },
  };
}
