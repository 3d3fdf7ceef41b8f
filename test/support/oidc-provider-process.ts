/**
 * A real OpenID Connect provider (the `oidc-provider` package) for the single sign-on tests, run
 * as its own process on a loopback port by test/support/oidc-provider.ts. Its sign-in page is the
 * package's development one (any login; the password is not checked), and each login names one of
 * the accounts given in OIDC_TEST_PROVIDER, whose claims (groups included) go into the ID token.
 *
 * For the tests of what the relying party must refuse, `POST /__test/mode` makes the token
 * endpoint misbehave like a compromised or broken provider would:
 * - `tamper-id-token`: the ID token's payload is changed after signing (the signature no longer matches);
 * - `wrong-nonce`: the ID token is signed again, validly, with a nonce of its own;
 * - `honest`: back to normal.
 * `POST /__test/accounts/<login>` replaces one account's claims (e.g. moves it to another group).
 */
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, type JWK } from 'jose';
import Provider from 'oidc-provider';

interface ProviderSetup {
  port: number;
  clients: { client_id: string; client_secret: string; redirect_uris: string[]; post_logout_redirect_uris: string[] }[];
  /** login → the claims that account's ID token carries (sub is the login). */
  accounts: Record<string, Record<string, unknown>>;
}

type Mode = 'honest' | 'tamper-id-token' | 'wrong-nonce';

const setup = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? '{}') as ProviderSetup;
const issuer = `http://127.0.0.1:${setup.port}`;
const accounts = new Map(Object.entries(setup.accounts));
let mode: Mode = 'honest';

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey: JWK = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: setup.clients.map((c) => ({ ...c, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' })),
  jwks: { keys: [signingKey] },
  cookies: { keys: ['oidc-test-provider-cookie-key'] },
  claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
  scopes: ['openid', 'profile', 'email', 'groups'],
  // Put the scopes' claims in the ID token itself, as Entra ID does with groups.
  conformIdTokenClaims: false,
  // Every authorization request must carry a PKCE challenge (the relying party always sends one).
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  findAccount(_ctx, sub) {
    return {
      accountId: sub,
      claims: () => ({ ...(accounts.get(sub) ?? {}), sub }),
    };
  },
});

/** The token endpoint's answer, changed as the mode says. */
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path !== '/token' || mode === 'honest') return;
  const body = ctx.body as { id_token?: string } | undefined;
  if (!body?.id_token) return;
  if (mode === 'tamper-id-token') {
    const [header, payload, signature] = body.id_token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims.groups = ['grp-mash-managers'];
    body.id_token = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  } else if (mode === 'wrong-nonce') {
    const claims = decodeJwt(body.id_token);
    body.id_token = await new SignJWT({ ...claims, nonce: 'a-nonce-the-relying-party-never-sent' }).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid! }).sign(privateKey);
  }
});

const koa = provider.callback();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', issuer);
  if (req.method === 'POST' && url.pathname.startsWith('/__test/')) {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      if (url.pathname === '/__test/mode' && ['honest', 'tamper-id-token', 'wrong-nonce'].includes(text)) {
        mode = text as Mode;
      } else if (url.pathname.startsWith('/__test/accounts/')) {
        accounts.set(decodeURIComponent(url.pathname.slice('/__test/accounts/'.length)), JSON.parse(text) as Record<string, unknown>);
      } else {
        res.writeHead(400).end(`unknown test control ${url.pathname} ${text}`);
        return;
      }
      res.writeHead(204).end();
    });
    return;
  }
  void koa(req, res);
});
server.listen(setup.port, '127.0.0.1', () => process.stdout.write(`oidc test provider at ${issuer}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
