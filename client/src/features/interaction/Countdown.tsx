import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.ts';

/** "0:23": whole seconds left, rounded up, as m:ss. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * Time left until `closesAt`; the server closes the poll then. A timer region is not read out on every tick
 * (role="timer" is not live by default); the poll's own status tells when it closed.
 */
export function Countdown({ closesAt, large = false }: { closesAt: string; large?: boolean }) {
  const { t } = useI18n();
  const end = Date.parse(closesAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (Number.isNaN(end)) return;
    const id = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(id);
  }, [end]);
  if (Number.isNaN(end)) return null;
  const left = end - now;
  const urgent = left <= 10_000;
  return (
    <p className={['countdown', urgent ? 'countdown-urgent' : '', large ? 'countdown-large' : ''].filter(Boolean).join(' ')}>
      {left > 0 ? (
        <>
          <span className="countdown-label">{t('poll.timeLeft')}</span>{' '}
          <span role="timer" className="countdown-time">
            {formatRemaining(left)}
          </span>
        </>
      ) : (
        <span>{t('poll.timeUp')}</span>
      )}
    </p>
  );
}
