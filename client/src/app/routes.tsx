import type { ReactNode } from 'react';
import { AgendaPage } from '../features/agenda/AgendaPage.tsx';
import { SignInPage, SignUpPage } from '../features/auth/AuthPages.tsx';
import { EventsPage } from '../features/events/EventsPage.tsx';
import { NewEventPage } from '../features/events/NewEventPage.tsx';
import { ManagePage } from '../features/organiser/ManagePage.tsx';
import { MyAgendaPage } from '../features/personal/MyAgendaPage.tsx';
import { LobbyPage } from '../features/room/LobbyPage.tsx';
import { SessionPage } from '../features/session/SessionPage.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';
import { routePatterns } from './paths.ts';
import { matchPath } from './router.tsx';

export type RouteName = keyof typeof routePatterns | 'notFound';

export interface ResolvedRoute {
  name: RouteName;
  /** The event the page belongs to, for the event navigation. */
  slug: string | null;
  render: () => ReactNode;
}

const pages: Record<keyof typeof routePatterns, (p: Record<string, string>) => ReactNode> = {
  events: () => <EventsPage />,
  newEvent: () => <NewEventPage />,
  session: (p) => <SessionPage key={`${p.slug}/${p.id}`} slug={p.slug!} id={p.id!} />,
  my: (p) => <MyAgendaPage key={p.slug} slug={p.slug!} />,
  lobby: (p) => <LobbyPage key={p.slug} slug={p.slug!} />,
  manage: (p) => <ManagePage key={p.slug} slug={p.slug!} />,
  agenda: (p) => <AgendaPage key={p.slug} slug={p.slug!} />,
  signIn: () => <SignInPage />,
  signUp: () => <SignUpPage />,
};

/** The page for a pathname: the first pattern that matches, else "not found". */
export function resolveRoute(pathname: string): ResolvedRoute {
  for (const name of Object.keys(routePatterns) as (keyof typeof routePatterns)[]) {
    const params = matchPath(routePatterns[name], pathname);
    if (params) return { name, slug: params.slug ?? null, render: () => pages[name](params) };
  }
  return { name: 'notFound', slug: null, render: () => <NotFoundPage /> };
}
