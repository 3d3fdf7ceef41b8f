/**
 * The case list, live: `cases.watch` on the socket (REST when it is down or slow), then every
 * `cases.changed` push merged in by version, with a brief highlight and a polite note.
 */
import type { CaseSummary } from '@mashboard/shared';
import { api, ApiRequestError } from './api.ts';
import { sameSummaries, upsertSummary } from './caseStream.ts';
import { takeEarlyCaseList } from './earlyCase.ts';
import { endedByRefusal, HIGHLIGHT_MS, nextNoteId, type LiveParts } from './liveState.ts';

export class CaseList {
  private watching = false;

  constructor(private readonly parts: LiveParts) {
    parts.connection.socket.on('cases.changed', (summary) => this.changed(summary));
  }

  /**
   * A page shows the list: load it now and after every reconnect. A page opened from a link may
   * have asked for the list before its code arrived (earlyCase.ts): that answer is its REST read.
   */
  watch(): void {
    this.watching = true;
    void this.load(takeEarlyCaseList());
  }

  reconnected(): void {
    if (this.watching) void this.load();
  }

  private async load(early?: Promise<CaseSummary[]>): Promise<void> {
    const { store, connection } = this.parts;
    if (connection.connected) {
      try {
        const ack = await connection.ask('cases.watch', {});
        // The list as shown when nothing in it changed (as after the first connect, the REST read
        // just drawn): the page is not drawn again.
        if (ack.ok) store.set({ caseList: sameSummaries(store.getState().caseList, ack.result.cases), caseListError: null });
        else store.set({ caseListError: ack.error });
        return;
      } catch {
        // Timed out: fall back to REST below.
      }
    }
    try {
      const cases = await (early ?? api.listCases());
      // A socket answer may have arrived meanwhile; merge rather than overwrite.
      let list = store.getState().caseList ?? [];
      for (const c of cases) list = upsertSummary(list, c);
      store.set({ caseList: list, caseListError: null });
    } catch (e) {
      if (endedByRefusal(this.parts, e)) return;
      if (!store.getState().caseList) store.set({ caseListError: e instanceof ApiRequestError ? e.error : { code: 'internal', message: String(e) } });
    }
  }

  private changed(summary: CaseSummary): void {
    const { store } = this.parts;
    const { caseList, changedCases } = store.getState();
    const list = caseList ?? [];
    const before = list.find((c) => c.id === summary.id);
    if (before && before.version >= summary.version) return;
    const until = Date.now() + HIGHLIGHT_MS;
    const text = before ? `Case ${summary.reference} updated.` : `New case ${summary.reference}.`;
    store.set({
      caseList: upsertSummary(list, summary),
      changedCases: { ...changedCases, [summary.id]: until },
      caseListNote: { id: nextNoteId(), text },
    });
    store.later(HIGHLIGHT_MS + 50, () => {
      const { [summary.id]: t, ...rest } = store.getState().changedCases;
      if (t !== undefined && t <= Date.now()) store.set({ changedCases: rest });
    });
  }
}
