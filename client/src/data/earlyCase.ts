/**
 * A page opened from a link (a fresh load) asks for what it shows while its code is still on its
 * way, rather than after it: on a phone the two no longer come one after the other. A case board
 * (#/cases/<id>) asks for its case as the app's script starts (`fetchAtStart`, beside the session's
 * own request), since any role's answer is the server's to give; the dashboard and the case list (and
 * "#/" where the dashboard is the person's home) ask for the open cases once the session shows a
 * role that may read them. The page takes the answer once (`takeEarlyCase`, `takeEarlyCaseList`);
 * every later open asks as usual. The requests are the ordinary `GET /api/cases/:id` and
 * `GET /api/cases`, with their need-to-know checks and audit entries.
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

/** Whether what `fetchAtStart` asked for waits for the first session answer, which keeps or drops it. */
let askedBeforeSession = false;

/**
 * As the app's script starts, before anyone is known: a case board's case, asked for with the
 * session's own request (index.html). The cookie it carries is the one the session answer is about.
 */
export function fetchAtStart(hash: string): void {
  const route = parseRoute(hash);
  if (route.page !== 'case') return;
  early.set(route.caseId, kept(api.getCase(route.caseId)));
  askedBeforeSession = true;
}

/**
 * Starts asking for what the page at this address shows, if it is a case board or a list of the open
 * cases. Called once a session is known: what was asked for at start is this session's and is kept;
 * what an earlier session asked for and never took is dropped.
 */
export function fetchEarly(hash: string, role: string): void {
  if (!askedBeforeSession) early.clear();
  askedBeforeSession = false;
  earlyList = undefined;
  const route = parseRoute(hash);
  if (route.page === 'case' && !early.has(route.caseId)) early.set(route.caseId, kept(api.getCase(route.caseId)));
  const page = route.page === 'home' ? homePageFor(role) : route.page;
  if ((page === 'dashboard' || page === 'cases') && CASE_ROLES.has(role)) earlyList = kept(api.listCases());
}

/** Nobody is signed in (or the server could not say): what was asked for at start is nobody's answer. */
export function dropEarly(): void {
  early.clear();
  earlyList = undefined;
  askedBeforeSession = false;
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
