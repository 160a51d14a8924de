import type { Session } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { SessionTime } from './SessionTime.tsx';
import type { AgendaView } from './useAgenda.ts';

/**
 * A short "what is on now, what comes next" above today's programme. Titles are text, not links:
 * the cards below carry the links, and one link per session keeps link names unambiguous.
 */
export function NowNext({ agenda, now, next }: { agenda: AgendaView; now: Session[]; next: Session[] }) {
  const { t } = useI18n();
  const stageName = (s: Session) => agenda.stages.find((x) => x.id === s.stageId)?.name ?? t('agenda.allStages');
  const item = (s: Session, badge: 'now' | 'next') => (
    <li key={s.id}>
      <span className={`badge badge-${badge}`}>{t(badge === 'now' ? 'agenda.now' : 'agenda.next')}</span>{' '}
      <span className="now-next-title">{s.title}</span>
      <span className="now-next-meta">
        {' · '}
        <SessionTime startsAt={s.startsAt} endsAt={s.endsAt} timeZone={agenda.event.timeZone} />
        {' · '}
        {stageName(s)}
      </span>
    </li>
  );
  return (
    <section className="now-next" aria-labelledby="now-next-title">
      <h2 id="now-next-title">{t('agenda.nowNextTitle')}</h2>
      {now.length === 0 && <p>{t('agenda.nothingNow')}</p>}
      {(now.length > 0 || next.length > 0) && (
        <ul>
          {now.map((s) => item(s, 'now'))}
          {next.map((s) => item(s, 'next'))}
        </ul>
      )}
    </section>
  );
}
