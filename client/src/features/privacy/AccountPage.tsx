import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ACCOUNT_DELETION_PHRASE, RECENT_SIGN_IN_MINUTES, api, pathTo, type AccountSummary } from '@samling/protocol';
import { call, isApiError, type ApiError } from '../../api.ts';
import { navigate } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { ErrorState, Loading } from '../../ui/Async.tsx';
import { FormAlert } from '../../ui/FormAlert.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';

/** Where the start page is sent after a deletion, so it can say so. */
export const ACCOUNT_DELETED_PARAM = 'kontoRaderat';

/** `/account` ("Mina uppgifter"): download everything Samling holds about me, or delete my account. */
export function AccountPage() {
  const { t } = useI18n();
  const user = useStore((s) => s.user);
  const meState = useStore((s) => s.meState);
  const [account, setAccount] = useState<AccountSummary | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle(t('privacy.pageTitle'));

  useEffect(() => {
    if (!user) return;
    const abort = new AbortController();
    setLoadError(null);
    call('myAccount', { signal: abort.signal })
      .then(setAccount)
      .catch((e: unknown) => {
        if (isApiError(e)) setLoadError(e);
        else if (!(e instanceof DOMException && e.name === 'AbortError')) throw e;
      });
    return () => abort.abort();
  }, [user, attempt]);

  let body;
  if (!user && meState?.status !== 'ready') body = <Loading />;
  else if (!user) body = <p className="notice">{t('privacy.signInFirst')}</p>;
  else if (loadError) body = <ErrorState error={loadError} onRetry={() => setAttempt((n) => n + 1)} />;
  else if (!account) body = <Loading />;
  else {
    body = (
      <>
        <p>{t('privacy.intro')}</p>
        <section className="privacy-section" aria-labelledby="privacy-download">
          <h2 id="privacy-download">{t('privacy.download.title')}</h2>
          <p>{t('privacy.download.body')}</p>
          {/* A plain link: the server answers with a file (Content-Disposition), the browser saves it. */}
          <a className="button button-secondary" href={pathTo(api.myData, {})} download>
            {t('privacy.download.link')}
          </a>
        </section>
        <DeleteAccount account={account} />
      </>
    );
  }

  return (
    <div className="page narrow-page">
      <h1>{t('privacy.pageTitle')}</h1>
      {body}
    </div>
  );
}

function DeleteAccount({ account }: { account: AccountSummary }) {
  const { t } = useI18n();
  const id = useId();
  const signOut = useStore((s) => s.signOut);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLDivElement>(null);
  const withPassword = account.hasPassword;
  const label = withPassword ? t('privacy.delete.password') : t('privacy.delete.phrase', { phrase: ACCOUNT_DELETION_PHRASE });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!secret.trim()) {
      setError(t('form.required', { field: label }));
      return;
    }
    if (!withPassword && secret.trim().toLowerCase() !== ACCOUNT_DELETION_PHRASE) {
      setError(t('errors.CONFIRMATION_MISMATCH'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('deleteAccount', { body: withPassword ? { password: secret } : { confirmation: secret } });
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
      setBusy(false);
      return;
    }
    // The server ended every session and cleared the cookie; this forgets the person here as well.
    await signOut().catch(() => {});
    navigate(`${paths.events()}?${ACCOUNT_DELETED_PARAM}=1`, { replace: true });
  }

  useEffect(() => {
    if (error) alert.current?.focus();
  }, [error]);

  return (
    <section className="privacy-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('privacy.delete.title')}</h2>
      <p>{t('privacy.delete.body')}</p>
      <p>{t('privacy.delete.kept')}</p>
      {!withPassword && !account.isGuest && <p className="hint">{t('privacy.delete.ssoNote', { minutes: RECENT_SIGN_IN_MINUTES })}</p>}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div ref={alert} tabIndex={-1}>
          <FormAlert
            error={error}
            fields={{ password: label, confirmation: label }}
            describe={(e) => (e.code === 'INVALID_CREDENTIALS' ? t('privacy.delete.wrongPassword') : null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-secret`}>{label}</label>
          <input
            id={`${id}-secret`}
            type={withPassword ? 'password' : 'text'}
            name={withPassword ? 'password' : 'confirmation'}
            autoComplete={withPassword ? 'current-password' : 'off'}
            required
            aria-invalid={error ? true : undefined}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-danger" aria-disabled={busy || undefined}>
          {busy ? t('privacy.delete.deleting') : t('privacy.delete.submit')}
        </button>
      </form>
    </section>
  );
}

/** On the start page after a deletion: says the account is gone (a status, read out once). */
export function AccountDeletedNotice() {
  const { t } = useI18n();
  const [deleted] = useState(() => new URLSearchParams(window.location.search).has(ACCOUNT_DELETED_PARAM));
  const [shown, setShown] = useState(false);
  // Filled after the region exists, so screen readers announce it.
  useEffect(() => setShown(deleted), [deleted]);
  if (!deleted) return null;
  return <div role="status">{shown && <p className="notice">{t('privacy.deleted')}</p>}</div>;
}
