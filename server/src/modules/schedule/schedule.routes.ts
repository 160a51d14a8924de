import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';

/** The agenda for other tools: frab/pretalx schedule.json and schedule.xml (readable from any site), calendars, import. */
export async function scheduleRoutes(app: FastifyInstance): Promise<void> {
  const { schedule } = app.services;

  route(app, api.scheduleJson, async ({ actor, params, reply }) => {
    reply.header('access-control-allow-origin', '*');
    return { body: JSON.stringify(await schedule.scheduleJson(actor, params.slug), null, 2) };
  });
  route(app, api.scheduleXml, async ({ actor, params, reply }) => {
    reply.header('access-control-allow-origin', '*');
    return { body: await schedule.scheduleXml(actor, params.slug) };
  });
  route(app, api.sessionIcs, async ({ actor, params }) => schedule.sessionIcs(actor, params.slug, params.id));
  route(app, api.myAgendaIcs, async ({ actor, params }) => schedule.myAgendaIcs(actor, params.slug));
  route(app, api.importSchedule, async ({ actor, params, body }) => schedule.import(actor, params.slug, body));
}
