import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';

export async function agendaRoutes(app: FastifyInstance): Promise<void> {
  const { agenda } = app.services;
  route(app, api.createTrack, async ({ actor, params, body }) => agenda.createTrack(actor, params.slug, body));
  route(app, api.updateTrack, async ({ actor, params, body }) => agenda.updateTrack(actor, params.slug, params.id, body));
  route(app, api.deleteTrack, async ({ actor, params }) => agenda.deleteTrack(actor, params.slug, params.id));
  route(app, api.createStage, async ({ actor, params, body }) => agenda.createStage(actor, params.slug, body));
  route(app, api.updateStage, async ({ actor, params, body }) => agenda.updateStage(actor, params.slug, params.id, body));
  route(app, api.deleteStage, async ({ actor, params }) => agenda.deleteStage(actor, params.slug, params.id));
  route(app, api.createSpeaker, async ({ actor, params, body }) => agenda.createSpeaker(actor, params.slug, body));
  route(app, api.updateSpeaker, async ({ actor, params, body }) => agenda.updateSpeaker(actor, params.slug, params.id, body));
  route(app, api.deleteSpeaker, async ({ actor, params }) => agenda.deleteSpeaker(actor, params.slug, params.id));
  route(app, api.createSession, async ({ actor, params, body }) => agenda.createSession(actor, params.slug, body));
  route(app, api.updateSession, async ({ actor, params, body }) => agenda.updateSession(actor, params.slug, params.id, body));
  route(app, api.deleteSession, async ({ actor, params }) => agenda.deleteSession(actor, params.slug, params.id));
}
