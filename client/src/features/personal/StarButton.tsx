import { useState } from 'react';
import { isApiError } from '../../api.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { useErrorText } from '../../ui/Async.tsx';
import { useIsStarred } from './useMyEvent.ts';

/**
 * Adds a session to (or removes it from) my programme. Its name stays "Stjärnmärk <title>";
 * aria-pressed says whether it is starred. Signed out, it leads to sign-in and back.
 */
export function StarButton({ slug, sessionId, title }: { slug: string; sessionId: string; title: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const location = useLocation();
  const signedIn = useStore((s) => s.user !== null);
  const starred = useIsStarred(slug, sessionId);
  const pending = useStore((s) => Boolean(s.starsPending[sessionId]));
  const toggleStar = useStore((s) => s.toggleStar);
  const [error, setError] = useState<string | null>(null);

  async function onClick() {
    if (!signedIn) {
      navigate(paths.signIn(location.href));
      return;
    }
    if (pending) return;
    setError(null);
    try {
      await toggleStar(slug, sessionId);
    } catch (e) {
      setError(isApiError(e) ? `${t('star.error')} ${errorText(e)}` : t('star.error'));
    }
  }

  return (
    <span className="star">
      <button
        type="button"
        className="star-button"
        aria-pressed={starred}
        aria-disabled={pending || undefined}
        onClick={() => void onClick()}
      >
        <svg className="star-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4-4.7-4.4 6.4-.8z" />
        </svg>
        <span className="visually-hidden">{t('star.label', { title })}</span>
      </button>
      {error && (
        <span className="star-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
