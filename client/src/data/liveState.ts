/**
 * What the live data layer holds for React, and the store it lives in. Each part of the layer
 * (connection, case boards, case list, alerts, the outbox and toasts in live.ts) writes its own
 * slice; React reads the whole through useLive() (useSyncExternalStore).
 */
import type { Alert, ApiError, CaseSummary, CaseView, Viewer } from '@mashboard/shared';
import { ApiRequestError } from './api.ts';
import type { Connection, ConnectionState } from './connection.ts';
import type { OutboxItem } from './outbox.ts';

export interface LiveNote {
  id: number;
  text: string;
}

export interface CaseLive {
  caseId: string;
  /** The whole case, while a page has it open whole (`CasePart` 'whole'). */
  view: CaseView | null;
  /** Its summary: the view's, or alone while only the summary is open (a meeting's other agenda items). */
  summary: CaseSummary | null;
  viewers: Viewer[];
  loading: boolean;
  error: ApiError | null;
  /** Entries just added or corrected by someone else: entryId → highlight until (ms). */
  highlights: Record<string, number>;
  /** The latest change, for a polite live region. */
  note: LiveNote | null;
}

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** Open this case from the toast. */
  caseId?: string;
}

export interface LiveState {
  connection: ConnectionState;
  outbox: readonly OutboxItem[];
  /** Cases seen by the list (open and closed; the page filters). null until first loaded. */
  caseList: CaseSummary[] | null;
  caseListError: ApiError | null;
  /** Cases that just changed: id → highlight until (ms). */
  changedCases: Record<string, number>;
  caseListNote: LiveNote | null;
  cases: Record<string, CaseLive>;
  toasts: Toast[];
  /** The alert inbox, newest first (null until loaded, or for roles that receive no alerts). */
  alerts: Alert[] | null;
  alertsError: ApiError | null;
}

/** What a page keeps of an open case: all of it, or its summary alone (live either way). */
export type CasePart = 'whole' | 'summary';

/** How long what someone else just changed stays highlighted. */
export const HIGHLIGHT_MS = 6_000;

let noteCounter = 0;
/** Ids for notes and toasts: a new id makes a live region speak again. */
export const nextNoteId = () => ++noteCounter;

export class LiveStore {
  private state: LiveState;
  private listeners = new Set<() => void>();
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(initial: LiveState) {
    this.state = initial;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = (): LiveState => this.state;

  set(patch: Partial<LiveState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Run `fn` after `ms`, unless the session stops first. */
  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** What each part of the live layer is given: the store, the socket, and a way to end the session. */
export interface LiveParts {
  store: LiveStore;
  connection: Connection;
  sessionEnded(message: string): void;
}

/** A REST answer of 401 ends the session; returns true when it did. */
export function endedByRefusal(parts: LiveParts, error: unknown): boolean {
  if (!(error instanceof ApiRequestError && error.status === 401)) return false;
  parts.sessionEnded('Your session has ended. Please sign in again.');
  return true;
}
