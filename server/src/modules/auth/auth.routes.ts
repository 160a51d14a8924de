import type { FastifyInstance, FastifyReply } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';
import { SESSION_TTL_MS } from './auth.service.ts';

export const SESSION_COOKIE = 'samling_session';

/** The browser session cookie: httpOnly, SameSite=Lax, Secure behind https. */
export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'lax', path: '/', secure: app.config.cookieSecure, maxAge: SESSION_TTL_MS / 1000,
  });
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { auth } = app.services;
  const setCookie = (reply: FastifyReply, token: string) => setSessionCookie(app, reply, token);

  route(app, api.signUp, async ({ actor, body, reply }) => {
    const { user, token } = await auth.signUp(actor, body);
    setCookie(reply, token);
    return user;
  });
  route(app, api.signIn, async ({ actor, body, reply, request }) => {
    const { user, token } = await auth.signIn(actor, body, request.ip);
    setCookie(reply, token);
    return user;
  });
  route(app, api.signOut, async ({ actor, reply }) => {
    await auth.signOut(actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });
  route(app, api.signOutEverywhere, async ({ actor, reply }) => {
    await auth.signOutEverywhere(actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });
  route(app, api.me, async ({ actor }) => auth.me(actor));
}
