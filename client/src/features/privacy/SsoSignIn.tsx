import { useEffect, useState } from 'react';
import { api, errorCodeSchema, pathTo, type AuthProviders } from '@samling/protocol';
import { call } from '../../api.ts';
import { useLocation } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.ts';
import { errorKey } from '../../ui/Async.tsx';

/**
 * On the sign-in page when the server has single sign-on: a link (a full page load, the server redirects to the
 * identity provider) that comes back to `next`; and why the last attempt failed, when the server sent the browser
 * back with `?ssoError=CODE`.
 */
export function SsoSignIn({ next }: { next: string }) {
  const { t } = useI18n();
  const location = useLocation();
  const [providers, setProviders] = useState<AuthProviders | null>(null);
  const failure = errorCodeSchema.safeParse(location.search.get('ssoError'));

  useEffect(() => {
    const abort = new AbortController();
    // Without an answer there is simply no button: the password form still works.
    call('authProviders', { signal: abort.signal }).then(setProviders, () => {});
    return () => abort.abort();
  }, []);

  return (
    <>
      {failure.success && (
        <div className="form-alert-box" role="alert">
          <p>{t('privacy.sso.failed')}</p>
          <p>{t(errorKey(failure.data))}</p>
        </div>
      )}
      {providers?.oidc && (
        <div className="sso-sign-in">
          <p className="sso-or">{t('privacy.sso.or')}</p>
          <a className="button button-secondary" href={pathTo(api.oidcStart, {}, { returnTo: next === '/' ? undefined : next })}>
            {providers.oidc.label}
          </a>
        </div>
      )}
    </>
  );
}
