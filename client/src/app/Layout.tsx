import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { atLeast, type Language } from '@samling/protocol';
import { isApiError, type ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.ts';
import { useStore } from '../store/index.ts';
import { useErrorText } from '../ui/Async.tsx';
import { roleIn } from '../features/auth/auth.slice.ts';
import { ConnectionBanner } from '../features/room/ConnectionBanner.tsx';
import { useEventConnection } from '../features/room/useEventConnection.ts';
import { AccountDeletedNotice } from '../features/privacy/AccountPage.tsx';
import { Link, useLocation } from './router.tsx';
import { paths } from './paths.ts';
import type { ResolvedRoute } from './routes.tsx';

/** Header (site name, navigation, account, language), the main landmark and the footer. */
export function Layout({ route, children }: { route: ResolvedRoute; children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // One realtime connection per event, open while a member is on any of its pages.
  useEventConnection(route.slug);

  // After a client-side navigation, start the keyboard and screen reader at the new page's content.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToMain')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to={paths.events()} className="brand">
            <span className="brand-mark" aria-hidden="true" />
            {t('app.name')}
          </Link>
          <nav className="site-nav" aria-label={t('nav.label')}>
            <ul>
              <li>
                <Link to={paths.events()} aria-current={route.name === 'events' ? 'page' : undefined}>
                  {t('nav.events')}
                </Link>
              </li>
            </ul>
          </nav>
          <div className="header-tools">
            <Account route={route} />
            <LanguageSelect />
          </div>
        </div>
        {route.slug && <EventNav slug={route.slug} route={route} />}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {route.slug && <ConnectionBanner />}
        {route.name === 'events' && <AccountDeletedNotice />}
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

/** A page on its own (the presenter view on the hall's screen): no header, navigation or footer; the event's connection still opens. */
export function BareLayout({ route, children }: { route: ResolvedRoute; children: ReactNode }) {
  useEventConnection(route.slug);
  return (
    <main id="main" className="bare-main" tabIndex={-1}>
      {route.slug && <ConnectionBanner />}
      {children}
    </main>
  );
}

function EventNav({ slug, route }: { slug: string; route: ResolvedRoute }) {
  const { t } = useI18n();
  const eventName = useStore((s) => s.events[slug]?.name);
  const role = useStore((s) => roleIn(s.memberships, slug));
  const isOrganiser = atLeast(role, 'organiser');
  const current = (name: ResolvedRoute['name']) => (route.name === name ? ('page' as const) : undefined);
  return (
    <nav className="event-nav" aria-label={t('nav.eventLabel')}>
      <div className="event-nav-inner">
        {eventName && <span className="event-nav-name">{eventName}</span>}
        <ul>
          <li>
            <Link to={paths.agenda(slug)} aria-current={current('agenda')}>
              {t('nav.program')}
            </Link>
          </li>
          <li>
            <Link to={paths.my(slug)} aria-current={current('my')}>
              {t('nav.my')}
            </Link>
          </li>
          {role && (
            <li>
              <Link to={paths.lobby(slug)} aria-current={current('lobby')}>
                {t('nav.lobby')}
              </Link>
            </li>
          )}
          {isOrganiser && (
            <li>
              <Link to={paths.manage(slug)} aria-current={current('manage')}>
                {t('nav.manage')}
              </Link>
            </li>
          )}
        </ul>
      </div>
    </nav>
  );
}

function Account({ route }: { route: ResolvedRoute }) {
  const { t } = useI18n();
  const location = useLocation();
  const user = useStore((s) => s.user);
  const signOut = useStore((s) => s.signOut);
  const [signedOutEverywhere, setSignedOutEverywhere] = useState(false);
  const signInLink = useRef<HTMLAnchorElement>(null);

  // After "Logga ut överallt" the menu is gone; the keyboard continues at the way back in.
  useEffect(() => {
    if (signedOutEverywhere && !user) signInLink.current?.focus();
  }, [signedOutEverywhere, user]);
  useEffect(() => {
    if (user) setSignedOutEverywhere(false);
  }, [user]);

  let content: ReactNode = null;
  if (user) {
    content = (
      <>
        <AccountMenu name={user.displayName} onSignedOutEverywhere={() => setSignedOutEverywhere(true)} />
        <button type="button" className="button button-small button-secondary" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </>
    );
  } else if (route.name !== 'signIn' && route.name !== 'signUp') {
    // On the sign-in and sign-up pages the form itself is the way in.
    content = (
      <Link ref={signInLink} to={paths.signIn(location.href)} className="button button-small">
        {t('nav.signIn')}
      </Link>
    );
  }
  return (
    <div className="account">
      {content}
      <div className="visually-hidden" role="status">
        {signedOutEverywhere && !user ? t('nav.signedOutEverywhere') : null}
      </div>
    </div>
  );
}

/**
 * The signed-in name opens a small menu (a disclosure, so the header stays one line on phones) with "Logga ut överallt",
 * which asks first: every browser and device of the account is signed out, not just this one.
 */
function AccountMenu({ name, onSignedOutEverywhere }: { name: string; onSignedOutEverywhere: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const signOutEverywhere = useStore((s) => s.signOutEverywhere);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const everywhere = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  // Where focus goes once the panel has rendered: the confirm's safe choice, or back to the item that opened it.
  const focusNext = useRef<'cancel' | 'everywhere' | null>(null);

  useEffect(() => {
    if (focusNext.current === 'cancel') cancel.current?.focus();
    if (focusNext.current === 'everywhere') everywhere.current?.focus();
    focusNext.current = null;
  }, [confirming, open]);

  const close = () => {
    setOpen(false);
    setConfirming(false);
    setError(null);
    toggle.current?.focus();
  };
  const ask = () => {
    focusNext.current = 'cancel';
    setError(null);
    setConfirming(true);
  };
  const back = () => {
    focusNext.current = 'everywhere';
    setConfirming(false);
    setError(null);
  };
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await signOutEverywhere();
      onSignedOutEverywhere();
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(e);
      setBusy(false);
    }
  };

  return (
    <div
      className="account-menu"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        e.stopPropagation();
        if (confirming) back();
        else close();
      }}
    >
      <button
        ref={toggle}
        type="button"
        className="account-toggle"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span className="account-name">{t('nav.signedInAs', { name })}</span>
        <span className="account-caret" aria-hidden="true" />
      </button>
      <div id={`${id}-menu`} className="account-panel" hidden={!open}>
        {confirming ? (
          <div className="chat-confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>{t('nav.signOutEverywhereConfirm')}</p>
            {error && (
              <p className="account-error" role="alert">
                {errorText(error)}
              </p>
            )}
            <div className="form-actions">
              <button type="button" className="button button-small button-danger" aria-disabled={busy || undefined} onClick={() => void confirm()}>
                {busy ? t('nav.signingOut') : t('nav.signOutEverywhere')}
              </button>
              <button ref={cancel} type="button" className="button button-small button-secondary" onClick={back}>
                {t('nav.signOutEverywhereCancel')}
              </button>
            </div>
          </div>
        ) : (
          <>
            <Link to={paths.account()} className="button button-small button-secondary" onClick={() => setOpen(false)}>
              {t('privacy.nav')}
            </Link>
            <button ref={everywhere} type="button" className="button button-small button-secondary" onClick={ask}>
              {t('nav.signOutEverywhere')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

function LanguageSelect() {
  const { t, lang } = useI18n();
  const setLang = useStore((s) => s.setLang);
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('app.language')}</label>
      <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Language)}>
        <option value="sv" lang="sv">
          Svenska
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </div>
  );
}
