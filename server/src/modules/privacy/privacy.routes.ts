import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';
import { SESSION_COOKIE } from '../auth/auth.routes.ts';

export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const { privacy } = app.services;

  route(app, api.myData, async ({ actor, reply }) => {
    const data = await privacy.myData(actor);
    reply.header('content-disposition', `attachment; filename="samling-data-${data.exportedAt.slice(0, 10)}.json"`);
    // Personal data: no shared cache may keep a copy.
    reply.header('cache-control', 'no-store');
    return data;
  });
  route(app, api.myAccount, async ({ actor }) => privacy.account(actor));
  route(app, api.deleteAccount, async ({ actor, body, reply }) => {
    await privacy.deleteAccount(actor, body);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  });
  route(app, api.eventPrivacy, async ({ actor, params }) => privacy.eventPrivacy(actor, params.slug));
  route(app, api.purgeEvent, async ({ actor, params }) => privacy.purge(actor, params.slug));
}
