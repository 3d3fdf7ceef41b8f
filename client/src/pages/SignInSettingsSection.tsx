/**
 * Admin: how people sign in. Whether Mashboard passwords are accepted (MASH_LOCAL_SIGN_IN), the
 * identity provider, and the rules that turn a person's groups or roles at the provider into an
 * agency and role here, in the order they are tried. Read-only: the settings live in the server's
 * environment and mapping file, so they change with a deployment, never from a browser.
 */
import { useEffect, useState } from 'react';
import { agencyName, ROLE_LABELS, type SignInSettings } from '@mashboard/shared';
import { api, ApiRequestError } from '../data/api.ts';

const LOCAL_WORDS: Record<SignInSettings['local'], string> = {
  on: 'Everyone with a Mashboard account may sign in with its password.',
  admins: 'Only administrators may sign in with a Mashboard password (break-glass accounts); everyone else signs in through single sign-on.',
  off: 'Nobody may sign in with a Mashboard password; everyone signs in through single sign-on.',
};

export function SignInSettingsSection() {
  const [settings, setSettings] = useState<SignInSettings | null>(null);
  const [loadError, setLoadError] = useState('');
  useEffect(() => {
    let live = true;
    api.signInSettings().then(
      (s) => live && setSettings(s),
      (e: unknown) => live && setLoadError(e instanceof ApiRequestError ? e.error.message : 'The sign-in settings could not be loaded.'),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section aria-labelledby="sign-in-settings-title" className="sign-in-settings">
      <h2 id="sign-in-settings-title">Sign-in and single sign-on</h2>
      {loadError ? <p className="field-error">{loadError}</p> : null}
      {!settings && !loadError ? <p role="status">Loading…</p> : null}
      {settings ? (
        <>
          <p>{LOCAL_WORDS[settings.local]}</p>
          {settings.sso ? (
            <>
              <dl className="summary-list">
                <div className="summary-list__row">
                  <dt>Identity provider (issuer)</dt>
                  <dd>
                    <code>{settings.sso.issuer}</code>
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt>Client id</dt>
                  <dd>
                    <code>{settings.sso.clientId}</code>
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt>Redirect URI</dt>
                  <dd>
                    <code>{settings.sso.redirectUri}</code>
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt>Scopes</dt>
                  <dd>
                    <code>{settings.sso.scopes.join(' ')}</code>
                  </dd>
                </div>
                <div className="summary-list__row">
                  <dt>Username of a new account</dt>
                  <dd>
                    the <code>{settings.sso.usernameClaim}</code> claim
                  </dd>
                </div>
              </dl>
              <h3 className="heading-s">Who gets which agency and role</h3>
              <p>
                At every sign-in the rules are tried in order and the first that matches decides the person’s agency and role. Someone no rule matches is refused. A person first seen through single
                sign-on gets an account with the agency and role the rule gives; if their groups change at the provider, their account here follows at their next sign-in.
              </p>
              <div className="table-wrap" role="region" aria-labelledby="sso-mapping-caption" tabIndex={0}>
                <table className="table table--stack">
                  <caption id="sso-mapping-caption" className="table__caption">
                    {settings.sso.mapping.rules.length} mapping {settings.sso.mapping.rules.length === 1 ? 'rule' : 'rules'}, tried in this order
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Order</th>
                      <th scope="col">When the claim</th>
                      <th scope="col">Holds the value</th>
                      <th scope="col">Agency</th>
                      <th scope="col">Role</th>
                    </tr>
                  </thead>
                  <tbody>
                    {settings.sso.mapping.rules.map((rule, i) => (
                      <tr key={`${rule.claim}-${rule.value}-${i}`}>
                        <th scope="row">{i + 1}</th>
                        <td data-label="When the claim">
                          <code>{rule.claim}</code>
                        </td>
                        <td data-label="Holds the value">
                          {rule.label ? <span className="sso-rule__label">{rule.label}</span> : null}
                          <code className="sso-rule__value">{rule.value}</code>
                        </td>
                        <td data-label="Agency">{agencyName(rule.agency)}</td>
                        <td data-label="Role">{ROLE_LABELS[rule.role]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted-strong small">
                The mapping and these settings are part of the server’s configuration (<code>OIDC_*</code> settings and the mapping file): your IT team changes them with a deployment.
              </p>
            </>
          ) : (
            <p>Single sign-on is not set up on this server.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
