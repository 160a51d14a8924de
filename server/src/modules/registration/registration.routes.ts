import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';
import { setSessionCookie } from '../auth/auth.routes.ts';

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

  route(app, api.attendeesCsv, async ({ actor, params, query }) => attendees.exportCsv(actor, params.slug, query.excel === '1'));
}
