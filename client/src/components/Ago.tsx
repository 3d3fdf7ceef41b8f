import { memo } from 'react';
import { SLOW_TICK_MS, useNow } from '../data/clock.ts';
import { formatAgo } from '../data/time.ts';

/** "5 min ago", kept fresh by the shared clock (15 s ticks). */
export const Ago = memo(function Ago({ iso }: { iso: string }) {
  const now = useNow(SLOW_TICK_MS);
  return <>{formatAgo(iso, now)}</>;
});
