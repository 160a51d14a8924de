import { useState } from 'react';
import type { Session } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { realtimeErrorText } from './errors.ts';

/**
 * "Starta sessionen" / "Avsluta sessionen" for moderators. One button whose action follows the status,
 * so keyboard focus stays on it when the status changes.
 */
export function SessionControls({ slug, session }: { slug: string; session: Session }) {
  const { t, lang } = useI18n();
  const setSessionStatus = useStore((s) => s.setSessionStatus);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'status' | 'error'; text: string } | null>(null);
  const live = session.status === 'live';

  async function toggle() {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      await setSessionStatus(slug, session.id, live ? 'ended' : 'live');
      setMessage({ kind: 'status', text: t(live ? 'session.nowEnded' : 'session.nowLive') });
    } catch (e) {
      setMessage({ kind: 'error', text: realtimeErrorText(e, t, lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="session-controls" role="group" aria-label={t('session.controls')}>
      <button type="button" className={live ? 'button button-danger' : 'button'} aria-disabled={busy || undefined} onClick={() => void toggle()}>
        {live ? t('session.end') : t('session.start')}
      </button>
      <div role="status">{message?.kind === 'status' && <p className="moderation-status">{message.text}</p>}</div>
      <div role="alert">{message?.kind === 'error' && <p className="inline-error">{message.text}</p>}</div>
    </div>
  );
}
