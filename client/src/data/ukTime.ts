/**
 * The UK's offsets from UTC, read by a worker (zoneDays.worker.ts) while a signed-in page's code and
 * data are on their way, so the page's first render builds no date formatter of its own. If the
 * worker has not answered by then (or cannot run), the page reads the offsets itself, as before.
 */
import { rememberZoneDays, type ZoneDays } from '@mashboard/shared';

const isZoneDays = (value: unknown): value is ZoneDays =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ZoneDays).zone === 'string' &&
  Number.isInteger((value as ZoneDays).firstDay) &&
  Array.isArray((value as ZoneDays).offsets) &&
  (value as ZoneDays).offsets.every((o) => o === null || Number.isFinite(o));

let started = false;

export function readUkTimeAside(): void {
  if (started || typeof Worker !== 'function') return;
  started = true;
  const worker = new Worker(new URL('./zoneDays.worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (event: MessageEvent<unknown>) => {
    if (isZoneDays(event.data)) rememberZoneDays(event.data);
    worker.terminate();
  };
  worker.onerror = () => worker.terminate();
}
