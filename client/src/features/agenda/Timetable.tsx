import { useMemo } from 'react';
import type { Session } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { SessionCard } from './SessionCard.tsx';
import { ALL_COLUMNS, NO_TRACK, layoutTimetable, type ColumnMode } from './timetable.ts';
import type { AgendaView } from './useAgenda.ts';

/**
 * The desktop timetable: a CSS grid with a column per stage (or track) and a row per five minutes.
 * Cards come in clock order in the DOM, so tabbing walks the day from morning to evening.
 */
export function Timetable({
  agenda,
  sessions,
  mode,
  marks,
}: {
  agenda: AgendaView;
  sessions: Session[];
  mode: ColumnMode;
  marks: { now: Set<string>; next: Set<string> };
}) {
  const { t } = useI18n();
  const layout = useMemo(
    () => layoutTimetable({ sessions, stages: agenda.stages, tracks: agenda.tracks, mode, timeZone: agenda.event.timeZone }),
    [sessions, agenda.stages, agenda.tracks, mode, agenda.event.timeZone],
  );
  const columnName = (key: string, name: string) =>
    key === NO_TRACK ? t('agenda.noTrack') : key === ALL_COLUMNS ? t('agenda.allStages') : name;

  return (
    <div className="timetable-scroll">
      <div
        className="timetable"
        data-testid="timetable"
        style={{
          gridTemplateColumns: `4.5rem repeat(${layout.gridColumns}, minmax(11rem, 1fr))`,
          gridTemplateRows: `auto repeat(${layout.rows}, minmax(0.55rem, auto))`,
        }}
      >
        <div className="timetable-corner" style={{ gridRow: 1, gridColumn: 1 }} aria-hidden="true">
          {t('agenda.time')}
        </div>
        {layout.columns.map((c) => (
          <div
            key={c.key}
            className="timetable-column-header"
            data-column={c.key}
            style={{ gridRow: 1, gridColumn: `${c.gridStart} / span ${c.lanes}` }}
          >
            {columnName(c.key, c.name)}
          </div>
        ))}
        {layout.labels.map((l) => (
          <div
            key={l.dateTime}
            className="timetable-time"
            style={{ gridRow: `${l.rowStart} / ${l.rowEnd}`, gridColumn: 1 }}
            aria-hidden="true"
          >
            {l.text}
          </div>
        ))}
        {layout.columns.map((c, i) =>
          i === 0 ? null : (
            <div
              key={`line-${c.key}`}
              className="timetable-column-line"
              aria-hidden="true"
              style={{ gridRow: `2 / ${layout.rows + 2}`, gridColumn: c.gridStart }}
            />
          ),
        )}
        {layout.cards.map((card) => (
          <div
            key={card.session.id}
            className="timetable-slot"
            data-session-id={card.session.id}
            data-column={card.columnKey ?? 'all'}
            style={{ gridRow: `${card.rowStart} / ${card.rowEnd}`, gridColumn: `${card.colStart} / ${card.colEnd}` }}
          >
            <SessionCard
              agenda={agenda}
              session={card.session}
              marks={{ now: marks.now.has(card.session.id), next: marks.next.has(card.session.id) }}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
