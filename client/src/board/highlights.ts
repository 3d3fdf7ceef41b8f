import { useCallback, useMemo } from 'react';
import { firstAfter, useClockReading } from '../data/clock.ts';

/**
 * The entries highlighted now (changed by someone else moments ago; `highlights` maps an entry id to
 * when its highlight ends). Read from the shared clock rather than Date.now() in render, when a
 * highlight ends; the component re-renders only when the set changes.
 */
export function useHighlightedIds(highlights: Record<string, number>): ReadonlySet<string> {
  const read = useCallback(
    (now: number) => ({
      shown: Object.keys(highlights)
        .filter((id) => (highlights[id] ?? 0) > now)
        .join(' '),
      changesAt: firstAfter(now, Object.values(highlights)),
    }),
    [highlights],
  );
  const ids = useClockReading(read, Object.is);
  return useMemo(() => new Set(ids ? ids.split(' ') : []), [ids]);
}
