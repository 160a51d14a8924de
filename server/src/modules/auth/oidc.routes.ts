import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { api, errorBodySchema } from '@samling/protocol';
import { AppError } from '../../errors.ts';
import { route } from '../../http/endpoint.ts';
import { setSessionCookie } from './auth.routes.ts';
import { OIDC_FLOW_TTL_SECONDS } from './oidc.service.ts';

/** The signed flow cookie: sent only to the callback's path, gone after it. */
export const OIDC_COOKIE = 'samling_oidc';
const OIDC_PATH = '/api/auth/oidc';

/** Single sign-on: which providers there are, the redirect to the provider, and the way back. */
export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const { oidc, auth } = app.services;

  route(app, api.authProviders, async () => oidc.providers());

  const redirectSchema = {
    response: { 302: z.null(), 303: z.null(), '4xx': errorBodySchema, '5xx': errorBodySchema },
  };

  app.get('/api/auth/oidc/start', {
    schema: {
      summary: 'Start single sign-on: redirects to the identity provider', tags: ['auth'],
      querystring: z.object({ returnTo: z.string().max(500).optional() }),
      ...redirectSchema,
    },
  }, async (request, reply) => {
    const { returnTo } = request.query as { returnTo?: string };
    const { url, cookie } = await oidc.start(returnTo);
    // SameSite=Lax: the provider's redirect back is a top-level navigation, which carries it.
    reply.setCookie(OIDC_COOKIE, cookie, { httpOnly: true, sameSite: 'lax', secure: app.config.cookieSecure, path: OIDC_PATH, maxAge: OIDC_FLOW_TTL_SECONDS });
    return reply.redirect(url, 302);
  });

  app.get('/api/auth/oidc/callback', {
    schema: { summary: 'Where the identity provider sends the browser back; signs in and redirects', tags: ['auth'], ...redirectSchema },
  }, async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
    try {
      const { userId, returnTo } = await oidc.callback(request.cookies[OIDC_COOKIE], query);
      setSessionCookie(app, reply, await auth.startSession(userId));
      return reply.redirect(returnTo, 303);
    } catch (err) {
      return refuse(request, reply, err);
    }
  });
}

/** A browser goes back to the sign-in page with the error's code; anything else gets the typed error body. */
function refuse(request: FastifyRequest, reply: FastifyReply, err: unknown) {
  if (!(err instanceof AppError) || !(request.headers.accept ?? '').includes('text/html')) throw err;
  return reply.redirect(`/signin?ssoError=${encodeURIComponent(err.code)}`, 303);
}
