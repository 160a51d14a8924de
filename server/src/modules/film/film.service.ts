import type { Readable } from 'node:stream';
import {
  filmPlaybackSchema, filmPositionAt, FILM_MAX_POSITION_SECONDS, type Film, type FilmMimeType, type FilmPlayback, type StageFilm,
} from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import { displayFileName, type FilmStorage } from './film.storage.ts';

/** One uploaded file as the transport hands it over: the name the browser gave and the bytes, as a stream. */
export interface IncomingFilm {
  fileName: string | undefined;
  stream: Readable;
  /** The transport stopped reading at its own size limit. */
  truncated(): boolean;
}

/** What the HTTP adapter needs to serve a film's bytes. */
export interface FilmFile {
  path: string;
  size: number;
  mimeType: FilmMimeType;
  fileName: string;
}

type PlaybackChange = (current: FilmPlayback | null, now: Date) => Omit<FilmPlayback, 'version' | 'updatedBy'> | null;

const toFilm = (a: { id: string; fileName: string; mimeType: string; size: number; createdAt: Date }): Film => ({
  id: a.id, fileName: a.fileName, mimeType: a.mimeType as FilmMimeType, size: a.size, createdAt: a.createdAt.toISOString(),
});

/** How many times a playback change is retried when another moderator (or node) changed the stage meanwhile. */
const CHANGE_ATTEMPTS = 5;

/**
 * Films on the stage: organisers upload and remove them, moderators play them on a stage in sync for everyone,
 * members of the event stream them. A stage's playback lives in `Stage.playback`, so every node and a restart see
 * the same film at the same position; each change is a compare-and-set on its version and goes out as `film.changed`.
 */
export class FilmService {
  constructor(
    private readonly prisma: Prisma,
    private readonly bus: DomainEventBus,
    private readonly audit: AuditService,
    private readonly storage: FilmStorage,
  ) {}

  /** The event's films, newest first (moderators). */
  async list(actor: Actor, slug: string): Promise<Film[]> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'moderator');
    const rows = await this.prisma.mediaAsset.findMany({ where: { eventId: event.id, kind: 'film' }, orderBy: { createdAt: 'desc' } });
    return rows.map(toFilm);
  }

  /** Stores an uploaded film (organiser). `open` is called only once the actor may upload, so nothing is read before. */
  async upload(actor: Actor, slug: string, open: () => Promise<IncomingFilm | undefined>): Promise<Film> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const incoming = await open();
    if (!incoming) throw new AppError('VALIDATION_FAILED', 'Send the film as the `file` part of a multipart form', { issues: [{ path: '/file', message: 'required' }] });
    const stored = await this.storage.save(incoming.stream, incoming.truncated);
    try {
      const asset = await this.prisma.mediaAsset.create({
        data: { eventId: event.id, kind: 'film', fileName: displayFileName(incoming.fileName), storedName: stored.storedName, mimeType: stored.mimeType, size: stored.size, uploadedById: actor.userId },
      });
      await this.audit.record(event.id, actor, 'film.uploaded', asset.fileName, { size: asset.size, mimeType: asset.mimeType });
      return toFilm(asset);
    } catch (err) {
      await this.storage.remove(stored.storedName);
      throw err;
    }
  }

  /** Removes a film (organiser); stages showing it stop first. */
  async delete(actor: Actor, slug: string, id: string): Promise<void> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const asset = await this.prisma.mediaAsset.findFirst({ where: { id, eventId: event.id } });
    if (!asset) throw notFound('Film');
    const stages = await this.prisma.stage.findMany({ where: { eventId: event.id }, select: { id: true, playback: true } });
    for (const stage of stages) {
      if ((stage.playback as { assetId?: string } | null)?.assetId !== id) continue;
      await this.#change(actor, event.id, stage.id, (current) => (current?.assetId === id ? null : current));
    }
    await this.prisma.mediaAsset.delete({ where: { id } });
    await this.storage.remove(asset.storedName);
    await this.audit.record(event.id, actor, 'film.deleted', asset.fileName);
  }

  /** Where a film's bytes are, for members of its event (guests included: they watch the stage too). */
  async file(actor: Actor, slug: string, id: string): Promise<FilmFile> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'guest');
    const asset = await this.prisma.mediaAsset.findFirst({ where: { id, eventId: event.id } });
    if (!asset) throw notFound('Film');
    const size = await this.storage.size(asset.storedName);
    if (size === null) throw notFound('Film file');
    return { path: this.storage.path(asset.storedName), size, mimeType: asset.mimeType as FilmMimeType, fileName: asset.fileName };
  }

  /** The stage's film now (anyone in the event). */
  async state(actor: Actor, eventId: string, stageId: string): Promise<StageFilm> {
    await requireRole(this.prisma, actor, eventId, 'guest');
    const { playback } = await this.#stage(eventId, stageId);
    return this.#message(stageId, playback, playback?.version ?? 0);
  }

  /** Puts a film on the stage, paused at its start (moderators). */
  async load(actor: Actor, eventId: string, stageId: string, assetId: string): Promise<StageFilm> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const asset = await this.prisma.mediaAsset.findFirst({ where: { id: assetId, eventId } });
    if (!asset) throw notFound('Film');
    const film = await this.#change(actor, eventId, stageId, (_current, now) => ({
      assetId: asset.id, title: asset.fileName, mimeType: asset.mimeType as FilmMimeType, playing: false, positionSeconds: 0, at: now.toISOString(),
    }));
    await this.audit.record(eventId, actor, 'film.loaded', asset.fileName);
    return film;
  }

  /** Plays the loaded film from where it is (moderators); playing already is no change. */
  async play(actor: Actor, eventId: string, stageId: string): Promise<StageFilm> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    let started = false;
    const film = await this.#change(actor, eventId, stageId, (current, now) => {
      const loaded = requireLoaded(current);
      if (loaded.playing) return current;
      started = true;
      return { ...loaded, playing: true, at: now.toISOString() };
    });
    if (started) await this.audit.record(eventId, actor, 'film.played', film.playback?.title ?? '', { positionSeconds: film.playback?.positionSeconds });
    return film;
  }

  /** Pauses the film where it is now (moderators). */
  async pause(actor: Actor, eventId: string, stageId: string): Promise<StageFilm> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    return this.#change(actor, eventId, stageId, (current, now) => {
      const loaded = requireLoaded(current);
      if (!loaded.playing) return current;
      return { ...loaded, playing: false, positionSeconds: clamp(filmPositionAt(loaded, now.getTime())), at: now.toISOString() };
    });
  }

  /** Moves the film to a position, playing or paused as it was (moderators). */
  async seek(actor: Actor, eventId: string, stageId: string, positionSeconds: number): Promise<StageFilm> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    return this.#change(actor, eventId, stageId, (current, now) => ({ ...requireLoaded(current), positionSeconds, at: now.toISOString() }));
  }

  /** Takes the film off the stage (moderators). */
  async stop(actor: Actor, eventId: string, stageId: string): Promise<StageFilm> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    return this.#change(actor, eventId, stageId, () => null);
  }

  async #stage(eventId: string, stageId: string): Promise<{ playback: FilmPlayback | null }> {
    const stage = await this.prisma.stage.findFirst({ where: { id: stageId, eventId }, select: { playback: true } });
    if (!stage) throw notFound('Stage');
    // Stored by this service, but parsed all the same: a hand-edited row must not reach every browser.
    const parsed = stage.playback === null ? null : filmPlaybackSchema.safeParse(stage.playback);
    return { playback: parsed?.success ? parsed.data : null };
  }

  /**
   * Applies a change to a stage's playback as a compare-and-set on the stored version, retried when someone else
   * won the race; then announces it. Versions only grow, also across a stop (null keeps no version): a new one is
   * at least the clock in milliseconds, so a load after a stop still outranks everything before it.
   */
  async #change(actor: Actor, eventId: string, stageId: string, change: PlaybackChange): Promise<StageFilm> {
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const { playback: current } = await this.#stage(eventId, stageId);
      const now = new Date();
      const next = change(current, now);
      if (next === current) return this.#message(stageId, current, current?.version ?? 0);
      const version = Math.max((current?.version ?? 0) + 1, now.getTime());
      const stored: FilmPlayback | null = next && { ...next, version, ...(actor.userId ? { updatedBy: actor.userId } : {}) };
      const json = stored === null ? null : JSON.stringify(stored);
      const expected = current?.version ?? null;
      const updated = await this.prisma.$executeRaw`
        UPDATE "Stage" SET "playback" = ${json}::jsonb
        WHERE "id" = ${stageId}::uuid AND "eventId" = ${eventId}::uuid
          AND ("playback"->>'version')::bigint IS NOT DISTINCT FROM ${expected}::bigint`;
      if (updated === 0) continue;
      const film = this.#message(stageId, stored, version);
      const sessions = await this.prisma.session.findMany({ where: { eventId, stageId }, select: { id: true } });
      this.bus.emit('film.changed', { eventId, sessionIds: sessions.map((s) => s.id), film });
      return film;
    }
    throw new AppError('UNAVAILABLE', 'The stage’s film is changing too fast; try again');
  }

  #message(stageId: string, playback: FilmPlayback | null, version: number): StageFilm {
    return { stageId, playback, version, serverTime: new Date().toISOString() };
  }
}

function requireLoaded(current: FilmPlayback | null): FilmPlayback {
  if (!current) throw new AppError('NOT_FOUND', 'No film is loaded on this stage');
  return current;
}

const clamp = (seconds: number) => Math.min(FILM_MAX_POSITION_SECONDS, Math.max(0, seconds));
