// Single sign-on against a real OpenID Connect provider (oidc-provider on an ephemeral port, with its development
// login and consent forms), driven over HTTP with a cookie jar, the way a browser would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import { backends, Client, signedUp, startApp, type TestApp } from './harness.ts';
import { safeReturnPath } from '../src/modules/auth/oidc.service.ts';

const CLIENT_ID = 'samling';
const CLIENT_SECRET = 'a-client-secret-for-tests-only';
const REDIRECT = 'http://samling.test/api/auth/oidc/callback';

/** The provider's people, by subject. */
const accounts: Record<string, { email: string; email_verified: boolean; name: string }> = {
  'freja-1001': { email: 'sigrid.sso@myndighet.se', email_verified: true, name: 'Sigrid Sjöberg' },
};

/** Cookies by name: enough for one provider and one Samling. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(setCookies: string[]): void {
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

describe('single sign-on with OpenID Connect', () => {
  let t: TestApp;
  let providerServer: http.Server;
  let issuer: string;

  beforeAll(async () => {
    providerServer = http.createServer();
    await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [{
        client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [REDIRECT],
        grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic',
      }],
      pkce: { required: () => true },
      cookies: { keys: ['provider-cookie-key-for-tests'] },
      ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      features: { devInteractions: { enabled: true } },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      findAccount: async (_ctx, sub) => {
        const a = accounts[sub];
        return a ? { accountId: sub, claims: async () => ({ sub, ...a }) } : undefined;
      },
    });
    providerServer.on('request', provider.callback());
    t = await startApp(backends.find((b) => b.name === 'pglite')!, {
      OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_LABEL: 'Logga in med Freja eID',
    });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  /** GET /api/auth/oidc/start in Samling: the provider's address, and the flow cookie in the jar. */
  async function start(jar: Jar, returnTo?: string): Promise<URL> {
    const res = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start${returnTo !== undefined ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`, headers: { cookie: jar.header() } });
    expect(res.statusCode).toBe(302);
    jar.take([res.headers['set-cookie']].flat().filter((c): c is string => typeof c === 'string'));
    return new URL(res.headers.location!);
  }

  /** Follows the provider's redirects, posting its login and consent forms, until it sends the browser back to Samling. */
  async function throughProvider(jar: Jar, authUrl: URL, login: string): Promise<URL> {
    let url = authUrl.href;
    let body: URLSearchParams | undefined;
    for (let hop = 0; hop < 20; hop++) {
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET', redirect: 'manual', body,
        headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      });
      jar.take(res.headers.getSetCookie());
      body = undefined;
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get('location')!, url);
        if (next.href.startsWith(REDIRECT)) return next;
        url = next.href;
        continue;
      }
      const html = await res.text();
      expect(res.status, html.slice(0, 300)).toBe(200);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no form at ${url}`);
      url = new URL(action.replaceAll('&amp;', '&'), url).href;
      body = html.includes('name="login"')
        ? new URLSearchParams({ prompt: 'login', login, password: 'any' })
        : new URLSearchParams({ prompt: 'consent' });
    }
    throw new Error('the provider never sent the browser back');
  }

  /** The provider's redirect arriving at Samling's callback. */
  async function callback(jar: Jar, back: URL, accept = 'application/json') {
    const res = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: jar.header(), accept } });
    jar.take([res.headers['set-cookie']].flat().filter((c): c is string => typeof c === 'string'));
    return res;
  }

  /** The whole journey; answers Samling's callback response and a client holding the Samling session. */
  async function signOn(login: string, returnTo?: string) {
    const jar = new Jar();
    const authUrl = await start(jar, returnTo);
    const res = await callback(jar, await throughProvider(jar, authUrl, login));
    const client = new Client(t.app);
    const session = jar.get('samling_session');
    if (session) client.cookie = `samling_session=${session}`;
    return { res, client };
  }

  it('tells the client that single sign-on is on, with its label', async () => {
    expect((await new Client(t.app).get('/api/auth/providers')).json()).toEqual({ oidc: { label: 'Logga in med Freja eID' } });
  });

  it('sends the browser to the provider with PKCE, state and nonce, keeping them in a short-lived HttpOnly cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    const location = new URL(res.headers.location!);
    expect(location.origin).toBe(issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: CLIENT_ID, redirect_uri: REDIRECT, response_type: 'code', code_challenge_method: 'S256',
      code_challenge: expect.any(String), state: expect.any(String), nonce: expect.any(String),
    });
    expect(location.searchParams.get('scope')).toContain('openid');
    expect(res.cookies.find((c) => c.name === 'samling_oidc')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc', maxAge: 600 });
  });

  it('signs a new person in through the provider: an account without a password, a session, back to the return path', async () => {
    const { res, client } = await signOn('freja-1001', '/e/hosten/my?day=2026-10-24');
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/e/hosten/my?day=2026-10-24');
    expect((await client.get('/api/auth/me')).json().user).toMatchObject({ email: 'sigrid.sso@myndighet.se', displayName: 'Sigrid Sjöberg' });
    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { email: 'sigrid.sso@myndighet.se' }, include: { identities: true } });
    expect(user.passwordHash).toBeNull();
    expect(user.identities).toEqual([expect.objectContaining({ issuer, subject: 'freja-1001' })]);
  });

  it('finds the same account on the second sign-in', async () => {
    const first = await t.db.prisma.user.findUniqueOrThrow({ where: { email: 'sigrid.sso@myndighet.se' } });
    const { res, client } = await signOn('freja-1001');
    expect(res.headers.location).toBe('/');
    expect((await client.get('/api/auth/me')).json().user.id).toBe(first.id);
    expect(await t.db.prisma.user.count({ where: { email: 'sigrid.sso@myndighet.se' } })).toBe(1);
  });

  it('links an existing account by an email the provider verified, and refuses an unverified one', async () => {
    const existing = await signedUp(t.app, 'Lena Lösenord');
    const id = (await existing.get('/api/auth/me')).json().user.id;
    accounts['freja-2002'] = { email: existing.email, email_verified: true, name: 'Lena från Freja' };
    const linked = await signOn('freja-2002');
    expect((await linked.client.get('/api/auth/me')).json().user).toMatchObject({ id, displayName: 'Lena Lösenord' });
    expect(await t.db.prisma.externalIdentity.count({ where: { userId: id } })).toBe(1);

    const other = await signedUp(t.app, 'Otto Overifierad');
    accounts['freja-3003'] = { email: other.email, email_verified: false, name: 'Otto' };
    const refused = await signOn('freja-3003');
    expect(refused.res.statusCode).toBe(409);
    expect(refused.res.json().error.code).toBe('EMAIL_TAKEN');
    expect(refused.client.cookie).toBeUndefined();
  });

  it('refuses an answer whose state does not match this browser’s sign-in', async () => {
    const jar = new Jar();
    const authUrl = await start(jar);
    const back = await throughProvider(jar, authUrl, 'freja-1001');
    // The browser started another sign-in meanwhile: its cookie now holds another state.
    await start(jar);
    const res = await callback(jar, back);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'SSO_FAILED', details: { reason: 'state' } });
    expect(jar.get('samling_session')).toBeUndefined();
  });

  it('refuses a forged callback: an invented code, a tampered cookie, no cookie; a browser goes back to the sign-in page', async () => {
    const jar = new Jar();
    const authUrl = await start(jar);
    const state = authUrl.searchParams.get('state')!;
    const forged = await callback(jar, new URL(`${REDIRECT}?code=invented-code&state=${state}&iss=${encodeURIComponent(issuer)}`));
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error).toMatchObject({ code: 'SSO_FAILED', details: { reason: 'verify' } });

    const jar2 = new Jar();
    const url2 = await start(jar2);
    const back = await throughProvider(jar2, url2, 'freja-1001');
    const [body, mac] = jar2.get('samling_oidc')!.split('.');
    const flow = JSON.parse(Buffer.from(body!, 'base64url').toString());
    const tampered = `${Buffer.from(JSON.stringify({ ...flow, returnTo: '/elsewhere' })).toString('base64url')}.${mac}`;
    const res = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: `samling_oidc=${tampered}` } });
    expect(res.json().error).toMatchObject({ code: 'SSO_FAILED', details: { reason: 'expired' } });

    const none = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { accept: 'text/html' } });
    expect(none.statusCode).toBe(303);
    expect(none.headers.location).toBe('/signin?ssoError=SSO_FAILED');
    expect(none.cookies.find((c) => c.name === 'samling_session')).toBeUndefined();
  });

  it('ignores a return path to another site', async () => {
    for (const evil of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const { res } = await signOn('freja-1001', evil);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location, evil).toBe('/');
    }
    expect(safeReturnPath('/e/a?b=c#d')).toBe('/e/a?b=c#d');
    expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('is off without configuration: no provider, and start answers 404', async () => {
    const plain = await startApp(backends.find((b) => b.name === 'pglite')!);
    try {
      expect((await new Client(plain.app).get('/api/auth/providers')).json()).toEqual({ oidc: null });
      const res = await plain.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    } finally {
      await plain.close();
    }
  });
});
