import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';

export async function pollsRoutes(app: FastifyInstance): Promise<void> {
  const { polls, exports } = app.services;
  route(app, api.listPolls, async ({ actor, params: p }) => polls.summaries(actor, p.slug, p.id));
  route(app, api.createPoll, async ({ actor, params: p, body }) => polls.createBySlug(actor, p.slug, p.id, body));
  route(app, api.updatePoll, async ({ actor, params: p, body }) => polls.update(actor, p.slug, p.id, body));
  route(app, api.deletePoll, async ({ actor, params: p }) => polls.delete(actor, p.slug, p.id));

  route(app, api.pollCsv, async ({ actor, params: p }) => {
    const [filename, body] = await exports.pollCsv(actor, p.slug, p.id);
    return { filename, body };
  });
  route(app, api.sessionCsv, async ({ actor, params: p }) => {
    const [filename, body] = await exports.sessionCsv(actor, p.slug, p.id);
    return { filename, body };
  });
}
