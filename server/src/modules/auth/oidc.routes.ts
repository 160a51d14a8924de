import type { FastifyInstance, FastifyRequest } from 'fastify';
import { api } from '@samling/protocol';
import { AppError } from '../../errors.ts';
import { route, type Redirect } from '../../http/endpoint.ts';
import { setSessionCookie } from './auth.routes.ts';
import { OIDC_FLOW_TTL_SECONDS } from './oidc.service.ts';

/** The signed flow cookie: sent only to the callback's path, gone after it. */
export const OIDC_COOKIE = 'samling_oidc';
const OIDC_PATH = '/api/auth/oidc';

/** Single sign-on: which providers there are, the redirect to the provider, and the way back. */
export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const { oidc, auth } = app.services;

  route(app, api.authProviders, async () => oidc.providers());

  route(app, api.oidcStart, async ({ query, reply }) => {
    const { url, cookie } = await oidc.start(query.returnTo);
    // SameSite=Lax: the provider's redirect back is a top-level navigation, which carries it.
    reply.setCookie(OIDC_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', secure: app.config.cookieSecure, path: OIDC_PATH, maxAge: OIDC_FLOW_TTL_SECONDS });
    return { location: url };
  });

  route(app, api.oidcCallback, async ({ request, reply }) => {
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
    try {
      // The provider's answer is verified as it came: the query string as sent, not as parsed.
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      const { userId, returnTo } = await oidc.callback(request.cookies[OIDC_COOKIE], query);
      setSessionCookie(app, reply, await auth.startSession(userId));
      return { location: returnTo };
    } catch (err) {
      return refuse(request, err);
    }
  });
}

/** A browser goes back to the sign-in page with the error's code; anything else gets the typed error body. */
function refuse(request: FastifyRequest, err: unknown): Redirect {
  if (!(err instanceof AppError) || !(request.headers.accept ?? '').includes('text/html')) throw err;
  return { location: `/signin?ssoError=${encodeURIComponent(err.code)}` };
}
