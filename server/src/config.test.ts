import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, requireMetricsExposure } from './config.ts';

describe('Redis settings', () => {
  it('uses REDIS_URL (or the local default) when no cluster is named', () => {
    expect(loadConfig({}).redis).toEqual({ kind: 'standalone', url: 'redis://127.0.0.1:6379' });
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:6380' }).redis).toEqual({ kind: 'standalone', url: 'redis://10.0.0.5:6380' });
  });

  it('REDIS_CLUSTER_NODES names the cluster seed nodes, and REDIS_URL is then not used', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001,[::1]:7002', REDIS_URL: 'redis://ignored:1' });
    expect(config.redis).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'redis-b', port: 7001 },
        { host: '::1', port: 7002 },
      ],
    });
  });

  it.each(['redis-a', 'redis-a:', 'redis-a:7000,', 'redis://a:7000', 'a:70000', 'a:0'])('refuses REDIS_CLUSTER_NODES=%s, naming the setting', (value) => {
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrow(/REDIS_CLUSTER_NODES: .*is not host:port/);
  });
});

describe('TRUST_PROXY', () => {
  it('believes no proxy unless told: the connection is the client', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('takes a hop count, or proxy addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
  });

  it.each(['true', '*', 'proxy.council.example', '0', '99'])('refuses TRUST_PROXY=%s, naming the setting', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: must be a number of proxy hops/);
  });
});

describe('single sign-on settings', () => {
  const mappingFile = () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mash-sso-config-')), 'mapping.json');
    writeFileSync(file, JSON.stringify({ rules: [{ claim: 'groups', value: 'g-police', agency: 'police', role: 'practitioner' }] }));
    return file;
  };
  const sso = (extra: Record<string, string> = {}) => ({
    OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
    OIDC_CLIENT_ID: 'client-id',
    OIDC_CLIENT_SECRET: 'client-secret',
    OIDC_REDIRECT_URI: 'https://mash.council.example/api/sso/callback',
    OIDC_MAPPING_FILE: mappingFile(),
    ...extra,
  });

  it('is off unless configured, and then passwords are for everyone', () => {
    const config = loadConfig({});
    expect(config.sso).toBeNull();
    expect(config.localSignIn).toBe('on');
  });

  it('takes settings given as empty strings (as a compose file passes unset ones) as not set', () => {
    const empty = { OIDC_ISSUER: '', OIDC_CLIENT_ID: '', OIDC_CLIENT_SECRET: '', OIDC_REDIRECT_URI: '', OIDC_MAPPING_FILE: '', OIDC_POST_LOGOUT_REDIRECT_URI: '' };
    expect(loadConfig(empty).sso).toBeNull();
    expect(() => loadConfig({ ...empty, OIDC_ISSUER: 'https://idp.council.example' })).toThrow(/half configured/);
  });

  it('reads every setting and the mapping, with the defaults for the rest', () => {
    const config = loadConfig(sso());
    expect(config.sso).toMatchObject({
      issuer: 'https://login.microsoftonline.com/tenant-id/v2.0',
      scopes: ['openid', 'profile', 'email'],
      usernameClaim: 'preferred_username',
      postLogoutRedirectUri: 'https://mash.council.example/',
      mapping: { rules: [{ claim: 'groups', value: 'g-police', agency: 'police', role: 'practitioner' }] },
    });
  });

  it('refuses half a configuration, naming what is set and what is missing', () => {
    const { OIDC_CLIENT_SECRET: _s, OIDC_MAPPING_FILE: _m, ...half } = sso();
    expect(() => loadConfig(half)).toThrow(/half configured: .*OIDC_ISSUER.* but OIDC_CLIENT_SECRET, OIDC_MAPPING_FILE are not/);
  });

  it('refuses a redirect URI that is not the callback route, and scopes without openid', () => {
    expect(() => loadConfig(sso({ OIDC_REDIRECT_URI: 'https://mash.council.example/callback' }))).toThrow(/OIDC_REDIRECT_URI must be this server's \/api\/sso\/callback/);
    expect(() => loadConfig(sso({ OIDC_SCOPES: 'profile email' }))).toThrow(/OIDC_SCOPES must include openid/);
  });

  it('refuses plain http for the issuer or the redirect in production', () => {
    expect(() => loadConfig(sso({ NODE_ENV: 'production', OIDC_ISSUER: 'http://idp.council.example' }))).toThrow(/OIDC_ISSUER must be an https:\/\/ address in production/);
    expect(() => loadConfig(sso({ NODE_ENV: 'production', OIDC_REDIRECT_URI: 'http://mash.council.example/api/sso/callback' }))).toThrow(/OIDC_REDIRECT_URI must be an https:\/\/ address/);
  });

  it('refuses a mapping file that cannot be read or breaks the rules, naming the rule and field', () => {
    expect(() => loadConfig(sso({ OIDC_MAPPING_FILE: '/nonexistent/mapping.json' }))).toThrow(/OIDC_MAPPING_FILE: cannot read \/nonexistent\/mapping.json/);
    const bad = path.join(mkdtempSync(path.join(tmpdir(), 'mash-sso-config-')), 'mapping.json');
    writeFileSync(bad, JSON.stringify({ rules: [{ claim: 'groups', value: 'g', agency: 'police', role: 'chief' }] }));
    expect(() => loadConfig(sso({ OIDC_MAPPING_FILE: bad }))).toThrow(/rules\.0\.role: /);
    writeFileSync(bad, '{ not json');
    expect(() => loadConfig(sso({ OIDC_MAPPING_FILE: bad }))).toThrow(/is not valid JSON/);
    writeFileSync(bad, JSON.stringify({ rules: [] }));
    expect(() => loadConfig(sso({ OIDC_MAPPING_FILE: bad }))).toThrow(/rules: give at least one rule/);
  });

  it('refuses to turn passwords off (or keep them for administrators only) without single sign-on', () => {
    expect(() => loadConfig({ MASH_LOCAL_SIGN_IN: 'off' })).toThrow(/MASH_LOCAL_SIGN_IN=off needs single sign-on .*nobody could sign in/);
    expect(() => loadConfig({ MASH_LOCAL_SIGN_IN: 'admins' })).toThrow(/only administrators could sign in/);
    expect(loadConfig(sso({ MASH_LOCAL_SIGN_IN: 'off' })).localSignIn).toBe('off');
  });
});

describe('metrics exposure', () => {
  const token = 'f'.repeat(32);

  it('is off by default, and a production server refuses to start without METRICS_PORT or METRICS_TOKEN', () => {
    expect(loadConfig({}).metrics).toEqual({});
    expect(() => requireMetricsExposure(loadConfig({}))).not.toThrow();
    expect(() => requireMetricsExposure(loadConfig({ NODE_ENV: 'production' }))).toThrow(/set METRICS_PORT .* or METRICS_TOKEN/);
    expect(() => requireMetricsExposure(loadConfig({ NODE_ENV: 'production', METRICS_TOKEN: token }))).not.toThrow();
    expect(() => requireMetricsExposure(loadConfig({ NODE_ENV: 'production', METRICS_PORT: '9464' }))).not.toThrow();
  });

  it.each(['', 'short', `${'a'.repeat(31)}`, `${'a'.repeat(20)} ${'b'.repeat(20)}`])('refuses METRICS_TOKEN=%j, naming the setting', (value) => {
    expect(() => loadConfig({ METRICS_TOKEN: value })).toThrow(/METRICS_TOKEN: must be at least 32 printable characters/);
  });

  it('refuses a METRICS_PORT that is the app port', () => {
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT \(3000\) must differ from PORT/);
  });
});
