import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FILM_NAME_MAX_LENGTH, type FilmMimeType } from '@samling/protocol';
import { AppError } from '../../errors.ts';

/** Bytes looked at to recognise a film: the MP4 `ftyp` box or the WebM EBML header fit well within. */
const SNIFF_BYTES = 64;

const extensions: Record<FilmMimeType, string> = { 'video/mp4': 'mp4', 'video/webm': 'webm' };

/** ISO base media brands of MP4 video. QuickTime (`qt  `), HEIF/AVIF images and 3GP share the `ftyp` box and are not films we play. */
const mp4Brands = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71', 'avc1', 'dash', 'M4V ', 'M4VH', 'M4VP', 'MSNV', 'mmp4']);

/** Reads an EBML variable-length integer (the size of an element) at `at`: its value and its length in bytes. */
function vint(buf: Buffer, at: number): { value: number; length: number } | null {
  const first = buf[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > buf.length) return null;
  let value = first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + buf[at + i]!;
  return { value, length };
}

/**
 * What a file is by its first bytes, never by its name or the browser's word: MP4 has an `ftyp` box with an MP4
 * brand first; WebM starts with the EBML magic and names its DocType `webm` in that header. Anything else is null.
 */
export function sniffFilm(head: Buffer): FilmMimeType | null {
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp') {
    const boxSize = head.readUInt32BE(0);
    if (boxSize < 16 || boxSize % 4 !== 0) return null;
    const brands = [head.toString('latin1', 8, 12)];
    for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) brands.push(head.toString('latin1', at, at + 4));
    return brands.some((b) => mp4Brands.has(b)) ? 'video/mp4' : null;
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) {
    const headerSize = vint(head, 4);
    if (!headerSize) return null;
    const end = Math.min(head.length, 4 + headerSize.length + headerSize.value);
    // Walk the header's elements (id, size, value) to the DocType (0x4282).
    for (let at = 4 + headerSize.length; at + 2 < end;) {
      const idLength = vint(head, at)?.length;
      if (!idLength) return null;
      const id = head.readUIntBE(at, idLength);
      const size = vint(head, at + idLength);
      if (!size) return null;
      const value = at + idLength + size.length;
      if (id === 0x4282) return head.toString('latin1', value, value + size.value) === 'webm' ? 'video/webm' : null;
      at = value + size.value;
    }
  }
  return null;
}

/**
 * The uploaded name as display text only: no directories (either slash), no control or bidirectional-override
 * characters, no leading dots, at most FILM_NAME_MAX_LENGTH characters; never empty.
 */
export function displayFileName(uploaded: string | undefined): string {
  const base = (uploaded ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    // C0/C1 controls, and the bidi controls that make `gpj.exe` read as `exe.jpg`.
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/^[.\s]+/, '')
    .trim();
  return Array.from(clean).slice(0, FILM_NAME_MAX_LENGTH).join('') || 'film';
}

/** Counts bytes and recognises the film from its first ones; fails the stream as soon as it is too large or not a film. */
class FilmGuard extends Transform {
  size = 0;
  mimeType: FilmMimeType | null = null;
  #head: Buffer[] = [];
  #headLength = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(tooLarge(this.maxBytes));
    if (this.mimeType) return done(null, chunk);
    this.#head.push(chunk);
    this.#headLength += chunk.length;
    if (this.#headLength < SNIFF_BYTES) return done();
    this.#release(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.mimeType) return done();
    this.#release(done);
  }

  #release(done: TransformCallback): void {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    this.mimeType = sniffFilm(head);
    if (!this.mimeType) return done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'A film must be an MP4 or WebM video'));
    done(null, head);
  }
}

const tooLarge = (maxBytes: number) => new AppError('PAYLOAD_TOO_LARGE', `A film may be at most ${maxBytes} bytes`, { maxBytes });

/** A stored name is ours alone: a uuid and the extension of its sniffed type. Nothing else is ever joined to the folder. */
const storedNamePattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(mp4|webm)$/;

/** Films on disk, in `<data>/films/`, each under a random name; the uploaded name never reaches the file system. */
export class FilmStorage {
  readonly dir: string;

  constructor(dataDir: string, private readonly maxBytes: number) {
    this.dir = path.join(path.resolve(dataDir), 'films');
  }

  /**
   * Streams a film to disk (never whole in memory) and keeps it if it is an MP4 or WebM within the limit; otherwise
   * the partial file is removed and UNSUPPORTED_MEDIA_TYPE or PAYLOAD_TOO_LARGE thrown. `truncated` says the
   * source itself stopped at a limit.
   */
  async save(source: Readable, truncated: () => boolean = () => false): Promise<{ storedName: string; mimeType: FilmMimeType; size: number }> {
    await fsp.mkdir(this.dir, { recursive: true });
    const id = randomUUID();
    const partial = path.join(this.dir, `${id}.part`);
    const guard = new FilmGuard(this.maxBytes);
    // Opened before streaming, so the partial file exists by the time anything can fail and is always removed after.
    const handle = await fsp.open(partial, 'wx', 0o640);
    try {
      await pipeline(source, guard, handle.createWriteStream());
      if (truncated()) throw tooLarge(this.maxBytes);
      const mimeType = guard.mimeType!;
      const storedName = `${id}.${extensions[mimeType]}`;
      await fsp.rename(partial, this.path(storedName));
      return { storedName, mimeType, size: guard.size };
    } catch (err) {
      await fsp.rm(partial, { force: true });
      if (err instanceof AppError) throw err;
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(this.maxBytes);
      throw err;
    }
  }

  /** The file behind a stored name; refuses anything that is not one of ours. */
  path(storedName: string): string {
    if (!storedNamePattern.test(storedName)) throw new Error(`not a stored film name: ${JSON.stringify(storedName)}`);
    return path.join(this.dir, storedName);
  }

  /** The stored film's size on disk, or null when its file is gone (a data folder restored without it, say). */
  async size(storedName: string): Promise<number | null> {
    try {
      const stat = await fsp.stat(this.path(storedName));
      return stat.isFile() ? stat.size : null;
    } catch {
      return null;
    }
  }

  async remove(storedName: string): Promise<void> {
    await fsp.rm(this.path(storedName), { force: true });
  }
}
