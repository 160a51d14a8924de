import { useI18n } from '../../i18n/index.ts';
import { sessionTimes, viewerTimeZone } from './time.ts';

/** "09:00–09:45", plus "(03:00–03:45 i din tidszon)" when the viewer's clock differs. */
export function SessionTime({ startsAt, endsAt, timeZone }: { startsAt: string; endsAt: string; timeZone: string }) {
  const { t } = useI18n();
  const times = sessionTimes(startsAt, endsAt, timeZone, viewerTimeZone());
  return (
    <span className="session-time">
      <time dateTime={startsAt}>{times.event}</time>
      {times.viewer && <span className="session-time-viewer"> ({t('agenda.yourTime', { range: times.viewer })})</span>}
    </span>
  );
}
