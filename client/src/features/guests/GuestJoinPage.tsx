import { useId, useState, type FormEvent } from 'react';
import { isApiError, type ApiError } from '../../api.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { FormAlert } from '../../ui/FormAlert.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';

const CODE = /^[0-9]{6}$/;
const digits = (value: string) => value.replace(/\D/g, '').slice(0, 6);

/** Where a guest goes after joining: straight into the session when exactly one is live, else the programme. */
export async function guestLanding(slug: string): Promise<string> {
  const store = useStore.getState();
  await store.loadAgenda(slug, { force: true });
  const s = useStore.getState();
  const live = (s.agendas[slug]?.sessionIds ?? []).map((id) => s.sessions[id]).filter((x) => x?.status === 'live' && x.kind !== 'break');
  return live.length === 1 ? paths.session(slug, live[0]!.id) : paths.agenda(slug);
}

/**
 * `/join` (and `/join?code=123456` from the QR code): people in the hall join an event without an account, with the
 * code shown there and a display name. Afterwards they vote and ask in the session rooms.
 */
export function GuestJoinPage() {
  const { t } = useI18n();
  const id = useId();
  const location = useLocation();
  const joinAsGuest = useStore((s) => s.joinAsGuest);
  const user = useStore((s) => s.user);
  const [code, setCode] = useState(() => digits(location.search.get('code') ?? ''));
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [invalid, setInvalid] = useState<'code' | 'name' | null>(null);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('guest.title'));

  function fail(message: ApiError | string, field: 'code' | 'name' | null) {
    setError(message);
    setInvalid(field);
    requestAnimationFrame(() => document.getElementById(`${id}-alert`)?.focus());
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (!CODE.test(code)) return fail(t('guest.codeInvalid'), 'code');
    if (!name.trim()) return fail(t('form.required', { field: t('guest.name') }), 'name');
    setBusy(true);
    setError(null);
    setInvalid(null);
    try {
      const slug = await joinAsGuest(code, name.trim());
      navigate(await guestLanding(slug), { replace: true });
    } catch (err) {
      if (!isApiError(err)) throw err;
      setBusy(false);
      if (err.code === 'NOT_FOUND') fail(t('guest.notFound'), 'code');
      else if (err.code === 'RATE_LIMITED' && err.details) fail(t('errors.rateLimitedWait', { seconds: Math.ceil(err.details.retryAfterSeconds) }), null);
      else fail(err, null);
    }
  }

  return (
    <div className="page narrow-page guest-page">
      <h1>{t('guest.title')}</h1>
      <p className="lead">{t('guest.intro')}</p>
      {user && <p className="notice">{t('guest.signedIn', { name: user.displayName })}</p>}
      <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <FormAlert id={`${id}-alert`} error={error} fields={{ code: t('guest.code'), displayName: t('guest.name') }} />
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('guest.code')}</label>
          <input
            id={`${id}-code`}
            className="code-input"
            type="text"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={code}
            aria-invalid={invalid === 'code' || undefined}
            aria-describedby={`${id}-code-hint${invalid === 'code' ? ` ${id}-alert` : ''}`}
            onChange={(e) => setCode(digits(e.target.value))}
          />
          <p id={`${id}-code-hint`} className="hint">
            {t('guest.codeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('guest.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            name="nickname"
            autoComplete="nickname"
            maxLength={60}
            required
            value={name}
            aria-invalid={invalid === 'name' || undefined}
            aria-describedby={`${id}-name-hint${invalid === 'name' ? ` ${id}-alert` : ''}`}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={`${id}-name-hint`} className="hint">
            {t('guest.nameHint')}
          </p>
        </div>
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t('guest.submit')}
        </button>
        {busy && <p role="status">{t('guest.sending')}</p>}
      </form>
      <p className="after-form">
        {t('guest.haveAccount')} <Link to={paths.signIn()}>{t('nav.signIn')}</Link>
      </p>
    </div>
  );
}
