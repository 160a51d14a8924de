import { useEffect, useId, useRef, useState } from 'react';
import { api, pathTo, type Event } from '@samling/protocol';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert, FormStatus } from '../../ui/FormAlert.tsx';
import { Loading } from '../../ui/Async.tsx';
import { ConfirmInline } from '../../ui/ConfirmInline.tsx';
import { useAction } from './useAction.ts';

/**
 * `?section=guests`: whether people in the hall may join without an account, and how (the six-digit code, the link
 * and its QR code). "Ny kod" replaces the code; the old one (and printed QR codes) stop working, so it asks first.
 */
export function GuestAccessEditor({ event }: { event: Event }) {
  const { t } = useI18n();
  const id = useId();
  const slug = event.slug;
  const loadGuestAccess = useStore((s) => s.loadGuestAccess);
  const setGuestAccess = useStore((s) => s.setGuestAccess);
  const newGuestCode = useStore((s) => s.newGuestCode);
  const access = useStore((s) => s.guestAccess[slug]);
  const state = useStore((s) => s.guestAccessState[slug]);
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const newCodeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void loadGuestAccess(slug);
  }, [slug, loadGuestAccess]);

  // The box shows the choice at once; if the server refuses, it falls back to what is saved.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const enabled = access?.enabled ?? event.guestAccess;
  const toggle = async (on: boolean) => {
    setWanted(on);
    // The box and the line under it say the new state; no separate confirmation.
    await action.run(() => setGuestAccess(slug, on));
    setWanted(null);
  };
  const copy = async () => {
    if (!access?.joinUrl) return;
    try {
      await navigator.clipboard.writeText(access.joinUrl);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <div className="guest-access">
      <p>{t('manage.guests.intro')}</p>
      <FormAlert error={action.error ?? (state?.status === 'error' ? state.error : null)} />
      <label className="checkbox guest-toggle">
        <input
          type="checkbox"
          checked={wanted ?? enabled}
          aria-describedby={`${id}-state`}
          onChange={(e) => void toggle(e.target.checked)}
        />
        <span>{t('manage.guests.toggle')}</span>
      </label>
      <p id={`${id}-state`} className="hint">
        {t(enabled ? 'manage.guests.on' : 'manage.guests.off')}
      </p>
      <FormStatus message={action.busy ? t('manage.saving') : action.status} />
      {!access && state?.status === 'loading' && <Loading />}
      {access?.enabled && access.code && access.joinUrl && (
        <div className="guest-details">
          <dl className="facts guest-facts">
            <div>
              <dt>{t('manage.guests.code')}</dt>
              <dd className="guest-code" data-testid="guest-code">
                {access.code}
              </dd>
            </div>
            <div>
              <dt>{t('manage.guests.link')}</dt>
              <dd>
                <a href={access.joinUrl} data-testid="guest-link">
                  {access.joinUrl}
                </a>
              </dd>
            </div>
          </dl>
          <img className="guest-qr" src={pathTo(api.guestQr, { slug }, { code: access.code })} alt={t('manage.guests.qrAlt', { url: access.joinUrl })} width={200} height={200} />
          <div className="form-actions">
            {typeof navigator !== 'undefined' && navigator.clipboard && (
              <button type="button" className="button button-secondary" onClick={() => void copy()}>
                {t('manage.guests.copy')}
              </button>
            )}
            {confirming ? (
              <ConfirmInline
                question={t('manage.guests.newCodeConfirm')}
                confirmLabel={t('manage.guests.newCodeYes')}
                cancelLabel={t('manage.cancel')}
                returnFocus={newCodeButton}
                onConfirm={() => {
                  setConfirming(false);
                  void action.run(() => newGuestCode(slug), () => t('manage.guests.newCodeDone', { code: useStore.getState().guestAccess[slug]?.code ?? '' }));
                }}
                onCancel={() => setConfirming(false)}
              />
            ) : (
              <button ref={newCodeButton} type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
                {t('manage.guests.newCode')}
              </button>
            )}
          </div>
          <div role="status" className="form-status">
            {copied && <p>{t('manage.guests.copied')}</p>}
          </div>
        </div>
      )}
    </div>
  );
}
