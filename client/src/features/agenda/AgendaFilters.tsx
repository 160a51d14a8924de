import { useId } from 'react';
import type { Track } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import type { ColumnMode } from './timetable.ts';

/** Search, track chips (toggle buttons) and, on wide screens, what the columns are. */
export function AgendaFilters({
  tracks,
  query,
  onQuery,
  trackIds,
  onTrackIds,
  mode,
  onMode,
}: {
  tracks: Track[];
  query: string;
  onQuery: (q: string) => void;
  trackIds: ReadonlySet<string>;
  onTrackIds: (ids: Set<string>) => void;
  /** Omitted on narrow screens, where there are no columns. */
  mode?: ColumnMode;
  onMode?: (mode: ColumnMode) => void;
}) {
  const { t } = useI18n();
  const id = useId();

  function toggle(trackId: string) {
    const next = new Set(trackIds);
    if (next.has(trackId)) next.delete(trackId);
    else next.add(trackId);
    onTrackIds(next);
  }

  return (
    <div className="agenda-filters">
      <div className="field agenda-search">
        <label htmlFor={`${id}-search`}>{t('agenda.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          aria-describedby={`${id}-search-hint`}
          autoComplete="off"
        />
        <p className="hint" id={`${id}-search-hint`}>
          {t('agenda.searchHint')}
        </p>
      </div>
      {tracks.length > 0 && (
        <div className="chip-group" role="group" aria-labelledby={`${id}-tracks`}>
          <span className="chip-group-label" id={`${id}-tracks`}>
            {t('agenda.filterTracks')}
          </span>
          <div className="chips">
            {tracks.map((track) => (
              <button
                key={track.id}
                type="button"
                className="chip"
                aria-pressed={trackIds.has(track.id)}
                onClick={() => toggle(track.id)}
              >
                <span className="chip-swatch" style={{ background: track.colour }} aria-hidden="true" />
                {track.name}
              </button>
            ))}
            {trackIds.size > 0 && (
              <button type="button" className="chip chip-clear" onClick={() => onTrackIds(new Set())}>
                {t('agenda.clearFilter')}
              </button>
            )}
          </div>
        </div>
      )}
      {mode && onMode && (
        <div className="chip-group" role="group" aria-labelledby={`${id}-columns`}>
          <span className="chip-group-label" id={`${id}-columns`}>
            {t('agenda.columns')}
          </span>
          <div className="segmented">
            {(['stages', 'tracks'] as const).map((m) => (
              <button key={m} type="button" aria-pressed={mode === m} onClick={() => onMode(m)}>
                {t(m === 'stages' ? 'agenda.columnsStages' : 'agenda.columnsTracks')}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
