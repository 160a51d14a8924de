import type { ReactNode } from 'react';
import type { ApiError } from '../api.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import type { LoadState } from '../store/index.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {t('app.loading')}
    </p>
  );
}

/** Every error code has a message: a code without one fails to compile here. */
export function errorKey(code: ApiError['code']): MessageKey {
  const key: `errors.${ApiError['code']}` = `errors.${code}`;
  return key;
}

/** The translated message for an API error code. */
export function useErrorText(): (error: ApiError) => string {
  const { t } = useI18n();
  return (error) => t(errorKey(error.code));
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  return (
    <div className="error-state" role="alert">
      <p className="error-state-title">{t('app.errorTitle')}</p>
      <p>{errorText(error)}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * Shows `children` once there is data; before that, a loading line or an error with retry.
 * Data already there stays visible (marked busy) while it reloads.
 */
export function Async({
  state,
  hasData,
  onRetry,
  children,
}: {
  state: LoadState | undefined;
  hasData: boolean;
  onRetry: () => void;
  children: () => ReactNode;
}) {
  if (hasData) return <div aria-busy={state?.status === 'loading' ? true : undefined}>{children()}</div>;
  if (state?.status === 'error') return <ErrorState error={state.error} onRetry={onRetry} />;
  return <Loading />;
}
