import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { AuthProviders } from '@samling/protocol';
import type { OidcConfig } from '../../config.ts';
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';

/** How long a started sign-on may take at the provider before its cookie expires. */
export const OIDC_FLOW_TTL_SECONDS = 10 * 60;

/** What the browser carries between start and callback, signed: the checks and where to go afterwards. */
interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  exp: number;
}

export type SsoFailure = 'expired' | 'state' | 'provider' | 'verify' | 'claims';
const failed = (reason: SsoFailure, message: string) => new AppError('SSO_FAILED', message, { reason });

/** A same-origin path to come back to, or `/`: never another site (no open redirect). */
export function safeReturnPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 500) return '/';
  // "//host" and "/\host" are protocol-relative in browsers; control characters can smuggle either.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\') || /[\u0000-\u001f\u007f]/.test(raw)) return '/';
  const base = new URL('http://samling.invalid');
  const url = new URL(raw, base);
  return url.origin === base.origin ? `${url.pathname}${url.search}${url.hash}` : '/';
}

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * Single sign-on with one OpenID Connect provider: authorization code flow with PKCE, state and nonce. The flow's
 * secrets travel in a short-lived HttpOnly cookie signed with a key every node shares (derived from the client
 * secret), so the callback may land on any node. Accounts are found by (issuer, subject), else linked by an email the
 * provider says it verified, else made anew without a password.
 */
export class OidcService {
  private discovered: Promise<oidc.Configuration> | undefined;
  private readonly key: Buffer;

  constructor(private readonly prisma: Prisma, private readonly config: OidcConfig | null) {
    // A public client has no shared secret: the key is then this process's own (several nodes need sticky sessions).
    this.key = config?.clientSecret
      ? createHmac('sha256', 'samling-oidc-flow').update(config.clientSecret).digest()
      : randomBytes(32);
  }

  providers(): AuthProviders {
    return { oidc: this.config ? { label: this.config.label } : null };
  }

  /** The provider's address to send the browser to, and the signed cookie value holding the flow's checks. */
  async start(returnTo: unknown): Promise<{ url: string; cookie: string }> {
    const config = await this.configuration();
    const flow: Flow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      returnTo: safeReturnPath(returnTo),
      exp: Math.floor(Date.now() / 1000) + OIDC_FLOW_TTL_SECONDS,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.config!.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, cookie: this.sign(flow) };
  }

  /**
   * Verifies the provider's answer against the flow in the cookie and returns the account it names (found, linked
   * or made) and where to go. `query` is the callback's query string.
   */
  async callback(cookie: string | undefined, query: string): Promise<{ userId: string; returnTo: string }> {
    const config = await this.configuration();
    const flow = this.verify(cookie);
    if (!flow) throw failed('expired', 'The sign-in took too long or was started in another browser; start again');
    const params = new URLSearchParams(query);
    if (params.get('state') !== flow.state) throw failed('state', 'The sign-in answer does not belong to this browser’s sign-in');
    if (params.has('error')) throw failed('provider', `The identity provider refused: ${params.get('error')}`);
    const current = new URL(this.config!.redirectUrl);
    current.search = params.toString();

    let claims: Record<string, unknown>;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Many providers put email and name only in userinfo when a code is exchanged; some have no userinfo at all.
      const info = config.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
      claims = { ...idClaims, ...info };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw failed('verify', 'The identity provider’s answer could not be verified');
    }
    const userId = await this.account(config.serverMetadata().issuer, claims);
    return { userId, returnTo: flow.returnTo };
  }

  private async account(issuer: string, claims: Record<string, unknown>): Promise<string> {
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    if (!subject) throw failed('claims', 'The identity provider named no subject');
    const known = await this.prisma.externalIdentity.findUnique({ where: { issuer_subject: { issuer, subject } } });
    if (known) return known.userId;

    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
    if (!email) throw failed('claims', 'The identity provider gave no email address');
    const existing = await this.prisma.user.findUnique({ where: { email } });
    if (existing) {
      // Linking hands the account over: only on an address the provider itself verified, and never to a guest.
      if (claims.email_verified !== true || existing.isGuest) {
        throw new AppError('EMAIL_TAKEN', 'An account with this email exists; sign in with its password first');
      }
      await this.prisma.externalIdentity.create({ data: { issuer, subject, userId: existing.id } });
      return existing.id;
    }
    const name = [claims.name, [claims.given_name, claims.family_name].filter((p) => typeof p === 'string').join(' ')]
      .find((n): n is string => typeof n === 'string' && n.trim().length > 0);
    const created = await this.prisma.user.create({
      data: {
        email,
        passwordHash: null,
        displayName: (name ?? email.split('@')[0]!).trim().slice(0, 100),
        identities: { create: { issuer, subject } },
      },
    });
    return created.id;
  }

  private configuration(): Promise<oidc.Configuration> {
    const c = this.config;
    if (!c) return Promise.reject(notFound('Single sign-on'));
    this.discovered ??= (async () => {
      const issuer = new URL(c.issuer);
      const auth = c.clientSecret ? oidc.ClientSecretBasic(c.clientSecret) : oidc.None();
      // Plain http only for a provider on this machine (development and tests).
      const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
      return oidc.discovery(issuer, c.clientId, c.clientSecret ?? undefined, auth, insecure ? { execute: [oidc.allowInsecureRequests] } : undefined);
    })().catch((err: unknown) => {
      this.discovered = undefined;
      throw Object.assign(new AppError('UNAVAILABLE', 'The identity provider cannot be reached'), { cause: err });
    });
    return this.discovered;
  }

  private sign(flow: Flow): string {
    const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${body}.${createHmac('sha256', this.key).update(body).digest('base64url')}`;
  }

  private verify(value: string | undefined): Flow | null {
    if (!value || value.length > 2000) return null;
    const [body, mac] = value.split('.');
    if (!body || !mac) return null;
    const expected = createHmac('sha256', this.key).update(body).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const flow = JSON.parse(Buffer.from(body, 'base64url').toString()) as Flow;
      return typeof flow.exp === 'number' && flow.exp * 1000 > Date.now() ? flow : null;
    } catch {
      return null;
    }
  }
}
