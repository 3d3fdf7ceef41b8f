import { memo, useCallback } from 'react';
import { useClockReading } from '../data/clock.ts';
import { formatAgo, nextAgoChange } from '../data/time.ts';

/** "5 min ago", kept fresh by the shared clock: read again when the minutes it counts change. */
export const Ago = memo(function Ago({ iso }: { iso: string }) {
  const read = useCallback((now: number) => ({ shown: formatAgo(iso, now), changesAt: nextAgoChange(iso, now) }), [iso]);
  return <>{useClockReading(read, Object.is)}</>;
});
