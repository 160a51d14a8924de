import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';

export async function personalRoutes(app: FastifyInstance): Promise<void> {
  const { personal } = app.services;
  route(app, api.myEvent, async ({ actor, params }) => personal.myEvent(actor, params.slug));
  route(app, api.joinEvent, async ({ actor, params }) => personal.join(actor, params.slug));
  route(app, api.starSession, async ({ actor, params }) => personal.star(actor, params.slug, params.id));
  route(app, api.unstarSession, async ({ actor, params }) => personal.unstar(actor, params.slug, params.id));
}
