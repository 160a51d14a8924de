import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { errorKey } from '../../ui/Async.tsx';

/**
 * Tells the reader when the event's live connection is down, coming back, or refused (and why).
 * The status region is always there, so a change is read out politely.
 */
export function ConnectionBanner() {
  const { t } = useI18n();
  const status = useStore((s) => s.connection.status);
  const refusal = useStore((s) => s.connection.refusal);

  let text: string | null = null;
  if (status === 'reconnecting') text = t('connection.reconnecting');
  else if (status === 'offline') text = t('connection.offline');
  else if (status === 'refused' && refusal) text = t('connection.refused', { reason: t(errorKey(refusal.code)) });

  return (
    <div className="connection-banner-region" role="status">
      {text && (
        <div className={status === 'refused' ? 'connection-banner connection-banner-refused' : 'connection-banner'}>
          <p>{text}</p>
          {refusal?.code === 'PROTOCOL_MISMATCH' && (
            <button type="button" className="button button-small" onClick={() => window.location.reload()}>
              {t('connection.reload')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
