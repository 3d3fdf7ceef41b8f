/**
 * Merging a case's events into the cached view. Events carry seq 1, 2, 3 … with no gaps:
 * seq <= version is a duplicate (ignored); seq > version + 1 means some were missed (a gap),
 * which the caller fills with case.catch-up before applying anything later.
 */
import { applyToEntry, applyToSummary, entryIdOf, type BoardEntry, type CaseEvent, type CaseView } from '@mashboard/shared';

export interface MergeResult {
  view: CaseView;
  /** The events actually applied, in order. */
  applied: CaseEvent[];
  /** True when an event arrived beyond version + 1: catch up from view.summary.lastEventId. */
  gap: boolean;
}

/**
 * Apply events in order with the shared reducers (applyToSummary, applyToEntry), as applyToView
 * does one at a time, but with one copy of the entries and an index by id for the whole batch: a
 * catch-up of 1,000 events on a long case is linear, not 1,000 copies of the list.
 */
export function mergeEvents(view: CaseView, events: readonly CaseEvent[]): MergeResult {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  let summary = view.summary;
  let entries: BoardEntry[] | null = null;
  let index: Map<string, number> | null = null;
  const applied: CaseEvent[] = [];
  let gap = false;
  for (const event of sorted) {
    if (event.caseId !== view.summary.id) continue;
    if (event.seq <= summary.version) continue;
    if (event.seq > summary.version + 1) {
      gap = true;
      break;
    }
    summary = applyToSummary(summary, event);
    applied.push(event);
    const entryId = entryIdOf(event);
    if (!entryId) continue;
    entries ??= [...view.entries];
    index ??= new Map(entries.map((e, i) => [e.id, i]));
    const at = index.get(entryId);
    const updated = applyToEntry(at === undefined ? undefined : entries[at], event);
    if (!updated) continue;
    if (at === undefined) {
      index.set(entryId, entries.length);
      entries.push(updated);
    } else entries[at] = updated;
  }
  if (!applied.length) return { view, applied, gap };
  return { view: { summary, entries: entries ?? view.entries }, applied, gap };
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

/**
 * A fresh read of the list, keeping the summaries already held at the same version, and the held
 * list itself when the read has the same cases in the same order: a read that changes nothing
 * (the socket's after the REST one just drawn) draws nothing again.
 */
export function sameSummaries<T extends { id: string; version: number }>(held: T[] | null, read: T[]): T[] {
  if (!held) return read;
  const byId = new Map(held.map((s) => [s.id, s]));
  let unchanged = held.length === read.length;
  const list = read.map((s, i) => {
    const kept = byId.get(s.id);
    if (kept?.version !== s.version) {
      unchanged = false;
      return s;
    }
    if (held[i] !== kept) unchanged = false;
    return kept;
  });
  return unchanged ? held : list;
}
