/**
 * A page opened from a link (a fresh load) asks for what it shows as soon as the session is known,
 * while its code is still on its way, rather than after it: on a phone the two no longer come one
 * after the other. A case board (#/cases/<id>) asks for its case; the dashboard and the case list
 * (and "#/" where the dashboard is the person's home) ask for the open cases. The page takes the
 * answer once (`takeEarlyCase`, `takeEarlyCaseList`); every later open asks as usual. The requests
 * are the ordinary `GET /api/cases/:id` and `GET /api/cases`, with their need-to-know checks and
 * audit entries, and the list is asked for only by a role that may read it.
 *
 * Every page also asks for the person's alert inbox (`GET /api/alerts`, for a role that has one),
 * and the signed-in app is first drawn once it has answered (`earlyAlertsAnswered`): an overdue
 * alert's banner stands above the page, so arriving a moment after it the banner would push the
 * whole page down (on a phone, by a third of the screen) as the person starts to read it.
 */
import type { Alert, CaseSummary, CaseView } from '@mashboard/shared';
import { parseRoute } from '../router.ts';
import { api } from './api.ts';
import { ALERT_ROLES, CASE_ROLES, homePageFor } from './roles.ts';

const early = new Map<string, Promise<CaseView>>();
let earlyList: Promise<CaseSummary[]> | undefined;
interface EarlyAlerts {
  answered: Promise<void>;
  /** The inbox once it has answered (undefined until then, or if it failed: the inbox asks again itself). */
  alerts?: Alert[];
}
let earlyAlerts: EarlyAlerts | undefined;

/**
 * How long the first drawing waits for the inbox at most: it is one small read beside the page's
 * code, so it is normally here first; a slow one is not allowed to hold the page back.
 */
const ALERTS_WAIT_MS = 2000;

/** Its failure is the page's to show, when it takes the answer; until then it is not unhandled. */
function kept<T>(answer: Promise<T>): Promise<T> {
  answer.catch(() => undefined);
  return answer;
}

/**
 * Starts asking for what the page at this address shows, if it is a case board or a list of the open
 * cases, and for the alert inbox. Called once a session is known: what an earlier session asked for
 * and never took is dropped.
 */
export function fetchEarly(hash: string, role: string): void {
  early.clear();
  earlyList = undefined;
  earlyAlerts = undefined;
  if (ALERT_ROLES.has(role)) {
    const asked: EarlyAlerts = {
      answered: api.alerts().then(
        (alerts) => void (asked.alerts = alerts),
        () => undefined,
      ),
    };
    earlyAlerts = asked;
  }
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

/** Settles once the inbox asked for with the page has answered (or failed), or after ALERTS_WAIT_MS. */
export function earlyAlertsAnswered(): Promise<void> {
  if (!earlyAlerts) return Promise.resolve();
  return Promise.race([earlyAlerts.answered, new Promise<void>((resolve) => setTimeout(resolve, ALERTS_WAIT_MS))]);
}

/** The inbox asked for with the page, once, if it has answered; undefined otherwise. */
export function takeEarlyAlerts(): Alert[] | undefined {
  const alerts = earlyAlerts?.alerts;
  earlyAlerts = undefined;
  return alerts;
}
