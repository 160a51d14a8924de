import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '@samling/protocol';

/** A stored file: its bytes are streamed from `path`, the part a `Range` asks for when it asks. */
export interface StoredFile {
  path: string;
  size: number;
  mimeType: string;
  /** Shown to the person saving it (`Content-Disposition: inline`). */
  fileName: string;
}

/** The file, or the one `bytes=` range asked for (206); a range outside it is refused (416) with its size. */
export function sendFile(request: FastifyRequest, reply: FastifyReply, file: StoredFile) {
  reply.header('accept-ranges', 'bytes').header('content-disposition', contentDisposition(file.fileName)).type(file.mimeType);
  const range = parseRange(request.headers.range, file.size);
  if (range === 'invalid') {
    const body: ErrorBody = { error: { code: 'RANGE_NOT_SATISFIABLE', message: `The file has ${file.size} bytes`, details: { size: file.size } } };
    return reply.code(416).header('content-range', `bytes */${file.size}`).type('application/json').send(body);
  }
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${file.size}`);
  reply.header('content-length', Math.max(0, end - start + 1));
  if (file.size === 0) return reply.send('');
  return reply.send(fs.createReadStream(file.path, { start, end }));
}

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
