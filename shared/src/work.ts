/**
 * A practitioner's own work: the cases they lead, the actions they own, and the information their
 * agency has been asked for. Served from the work-list indexes, never by walking cases.
 */
import type { Deadline } from './deadlines.ts';
import type { CaseSummary } from './model.ts';

/** One open request or action, with the case it is on (as the reader may see it). */
export interface WorkItem {
  caseId: string;
  deadline: Deadline;
}

/** `GET /api/my-work`. */
export interface MyWork {
  /** Every case the items below name, as the reader may see it. */
  cases: CaseSummary[];
  /** Open cases the reader leads, newest received first. */
  leading: string[];
  /** Open actions the reader owns, soonest due first. */
  actions: WorkItem[];
  /** Open information requests to the reader's agency, soonest due first (overdue ones lead). */
  requests: WorkItem[];
}
