import { useEffect, useRef, useState } from 'react';
import type { Event, EventPrivacy, PurgedCounts } from '@samling/protocol';
import { call, isApiError, type ApiError } from '../../api.ts';
import { useI18n, type MessageKey } from '../../i18n/index.ts';
import { ErrorState, Loading, useErrorText } from '../../ui/Async.tsx';
import { ConfirmInline } from '../../ui/ConfirmInline.tsx';
import { formatAuditTime } from '../organiser/AuditLog.tsx';

const countKeys: Record<keyof PurgedCounts, MessageKey> = {
  attendees: 'privacy.count.attendees',
  speakers: 'privacy.count.speakers',
  guests: 'privacy.count.guests',
  chatMessages: 'privacy.count.chatMessages',
  questions: 'privacy.count.questions',
  questionUpvotes: 'privacy.count.questionUpvotes',
  votes: 'privacy.count.votes',
  stars: 'privacy.count.stars',
  consents: 'privacy.count.consents',
  invitations: 'privacy.count.invitations',
  mutes: 'privacy.count.mutes',
  bans: 'privacy.count.bans',
};

function Counts({ counts, label }: { counts: PurgedCounts; label: string }) {
  const { t } = useI18n();
  return (
    <table className="privacy-counts">
      <caption>{label}</caption>
      <tbody>
        {(Object.keys(countKeys) as (keyof PurgedCounts)[]).map((k) => (
          <tr key={k}>
            <th scope="row">{t(countKeys[k])}</th>
            <td>{counts[k]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * `?section=privacy` ("Personuppgifter"): after the event, the organiser removes the participants' personal data;
 * what goes and what stays is said before, the counts kept are shown after.
 */
export function PurgeSection({ event }: { event: Event }) {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const [state, setState] = useState<EventPrivacy | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const purgeButton = useRef<HTMLButtonElement>(null);
  const slug = event.slug;

  useEffect(() => {
    const abort = new AbortController();
    setLoadError(null);
    call('eventPrivacy', { params: { slug }, signal: abort.signal })
      .then(setState)
      .catch((e: unknown) => {
        if (isApiError(e)) setLoadError(e);
        else if (!(e instanceof DOMException && e.name === 'AbortError')) throw e;
      });
    return () => abort.abort();
  }, [slug, attempt]);

  async function purge() {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      setState(await call('purgeEvent', { params: { slug } }));
      setDone(true);
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (loadError) return <ErrorState error={loadError} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!state) return <Loading />;
  const when = (at: string) => formatAuditTime(at, event.timeZone, lang);
  const pendingTotal = Object.values(state.pending).reduce((a, b) => a + b, 0);

  return (
    <div className="privacy-purge">
      <p>{t('privacy.purge.body')}</p>
      <p>{t('privacy.purge.removed')}</p>
      <p>{t('privacy.purge.kept')}</p>
      <div role="status">
        {state.purgedAt && state.purgedCounts && (
          <>
            <p>{t('privacy.purge.done', { when: when(state.purgedAt) })}</p>
            <Counts counts={state.purgedCounts} label={t('privacy.title')} />
          </>
        )}
      </div>
      {error && (
        <p className="form-alert-box" role="alert">
          {errorText(error)}
        </p>
      )}
      {!state.ended ? (
        <p className="notice">{t('privacy.purge.notYet', { when: when(state.purgeableFrom) })}</p>
      ) : pendingTotal === 0 ? (
        !done && <p>{t('privacy.purge.nothing')}</p>
      ) : (
        <>
          <Counts counts={state.pending} label={t('privacy.purge.pending')} />
          {confirming ? (
            <ConfirmInline
              question={t('privacy.purge.confirmQuestion')}
              confirmLabel={t('privacy.purge.confirm')}
              cancelLabel={t('manage.cancel')}
              onConfirm={() => void purge()}
              onCancel={() => setConfirming(false)}
              returnFocus={purgeButton}
            />
          ) : (
            <button ref={purgeButton} type="button" className="button button-danger" aria-disabled={busy || undefined} onClick={() => !busy && setConfirming(true)}>
              {t('privacy.purge.confirm')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
