import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { invitationCodeSchema, type RegistrationInfo } from '@samling/protocol';
import { call, isApiError, type ApiError } from '../../api.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { paths } from '../../app/paths.ts';
import { useI18n } from '../../i18n/index.ts';
import { useStore } from '../../store/index.ts';
import { ErrorState, Loading } from '../../ui/Async.tsx';
import { FormAlert } from '../../ui/FormAlert.tsx';
import { useDocumentTitle } from '../../ui/hooks.ts';
import { useAgenda } from '../agenda/useAgenda.ts';
import { useMyEvent } from '../personal/useMyEvent.ts';
import { NoticeText } from './NoticeText.tsx';
import { useLoad } from './useLoad.ts';

type Field = 'displayName' | 'organisation' | 'email' | 'password' | 'invitationCode' | 'consent';
const looksLikeEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());
/** Server refusals that belong to one field, so the message sits beside it. */
const fieldOfError: Partial<Record<string, Field>> = {
  INVITATION_INVALID: 'invitationCode', INVITATION_EXPIRED: 'invitationCode', INVITATION_REVOKED: 'invitationCode',
  INVITATION_USED_UP: 'invitationCode', INVITATION_REQUIRED: 'invitationCode', EMAIL_TAKEN: 'email', CONSENT_REQUIRED: 'consent',
};

/**
 * `/e/:slug/register` (`?invitation=CODE`): the registration form. Name, organisation, the invitation code when the
 * event needs one, an account for people who are signed out, and consent to the current privacy notice, whose text
 * is shown in a scrollable region. Afterwards to the event's programme.
 */
export function RegisterPage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const user = useStore((s) => s.user);
  const meReady = useStore((s) => s.meState?.status === 'ready' || s.user !== null);
  const eventName = useStore((s) => s.events[slug]?.name);
  const info = useLoad((signal) => call('registrationInfo', { params: { slug }, signal }), [slug]);
  const { mine } = useMyEvent(slug);
  useDocumentTitle(t('registration.title'), eventName);
  // The event's name for the heading; the agenda is public and usually cached already.
  useAgenda(slug);

  let body;
  if (!meReady || (info.data === undefined && info.state?.status !== 'error')) body = <Loading />;
  else if (info.data === undefined) body = <ErrorState error={(info.state as { error: ApiError }).error} onRetry={info.reload} />;
  else if (user && mine?.role && !mine.consentRequired) {
    body = (
      <div className="notice">
        <p>{t('registration.already')}</p>
        <p><Link to={paths.agenda(slug)}>{t('registration.toEvent')}</Link></p>
      </div>
    );
  } else body = <RegisterForm slug={slug} info={info.data} onStale={info.reload} member={Boolean(mine?.role)} />;

  return (
    <div className="page narrow-page">
      <h1>{eventName ? t('registration.pageTitle', { event: eventName }) : t('registration.title')}</h1>
      {body}
    </div>
  );
}

function RegisterForm({ slug, info, onStale, member }: { slug: string; info: RegistrationInfo; onStale: () => void; member: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const location = useLocation();
  const user = useStore((s) => s.user);
  const codeFromLink = location.search.get('invitation') ?? '';
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [organisation, setOrganisation] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState(codeFromLink);
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [invitation, setInvitation] = useState<{ role: string; label: string } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const noticeVersion = useRef(info.notice.version);

  const wantsCode = info.mode === 'invitation' || codeFromLink !== '';
  // A code from the link is checked at once, so a stale link says so before the form is filled in.
  useEffect(() => {
    if (!codeFromLink) return;
    const parsed = invitationCodeSchema.safeParse(codeFromLink);
    if (!parsed.success) return setErrors((e) => ({ ...e, invitationCode: t('errors.INVITATION_INVALID') }));
    call('checkInvitation', { params: { slug }, body: { code: parsed.data } }).then(setInvitation, (e: unknown) => {
      if (isApiError(e)) setErrors((x) => ({ ...x, invitationCode: t(`errors.${e.code}` as 'errors.INVITATION_INVALID') }));
    });
  }, [codeFromLink, slug, t]);
  // A new notice version while the form was open: the box must be ticked again for the new text.
  useEffect(() => {
    if (info.notice.version !== noticeVersion.current) {
      noticeVersion.current = info.notice.version;
      setConsent(false);
    }
  }, [info.notice.version]);

  if (info.mode === 'closed' && !member) return <p className="notice">{t('registration.closed')}</p>;
  if (info.full && !member && invitation?.role !== 'speaker') return <p className="notice">{t('registration.full')}</p>;

  function check(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    if (!displayName.trim()) found.displayName = t('registration.required', { field: t('registration.displayName') });
    if (!user) {
      if (!looksLikeEmail(email)) found.email = t('registration.invalidEmail');
      if (password.length < 10) found.password = t('registration.passwordShort');
    }
    if (wantsCode && !member && !invitationCodeSchema.safeParse(code).success) found.invitationCode = t('errors.INVITATION_INVALID');
    if (!consent) found.consent = t('registration.consentMissing');
    return found;
  }

  function focusFirstInvalid(fields: Partial<Record<Field, string>>) {
    const order: Field[] = ['displayName', 'organisation', 'email', 'password', 'invitationCode', 'consent'];
    const first = order.find((f) => fields[f]);
    requestAnimationFrame(() => (first ? document.getElementById(`${id}-${first}`) : alertRef.current)?.focus());
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) return focusFirstInvalid(found);
    setBusy(true);
    try {
      const parsedCode = wantsCode && code.trim() ? invitationCodeSchema.parse(code) : undefined;
      const result = await call('register', {
        params: { slug },
        body: {
          displayName: displayName.trim(),
          organisation: organisation.trim(),
          consent: true,
          noticeVersion: info.notice.version,
          ...(parsedCode ? { invitationCode: parsedCode } : {}),
          ...(user ? {} : { account: { email: email.trim(), password } }),
        },
      });
      useStore.setState((s) => ({ myEvents: { ...s.myEvents, [slug]: result.myEvent }, myEventState: { ...s.myEventState, [slug]: { status: 'ready' } } }));
      await useStore.getState().loadMe();
      navigate(paths.agenda(slug));
    } catch (err) {
      if (!isApiError(err)) throw err;
      setBusy(false);
      if (err.code === 'NOTICE_OUTDATED') {
        setConsent(false);
        onStale();
        setServerError(t('registration.noticeChanged'));
        return focusFirstInvalid({});
      }
      // A refusal after the account was made (the event filled up meanwhile) still signed the person in.
      if (!user) void useStore.getState().loadMe();
      const field = fieldOfError[err.code];
      if (field) {
        const next = { [field]: t(`errors.${err.code}` as 'errors.EMAIL_TAKEN') };
        setErrors(next);
        return focusFirstInvalid(next);
      }
      setServerError(err);
      focusFirstInvalid({});
    }
  }

  const described = (f: Field, hint = false) => [hint ? `${id}-${f}-hint` : '', errors[f] ? `${id}-${f}-error` : ''].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: Field) =>
    errors[f] ? (
      <p className="inline-error" id={`${id}-${f}-error`}>
        {errors[f]}
      </p>
    ) : null;
  const summary = Object.keys(errors).length > 0 ? Object.values(errors).join(' ') : null;

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby={`${id}-intro`}>
      <p id={`${id}-intro`}>{info.mode === 'invitation' && !codeFromLink && !member ? t('registration.needsInvitation') : t('registration.intro')}</p>
      <div ref={alertRef} tabIndex={-1}>
        <FormAlert error={serverError ?? summary} fields={{ displayName: t('registration.displayName'), organisation: t('registration.organisation'), email: t('registration.email'), password: t('registration.password') }} />
      </div>
      {invitation && (
        <p className="notice" role="status">
          {t('registration.invitationValid', { role: t(`role.${invitation.role}` as 'role.attendee').toLocaleLowerCase() })}
          {invitation.label ? ` ${t('registration.invitationLabel', { label: invitation.label })}` : ''}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-displayName`}>{t('registration.displayName')}</label>
        <input id={`${id}-displayName`} type="text" autoComplete="name" required value={displayName} maxLength={100}
          aria-invalid={errors.displayName ? true : undefined} aria-describedby={described('displayName', true)} onChange={(e) => setDisplayName(e.target.value)} />
        <p className="hint" id={`${id}-displayName-hint`}>{t('registration.displayNameHint')}</p>
        {fieldError('displayName')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-organisation`}>{t('registration.organisation')}</label>
        <input id={`${id}-organisation`} type="text" autoComplete="organization" value={organisation} maxLength={200} onChange={(e) => setOrganisation(e.target.value)} />
      </div>
      {!user && (
        <fieldset className="fieldset">
          <legend>{t('registration.accountTitle')}</legend>
          <p className="hint">
            {t('registration.haveAccount')} <Link to={paths.signIn(`${location.pathname}${location.search.toString() ? `?${location.search.toString()}` : ''}`)}>{t('registration.signIn')}</Link>
          </p>
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('registration.email')}</label>
            <input id={`${id}-email`} type="email" autoComplete="email" required value={email}
              aria-invalid={errors.email ? true : undefined} aria-describedby={described('email')} onChange={(e) => setEmail(e.target.value)} />
            {fieldError('email')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('registration.password')}</label>
            <input id={`${id}-password`} type="password" autoComplete="new-password" required minLength={10} value={password}
              aria-invalid={errors.password ? true : undefined} aria-describedby={described('password', true)} onChange={(e) => setPassword(e.target.value)} />
            <p className="hint" id={`${id}-password-hint`}>{t('registration.passwordHint')}</p>
            {fieldError('password')}
          </div>
        </fieldset>
      )}
      {wantsCode && !member && (
        <div className="field">
          <label htmlFor={`${id}-invitationCode`}>{t('registration.invitationCode')}</label>
          <input id={`${id}-invitationCode`} type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} required value={code} maxLength={40}
            aria-invalid={errors.invitationCode ? true : undefined} aria-describedby={described('invitationCode', true)} onChange={(e) => setCode(e.target.value)} />
          <p className="hint" id={`${id}-invitationCode-hint`}>{t('registration.invitationCodeHint')}</p>
          {fieldError('invitationCode')}
        </div>
      )}
      <div className="registration-consent">
        <h2 id={`${id}-notice-title`}>{t('registration.noticeTitle')}</h2>
        <NoticeText notice={info.notice} titleId={`${id}-notice-title`} />
        <p>
          <Link to={paths.registerNotice(slug)}>{t('registration.noticeFull')}</Link>
        </p>
        <div className="checkbox">
          <input id={`${id}-consent`} type="checkbox" required checked={consent}
            aria-invalid={errors.consent ? true : undefined} aria-describedby={described('consent')} onChange={(e) => setConsent(e.target.checked)} />
          <label htmlFor={`${id}-consent`}>{t('registration.consent')}</label>
        </div>
        {fieldError('consent')}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {t('registration.submit')}
        </button>
      </div>
      <div role="status">{busy && <p>{t('registration.sending')}</p>}</div>
    </form>
  );
}

/** `/e/:slug/register/notice`: the whole current privacy notice on a page of its own. */
export function PrivacyNoticePage({ slug }: { slug: string }) {
  const { t } = useI18n();
  const eventName = useStore((s) => s.events[slug]?.name);
  const info = useLoad((signal) => call('registrationInfo', { params: { slug }, signal }), [slug]);
  useDocumentTitle(t('registration.noticeTitle'), eventName);
  useAgenda(slug);
  return (
    <div className="page narrow-page">
      <h1 id="notice-page-title">{eventName ? t('registration.noticePageTitle', { event: eventName }) : t('registration.noticeTitle')}</h1>
      {info.data ? <NoticeText notice={info.data.notice} full titleId="notice-page-title" /> : info.state?.status === 'error' ? <ErrorState error={info.state.error} onRetry={info.reload} /> : <Loading />}
      <p>
        <Link to={paths.register(slug)}>{t('registration.backToRegister')}</Link>
      </p>
    </div>
  );
}
