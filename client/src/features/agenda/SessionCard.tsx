import type { CSSProperties } from 'react';
import type { Session } from '@samling/protocol';
import { Link } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n, formatList } from '../../i18n/index.ts';
import { StarButton } from '../personal/StarButton.tsx';
import { SessionTime } from './SessionTime.tsx';
import type { AgendaView } from './useAgenda.ts';

export interface CardMarks {
  now: boolean;
  next: boolean;
}

/** One session in the timetable or list: the title links to its page; the track shows as a stripe and as text. */
export function SessionCard({
  agenda,
  session,
  marks,
  headingLevel = 3,
  style,
}: {
  agenda: AgendaView;
  session: Session;
  marks: CardMarks;
  headingLevel?: 3 | 4;
  style?: CSSProperties;
}) {
  const { t, lang } = useI18n();
  const { event } = agenda;
  const track = session.trackId ? agenda.tracksById[session.trackId] : undefined;
  const stage = session.stageId ? agenda.stages.find((s) => s.id === session.stageId) : undefined;
  const speakerNames = session.speakerIds.flatMap((id) => agenda.speakersById[id]?.name ?? []);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const isBreak = session.kind === 'break';

  return (
    <article
      className={`session-card${isBreak ? ' session-card-break' : ''}${marks.now ? ' session-card-now' : ''}`}
      style={track ? { ...style, ['--track-colour' as string]: track.colour } : style}
    >
      <div className="session-card-top">
        <Heading className="session-card-title">
          <Link to={paths.session(event.slug, session.id)}>{session.title}</Link>
        </Heading>
        {!isBreak && <StarButton slug={event.slug} sessionId={session.id} title={session.title} />}
      </div>
      <p className="session-card-time">
        <SessionTime startsAt={session.startsAt} endsAt={session.endsAt} timeZone={event.timeZone} />
        {session.status === 'live' && <span className="badge badge-live">{t('agenda.live')}</span>}
        {marks.now && <span className="badge badge-now">{t('agenda.now')}</span>}
        {!marks.now && marks.next && <span className="badge badge-next">{t('agenda.next')}</span>}
      </p>
      <p className="session-card-meta">
        <span>{t(`kind.${session.kind}`)}</span>
        {track && <span>{t('agenda.track', { name: track.name })}</span>}
        <span>{stage ? t('agenda.stage', { name: stage.name }) : t('agenda.allStages')}</span>
      </p>
      {speakerNames.length > 0 && (
        <p className="session-card-speakers">{t('agenda.speakers', { names: formatList(speakerNames, lang) })}</p>
      )}
    </article>
  );
}
