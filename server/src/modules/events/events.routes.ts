import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';

export async function eventsRoutes(app: FastifyInstance): Promise<void> {
  const { events, members } = app.services;
  route(app, api.listEvents, async ({ actor }) => events.list(actor));
  route(app, api.createEvent, async ({ actor, body }) => events.create(actor, body));
  route(app, api.getAgenda, async ({ actor, params }) => events.agenda(actor, params.slug));
  route(app, api.updateEvent, async ({ actor, params, body }) => events.update(actor, params.slug, body));
  route(app, api.listMembers, async ({ actor, params }) => members.list(actor, params.slug));
  route(app, api.setMember, async ({ actor, params, body }) => members.set(actor, params.slug, body));
  route(app, api.auditLog, async ({ actor, params }) => app.services.audit.list(actor, params.slug));
}
