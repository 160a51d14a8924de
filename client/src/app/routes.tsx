import { lazy, Suspense, type ReactNode } from 'react';
import { AgendaPage } from '../features/agenda/AgendaPage.tsx';
import { SignInPage, SignUpPage } from '../features/auth/AuthPages.tsx';
import { EventsPage } from '../features/events/EventsPage.tsx';
import { NewEventPage } from '../features/events/NewEventPage.tsx';
import { MyAgendaPage } from '../features/personal/MyAgendaPage.tsx';
import { LobbyPage } from '../features/room/LobbyPage.tsx';
import { SessionPage } from '../features/session/SessionPage.tsx';
import { GuestJoinPage } from '../features/guests/GuestJoinPage.tsx';
import { AccountPage } from '../features/privacy/AccountPage.tsx';
import { PrivacyNoticePage, RegisterPage } from '../features/registration/RegisterPage.tsx';
import { Loading } from '../ui/Async.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { bareRoutes, routePatterns } from './paths.ts';
import { matchPath } from './router.tsx';

export type RouteName = keyof typeof routePatterns | 'notFound';

export interface ResolvedRoute {
  name: RouteName;
  /** The event the page belongs to, for the event navigation. */
  slug: string | null;
  /** Shown without the site's header and footer (the presenter view). */
  bare: boolean;
  render: () => ReactNode;
}

// Organisers' and presenters' pages are loaded when first opened: most visitors never need them.
const ManagePage = lazy(() => import('../features/organiser/ManagePage.tsx').then((m) => ({ default: m.ManagePage })));
const BackstagePage = lazy(() => import('../features/stage/BackstagePage.tsx').then((m) => ({ default: m.BackstagePage })));
const PresenterPage = lazy(() => import('../features/interaction/PresenterPage.tsx').then((m) => ({ default: m.PresenterPage })));
const later = (page: ReactNode) => <Suspense fallback={<div className="page"><Loading /></div>}>{page}</Suspense>;

const pages: Record<keyof typeof routePatterns, (p: Record<string, string>) => ReactNode> = {
  events: () => <EventsPage />,
  newEvent: () => <NewEventPage />,
  present: (p) => later(<PresenterPage key={`${p.slug}/${p.id}`} slug={p.slug!} id={p.id!} />),
  session: (p) => <SessionPage key={`${p.slug}/${p.id}`} slug={p.slug!} id={p.id!} />,
  backstage: (p) => later(<BackstagePage key={`${p.slug}/${p.stageId}`} slug={p.slug!} stageId={p.stageId!} />),
  my: (p) => <MyAgendaPage key={p.slug} slug={p.slug!} />,
  lobby: (p) => <LobbyPage key={p.slug} slug={p.slug!} />,
  manage: (p) => later(<ManagePage key={p.slug} slug={p.slug!} />),
  registerNotice: (p) => <PrivacyNoticePage key={p.slug} slug={p.slug!} />,
  register: (p) => <RegisterPage key={p.slug} slug={p.slug!} />,
  agenda: (p) => <AgendaPage key={p.slug} slug={p.slug!} />,
  signIn: () => <SignInPage />,
  signUp: () => <SignUpPage />,
  join: () => <GuestJoinPage />,
  account: () => <AccountPage />,
};

/** The page for a pathname: the first pattern that matches, else "not found". */
export function resolveRoute(pathname: string): ResolvedRoute {
  for (const name of Object.keys(routePatterns) as (keyof typeof routePatterns)[]) {
    const params = matchPath(routePatterns[name], pathname);
    if (params) return { name, slug: params.slug ?? null, bare: bareRoutes.has(name), render: () => pages[name](params) };
  }
  return { name: 'notFound', slug: null, bare: false, render: () => <NotFoundPage /> };
}
