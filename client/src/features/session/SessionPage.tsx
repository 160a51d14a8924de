import { lazy, Suspense, useState } from 'react';
import { api, pathTo, type Session } from '@samling/protocol';
import { Link } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { formatDay, useI18n } from '../../i18n/index.ts';
import { Async } from '../../ui/Async.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';
import { SessionTime } from '../agenda/SessionTime.tsx';
import { sessionDay } from '../agenda/time.ts';
import { useAgenda, type AgendaView } from '../agenda/useAgenda.ts';
import { MembershipNotice } from '../personal/MembershipNotice.tsx';
import { StarButton } from '../personal/StarButton.tsx';
import { useMyEvent } from '../personal/useMyEvent.ts';
import { RoomGate } from '../room/RoomGate.tsx';
import { SessionControls } from '../room/SessionControls.tsx';
import { useIsModerator } from '../room/useEventConnection.ts';
import { LiveRoom } from '../interaction/LiveRoom.tsx';
import { useCanGoBackstage } from '../stage/access.ts';
import { FilmStage } from '../stage/film/FilmStage.tsx';
import { FilmControls } from '../stage/film/FilmControls.tsx';

// The stage player brings mediasoup-client with it: loaded with the first session room that has a stage.
const SessionStage = lazy(() => import('../stage/SessionStage.tsx'));

/** `/e/:slug/s/:id`: one session with its speakers, a star and a calendar file. */
export function SessionPage({ slug, id }: { slug: string; id: string }) {
  const { t } = useI18n();
  const { agenda, state, reload } = useAgenda(slug);
  useMyEvent(slug);
  const session = agenda?.sessions.find((s) => s.id === id);
  useDocumentTitle(session?.title ?? (agenda ? t('session.notFound') : null), agenda?.event.name);

  return (
    <div className="page session-page">
      <Async state={state} hasData={agenda !== null} onRetry={reload}>
        {() =>
          session ? (
            <SessionDetails agenda={agenda!} sessionId={session.id} />
          ) : (
            <>
              <h1>{t('session.notFound')}</h1>
              <p>
                <Link to={paths.agenda(slug)}>{t('session.back')}</Link>
              </p>
            </>
          )
        }
      </Async>
      {!agenda && <h1 className="visually-hidden">{t('app.loading')}</h1>}
    </div>
  );
}

function SessionDetails({ agenda, sessionId }: { agenda: AgendaView; sessionId: string }) {
  const { t, lang } = useI18n();
  const session = agenda.sessions.find((s) => s.id === sessionId)!;
  const { event } = agenda;
  const track = session.trackId ? agenda.tracksById[session.trackId] : undefined;
  const stage = session.stageId ? agenda.stages.find((s) => s.id === session.stageId) : undefined;
  const speakers = session.speakerIds.flatMap((sid) => agenda.speakersById[sid] ?? []);
  const day = sessionDay(session.startsAt, event.timeZone);

  return (
    <article className="session-detail" style={track ? { ['--track-colour' as string]: track.colour } : undefined}>
      <p className="breadcrumb">
        <Link to={paths.agenda(event.slug, day)}>{t('session.back')}</Link>
      </p>
      <div className={track ? 'session-detail-head has-track' : 'session-detail-head'}>
        <h1>{session.title}</h1>
        {session.kind !== 'break' && <StarButton slug={event.slug} sessionId={session.id} title={session.title} />}
      </div>
      <MembershipNotice slug={event.slug} />
      <dl className="facts" aria-label={t('session.details')}>
        <div>
          <dt>{t('session.time')}</dt>
          <dd>
            {formatDay(day, lang)}, <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} timeZone={event.timeZone} />
          </dd>
        </div>
        <div>
          <dt>{t('session.stage')}</dt>
          <dd>{stage?.name ?? t('agenda.allStages')}</dd>
        </div>
        {track && (
          <div>
            <dt>{t('session.track')}</dt>
            <dd>
              <span className="track-swatch" style={{ background: track.colour }} aria-hidden="true" />
              {track.name}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('session.kind')}</dt>
          <dd>{t(`kind.${session.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('session.language')}</dt>
          <dd>{t(`language.${session.language}`)}</dd>
        </div>
        <div>
          <dt>{t('session.status')}</dt>
          <dd>{t(`status.${session.status}`)}</dd>
        </div>
      </dl>
      <p>
        <a className="button button-secondary" href={pathTo(api.sessionIcs, { slug: event.slug, id: session.id })} download>
          {t('session.ics')}
        </a>
      </p>
      {session.kind !== 'break' && <SessionRoom slug={event.slug} session={session} stageName={stage?.name ?? ''} />}
      {session.abstract && (
        <section aria-labelledby="session-about">
          <h2 id="session-about">{t('session.about')}</h2>
          <div className="prose" lang={session.language}>
            {session.abstract.split(/\n{2,}/).map((para, i) => (
              <p key={i}>{para}</p>
            ))}
          </div>
        </section>
      )}
      {speakers.length > 0 && (
        <section aria-labelledby="session-speakers">
          <h2 id="session-speakers">{t('session.speakers')}</h2>
          <ul className="speakers">
            {speakers.map((sp) => (
              <li key={sp.id} className="speaker">
                {sp.photoUrl && (
                  <img className="speaker-photo" src={sp.photoUrl} alt={t('session.photoAlt', { name: sp.name })} width={96} height={96} loading="lazy" />
                )}
                <div>
                  <h3>{sp.name}</h3>
                  {(sp.title || sp.organisation) && (
                    <p className="speaker-role">{[sp.title, sp.organisation].filter(Boolean).join(', ')}</p>
                  )}
                  {sp.bio && <p className="speaker-bio">{sp.bio}</p>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

/**
 * The session's live room. Live: the poll, the questions, the chat and reactions. Scheduled: a note that the room opens at the start
 * (moderators can start the session, or look into the room early). Ended: the chat as it was, read-only.
 */
function SessionRoom({ slug, session, stageName }: { slug: string; session: Session; stageName: string }) {
  const { t } = useI18n();
  const moderator = useIsModerator(slug);
  const backstage = useCanGoBackstage(slug);
  const [early, setEarly] = useState(false);
  const showPanel = session.status !== 'scheduled' || (moderator && early);

  return (
    <section className="room-section" aria-labelledby="session-room">
      <h2 id="session-room">{t('session.roomTitle')}</h2>
      {/* The page’s membership notice already leads to registration. */}
      <RoomGate slug={slug} joinButton={false}>
        {moderator && <SessionControls slug={slug} session={session} />}
        {session.status === 'scheduled' && <p className="notice">{t('session.roomOpensLater')}</p>}
        {session.status === 'ended' && (
          <div className="notice">
            <p>{t('session.roomEnded')}</p>
            <p>{t('session.roomEndedHint')}</p>
          </div>
        )}
        {moderator && session.status === 'scheduled' && (
          <p>
            <button type="button" className="button button-secondary button-small" aria-expanded={early} onClick={() => setEarly(!early)}>
              {t('session.showRoom')}
            </button>
          </p>
        )}
        {session.stageId && backstage && session.status !== 'ended' && (
          <p>
            <Link className="button button-secondary button-small" to={paths.backstage(slug, session.stageId)}>
              {t('stage.backstageLink', { stage: stageName })}
            </Link>
          </p>
        )}
        {session.stageId && (session.status === 'live' || (moderator && early)) && (
          <Suspense fallback={<p role="status">{t('stage.connecting')}</p>}>
            <SessionStage stageId={session.stageId} />
          </Suspense>
        )}
        {/* The film on the session's stage (shown while one is loaded) and, for moderators, its controls. */}
        {session.stageId && (session.status === 'live' || (moderator && early)) && <FilmStage slug={slug} stageId={session.stageId} />}
        {session.stageId && moderator && session.status !== 'ended' && <FilmControls slug={slug} stageId={session.stageId} />}
        {showPanel && <LiveRoom slug={slug} sessionId={session.id} />}
      </RoomGate>
    </section>
  );
}
