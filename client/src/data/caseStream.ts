/**
 * Merging a case's events into the cached view. Events carry seq 1, 2, 3 … with no gaps:
 * seq <= version is a duplicate (ignored); seq > version + 1 means some were missed (a gap),
 * which the caller fills with case.catch-up before applying anything later.
 */
import { applyToView, entryIdOf, type CaseEvent, type CaseView } from '@mashboard/shared';

export interface MergeResult {
  view: CaseView;
  /** The events actually applied, in order. */
  applied: CaseEvent[];
  /** True when an event arrived beyond version + 1: catch up from view.summary.lastEventId. */
  gap: boolean;
}

export function mergeEvents(view: CaseView, events: readonly CaseEvent[]): MergeResult {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let current = view;
  const applied: CaseEvent[] = [];
  let gap = false;
  for (const event of sorted) {
    if (event.caseId !== view.summary.id) continue;
    const version = current.summary.version;
    if (event.seq <= version) continue;
    if (event.seq > version + 1) {
      gap = true;
      break;
    }
    current = applyToView(current, event);
    applied.push(event);
  }
  return { view: current, applied, gap };
}

/** Entries created or changed by other people in these events (to highlight them briefly). */
export function entriesChangedByOthers(events: readonly CaseEvent[], myUserId: string): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    const id = entryIdOf(e);
    if (id && e.actor.userId !== myUserId) ids.add(id);
  }
  return [...ids];
}

/** Upsert a summary into a list by id (the newer version wins). */
export function upsertSummary<T extends { id: string; version: number }>(list: readonly T[], summary: T): T[] {
  const index = list.findIndex((s) => s.id === summary.id);
  if (index < 0) return [...list, summary];
  const existing = list[index]!;
  if (existing.version > summary.version) return [...list];
  return list.map((s, i) => (i === index ? summary : s));
}
