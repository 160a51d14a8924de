import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { AppError } from '../../errors.ts';
import { route } from '../../http/endpoint.ts';
import { RateLimiter } from '../../realtime/rate-limit.ts';
import { setSessionCookie } from '../auth/auth.routes.ts';

export async function guestsRoutes(app: FastifyInstance): Promise<void> {
  const { guests } = app.services;
  // A code has a million values: guessing is throttled per address, before anyone has an account to key on.
  const joins = new RateLimiter(10, 10 / 60);

  route(app, api.guestAccess, async ({ actor, params }) => guests.access(actor, params.slug));
  route(app, api.newGuestCode, async ({ actor, params }) => guests.newCode(actor, params.slug));
  route(app, api.guestJoin, async ({ actor, body, request, reply }) => {
    const wait = joins.take(request.ip);
    if (wait > 0) throw new AppError('RATE_LIMITED', 'Too many tries; wait a moment', { retryAfterSeconds: wait });
    const { eventSlug, token } = await guests.join(actor, body);
    setSessionCookie(app, reply, token);
    return { eventSlug };
  });

  route(app, api.guestQr, async ({ actor, params, reply }) => {
    reply.header('cache-control', 'no-store');
    return { body: await guests.qrSvg(actor, params.slug) };
  });
}
