import { useMemo, useState } from 'react';
import { api, datesBetween, pathTo, toZoned, type Session } from '@samling/protocol';
import { navigate, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { formatDay, useI18n } from '../../i18n/index.ts';
import { Async } from '../../ui/Async.tsx';
import { useDocumentTitle, useIsNarrow, useNow } from '../../ui/hooks.ts';
import { MembershipNotice } from '../personal/MembershipNotice.tsx';
import { useMyEvent } from '../personal/useMyEvent.ts';
import { AgendaFilters } from './AgendaFilters.tsx';
import { DayTabs } from './DayTabs.tsx';
import { NowNext } from './NowNext.tsx';
import { SessionList } from './SessionList.tsx';
import { Timetable } from './Timetable.tsx';
import { filterSessions } from './filter.ts';
import { sessionDay } from './time.ts';
import { compareSessionsByStart, nowAndNext, type ColumnMode } from './timetable.ts';
import { useAgenda, type AgendaView } from './useAgenda.ts';

/** `/e/:slug`: the programme, a day at a time. `now` is injectable for tests. */
export function AgendaPage({ slug, now }: { slug: string; now?: Date }) {
  const { t } = useI18n();
  const { agenda, state, reload } = useAgenda(slug);
  useMyEvent(slug);
  useDocumentTitle(t('nav.program'), agenda?.event.name);

  return (
    <div className="page agenda-page">
      <h1>{agenda?.event.name ?? t('nav.program')}</h1>
      <Async state={state} hasData={agenda !== null} onRetry={reload}>
        {() => <AgendaContent agenda={agenda!} now={now} />}
      </Async>
    </div>
  );
}

function AgendaContent({ agenda, now: injectedNow }: { agenda: AgendaView; now: Date | undefined }) {
  const { t, lang } = useI18n();
  const tickingNow = useNow();
  const now = injectedNow ?? tickingNow;
  const narrow = useIsNarrow();
  const location = useLocation();
  const { event } = agenda;

  const days = useMemo(() => datesBetween(event.startDate, event.endDate), [event.startDate, event.endDate]);
  const today = toZoned(now, event.timeZone).date;
  const requested = location.search.get('day');
  const day = requested && days.includes(requested) ? requested : days.includes(today) ? today : (days[0] ?? today);

  const [query, setQuery] = useState('');
  const [trackIds, setTrackIds] = useState<Set<string>>(() => new Set());
  const [mode, setMode] = useState<ColumnMode>('stages');
  const columnMode: ColumnMode = narrow ? 'stages' : mode;

  const daySessions = useMemo(
    () => agenda.sessions.filter((s) => sessionDay(s.startsAt, event.timeZone) === day).sort(compareSessionsByStart),
    [agenda.sessions, event.timeZone, day],
  );
  const shown = useMemo(
    () => filterSessions(daySessions, { trackIds, query }, agenda.speakersById, agenda.tracksById),
    [daySessions, trackIds, query, agenda.speakersById, agenda.tracksById],
  );
  const marks = nowAndNext(daySessions, columnMode, now, event.timeZone, day);
  const todaySessions = day === today ? daySessions : [];
  const byIds = (ids: Set<string>): Session[] => todaySessions.filter((s) => ids.has(s.id));

  return (
    <>
      {event.description && <p className="lead">{event.description}</p>}
      <MembershipNotice slug={event.slug} />
      {days.includes(today) && <NowNext agenda={agenda} now={byIds(marks.now)} next={byIds(marks.next)} />}
      <AgendaFilters
        tracks={agenda.tracks}
        query={query}
        onQuery={setQuery}
        trackIds={trackIds}
        onTrackIds={setTrackIds}
        {...(narrow ? {} : { mode, onMode: setMode })}
      />
      <p className="hint">{t('agenda.timeZoneNote', { zone: event.timeZone })}</p>
      <DayTabs days={days} selected={day} onSelect={(d) => navigate(paths.agenda(event.slug, d), { replace: true })}>
        <h2 className="day-heading">{formatDay(day, lang)}</h2>
        <p className="result-count" role="status">
          {t('agenda.count', { shown: shown.length, total: daySessions.length })}
        </p>
        {daySessions.length === 0 ? (
          <p className="empty">{t('agenda.emptyDay')}</p>
        ) : shown.length === 0 ? (
          <p className="empty">{t('agenda.emptyFiltered')}</p>
        ) : narrow ? (
          <SessionList agenda={agenda} sessions={shown} marks={marks} />
        ) : (
          <Timetable agenda={agenda} sessions={shown} mode={columnMode} marks={marks} />
        )}
      </DayTabs>
      <footer className="page-footer">
        <h2>{t('agenda.downloads')}</h2>
        <ul className="link-list">
          <li>
            <a href={pathTo(api.scheduleXml, { slug: event.slug })} download>
              {t('agenda.downloadXml')}
            </a>
          </li>
          <li>
            <a href={pathTo(api.scheduleJson, { slug: event.slug })} download>
              {t('agenda.downloadJson')}
            </a>
          </li>
        </ul>
      </footer>
    </>
  );
}
