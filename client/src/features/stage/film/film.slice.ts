import type { StageFilm } from '@samling/protocol';
import type { SliceCreator } from '../../../store/types.ts';

/** A stage's film as this browser knows it, with how far the server's clock is ahead of ours (ms). */
export interface StageFilmView {
  film: StageFilm;
  clockOffsetMs: number;
}

export interface FilmSlice {
  /** By stage id: the last film state received (broadcast or fetched). */
  stageFilms: Record<string, StageFilmView>;
  /** A state arrived; an older version than the one we hold is dropped (a fetch answered after a broadcast). */
  filmReceived(film: StageFilm, receivedAtMs?: number): void;
  /** Film lengths in seconds by film id, as a player read them (the server never looks inside a film). */
  filmDurations: Record<string, number>;
  filmDurationKnown(assetId: string, seconds: number): void;
}

export const createFilmSlice: SliceCreator<FilmSlice> = (set) => ({
  stageFilms: {},
  filmReceived(film, receivedAtMs = Date.now()) {
    set((s) => {
      const held = s.stageFilms[film.stageId];
      if (held && film.version < held.film.version) return s;
      const clockOffsetMs = Date.parse(film.serverTime) - receivedAtMs;
      return { stageFilms: { ...s.stageFilms, [film.stageId]: { film, clockOffsetMs: Number.isFinite(clockOffsetMs) ? clockOffsetMs : 0 } } };
    });
  },
  filmDurations: {},
  filmDurationKnown(assetId, seconds) {
    set((s) => (s.filmDurations[assetId] === seconds ? s : { filmDurations: { ...s.filmDurations, [assetId]: seconds } }));
  },
});
