import { useMemo } from 'react';
import { FAST_TICK_MS, sameReading, useClockReading } from '../data/clock.ts';

/**
 * The entries highlighted now (changed by someone else moments ago; `highlights` maps an entry id to
 * when its highlight ends). Read from the shared clock rather than Date.now() in render; the
 * component re-renders only when the set changes.
 */
export function useHighlightedIds(highlights: Record<string, number>): ReadonlySet<string> {
  const { ids } = useClockReading(
    FAST_TICK_MS,
    (now) => ({
      ids: Object.keys(highlights)
        .filter((id) => (highlights[id] ?? 0) > now)
        .join(' '),
    }),
    sameReading,
  );
  return useMemo(() => new Set(ids ? ids.split(' ') : []), [ids]);
}
