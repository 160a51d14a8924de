import { timingSafeEqual } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
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

  const token = app.config.metricsToken;
  if (!token) return;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  app.addHook('onClose', async () => loop.disable());
  const expected = Buffer.from(`Bearer ${token}`);
  route(app, api.metrics, async ({ request }) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('UNAUTHENTICATED', 'The metrics token is missing or wrong');
    const cpu = process.cpuUsage();
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const figures = {
      rssBytes: process.memoryUsage.rss(),
      heapUsedBytes: process.memoryUsage().heapUsed,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      connections: app.realtime.io.engine.clientsCount,
      eventLoopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    };
    // Each read covers the time since the last one.
    loop.reset();
    return figures;
  });
}
