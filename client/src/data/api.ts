/** REST calls: same-origin cookies, JSON, and the CSRF header on everything but GET. */
import { setAgencies } from '@mashboard/shared';
import type {
  AdminUserListing,
  Agency,
  Alert,
  ApiError,
  AuditRecord,
  CaseListPage,
  CaseSummary,
  CaseView,
  CatchUpResult,
  Role,
  SessionUser,
  SignInMethods,
  SignInSettings,
  TimelinessPolicy,
  RetentionSchedule,
  DecisionSettings,
  TimelinessReport,
  UserListing,
} from '@mashboard/shared';

export class ApiRequestError extends Error {
  readonly status: number;
  readonly error: ApiError;
  constructor(status: number, error: ApiError) {
    super(error.message);
    this.status = status;
    this.error = error;
  }
}

let csrfToken: string | null = null;
/** The CSRF token, for a fetch that is not JSON (a file download). */
export function getCsrfToken(): string | null {
  return csrfToken;
}
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const NETWORK_ERROR: ApiError = {
  code: 'internal',
  message: 'Could not reach the Mashboard server. Check your connection and try again.',
};

function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && typeof (value as ApiError).message === 'string' && typeof (value as ApiError).code === 'string';
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiRequestError(0, NETWORK_ERROR);
  }
  if (res.status === 204) return { status: 204, data: undefined as T };
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = (json as { error?: unknown } | null)?.error;
    throw new ApiRequestError(
      res.status,
      isApiError(err) ? err : { code: res.status === 401 ? 'unauthenticated' : 'internal', message: `The server answered ${res.status}.` },
    );
  }
  return { status: res.status, data: json as T };
}

export interface SessionInfo {
  user: SessionUser;
  csrfToken: string;
}

export interface DemoAccounts {
  accounts: { username: string; name: string; agency: string; role: string }[];
  password: string;
}

export type { TimelinessFigures, TimelinessReport } from '@mashboard/shared';

export interface FailedJob {
  id: string | null;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  finishedOn: number | null;
}

export interface NewUserInput {
  username: string;
  name: string;
  agency: string;
  role: Role;
  password: string;
}

/** What an admin may do to one account (POST /api/admin/users/:userId/<change>). */
export type UserChange =
  | { kind: 'disable' }
  | { kind: 'enable' }
  | { kind: 'role'; role: Role; agency: string }
  | { kind: 'password'; password: string; currentPassword?: string }
  | { kind: 'end-sessions' };

/** The audit log of one case or one user. */
export type AuditQuery = { caseId: string } | { userId: string };

/** The agencies now (an admin may add or deactivate one): every form and label reads the shared registry. */
async function loadAgencies(): Promise<void> {
  const { data } = await request<{ agencies: Agency[] }>('GET', '/api/agencies');
  setAgencies(data.agencies);
}

export const api = {
  /** The current session, or null when not signed in; `known` is told of it before the agencies are read. */
  async getSession(known: (info: SessionInfo) => void): Promise<SessionInfo | null> {
    try {
      const { data } = await request<SessionInfo>('GET', '/api/session');
      setCsrfToken(data.csrfToken);
      known(data);
      await loadAgencies();
      return data;
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 401) return null;
      throw e;
    }
  },
  async signIn(username: string, password: string): Promise<SessionInfo> {
    const { data } = await request<SessionInfo>('POST', '/api/session', { username, password });
    setCsrfToken(data.csrfToken);
    await loadAgencies();
    return data;
  },
  /** Ends the session; answers the identity provider's sign-out page when signed in through it. */
  async signOut(): Promise<string | null> {
    try {
      const { data } = await request<{ providerSignOutUrl?: string } | undefined>('DELETE', '/api/session');
      return data?.providerSignOutUrl ?? null;
    } finally {
      setCsrfToken(null);
    }
  },
  /** Password, single sign-on, or both: what the sign-in page offers. */
  async signInMethods(): Promise<SignInMethods> {
    const { data } = await request<SignInMethods>('GET', '/api/sign-in-methods');
    return data;
  },
  /** How people sign in, and the single sign-on mapping (admin). */
  async signInSettings(): Promise<SignInSettings> {
    const { data } = await request<SignInSettings>('GET', '/api/admin/sign-in');
    return data;
  },
  /** Demo accounts, or null when the server is not in demo mode. */
  async demoAccounts(): Promise<DemoAccounts | null> {
    try {
      const { status, data } = await request<DemoAccounts>('GET', '/api/demo-accounts');
      if (status !== 200 || !data || !Array.isArray(data.accounts)) return null;
      return data;
    } catch {
      return null;
    }
  },
  async listCases(): Promise<CaseSummary[]> {
    const { data } = await request<{ cases: CaseSummary[] }>('GET', '/api/cases');
    return data.cases;
  },
  /** A page of every case held (closed ones included), filtered; `next` continues it. */
  async caseHistory(query: Record<string, string>): Promise<CaseListPage> {
    const { data } = await request<CaseListPage>('GET', `/api/cases?${new URLSearchParams(query).toString()}`);
    return data;
  },
  async getCase(caseId: string): Promise<CaseView> {
    const { data } = await request<CaseView>('GET', `/api/cases/${encodeURIComponent(caseId)}`);
    return data;
  },
  async listUsers(): Promise<UserListing[]> {
    const { data } = await request<{ users: UserListing[] }>('GET', '/api/users');
    return data.users;
  },
  /** A page of a case's events after `after` (all from the start without it). */
  async caseEvents(caseId: string, after?: string): Promise<CatchUpResult> {
    const q = after ? `?after=${encodeURIComponent(after)}` : '';
    const { data } = await request<CatchUpResult>('GET', `/api/cases/${encodeURIComponent(caseId)}/events${q}`);
    return data;
  },
  async alerts(): Promise<Alert[]> {
    const { data } = await request<{ alerts: Alert[] }>('GET', '/api/alerts');
    return data.alerts;
  },
  async acknowledgeAlert(alertId: string): Promise<Alert> {
    const { data } = await request<{ alert: Alert }>('POST', `/api/alerts/${encodeURIComponent(alertId)}/acknowledge`, {});
    return data.alert;
  },
  async timelinessPolicy(): Promise<TimelinessPolicy> {
    const { data } = await request<{ policy: TimelinessPolicy }>('GET', '/api/timeliness-policy');
    return data.policy;
  },
  async replaceTimelinessPolicy(expectedVersion: number, policy: Omit<TimelinessPolicy, 'version'>): Promise<TimelinessPolicy> {
    const { data } = await request<{ policy: TimelinessPolicy }>('PUT', '/api/timeliness-policy', { expectedVersion, policy });
    return data.policy;
  },
  async decisionSettings(): Promise<DecisionSettings> {
    const { data } = await request<{ settings: DecisionSettings }>('GET', '/api/decision-settings');
    return data.settings;
  },
  async replaceDecisionSettings(expectedVersion: number, settings: Omit<DecisionSettings, 'version'>): Promise<DecisionSettings> {
    const { data } = await request<{ settings: DecisionSettings }>('PUT', '/api/decision-settings', { expectedVersion, settings });
    return data.settings;
  },
  async retentionSchedule(): Promise<RetentionSchedule> {
    const { data } = await request<{ schedule: RetentionSchedule }>('GET', '/api/retention-schedule');
    return data.schedule;
  },
  async replaceRetentionSchedule(expectedVersion: number, schedule: Omit<RetentionSchedule, 'version'>): Promise<RetentionSchedule> {
    const { data } = await request<{ schedule: RetentionSchedule }>('PUT', '/api/retention-schedule', { expectedVersion, schedule });
    return data.schedule;
  },
  async timelinessReport(from: string, to: string): Promise<TimelinessReport> {
    const { data } = await request<TimelinessReport>('GET', `/api/reports/timeliness?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    return data;
  },
  async failedJobs(): Promise<FailedJob[]> {
    const { data } = await request<{ jobs: FailedJob[] }>('GET', '/api/admin/jobs/failed');
    return data.jobs;
  },
  // ---- administration (admin) and the audit log (auditor) ----------------------------------
  async adminUsers(): Promise<AdminUserListing[]> {
    const { data } = await request<{ users: AdminUserListing[] }>('GET', '/api/admin/users');
    return data.users;
  },
  async createUser(input: NewUserInput): Promise<AdminUserListing> {
    const { data } = await request<{ user: AdminUserListing }>('POST', '/api/admin/users', input);
    return data.user;
  },
  async changeUser(userId: string, change: UserChange): Promise<AdminUserListing> {
    const { kind, ...body } = change;
    const { data } = await request<{ user: AdminUserListing }>('POST', `/api/admin/users/${encodeURIComponent(userId)}/${kind}`, body);
    return data.user;
  },
  async agencies(): Promise<Agency[]> {
    const { data } = await request<{ agencies: Agency[] }>('GET', '/api/agencies');
    return data.agencies;
  },
  async createAgency(input: { id: string; name: string }): Promise<Agency> {
    const { data } = await request<{ agency: Agency }>('POST', '/api/admin/agencies', input);
    await loadAgencies();
    return data.agency;
  },
  async changeAgency(id: string, change: { name?: string; active?: boolean }): Promise<Agency> {
    const { data } = await request<{ agency: Agency }>('POST', `/api/admin/agencies/${encodeURIComponent(id)}`, change);
    await loadAgencies();
    return data.agency;
  },
  async audit(query: AuditQuery): Promise<AuditRecord[]> {
    const q = 'caseId' in query ? `caseId=${encodeURIComponent(query.caseId)}` : `userId=${encodeURIComponent(query.userId)}`;
    const { data } = await request<{ entries: AuditRecord[] }>('GET', `/api/audit?${q}`);
    return data.entries;
  },
};
