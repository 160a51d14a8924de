import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api, errorBodySchema, idSchema, slugSchema } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';

const bySlug = z.object({ slug: slugSchema });
const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };

/** Non-JSON exports are declared here beside their renderers; their paths are in protocol's `exportPaths`. */
export async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const { schedule } = app.services;

  app.get('/api/events/:slug/schedule.json', {
    schema: { summary: 'The agenda as a frab/pretalx schedule.json', tags: ['interop'], params: bySlug, response: { 200: z.unknown(), ...errors } },
  }, async (request, reply) => {
    const { slug } = request.params as z.infer<typeof bySlug>;
    reply.header('access-control-allow-origin', '*');
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(await schedule.scheduleJson(request.actor, slug), null, 2));
  });

  app.get('/api/events/:slug/schedule.xml', {
    schema: { summary: 'The agenda as a frab schedule.xml', tags: ['interop'], params: bySlug, response: { 200: z.string(), ...errors } },
  }, async (request, reply) => {
    const { slug } = request.params as z.infer<typeof bySlug>;
    reply.header('access-control-allow-origin', '*');
    return reply.type('application/xml; charset=utf-8').send(await schedule.scheduleXml(request.actor, slug));
  });

  app.get('/api/events/:slug/sessions/:id/session.ics', {
    schema: { summary: 'One session as an iCalendar file', tags: ['interop'], params: z.object({ slug: slugSchema, id: idSchema }), response: { 200: z.string(), ...errors } },
  }, async (request, reply) => {
    const { slug, id } = request.params as { slug: string; id: string };
    const { filename, body } = await schedule.sessionIcs(request.actor, slug, id);
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
  });

  app.get('/api/events/:slug/my-agenda.ics', {
    schema: { summary: 'My starred sessions as an iCalendar file', tags: ['personal'], params: bySlug, response: { 200: z.string(), ...errors } },
  }, async (request, reply) => {
    const { slug } = request.params as z.infer<typeof bySlug>;
    const { filename, body } = await schedule.myAgendaIcs(request.actor, slug);
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
  });

  route(app, api.importSchedule, async ({ actor, params, body }) => schedule.import(actor, params.slug, body));
}
