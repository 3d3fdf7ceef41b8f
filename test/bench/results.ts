/** Where every benchmark leaves its figures: bench-results/<name>-<time>.json and <name>-latest.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/server.ts';

/** Writes the figures (both files) and returns the timestamped file's name. */
export function writeBenchResults(name: string, startedAt: Date, results: unknown): string {
  const dir = path.join(REPO_ROOT, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = `${name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(path.join(dir, file), json);
  writeFileSync(path.join(dir, `${name}-latest.json`), json);
  return file;
}
