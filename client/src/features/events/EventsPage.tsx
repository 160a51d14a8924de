import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Link } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { formatDateRange, useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { Async } from '../../ui/Async.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';

/** `/`: every event, soonest first as the server lists them. */
export function EventsPage() {
  const { t, lang } = useI18n();
  const loadEvents = useStore((s) => s.loadEvents);
  const state = useStore((s) => s.eventsState);
  const events = useStore(useShallow((s) => s.eventSlugs.flatMap((slug) => s.events[slug] ?? [])));
  const loaded = useStore((s) => s.eventsState?.status === 'ready' || s.eventSlugs.length > 0);
  const signedIn = useStore((s) => s.user !== null);
  useDocumentTitle(t('events.title'));

  useEffect(() => {
    void loadEvents();
  }, [loadEvents]);

  return (
    <div className="page events-page">
      <h1>{t('events.title')}</h1>
      <p className="lead">{t('events.intro')}</p>
      {signedIn && (
        <p className="page-actions">
          <Link to={paths.newEvent()} className="button">
            {t('events.create')}
          </Link>
        </p>
      )}
      <Async state={state} hasData={loaded} onRetry={() => void loadEvents()}>
        {() =>
          events.length === 0 ? (
            <p className="empty">{t('events.empty')}</p>
          ) : (
            <ul className="event-list">
              {events.map((e) => (
                <li key={e.id} className="event-card">
                  <h2>
                    <Link to={paths.agenda(e.slug)}>{e.name}</Link>
                  </h2>
                  <p className="event-dates">
                    <time dateTime={e.startDate}>{formatDateRange(e.startDate, e.endDate, lang)}</time>
                  </p>
                  {e.description && <p className="event-description">{e.description}</p>}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </div>
  );
}
