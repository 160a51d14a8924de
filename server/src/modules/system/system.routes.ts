import type { FastifyInstance } from 'fastify';
import { api } from '@samling/protocol';
import { route } from '../../http/endpoint.ts';
import { AppError } from '../../errors.ts';

export async function systemRoutes(app: FastifyInstance): Promise<void> {
  const started = Date.now();
  route(app, api.health, async () => {
    try {
      await app.db.ping();
    } catch (err) {
      app.log.warn({ err }, 'health: database unreachable');
      throw new AppError('UNAVAILABLE', 'The database is not reachable');
    }
    return { status: 'ok' as const, database: app.db.kind, uptimeSeconds: Math.round((Date.now() - started) / 1000) };
  });
}
