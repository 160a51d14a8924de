import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { api, errorBodySchema, idSchema, slugSchema, type ErrorBody } from '@samling/protocol';
import { AppError } from '../../errors.ts';
import { route } from '../../http/endpoint.ts';

const fileParams = z.object({ slug: slugSchema, id: idSchema });
const bytes = z.string().meta({ format: 'binary' });

/** One `bytes=` range of a file of `size` bytes: start and end (inclusive), or null when none is asked, 'invalid' when it cannot be served. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (header === undefined) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges (multipart/byteranges) are not worth it for a video player: the whole file is a valid answer.
  if (!m) return header.includes(',') ? null : 'invalid';
  const [, from, to] = m as unknown as [string, string, string];
  if (from === '' && to === '') return 'invalid';
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return 'invalid';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'invalid';
  return { start, end };
}

/** A name for `Content-Disposition`: ASCII fallback in quotes (no quotes, backslashes or controls), the real one RFC 5987-encoded. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

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

  app.get('/api/events/:slug/films/:id/file', {
    schema: {
      summary: 'A film’s bytes, with Range support (members of the event)', tags: ['films'], params: fileParams,
      response: { 200: bytes, 206: bytes, '4xx': errorBodySchema, '5xx': errorBodySchema },
    },
  }, async (request, reply) => {
    const p = request.params as z.infer<typeof fileParams>;
    const file = await films.file(request.actor, p.slug, p.id);
    reply
      .header('accept-ranges', 'bytes')
      .header('content-disposition', contentDisposition(file.fileName))
      .header('cache-control', 'private, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .type(file.mimeType);
    const range = parseRange(request.headers.range, file.size);
    if (range === 'invalid') {
      const body: ErrorBody = { error: { code: 'RANGE_NOT_SATISFIABLE', message: `The film has ${file.size} bytes`, details: { size: file.size } } };
      return reply.code(416).header('content-range', `bytes */${file.size}`).type('application/json').send(body);
    }
    const { start, end } = range ?? { start: 0, end: file.size - 1 };
    if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${file.size}`);
    reply.header('content-length', Math.max(0, end - start + 1));
    if (file.size === 0) return reply.send('');
    return reply.send(fs.createReadStream(file.path, { start, end }));
  });
}
