/**
 * One vitest run for the whole repo (`npm test`):
 * - unit: pure tests beside the code (shared, server, client), in parallel;
 * - integration: test/** (each file starts its own redis-server and server processes), one file
 *   at a time so a 2-core machine is not overloaded; generous timeouts for process start-up.
 * test/bench is never part of the test run (`npm run bench` prints numbers instead).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
  root,
  test: {
    maxWorkers: 2,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts'],
          environment: 'node',
          // The property tests run thousands of cases (search's 20,000): seconds when the machine is
          // quiet, several times that when two cores are shared, which is not a failure.
          testTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'client',
          include: ['client/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/bench/**', '**/node_modules/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // After the unit projects: never compete with them for the two cores.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
