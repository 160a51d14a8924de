import { useId, useState, type FormEvent } from 'react';
import { isApiError, type ApiError } from '../../api.ts';
import { Link, navigate, safeNext, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert } from '../../ui/FormAlert.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';
import { SsoSignIn } from '../privacy/SsoSignIn.tsx';

const looksLikeEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());

/** `/signin`: email and password; afterwards back to `?next=`. */
export function SignInPage() {
  const { t } = useI18n();
  const id = useId();
  const location = useLocation();
  const next = safeNext(location.search.get('next'));
  const signIn = useStore((s) => s.signIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('auth.signInTitle'));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!email.trim()) return setError(t('form.required', { field: t('auth.email') }));
    if (!password) return setError(t('form.required', { field: t('auth.password') }));
    setBusy(true);
    setError(null);
    try {
      await signIn({ email: email.trim(), password });
      navigate(next, { replace: true });
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="page narrow-page">
      <h1>{t('auth.signInTitle')}</h1>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormAlert error={error} fields={{ email: t('auth.email'), password: t('auth.password') }} />
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
          <input id={`${id}-email`} type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t('auth.signInSubmit')}
        </button>
        {busy && <p role="status">{t('auth.sending')}</p>}
      </form>
      <SsoSignIn next={next} />
      <p>
        {t('auth.noAccount')} <Link to={paths.signUp(next)}>{t('nav.signUp')}</Link>
      </p>
    </div>
  );
}

/** `/signup`: name, email and password; signed in afterwards, then back to `?next=`. */
export function SignUpPage() {
  const { t } = useI18n();
  const id = useId();
  const location = useLocation();
  const next = safeNext(location.search.get('next'));
  const signUp = useStore((s) => s.signUp);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('auth.signUpTitle'));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!displayName.trim()) return setError(t('form.required', { field: t('auth.displayName') }));
    if (!looksLikeEmail(email)) return setError(t('form.invalidEmail'));
    if (password.length < 10) return setError(t('form.passwordShort'));
    setBusy(true);
    setError(null);
    try {
      await signUp({ displayName: displayName.trim(), email: email.trim(), password });
      navigate(next, { replace: true });
    } catch (err) {
      if (!isApiError(err)) throw err;
      setError(err);
      setBusy(false);
    }
  }

  return (
    <div className="page narrow-page">
      <h1>{t('auth.signUpTitle')}</h1>
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormAlert
          error={error}
          fields={{ displayName: t('auth.displayName'), email: t('auth.email'), password: t('auth.password') }}
        />
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('auth.displayName')}</label>
          <input id={`${id}-name`} type="text" name="name" autoComplete="name" required value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
          <input id={`${id}-email`} type="email" name="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            name="password"
            autoComplete="new-password"
            required
            minLength={10}
            aria-describedby={`${id}-password-hint`}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p className="hint" id={`${id}-password-hint`}>
            {t('auth.passwordHint')}
          </p>
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t('auth.signUpSubmit')}
        </button>
        {busy && <p role="status">{t('auth.sending')}</p>}
      </form>
      <p>
        {t('auth.haveAccount')} <Link to={paths.signIn(next)}>{t('nav.signIn')}</Link>
      </p>
    </div>
  );
}
