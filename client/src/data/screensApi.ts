/**
 * REST reads and file downloads for the chronology, previous involvement, sharing and meeting
 * screens (same request helper as api.ts: cookies, JSON, the CSRF header on everything but GET).
 */
import type {
  AccessReport,
  AccessReportQuery,
  AuditCaseMatch,
  AuditChildSearch,
  CaseAuditRecord,
  ApiError,
  ChildInput,
  ChronologyLine,
  MeetingCommandName,
  MeetingResult,
  MeetingSummary,
  MyWork,
  PreviousInvolvementResult,
  CaseSearch,
  CaseSearchResult,
  ShareSelection,
  SharePack,
} from '@mashboard/shared';
import { MEETING_COMMAND_ROUTES } from '@mashboard/shared';
import { ApiRequestError, getCsrfToken, request } from './api.ts';

const enc = encodeURIComponent;

export interface DownloadedFile {
  blob: Blob;
  filename: string;
  type: string;
}

/** The file name from a Content-Disposition header, or a fallback. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  return m?.[1] ? decodeURIComponent(m[1]) : fallback;
}

/** POST that answers with a file (exports): the bytes, their type and the file name the server gave. */
function downloadPost(path: string, body: unknown, fallbackName: string): Promise<DownloadedFile> {
  return download('POST', path, body, fallbackName);
}

/** A request that answers with a file (a GET for a read-only export, a POST for one recorded on a case). */
async function download(method: 'GET' | 'POST', path: string, body: unknown, fallbackName: string): Promise<DownloadedFile> {
  const headers: Record<string, string> = { Accept: 'application/pdf, text/html, text/csv, application/json' };
  if (method === 'POST') headers['Content-Type'] = 'application/json';
  const token = getCsrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(method === 'POST' ? { body: JSON.stringify(body) } : {}) });
  } catch {
    throw new ApiRequestError(0, { code: 'internal', message: 'Could not reach the Mashboard server. Check your connection and try again.' });
  }
  if (!res.ok) {
    let error: ApiError = { code: res.status === 401 ? 'unauthenticated' : 'internal', message: `The server answered ${res.status}.` };
    try {
      const json = (await res.json()) as { error?: ApiError };
      if (json.error?.message) error = json.error;
    } catch {
      /* not JSON */
    }
    throw new ApiRequestError(res.status, error);
  }
  const blob = await res.blob();
  return { blob, filename: filenameFrom(res.headers.get('Content-Disposition'), fallbackName), type: res.headers.get('Content-Type') ?? blob.type };
}

/** Save a downloaded file through a temporary Blob URL. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The people (both names) and addresses of a contact not yet opened, looked for with its children. */
export interface InvolvementAround {
  people: { firstName: string; lastName: string; dateOfBirth?: string }[];
  addresses: { line1: string; postcode?: string }[];
}

export const screensApi = {
  async chronology(caseId: string): Promise<ChronologyLine[]> {
    const { data } = await request<{ lines: ChronologyLine[] }>('GET', `/api/cases/${enc(caseId)}/chronology`);
    return data.lines;
  },
  async previousInvolvement(caseId: string): Promise<PreviousInvolvementResult> {
    const { data } = await request<PreviousInvolvementResult>('GET', `/api/cases/${enc(caseId)}/previous-involvement`);
    return data;
  },
  async searchInvolvement(children: ChildInput[], around: InvolvementAround = { people: [], addresses: [] }): Promise<PreviousInvolvementResult> {
    const { data } = await request<PreviousInvolvementResult>('POST', '/api/previous-involvement/search', { children, ...around });
    return data;
  },
  /** Every case ever held, by name, date of birth, identifiers or reference (a body: never the terms in a URL). */
  async search(terms: CaseSearch): Promise<CaseSearchResult> {
    const { data } = await request<CaseSearchResult>('POST', '/api/search', terms);
    return data;
  },
  async sharePackPreview(caseId: string, selection: ShareSelection): Promise<SharePack> {
    const { data } = await request<{ pack: SharePack }>('POST', `/api/cases/${enc(caseId)}/share-pack-preview`, selection);
    return data.pack;
  },
  exportSharePack(caseId: string, decisionId: string, format: 'pdf' | 'html'): Promise<DownloadedFile> {
    return downloadPost(`/api/cases/${enc(caseId)}/sharing-decisions/${enc(decisionId)}/exports`, { format }, `share-pack.${format}`);
  },
  /** Who saw a case, as CSV or PDF (the auditor's; audited as an export). */
  exportAuditRecord(reference: string, format: 'csv' | 'pdf'): Promise<DownloadedFile> {
    return download('GET', `/api/audit/record?reference=${enc(reference)}&format=${format}`, undefined, `audit.${format}`);
  },
  async auditRecord(reference: string): Promise<CaseAuditRecord> {
    const { data } = await request<CaseAuditRecord>('GET', `/api/audit/record?reference=${enc(reference)}`);
    return data;
  },
  /** A child's cases by name and date of birth, in a body (never a URL). */
  async auditChildCases(child: AuditChildSearch): Promise<AuditCaseMatch[]> {
    const { data } = await request<{ cases: AuditCaseMatch[] }>('POST', '/api/audit/children', child);
    return data.cases;
  },
  async accessReport(query: AccessReportQuery): Promise<AccessReport> {
    const { data } = await request<AccessReport>('GET', `/api/audit/access-report?userId=${enc(query.userId)}&from=${enc(query.from)}&to=${enc(query.to)}`);
    return data;
  },
  /** One person's access report as CSV or PDF (the auditor's; audited as an export). */
  exportAccessReport(query: Pick<AccessReportQuery, 'userId' | 'from' | 'to'>, format: 'csv' | 'pdf'): Promise<DownloadedFile> {
    return download('GET', `/api/audit/access-report?userId=${enc(query.userId)}&from=${enc(query.from)}&to=${enc(query.to)}&format=${format}`, undefined, `access-report.${format}`);
  },
  async auditUsers(): Promise<{ userId: string; name: string; agency: string; role: string; disabled?: boolean }[]> {
    const { data } = await request<{ users: { userId: string; name: string; agency: string; role: string; disabled?: boolean }[] }>('GET', '/api/audit/users');
    return data.users;
  },
  exportMinutes(meetingId: string, format: 'pdf' | 'html', version?: number): Promise<DownloadedFile> {
    return downloadPost(`/api/meetings/${enc(meetingId)}/minutes/exports`, { format, ...(version ? { version } : {}) }, `minutes.${format}`);
  },
  /** The reader's own work: cases they lead, actions they own, requests to their agency. */
  async myWork(): Promise<MyWork> {
    const { data } = await request<MyWork>('GET', '/api/my-work');
    return data;
  },
  async meetings(): Promise<MeetingSummary[]> {
    const { data } = await request<{ meetings: MeetingSummary[] }>('GET', '/api/meetings');
    return data.meetings;
  },
  async meeting(meetingId: string): Promise<MeetingSummary> {
    const { data } = await request<{ meeting: MeetingSummary }>('GET', `/api/meetings/${enc(meetingId)}`);
    return data.meeting;
  },
  /** A meeting command over REST (when the socket is down). */
  async meetingCommand(name: MeetingCommandName, payload: Record<string, unknown>): Promise<MeetingResult> {
    const path = MEETING_COMMAND_ROUTES[name].replace(':meetingId', enc(typeof payload.meetingId === 'string' ? payload.meetingId : ''));
    const { data } = await request<MeetingResult>('POST', path, payload);
    return data;
  },
};
