import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { errorInfo, type ErrorBody, type ErrorCode, type ErrorDetails, type ValidationIssue } from '@samling/protocol';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { AppError } from './errors.ts';
import { findNul } from './inbound.ts';
import { createServices } from './services.ts';
import { SESSION_COOKIE, authRoutes } from './modules/auth/auth.routes.ts';
import { eventsRoutes } from './modules/events/events.routes.ts';
import { agendaRoutes } from './modules/agenda/agenda.routes.ts';
import { personalRoutes } from './modules/personal/personal.routes.ts';
import { scheduleRoutes } from './modules/schedule/schedule.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { guestsRoutes } from './modules/guests/guests.routes.ts';
import { pollsRoutes } from './modules/polls/polls.routes.ts';
import { registrationRoutes } from './modules/registration/registration.routes.ts';
import { filmRoutes } from './modules/film/film.routes.ts';
import { privacyRoutes } from './modules/privacy/privacy.routes.ts';
import { oidcRoutes } from './modules/auth/oidc.routes.ts';
import { chatSocket } from './modules/chat/chat.socket.ts';
import { moderationSocket } from './modules/moderation/moderation.socket.ts';
import { agendaSocket } from './modules/agenda/agenda.socket.ts';
import { pollsSocket } from './modules/polls/polls.socket.ts';
import { qaSocket } from './modules/qa/qa.socket.ts';
import { stageSocket } from './modules/stage/stage.socket.ts';
import { filmSocket } from './modules/film/film.socket.ts';
import { createSocketServer } from './realtime/server.ts';
import { attachRealtime } from './realtime/realtime.ts';

/** Scripts only from our own origin; inline style attributes are allowed (track colours), nothing else inline. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self' ws: wss:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Bodies above this are refused with PAYLOAD_TOO_LARGE; a schedule import is the largest legitimate one. */
export const BODY_LIMIT = 5 * 1024 * 1024;

const body = <C extends ErrorCode>(code: C, message: string, details?: ErrorDetails<C>): ErrorBody => ({ error: errorInfo(code, message, details) });

/** Builds the app on an open database: external plugins, then app plugins, then routes. */
export async function buildApp(config: Config, db: Database): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    logger: {
      level: config.logLevel,
      ...(config.prettyLogs ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // External plugins.
  await app.register(cookie);
  // JSON only: anything else is refused with UNSUPPORTED_MEDIA_TYPE instead of reaching a schema as a string.
  app.removeContentTypeParser('text/plain');
  await app.register(swagger, {
    openapi: {
      info: { title: 'Samling API', description: 'The HTTP API of Samling, a virtual conference platform.', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // App plugins: config, database, the Socket.IO server (services tell other nodes through it), services, the actor
  // on every request.
  const sockets = await createSocketServer(app.server, config);
  const services = createServices(db, config, app.log, sockets.sync);
  // Workers start with the first stage:join; a missing binary is said now, not then.
  if (!services.stage.pool.binaryPresent()) {
    app.log.warn({ workerBin: config.media.workerBin }, 'mediasoup worker not built yet (`node scripts/samling.mjs setup` builds it): live video is unavailable');
  }
  app.addHook('onClose', async () => services.stage.close());
  app.decorate('config', config);
  app.decorate('db', db);
  app.decorate('services', services);
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = await services.auth.authenticate(request.cookies[SESSION_COOKIE]);
  });
  app.addHook('preValidation', async (request) => {
    const at = findNul(request.body);
    if (at) throw new AppError('VALIDATION_FAILED', 'Text must not contain NUL characters', { issues: [{ path: at, message: 'contains a NUL character' }] });
  });

  // Cookie-authenticated changes must come from our own pages: SameSite=Lax stops other sites, this stops
  // other origins of the same site (a sibling subdomain) too.
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const origin = request.headers.origin;
    if (origin !== undefined && !config.allowedOrigins.includes(origin)) {
      throw new AppError('FORBIDDEN', 'Requests that change something must come from Samling’s own pages');
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // The API documentation page brings its own inline scripts; everything else runs under a strict policy.
    if (!request.url.startsWith('/api/docs')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (config.cookieSecure) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send(body(err.code, err.message, err.details));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: ValidationIssue[] = err.validation.map((v) => ({ path: v.instancePath, message: v.message ?? 'invalid', code: v.keyword }));
      return reply.code(400).send(body('VALIDATION_FAILED', `Invalid ${err.validationContext ?? 'request'}: ${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')}`, { issues }));
    }
    if (err instanceof ZodError) {
      const issues: ValidationIssue[] = err.issues.map((i) => ({ path: '/' + i.path.join('/'), message: i.message, code: i.code }));
      return reply.code(400).send(body('VALIDATION_FAILED', 'Invalid request', { issues }));
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send(body('MALFORMED_JSON', 'The body is not valid JSON'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send(body('PAYLOAD_TOO_LARGE', `The body is larger than ${BODY_LIMIT} bytes`));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send(body('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with content-type: application/json'));
    }
    if (err.statusCode === 400 && err instanceof SyntaxError) return reply.code(400).send(body('MALFORMED_JSON', 'The body is not valid JSON'));
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', 'Something went wrong on our side'));
  });

  // Routes.
  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(eventsRoutes);
  await app.register(agendaRoutes);
  await app.register(personalRoutes);
  await app.register(scheduleRoutes);
  await app.register(guestsRoutes);
  await app.register(pollsRoutes);
  await app.register(registrationRoutes);
  await app.register(filmRoutes);
  await app.register(privacyRoutes);
  await app.register(oidcRoutes);

  // Realtime rooms on the same HTTP server, and each feature's socket adapter.
  app.decorate('realtime', attachRealtime(app, sockets, [chatSocket, moderationSocket, agendaSocket, pollsSocket, qaSocket, stageSocket, filmSocket]));

  // The built client, with the single-page fallback for its routes.
  const hasClient = fs.existsSync(path.join(config.clientDist, 'index.html'));
  if (hasClient) await app.register(fastifyStatic, { root: config.clientDist, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/') || request.method !== 'GET' || !hasClient) {
      return reply.code(404).send(body('NOT_FOUND', `No route ${request.method} ${url}`));
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
