import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { api } from '@samling/protocol';
import { AppError } from '../../errors.ts';
import { route } from '../../http/endpoint.ts';

/** Films: upload (multipart, streamed to disk), list, remove, and the bytes with Range for players. */
export async function filmRoutes(app: FastifyInstance): Promise<void> {
  const { films } = app.services;
  // Only this plugin's routes take multipart; everywhere else it stays UNSUPPORTED_MEDIA_TYPE. One part, the file:
  // one byte over the limit is enough for the storage to tell an oversize film.
  await app.register(multipart, { limits: { files: 1, fields: 0, parts: 1, fileSize: app.config.maxFilmBytes + 1 } });

  route(app, api.listFilms, async ({ actor, params }) => films.list(actor, params.slug));
  route(app, api.uploadFilm, async ({ actor, params, request }) => films.upload(actor, params.slug, async () => {
    if (!request.isMultipart()) return undefined;
    try {
      const part = await request.file();
      if (!part) return undefined;
      return { fileName: part.filename, stream: part.file, truncated: () => part.file.truncated };
    } catch (err) {
      // The multipart plugin's own refusals (too many parts, a malformed form) in the registry's words.
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 413) throw new AppError('PAYLOAD_TOO_LARGE', 'Send one file, the film, and nothing else');
      if (status !== undefined && status >= 400 && status < 500) throw new AppError('VALIDATION_FAILED', 'The multipart form could not be read');
      throw err;
    }
  }));
  route(app, api.deleteFilm, async ({ actor, params }) => films.delete(actor, params.slug, params.id));

  route(app, api.filmFile, async ({ actor, params, reply }) => {
    reply.header('cache-control', 'private, max-age=3600');
    return films.file(actor, params.slug, params.id);
  });
}
