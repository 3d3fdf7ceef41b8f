/**
 * Admin: the user accounts. A table of everyone, a form to create an account, and per account
 * disable/enable, change role, reset password and end sessions. Every change is asked about
 * first and confirmed after; the server's refusals are shown beside their fields.
 */
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { activeAgencies, ROLE_LABELS, ROLES, type AdminUserListing, type FieldIssue, type Role } from '@mashboard/shared';
import { useSession } from '../data/session.ts';
import { api, ApiRequestError, type NewUserInput, type UserChange } from '../data/api.ts';
import { confirmQuestion, createdMessage, doneMessage, MIN_PASSWORD, newUserIssues, passwordIssues, roleAndAgency, sortUsers } from '../data/users.ts';
import { ErrorSummary, fieldId, issueFor, SelectField, TextField } from '../forms/fields.tsx';
import { FormActions } from '../forms/FormActions.tsx';
import { Icons } from '../components/Badges.tsx';
import { SignInSettingsSection } from './SignInSettingsSection.tsx';

/** Read when rendered: an admin may have added or deactivated an agency since the page loaded. */
const agencyOptions = () => activeAgencies().map((a) => ({ value: a.id, label: a.name }));
const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** The server's refusal as field issues (or one line without a field). */
function refusalIssues(e: unknown, fallback: string): FieldIssue[] {
  if (e instanceof ApiRequestError) return e.error.issues?.length ? e.error.issues : [{ path: '', message: e.error.message }];
  return [{ path: '', message: fallback }];
}

/** Focus an element by id after the next commit (a panel's heading, a row's button). */
function useFocusId() {
  const [target, setTarget] = useState<{ id: string } | null>(null);
  useLayoutEffect(() => {
    if (target) document.getElementById(target.id)?.focus();
  }, [target]);
  return (id: string) => setTarget({ id });
}

type Step = { kind: UserChange['kind']; stage: 'form' | 'confirm'; change?: UserChange };

/** One account's change: a small form where one is needed, then the question, then the change. */
function UserPanel({
  user,
  own,
  step,
  setStep,
  onDone,
  onCancel,
}: {
  user: AdminUserListing;
  /** The signed-in admin's own account: a new password needs the current one. */
  own: boolean;
  step: Step;
  setStep: (s: Step) => void;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const prefix = `user-${user.userId}`;
  const [role, setRole] = useState<string>(user.role);
  const [agency, setAgency] = useState<string>(user.agency);
  const [password, setPassword] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const titleId = `${prefix}-panel-title`;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [step.stage]);

  function next(e: FormEvent) {
    e.preventDefault();
    const found: FieldIssue[] = [];
    let change: UserChange;
    if (step.kind === 'role') {
      if (role === user.role && agency === user.agency) found.push({ path: 'role', message: 'Choose a different role or agency' });
      change = { kind: 'role', role: role as Role, agency };
    } else {
      if (own && !currentPassword) found.push({ path: 'currentPassword', message: 'Enter your current password' });
      found.push(...passwordIssues(password));
      change = own ? { kind: 'password', password, currentPassword } : { kind: 'password', password };
    }
    setIssues(found);
    if (found.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    setStep({ ...step, stage: 'confirm', change });
  }

  async function confirm() {
    const change: UserChange = step.change ?? ({ kind: step.kind } as UserChange);
    setBusy(true);
    setIssues([]);
    try {
      await api.changeUser(user.userId, change);
      onDone(doneMessage(user, change));
    } catch (e) {
      const found = refusalIssues(e, 'The change could not be made. Try again.');
      setIssues(found);
      setFocusKey((k) => k + 1);
      // A refusal about a field goes back to the form that has it.
      if (found.some((i) => i.path) && (step.kind === 'role' || step.kind === 'password')) setStep({ ...step, stage: 'form' });
    } finally {
      setBusy(false);
    }
  }

  const labels = { role: 'Role', agency: 'Agency', password: 'New password', currentPassword: 'Your current password' };
  if (step.stage === 'form') {
    return (
      <form className="user-panel" noValidate onSubmit={next} aria-labelledby={titleId}>
        <h3 id={titleId} ref={heading} tabIndex={-1} className="heading-s">
          {step.kind === 'role' ? `Change ${user.name}'s role` : own ? 'Change your password' : `Reset ${user.name}'s password`}
        </h3>
        <ErrorSummary prefix={prefix} issues={issues} labels={labels} focusKey={focusKey} />
        {step.kind === 'role' ? (
          <div className="form-row">
            <SelectField id={fieldId(prefix, 'role')} label="Role" value={role} onChange={setRole} options={ROLE_OPTIONS} error={issueFor(issues, 'role')} />
            <SelectField id={fieldId(prefix, 'agency')} label="Agency" value={agency} onChange={setAgency} options={agencyOptions()} error={issueFor(issues, 'agency')} />
          </div>
        ) : (
          <>
            {own ? (
              <TextField
                id={fieldId(prefix, 'currentPassword')}
                label="Your current password"
                type="password"
                autoComplete="current-password"
                width="medium"
                value={currentPassword}
                onChange={setCurrentPassword}
                error={issueFor(issues, 'currentPassword')}
              />
            ) : null}
            <TextField
              id={fieldId(prefix, 'password')}
              label="New password"
              hint={`At least ${MIN_PASSWORD} characters. A few random words make a strong one.`}
              type="password"
              autoComplete="new-password"
              width="medium"
              value={password}
              onChange={setPassword}
              error={issueFor(issues, 'password')}
            />
          </>
        )}
        <FormActions submit="Continue" secondary={{ label: 'Cancel', onClick: onCancel }} />
      </form>
    );
  }
  const q = confirmQuestion(user, step.change ?? ({ kind: step.kind } as UserChange));
  const warning = step.kind === 'disable' || step.kind === 'end-sessions';
  return (
    <div className="user-panel user-panel--confirm" role="group" aria-labelledby={titleId}>
      <h3 id={titleId} ref={heading} tabIndex={-1} className="heading-s">
        {q.title}
      </h3>
      <ErrorSummary prefix={prefix} issues={issues} labels={labels} focusKey={focusKey} />
      <p>{q.body}</p>
      <FormActions type="button" submit={q.button} busy={busy} busyText="Working…" warning={warning} onSubmit={() => void confirm()} secondary={{ label: 'Cancel', onClick: onCancel }} />
    </div>
  );
}

interface NewUserDraft {
  name: string;
  username: string;
  agency: string;
  role: string;
  password: string;
}
const emptyNewUser = (): NewUserDraft => ({ name: '', username: '', agency: '', role: '', password: '' });

function CreateUser({ onDone, onCancel }: { onDone: (message: string) => void; onCancel: () => void }) {
  const P = 'new-user';
  const [d, setD] = useState<NewUserDraft>(emptyNewUser);
  const [stage, setStage] = useState<'form' | 'confirm'>('form');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [focusKey, setFocusKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [stage]);
  const set = (patch: Partial<NewUserDraft>) => setD((x) => ({ ...x, ...patch }));
  const input = (): NewUserInput => ({ name: d.name.trim(), username: d.username.trim().toLowerCase(), agency: d.agency, role: d.role as Role, password: d.password });

  function next(e: FormEvent) {
    e.preventDefault();
    const found = newUserIssues(d);
    setIssues(found);
    if (found.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    setStage('confirm');
  }
  async function create() {
    setBusy(true);
    try {
      const created = await api.createUser(input());
      onDone(createdMessage({ ...input(), username: created.username }));
    } catch (e) {
      setIssues(refusalIssues(e, 'The account could not be created. Try again.'));
      setFocusKey((k) => k + 1);
      setStage('form');
    } finally {
      setBusy(false);
    }
  }

  const labels = { name: 'Full name', username: 'Username', agency: 'Agency', role: 'Role', password: 'Password' };
  if (stage === 'confirm') {
    const i = input();
    return (
      <section className="user-panel user-panel--confirm" aria-labelledby="new-user-title">
        <h2 id="new-user-title" ref={heading} tabIndex={-1} className="heading-s">
          Create this account?
        </h2>
        <dl className="meta-list">
          <dt>Name</dt>
          <dd>{i.name}</dd>
          <dt>Username</dt>
          <dd>
            <code>{i.username}</code>
          </dd>
          <dt>Role</dt>
          <dd>{roleAndAgency(i)}</dd>
        </dl>
        <p>They can sign in at once with the password you chose. Give it to them in person or by a secure route.</p>
        <FormActions
          type="button"
          submit="Create account"
          busy={busy}
          busyText="Creating…"
          onSubmit={() => void create()}
          secondary={{ label: 'Change the details', onClick: () => setStage('form') }}
        />
      </section>
    );
  }
  return (
    <form className="user-panel" noValidate onSubmit={next} aria-labelledby="new-user-title">
      <h2 id="new-user-title" ref={heading} tabIndex={-1} className="heading-s">
        Create an account
      </h2>
      <ErrorSummary prefix={P} issues={issues} labels={labels} focusKey={focusKey} />
      <TextField id={fieldId(P, 'name')} label="Full name" hint="As colleagues know them" autoComplete="off" value={d.name} onChange={(name) => set({ name })} error={issueFor(issues, 'name')} />
      <TextField
        id={fieldId(P, 'username')}
        label="Username"
        hint='3 to 60 lower-case letters, digits, ".", "_" or "-", for example sam.evans'
        autoComplete="off"
        width="medium"
        value={d.username}
        onChange={(username) => set({ username })}
        error={issueFor(issues, 'username')}
      />
      <div className="form-row">
        <SelectField
          id={fieldId(P, 'agency')}
          label="Agency"
          placeholder="Choose an agency"
          value={d.agency}
          onChange={(agency) => set({ agency })}
          options={agencyOptions()}
          error={issueFor(issues, 'agency')}
        />
        <SelectField id={fieldId(P, 'role')} label="Role" placeholder="Choose a role" value={d.role} onChange={(role) => set({ role })} options={ROLE_OPTIONS} error={issueFor(issues, 'role')} />
      </div>
      <TextField
        id={fieldId(P, 'password')}
        label="Password"
        hint={`At least ${MIN_PASSWORD} characters. A few random words make a strong one.`}
        type="password"
        autoComplete="new-password"
        width="medium"
        value={d.password}
        onChange={(password) => set({ password })}
        error={issueFor(issues, 'password')}
      />
      <FormActions submit="Continue" secondary={{ label: 'Cancel', onClick: onCancel }} />
    </form>
  );
}

const ACTIONS: { kind: UserChange['kind']; label: string; stage: Step['stage'] }[] = [
  { kind: 'role', label: 'Change role', stage: 'form' },
  { kind: 'password', label: 'Reset password', stage: 'form' },
  { kind: 'end-sessions', label: 'End sessions', stage: 'confirm' },
];

export function UsersPage() {
  const { client } = useSession();
  const [users, setUsers] = useState<AdminUserListing[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [open, setOpen] = useState<{ userId: string; step: Step } | null>(null);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState('');
  const focusId = useFocusId();

  const load = () =>
    api.adminUsers().then(
      (list) => {
        setUsers(sortUsers(list));
        setLoadError('');
      },
      (e: unknown) => setLoadError(e instanceof ApiRequestError ? e.error.message : 'The accounts could not be loaded.'),
    );
  useEffect(() => {
    document.title = 'Users – Mashboard';
    void load();
  }, []);

  const done = (text: string) => {
    setOpen(null);
    setCreating(false);
    setMessage(text);
    focusId('users-message');
    void load();
  };
  const start = (user: AdminUserListing, kind: UserChange['kind'], stage: Step['stage']) => {
    setMessage('');
    setCreating(false);
    setOpen({ userId: user.userId, step: { kind, stage } });
  };
  const cancel = (user: AdminUserListing) => {
    setOpen(null);
    focusId(`user-${user.userId}-actions`);
  };

  return (
    <>
      <div className="page-heading">
        <h1 tabIndex={-1}>Users</h1>
        {!creating ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setMessage('');
              setOpen(null);
              setCreating(true);
            }}
          >
            Create an account
          </button>
        ) : null}
      </div>
      <p className="lead-text">Everyone who can sign in to Mashboard. Disabling an account, changing a role or resetting a password signs the person out everywhere at once.</p>
      <div id="users-message" tabIndex={-1} role="status" className={message ? 'notice notice--success' : 'visually-hidden'}>
        {message ? (
          <p>
            {Icons.tick} {message}
          </p>
        ) : null}
      </div>
      {creating ? <CreateUser onDone={done} onCancel={() => setCreating(false)} /> : null}
      {loadError ? (
        <div className="error-summary" role="alert">
          <h2 className="error-summary__title">The accounts could not be loaded</h2>
          <p>{loadError}</p>
        </div>
      ) : null}
      {users ? (
        <div className="table-wrap" role="region" aria-labelledby="users-caption" tabIndex={0}>
          <table className="table table--stack users-table">
            <caption id="users-caption" className="table__caption">
              {users.length} {users.length === 1 ? 'account' : 'accounts'}: {users.filter((u) => u.disabled).length} disabled. Active accounts first.
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Role and agency</th>
                <th scope="col">Signs in with</th>
                <th scope="col">Status</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const me = u.userId === client.user.userId;
                const panel = open?.userId === u.userId ? open : null;
                return [
                  <tr key={u.userId} className={u.disabled ? 'row--disabled' : undefined}>
                    <th scope="row">
                      {u.name}
                      {me ? ' (you)' : ''}
                    </th>
                    <td data-label="Username">
                      <code>{u.username}</code>
                    </td>
                    <td data-label="Role and agency">{roleAndAgency(u)}</td>
                    <td data-label="Signs in with">{u.signIn === 'sso' ? 'Single sign-on' : 'Mashboard password'}</td>
                    <td data-label="Status">
                      {u.disabled ? (
                        <span className="badge badge--warning">
                          {Icons.lock}
                          Disabled
                        </span>
                      ) : (
                        <span className="badge badge--ok">
                          {Icons.tick}
                          Active
                        </span>
                      )}
                    </td>
                    <td data-label="Change">
                      <div className="button-group button-group--tight" id={`user-${u.userId}-actions`} tabIndex={-1}>
                        {me ? (
                          <>
                            <button type="button" className="button button--secondary button--small" aria-expanded={panel?.step.kind === 'password'} onClick={() => start(u, 'password', 'form')}>
                              Change your password
                            </button>
                            <span className="muted-strong small">Ask another administrator for any other change to your own account.</span>
                          </>
                        ) : (
                          <>
                            {/* An SSO account's role and agency come from the mapping, and it has no password here. */}
                            {ACTIONS.filter((a) => u.signIn !== 'sso' || a.kind === 'end-sessions').map((a) => (
                              <button
                                key={a.kind}
                                type="button"
                                className="button button--secondary button--small"
                                aria-expanded={panel?.step.kind === a.kind}
                                onClick={() => start(u, a.kind, a.stage)}
                              >
                                {a.label}
                                <span className="visually-hidden"> for {u.name}</span>
                              </button>
                            ))}
                            <button
                              type="button"
                              className={`button button--small${u.disabled ? ' button--secondary' : ' button--warning'}`}
                              aria-expanded={panel?.step.kind === (u.disabled ? 'enable' : 'disable')}
                              onClick={() => start(u, u.disabled ? 'enable' : 'disable', 'confirm')}
                            >
                              {u.disabled ? 'Enable' : 'Disable'}
                              <span className="visually-hidden"> {u.name}</span>
                            </button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>,
                  panel ? (
                    <tr key={`${u.userId}-panel`} className="user-panel-row">
                      <td colSpan={6}>
                        <UserPanel key={panel.step.kind} user={u} own={me} step={panel.step} setStep={(step) => setOpen({ userId: u.userId, step })} onDone={done} onCancel={() => cancel(u)} />
                      </td>
                    </tr>
                  ) : null,
                ];
              })}
            </tbody>
          </table>
        </div>
      ) : !loadError ? (
        <p role="status">Loading the accounts…</p>
      ) : null}
      <SignInSettingsSection />
    </>
  );
}
