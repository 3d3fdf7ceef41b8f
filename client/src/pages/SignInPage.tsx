import { useEffect, useRef, useState, type FormEvent } from 'react';
import { AGENCIES, agencyName, isSsoFailure, ROLE_LABELS, SSO_FAILURE_MESSAGES, type FieldIssue, type Role, type SignInMethods } from '@mashboard/shared';
import { api, ApiRequestError, type DemoAccounts, type SessionInfo } from '../data/api.ts';
import { ErrorSummary, issueFor, TextField } from '../forms/fields.tsx';

const LABELS = { username: 'Username', password: 'Password' };

/**
 * Why single sign-on did not sign the person in: the server's callback sends the browser back with
 * `?sso-error=<reason>`. Read once, then taken out of the address so a reload does not repeat it.
 */
function takeSsoFailure(): FieldIssue[] {
  const params = new URLSearchParams(window.location.search);
  const reason = params.get('sso-error');
  if (reason === null) return [];
  params.delete('sso-error');
  const rest = params.toString();
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
  return [{ path: '', message: isSsoFailure(reason) ? SSO_FAILURE_MESSAGES[reason] : SSO_FAILURE_MESSAGES.unavailable }];
}

export function SignInPage({
  message,
  providerSignOutUrl,
  onSignedIn,
}: {
  message?: string | undefined;
  /** After signing out of an account that signed in through the identity provider: its sign-out page. */
  providerSignOutUrl?: string | undefined;
  onSignedIn: (s: SessionInfo) => void;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [ssoFailure] = useState<FieldIssue[]>(takeSsoFailure);
  const [issues, setIssues] = useState<FieldIssue[]>(ssoFailure);
  const [focusKey, setFocusKey] = useState(ssoFailure.length ? 1 : 0);
  const [methods, setMethods] = useState<SignInMethods | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoAccounts | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Sign in – Mashboard';
    let live = true;
    void api.demoAccounts().then((d) => live && setDemo(d));
    // Without an answer, offer the password form as before: the server still decides.
    api
      .signInMethods()
      .then((m) => live && setMethods(m))
      .catch(() => live && setMethods({ local: 'on', sso: null }));
    return () => {
      live = false;
    };
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: FieldIssue[] = [];
    if (!username.trim()) found.push({ path: 'username', message: 'enter your username' });
    if (!password) found.push({ path: 'password', message: 'enter your password' });
    setIssues(found);
    if (found.length) {
      setFocusKey((k) => k + 1);
      return;
    }
    setBusy(true);
    try {
      const info = await api.signIn(username.trim(), password);
      onSignedIn(info);
    } catch (err) {
      let text = 'Sign-in failed. Try again.';
      if (err instanceof ApiRequestError) {
        if (err.status === 401) text = 'The username or password is not right. Check them and try again.';
        else if (err.status === 429) text = 'Too many sign-in attempts. Wait a few minutes, then try again.';
        else if (err.status === 0) text = err.error.message;
        else if (err.error.issues?.length) {
          setIssues(err.error.issues);
          setFocusKey((k) => k + 1);
          setBusy(false);
          return;
        } else text = err.error.message;
      }
      setPassword('');
      setIssues([{ path: '', message: text }]);
      setFocusKey((k) => k + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="sign-in">
      <h1 ref={heading} tabIndex={-1}>
        Sign in to Mashboard
      </h1>
      {message ? (
        <div className="notice" role="status">
          <p>{message}</p>
          {providerSignOutUrl ? (
            <>
              <p>You may still be signed in to your organisation account on this computer, and so to other services that use it.</p>
              <p>
                <a href={providerSignOutUrl}>Sign out of your organisation account as well</a>
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      <ErrorSummary prefix="signin" issues={issues} labels={LABELS} focusKey={focusKey} />
      {methods?.sso ? (
        <p>
          <a href="/api/sso/start" className="button button--start" draggable={false}>
            {methods.sso.label}
          </a>
        </p>
      ) : null}
      {methods?.sso && methods.local !== 'off' ? (
        <h2 className="heading-m sign-in__passwords">{methods.local === 'admins' ? 'Administrators: sign in with a Mashboard password' : 'Or sign in with a Mashboard password'}</h2>
      ) : null}
      {/* Nothing until the server has said which ways in it offers: no form that then moves or goes. */}
      {!methods || methods.local === 'off' ? null : (
        <form onSubmit={(e) => void submit(e)} noValidate className="form">
          <TextField id="signin-username" label="Username" value={username} onChange={setUsername} autoComplete="username" error={issueFor(issues, 'username')} width="medium" />
          <TextField
            id="signin-password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            error={issueFor(issues, 'password')}
            width="medium"
          />
          <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
      {demo && methods && methods.local !== 'off' ? (
        <aside className="inset demo-accounts" aria-labelledby="demo-accounts-title">
          <h2 id="demo-accounts-title" className="heading-s">
            Demo accounts
          </h2>
          <p>
            This is a demonstration server. Every demo account uses the password <code>{demo.password}</code>.
          </p>
          <table className="table table--compact">
            <caption className="visually-hidden">Demo accounts</caption>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              {demo.accounts
                .filter((a) => methods.local === 'on' || a.role === 'admin')
                .map((a) => (
                  <tr key={a.username}>
                    <td>
                      <code>{a.username}</code>
                    </td>
                    <td>
                      {a.name}
                      <span className="demo-accounts__role">
                        {ROLE_LABELS[a.role as Role] ?? a.role}, {AGENCIES.some((x) => x.id === a.agency) ? agencyName(a.agency) : a.agency}
                      </span>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </aside>
      ) : null}
    </div>
  );
}
