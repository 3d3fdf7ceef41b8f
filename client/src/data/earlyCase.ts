/**
 * A page opened from a link (a fresh load) asks for what it shows as soon as the session is known,
 * while its code is still on its way, rather than after it: on a phone the two no longer come one
 * after the other. A case board (#/cases/<id>) asks for its case; the dashboard and the case list
 * (and "#/" where the dashboard is the person's home) ask for the open cases. The page takes the
 * answer once (`takeEarlyCase`, `takeEarlyCaseList`); every later open asks as usual. The requests
 * are the ordinary `GET /api/cases/:id` and `GET /api/cases`, with their need-to-know checks and
 * audit entries, and the list is asked for only by a role that may read it.
 */
import type { CaseSummary, CaseView } from '@mashboard/shared';
import { parseRoute } from '../router.ts';
import { api } from './api.ts';
import { CASE_ROLES, homePageFor } from './roles.ts';

const early = new Map<string, Promise<CaseView>>();
let earlyList: Promise<CaseSummary[]> | undefined;

/** Its failure is the page's to show, when it takes the answer; until then it is not unhandled. */
function kept<T>(answer: Promise<T>): Promise<T> {
  answer.catch(() => undefined);
  return answer;
}

/**
 * Starts asking for what the page at this address shows, if it is a case board or a list of the open
 * cases. Called once a session is known: what an earlier session asked for and never took is dropped.
 */
export function fetchEarly(hash: string, role: string): void {
  early.clear();
  earlyList = undefined;
  const route = parseRoute(hash);
  if (route.page === 'case') early.set(route.caseId, kept(api.getCase(route.caseId)));
  const page = route.page === 'home' ? homePageFor(role) : route.page;
  if ((page === 'dashboard' || page === 'cases') && CASE_ROLES.has(role)) earlyList = kept(api.listCases());
}

/** The early answer for this case, once; undefined if none was asked for. */
export function takeEarlyCase(caseId: string): Promise<CaseView> | undefined {
  const answer = early.get(caseId);
  early.delete(caseId);
  return answer;
}

/** The early answer for the open cases, once; undefined if none was asked for. */
export function takeEarlyCaseList(): Promise<CaseSummary[]> | undefined {
  const answer = earlyList;
  earlyList = undefined;
  return answer;
}
