import { useEffect } from 'react';
import { send } from '../../../realtime/commands.ts';
import { useStore } from '../../../store/index.ts';
import type { StageFilmView } from './film.slice.ts';

/**
 * The film on a stage, kept current: fetched when the connection is (again) online, since broadcasts sent while we
 * were away are lost; `stage:filmChanged` keeps it current in between (realtime/bindings.ts).
 */
export function useStageFilm(stageId: string): StageFilmView | null {
  const online = useStore((s) => s.connection.status === 'online');
  useEffect(() => {
    if (!online) return;
    let gone = false;
    send('stage:film:get', { stageId }).then(
      (film) => !gone && useStore.getState().filmReceived(film),
      () => {},
    );
    return () => {
      gone = true;
    };
  }, [stageId, online]);
  return useStore((s) => s.stageFilms[stageId] ?? null);
}

/** `1:05:09` or `4:07`: a film position for people. */
export function formatFilmTime(seconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** `12,5 MB`: a file size for people. */
export function formatBytes(bytes: number, lang: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
