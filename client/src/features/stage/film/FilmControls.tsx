import { useEffect, useId, useRef, useState } from 'react';
import { filmPositionAt, type CommandName, type CommandPayload, type Film } from '@samling/protocol';
import { call, isApiError } from '../../../api.ts';
import { useI18n } from '../../../i18n/index.ts';
import { send } from '../../../realtime/commands.ts';
import { useStore } from '../../../store/index.ts';
import { errorKey, useErrorText } from '../../../ui/Async.tsx';
import { formatFilmTime, useStageFilm } from './useStageFilm.ts';
import './film.css';

/** A slider change is sent once it rests this long: dragging or holding an arrow key makes one seek, not fifty. */
const SEEK_SETTLE_MS = 300;

type FilmCommand = 'stage:film:load' | 'stage:film:play' | 'stage:film:pause' | 'stage:film:seek' | 'stage:film:stop';

/** The moderator's film controls for a stage: choose a film, play, pause, seek, stop. Everyone follows at once. */
export function FilmControls({ slug, stageId }: { slug: string; stageId: string }) {
  const { t } = useI18n();
  const id = useId();
  const errorText = useErrorText();
  const view = useStageFilm(stageId);
  const playback = view?.film.playback ?? null;
  const duration = useStore((s) => (playback ? s.filmDurations[playback.assetId] : undefined));
  const [films, setFilms] = useState<Film[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState<number | null>(null);
  const [, tick] = useState(0);
  const settle = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    let gone = false;
    call('listFilms', { params: { slug } }).then(
      (list) => {
        if (gone) return;
        setFilms(list);
        setChosen((c) => c || list[0]?.id || '');
      },
      (e: unknown) => !gone && setError(isApiError(e) ? errorText(e) : t('film.failed')),
    );
    return () => {
      gone = true;
    };
    // errorText and t change with the language only; the list need not be fetched again for that.
  }, [slug]);

  // The time text moves while the film plays.
  useEffect(() => {
    if (!playback?.playing) return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [playback?.playing]);
  useEffect(() => () => {
    if (settle.current) clearTimeout(settle.current);
  }, []);

  async function run<N extends FilmCommand>(name: N, payload: CommandPayload<N & CommandName>) {
    setBusy(true);
    setError(null);
    try {
      useStore.getState().filmReceived(await send(name, payload));
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(t(errorKey(e.code)));
    } finally {
      setBusy(false);
    }
  }

  const position = playback ? filmPositionAt(playback, Date.now(), view?.clockOffsetMs ?? 0) : 0;
  const shown = dragging ?? (duration ? Math.min(position, duration) : position);
  const max = Math.max(duration ?? 0, Math.ceil(shown));

  const onSlide = (value: number) => {
    setDragging(value);
    if (settle.current) clearTimeout(settle.current);
    settle.current = setTimeout(() => {
      void run('stage:film:seek', { stageId, positionSeconds: value }).finally(() => setDragging(null));
    }, SEEK_SETTLE_MS);
  };

  return (
    <section className="film-controls" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('film.controlsTitle')}</h3>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {films && films.length === 0 && <p>{t('film.noneUploaded')}</p>}
      {films && films.length > 0 && (
        <div className="film-row">
          <label htmlFor={`${id}-film`}>{t('film.choose')}</label>
          <select id={`${id}-film`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {films.map((f) => (
              <option key={f.id} value={f.id}>
                {f.fileName}
              </option>
            ))}
          </select>
          <button type="button" className="button button-small" disabled={!chosen || busy} onClick={() => void run('stage:film:load', { stageId, assetId: chosen })}>
            {t('film.load')}
          </button>
        </div>
      )}
      {playback && (
        <fieldset>
          <legend>{t('film.onStage', { title: playback.title })}</legend>
          <div className="film-row">
            {playback.playing ? (
              <button type="button" className="button button-small" disabled={busy} onClick={() => void run('stage:film:pause', { stageId })}>
                {t('film.pause')}
              </button>
            ) : (
              <button type="button" className="button button-small" disabled={busy} onClick={() => void run('stage:film:play', { stageId })}>
                {t('film.play')}
              </button>
            )}
            <button type="button" className="button button-small button-secondary" disabled={busy} onClick={() => void run('stage:film:stop', { stageId })}>
              {t('film.stop')}
            </button>
          </div>
          <div className="film-row">
            <label htmlFor={`${id}-seek`}>{t('film.position')}</label>
            <input
              id={`${id}-seek`}
              type="range"
              min={0}
              max={max || 1}
              step={1}
              value={Math.floor(shown)}
              disabled={!duration}
              aria-valuetext={t('film.timeOf', { at: formatFilmTime(shown), length: duration ? formatFilmTime(duration) : '–' })}
              onChange={(e) => onSlide(Number(e.target.value))}
            />
            <span className="film-time" aria-hidden="true">
              {formatFilmTime(shown)} / {duration ? formatFilmTime(duration) : '–'}
            </span>
          </div>
        </fieldset>
      )}
    </section>
  );
}
