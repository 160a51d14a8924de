import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api, errorBodySchema, slugSchema } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';
import { setSessionCookie } from '../auth/auth.routes.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };

export async function registrationRoutes(app: FastifyInstance): Promise<void> {
  const { registration, invitations, notices, attendees } = app.services;
  route(app, api.registrationInfo, async ({ actor, params }) => registration.info(actor, params.slug));
  route(app, api.updateRegistration, async ({ actor, params, body }) => registration.update(actor, params.slug, body));
  // The cookie is set as soon as the account exists, so a registration refused after that still leaves the person signed in.
  route(app, api.register, async ({ actor, params, body, reply }) => registration.register(actor, params.slug, body, (token) => setSessionCookie(app, reply, token)));
  route(app, api.checkInvitation, async ({ actor, params, body }) => invitations.check(actor, params.slug, body.code));
  route(app, api.giveConsent, async ({ actor, params, body }) => registration.consent(actor, params.slug, body));

  route(app, api.listInvitations, async ({ actor, params }) => invitations.list(actor, params.slug));
  route(app, api.createInvitation, async ({ actor, params, body }) => invitations.create(actor, params.slug, body));
  route(app, api.revokeInvitation, async ({ actor, params }) => invitations.revoke(actor, params.slug, params.id));

  route(app, api.listPrivacyNotices, async ({ actor, params }) => notices.list(actor, params.slug));
  route(app, api.publishPrivacyNotice, async ({ actor, params, body }) => notices.publish(actor, params.slug, body));

  route(app, api.listAttendees, async ({ actor, params }) => attendees.list(actor, params.slug));
  route(app, api.importAttendees, async ({ actor, params, body }) => attendees.import(actor, params.slug, body));
  route(app, api.removeMember, async ({ actor, params }) => attendees.remove(actor, params.slug, params.id));

  const params = z.object({ slug: slugSchema });
  const query = z.object({ excel: z.enum(['0', '1']).optional() });
  app.get('/api/events/:slug/attendees.csv', {
    schema: { summary: 'The member list as CSV; `?excel=1` for Swedish Excel (`;`, byte order mark) (organiser)', tags: ['members'], params, querystring: query, response: { 200: z.string(), ...errors } },
  }, async (request, reply) => {
    const p = request.params as z.infer<typeof params>;
    const q = request.query as z.infer<typeof query>;
    const [filename, body] = await attendees.exportCsv(request.actor, p.slug, q.excel === '1');
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
  });
}
