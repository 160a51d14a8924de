import { useMemo } from 'react';
import { api, pathTo } from '@samling/protocol';
import { Link, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { formatDay, useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { Async, Loading } from '../../ui/Async.tsx';
import { useDocumentTitle, useNow } from '../../ui/hooks.ts';
import { SessionCard } from '../agenda/SessionCard.tsx';
import { isOnNow, sessionDay } from '../agenda/time.ts';
import { compareSessionsByStart } from '../agenda/timetable.ts';
import { useAgenda, type AgendaView } from '../agenda/useAgenda.ts';
import { RegisterPrompt } from '../registration/RegisterPrompt.tsx';
import { useMyEvent } from './useMyEvent.ts';

/** `/e/:slug/my`: the sessions I starred, by day, and a calendar file of them. */
export function MyAgendaPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const { agenda, state, reload } = useAgenda(slug);
  useDocumentTitle(t('my.title'), agenda?.event.name);

  return (
    <div className="page my-page">
      <h1>{t('my.title')}</h1>
      <Async state={state} hasData={agenda !== null} onRetry={reload}>
        {() => <MyAgenda agenda={agenda!} />}
      </Async>
    </div>
  );
}

function MyAgenda({ agenda }: { agenda: AgendaView }) {
  const { t, lang } = useI18n();
  const location = useLocation();
  const { event } = agenda;
  const user = useStore((s) => s.user);
  const meState = useStore((s) => s.meState);
  const { mine, state, reload } = useMyEvent(event.slug);
  const now = useNow();

  const byDay = useMemo(() => {
    const starred = new Set(mine?.starredSessionIds ?? []);
    const days = new Map<string, typeof agenda.sessions>();
    for (const s of agenda.sessions.filter((x) => starred.has(x.id)).sort(compareSessionsByStart)) {
      const day = sessionDay(s.startsAt, event.timeZone);
      days.set(day, [...(days.get(day) ?? []), s]);
    }
    return [...days.entries()];
  }, [agenda.sessions, mine?.starredSessionIds, event.timeZone]);

  if (!user) {
    if (meState?.status !== 'ready') return meState?.status === 'error' ? null : <Loading />;
    return (
      <>
        <p className="lead">{event.name}</p>
        <div className="notice">
          <p>{t('my.signInPrompt')}</p>
          <p>
            {t('auth.noAccount')} <Link to={paths.signUp(location.href)}>{t('nav.signUp')}</Link>
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <p className="lead">{event.name}</p>
      <Async state={state} hasData={mine !== undefined} onRetry={reload}>
        {() =>
          !mine!.role ? (
            <RegisterPrompt slug={event.slug} />
          ) : (
            <>
              <div className="notice">
                <p>{t('my.icsHint')}</p>
                <p>
                  <a className="button button-secondary" href={pathTo(api.myAgendaIcs, { slug: event.slug })} download>
                    {t('my.ics')}
                  </a>
                </p>
              </div>
              {byDay.length === 0 ? (
                <p className="empty">
                  {t('my.empty')} <Link to={paths.agenda(event.slug)}>{t('my.browse')}</Link>
                </p>
              ) : (
                byDay.map(([day, sessions]) => (
                  <section key={day} aria-labelledby={`my-day-${day}`} className="my-day">
                    <h2 id={`my-day-${day}`}>{formatDay(day, lang)}</h2>
                    <ul className="session-list">
                      {sessions.map((s) => (
                        <li key={s.id}>
                          <SessionCard agenda={agenda} session={s} marks={{ now: isOnNow(s, now), next: false }} />
                        </li>
                      ))}
                    </ul>
                  </section>
                ))
              )}
            </>
          )
        }
      </Async>
    </>
  );
}
