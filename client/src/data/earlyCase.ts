/**
 * A case board opened from a link (a fresh load of #/cases/<id>) asks for its case as soon as the
 * session is known, while the board's code is still on its way, rather than after it: on a phone
 * the two no longer come one after the other. The board takes the answer once (`takeEarlyCase`);
 * every later open asks as usual. The request is the ordinary `GET /api/cases/:id`, with its
 * need-to-know check and its audit entry.
 */
import type { CaseView } from '@mashboard/shared';
import { parseRoute } from '../router.ts';
import { api } from './api.ts';

const early = new Map<string, Promise<CaseView>>();

/** Starts asking for the case the address shows, if it is a case board. */
export function fetchCaseEarly(hash: string): void {
  const route = parseRoute(hash);
  if (route.page !== 'case' || early.has(route.caseId)) return;
  const answer = api.getCase(route.caseId);
  // Its failure is the board's to show, when it takes the answer; until then it is not unhandled.
  answer.catch(() => undefined);
  early.set(route.caseId, answer);
}

/** The early answer for this case, once; undefined if none was asked for. */
export function takeEarlyCase(caseId: string): Promise<CaseView> | undefined {
  const answer = early.get(caseId);
  early.delete(caseId);
  return answer;
}
