import { useState } from 'react';
import { isApiError } from '../../api.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { useErrorText } from '../../ui/Async.tsx';

/** "Gå med i evenemanget": makes the signed-in person an attendee. */
export function JoinButton({ slug }: { slug: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const joinEvent = useStore((s) => s.joinEvent);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function join() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await joinEvent(slug);
    } catch (e) {
      setError(isApiError(e) ? errorText(e) : t('errors.INTERNAL'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button" aria-disabled={busy || undefined} onClick={() => void join()}>
        {t('agenda.join')}
      </button>
      <span role="alert" className="inline-error">
        {error}
      </span>
    </>
  );
}
