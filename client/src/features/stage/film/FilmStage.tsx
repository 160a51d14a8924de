import { useCallback, useEffect, useRef, useState } from 'react';
import { api, filmPositionAt, pathTo, type FilmPlayback } from '@samling/protocol';
import { useI18n } from '../../../i18n/index.ts';
import { useStore } from '../../../store/index.ts';
import { useStageFilm } from './useStageFilm.ts';
import './film.css';

/** Seek when the picture is this far from where everyone is; nearer, let it play (a seek stutters). */
export const DRIFT_SECONDS = 0.5;
/** How often a playing film checks its drift. */
const CHECK_MS = 1000;

/**
 * Where a video should be and whether it plays, for `playback` now: seeks when off by more than DRIFT_SECONDS (a
 * paused film lands exactly), plays or pauses. Play refused without a gesture (autoplay with sound): muted and tried
 * again, and `onMutedByBrowser` tells the player to offer the sound.
 */
export function followPlayback(video: HTMLVideoElement, playback: FilmPlayback, clockOffsetMs: number, onMutedByBrowser: () => void): void {
  let target = filmPositionAt(playback, Date.now(), clockOffsetMs);
  if (Number.isFinite(video.duration) && video.duration > 0) target = Math.min(target, video.duration);
  const tolerance = playback.playing ? DRIFT_SECONDS : 0.05;
  if (video.readyState >= 1 && Math.abs(video.currentTime - target) > tolerance) video.currentTime = target;
  if (!playback.playing) {
    if (!video.paused) video.pause();
    return;
  }
  if (!video.paused || video.ended) return;
  const started = video.play();
  // jsdom and old browsers return nothing; real ones a promise refused by the autoplay policy.
  if (!started || typeof started.catch !== 'function') return;
  started.catch((err: unknown) => {
    if ((err as { name?: string }).name !== 'NotAllowedError' || video.muted) return;
    video.muted = true;
    onMutedByBrowser();
    void video.play()?.catch(() => {});
  });
}

/**
 * The film on a session's stage, in step with everyone: it follows the moderator's play, pause and seek, and a late
 * joiner lands where the others are. The audience has no transport controls (the moderator drives); sound is theirs.
 */
export function FilmStage({ slug, stageId }: { slug: string; stageId: string }) {
  const { t } = useI18n();
  const view = useStageFilm(stageId);
  const video = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(false);
  const [blocked, setBlocked] = useState(false);
  const playback = view?.film.playback ?? null;
  const offset = view?.clockOffsetMs ?? 0;

  const onMutedByBrowser = useCallback(() => {
    setMuted(true);
    setBlocked(true);
  }, []);
  const sync = useCallback(() => {
    if (video.current && playback) followPlayback(video.current, playback, offset, onMutedByBrowser);
  }, [playback, offset, onMutedByBrowser]);

  useEffect(() => {
    sync();
    if (!playback?.playing) return;
    const timer = setInterval(sync, CHECK_MS);
    return () => clearInterval(timer);
  }, [sync, playback?.playing]);

  // The controls read the film's length from here: the server never looks inside a film.
  const onMetadata = () => {
    const v = video.current;
    if (v && playback && Number.isFinite(v.duration)) useStore.getState().filmDurationKnown(playback.assetId, v.duration);
    sync();
  };

  if (!playback) return null;
  const toggleSound = () => {
    const v = video.current;
    if (!v) return;
    v.muted = !muted;
    setMuted(!muted);
    setBlocked(false);
    // The click is the gesture the browser waited for.
    if (!v.muted && playback.playing && v.paused) void v.play()?.catch(() => {});
  };

  return (
    <section className="film-stage" aria-labelledby={`film-${stageId}`}>
      <h3 id={`film-${stageId}`}>{t('film.nowShowing', { title: playback.title })}</h3>
      <div className="film-frame">
        <video
          ref={video}
          key={playback.assetId}
          src={pathTo(api.filmFile, { slug, id: playback.assetId })}
          preload="auto"
          playsInline
          muted={muted}
          aria-label={playback.title}
          onLoadedMetadata={onMetadata}
          onCanPlay={sync}
          onPause={() => playback.playing && sync()}
        />
      </div>
      <div className="film-bar">
        <p className="film-state" role="status">
          {playback.playing ? t('film.playing') : t('film.paused')}
        </p>
        <button type="button" className={blocked ? 'button button-small' : 'button button-small button-secondary'} aria-pressed={!muted} onClick={toggleSound}>
          {muted ? t('film.soundOn') : t('film.soundOff')}
        </button>
      </div>
      {blocked && <p className="film-hint">{t('film.soundBlocked')}</p>}
    </section>
  );
}
