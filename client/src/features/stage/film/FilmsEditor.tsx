import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { FilmMimeTypes, type Film } from '@samling/protocol';
import { call, isApiError, type ApiError } from '../../../api.ts';
import { useI18n } from '../../../i18n/index.ts';
import { ConfirmInline } from '../../../ui/ConfirmInline.tsx';
import { FormAlert } from '../../../ui/FormAlert.tsx';
import { formatBytes } from './useStageFilm.ts';
import { uploadFilm } from './upload.ts';
import './film.css';

/** The organiser's films ("Filmer" in the editor): upload with a progress bar, the list with sizes, delete. */
export function FilmsEditor({ slug }: { slug: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [films, setFilms] = useState<Film[] | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const deleteButtons = useRef<Record<string, HTMLButtonElement | null>>({});
  const listHeading = useRef<HTMLHeadingElement>(null);
  const abort = useRef<AbortController | null>(null);

  const load = () =>
    call('listFilms', { params: { slug } }).then(setFilms, (e: unknown) => {
      if (!isApiError(e)) throw e;
      setError(e);
    });
  useEffect(() => {
    void load();
    return () => abort.current?.abort();
  }, [slug]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (progress) return;
    if (!file) return setError(t('form.required', { field: t('film.file') }));
    setError(null);
    setStatus(null);
    setProgress({ sent: 0, total: file.size });
    abort.current = new AbortController();
    try {
      const film = await uploadFilm(slug, file, (sent, total) => setProgress({ sent, total }), abort.current.signal);
      setFilms((list) => [film, ...(list ?? [])]);
      setStatus(t('film.uploaded', { name: film.fileName }));
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    } catch (err) {
      if (isApiError(err)) setError(err);
      else if (!(err instanceof DOMException && err.name === 'AbortError')) throw err;
    } finally {
      setProgress(null);
      abort.current = null;
    }
  }

  async function remove(film: Film) {
    setError(null);
    try {
      await call('deleteFilm', { params: { slug, id: film.id } });
      setFilms((list) => (list ?? []).filter((f) => f.id !== film.id));
      setStatus(t('film.deleted', { name: film.fileName }));
      requestAnimationFrame(() => listHeading.current?.focus());
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((100 * progress.sent) / progress.total) : 0;
  return (
    <div className="films-editor">
      <p>{t('film.intro')}</p>
      <form className="form film-upload" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormAlert
          error={error}
          describe={(e) => {
            if (e.code === 'UNSUPPORTED_MEDIA_TYPE') return t('film.wrongType');
            if (e.code === 'PAYLOAD_TOO_LARGE') {
              const max = e.details?.maxBytes ?? null;
              return max ? t('film.tooLargeMax', { max: formatBytes(max, lang) }) : t('film.tooLarge');
            }
            return null;
          }}
        />
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('film.file')}</label>
          <input
            ref={fileInput}
            id={`${id}-file`}
            type="file"
            accept={FilmMimeTypes.join(',')}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <p id={`${id}-hint`} className="hint">
            {t('film.fileHint')}
          </p>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={progress ? true : undefined}>
            {t('film.upload')}
          </button>
          {progress && (
            <button type="button" className="button button-secondary" onClick={() => abort.current?.abort()}>
              {t('film.cancelUpload')}
            </button>
          )}
        </div>
        {progress && (
          <div className="field">
            <label htmlFor={`${id}-progress`}>{t('film.uploading')}</label>
            <progress id={`${id}-progress`} max={100} value={percent} aria-valuetext={`${percent} %`} />
            <span aria-hidden="true"> {percent} %</span>
          </div>
        )}
        <div className="form-status" role="status">
          {status && <p>{status}</p>}
        </div>
      </form>

      <h3 ref={listHeading} tabIndex={-1}>
        {t('film.listTitle')}
      </h3>
      {films === null && !error && <p>{t('app.loading')}</p>}
      {films && films.length === 0 && <p>{t('film.noneUploaded')}</p>}
      {films && films.length > 0 && (
        <ul className="film-list">
          {films.map((film) => (
            <li key={film.id}>
              <span>
                <span className="film-name">{film.fileName}</span> <span className="hint">({formatBytes(film.size, lang)})</span>
              </span>
              {confirming === film.id ? (
                <ConfirmInline
                  question={t('film.deleteConfirm', { name: film.fileName })}
                  confirmLabel={t('film.delete')}
                  cancelLabel={t('film.keep')}
                  onConfirm={() => {
                    setConfirming(null);
                    void remove(film);
                  }}
                  onCancel={() => setConfirming(null)}
                  returnFocus={{ current: deleteButtons.current[film.id] ?? null }}
                />
              ) : (
                <button
                  ref={(el) => {
                    deleteButtons.current[film.id] = el;
                  }}
                  type="button"
                  className="button button-small button-danger"
                  aria-label={t('film.deleteNamed', { name: film.fileName })}
                  onClick={() => setConfirming(film.id)}
                >
                  {t('film.delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
