import { z } from 'zod';
import { idSchema, instantSchema } from './agenda.ts';

/** The video formats a film may have; anything else is refused on upload (by its bytes, not its name). */
export const FilmMimeTypes = ['video/mp4', 'video/webm'] as const;
export const filmMimeTypeSchema = z.enum(FilmMimeTypes);
export type FilmMimeType = z.infer<typeof filmMimeTypeSchema>;

/** Longest shown file name of a film; longer uploaded names are cut. */
export const FILM_NAME_MAX_LENGTH = 200;

/** A film an organiser uploaded for an event's stages. `fileName` is display text only, never a path. */
export const filmSchema = z.object({
  id: idSchema,
  fileName: z.string(),
  mimeType: filmMimeTypeSchema,
  size: z.number().int().min(0),
  createdAt: instantSchema,
});
export type Film = z.infer<typeof filmSchema>;

/** Longest position a moderator may seek to: a day. */
export const FILM_MAX_POSITION_SECONDS = 24 * 3600;

/**
 * A film on a stage: which one, whether it plays, and where it was at `at` (server time). Everyone computes
 * the position now as `positionSeconds + (now - at)` while `playing`, so late joiners land where the others are.
 */
export const filmPlaybackSchema = z.object({
  assetId: idSchema,
  /** The film's display name, so the audience need not list films. */
  title: z.string(),
  mimeType: filmMimeTypeSchema,
  playing: z.boolean(),
  positionSeconds: z.number().min(0).max(FILM_MAX_POSITION_SECONDS),
  /** Server time (ISO) at which `positionSeconds` was measured. */
  at: instantSchema,
  /** The moderator who made the last change. */
  updatedBy: idSchema.optional(),
  version: z.number().int().min(0),
});
export type FilmPlayback = z.infer<typeof filmPlaybackSchema>;

/**
 * A stage's film as sent to clients: the playback (null: no film), a version that only grows per stage (latest wins;
 * a stop has one too), and the server's clock when sent, so a client can correct for its own clock's offset.
 */
export const stageFilmSchema = z.object({
  stageId: idSchema,
  playback: filmPlaybackSchema.nullable(),
  version: z.number().int().min(0),
  serverTime: instantSchema,
});
export type StageFilm = z.infer<typeof stageFilmSchema>;

/** Where a film is at `nowMs` (client clock), given the offset of the server's clock from the client's (`serverMs - clientMs`). */
export function filmPositionAt(playback: FilmPlayback, nowMs: number, clockOffsetMs = 0): number {
  if (!playback.playing) return playback.positionSeconds;
  const elapsed = (nowMs + clockOffsetMs - Date.parse(playback.at)) / 1000;
  return playback.positionSeconds + Math.max(0, elapsed);
}

const onStage = { stageId: idSchema };

/** The film commands on a stage, spread into `commands` (protocol/src/realtime.ts). */
export const filmCommands = {
  /** The stage's film now (anyone in the event): for late joiners and after a reconnect. */
  'stage:film:get': { summary: 'The film on a stage', payload: z.strictObject(onStage), result: stageFilmSchema },
  /** Put a film on the stage, paused at the start (moderators). */
  'stage:film:load': { summary: 'Load a film on a stage', payload: z.strictObject({ ...onStage, assetId: idSchema }), result: stageFilmSchema },
  /** Play the loaded film from where it is (moderators). */
  'stage:film:play': { summary: 'Play the film', payload: z.strictObject(onStage), result: stageFilmSchema },
  /** Pause the film where it is (moderators). */
  'stage:film:pause': { summary: 'Pause the film', payload: z.strictObject(onStage), result: stageFilmSchema },
  /** Jump to a position, playing or paused as before (moderators). */
  'stage:film:seek': {
    summary: 'Seek in the film',
    payload: z.strictObject({ ...onStage, positionSeconds: z.number().min(0).max(FILM_MAX_POSITION_SECONDS) }),
    result: stageFilmSchema,
  },
  /** Take the film off the stage (moderators). */
  'stage:film:stop': { summary: 'Stop the film', payload: z.strictObject(onStage), result: stageFilmSchema },
} as const;

/** The film broadcasts, spread into `broadcasts` (protocol/src/realtime.ts). */
export const filmBroadcasts = {
  /** A stage's film was loaded, played, paused, moved or stopped: its whole state. To the stage's session rooms and its stage room. */
  'stage:filmChanged': stageFilmSchema,
} as const;
