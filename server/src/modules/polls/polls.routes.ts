import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api, errorBodySchema, idSchema, slugSchema } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';

const params = z.object({ slug: slugSchema, id: idSchema });
const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };

export async function pollsRoutes(app: FastifyInstance): Promise<void> {
  const { polls, exports } = app.services;
  route(app, api.listPolls, async ({ actor, params: p }) => polls.summaries(actor, p.slug, p.id));
  route(app, api.createPoll, async ({ actor, params: p, body }) => polls.createBySlug(actor, p.slug, p.id, body));
  route(app, api.updatePoll, async ({ actor, params: p, body }) => polls.update(actor, p.slug, p.id, body));
  route(app, api.deletePoll, async ({ actor, params: p }) => polls.delete(actor, p.slug, p.id));

  app.get('/api/events/:slug/polls/:id/results.csv', {
    schema: { summary: 'One poll’s results as CSV (moderators)', tags: ['polls'], params, response: { 200: z.string(), ...errors } },
  }, async (request, reply) => {
    const p = request.params as z.infer<typeof params>;
    const [filename, body] = await exports.pollCsv(request.actor, p.slug, p.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
  });
  app.get('/api/events/:slug/sessions/:id/interaction.csv', {
    schema: { summary: 'A session’s polls and Q&A as CSV (moderators)', tags: ['polls'], params, response: { 200: z.string(), ...errors } },
  }, async (request, reply) => {
    const p = request.params as z.infer<typeof params>;
    const [filename, body] = await exports.sessionCsv(request.actor, p.slug, p.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
  });
}
