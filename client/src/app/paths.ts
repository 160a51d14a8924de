/** Every page's address, built in one place so links and the route table agree. */
export const paths = {
  events: () => '/',
  newEvent: () => '/new',
  agenda: (slug: string, day?: string) => `/e/${encodeURIComponent(slug)}${day ? `?day=${day}` : ''}`,
  session: (slug: string, id: string) => `/e/${encodeURIComponent(slug)}/s/${encodeURIComponent(id)}`,
  my: (slug: string) => `/e/${encodeURIComponent(slug)}/my`,
  lobby: (slug: string) => `/e/${encodeURIComponent(slug)}/lobby`,
  manage: (slug: string) => `/e/${encodeURIComponent(slug)}/manage`,
  signIn: (next?: string) => (next && next !== '/' ? `/signin?next=${encodeURIComponent(next)}` : '/signin'),
  signUp: (next?: string) => (next && next !== '/' ? `/signup?next=${encodeURIComponent(next)}` : '/signup'),
};

/** The page patterns, most specific first. */
export const routePatterns = {
  events: '/',
  newEvent: '/new',
  session: '/e/:slug/s/:id',
  my: '/e/:slug/my',
  lobby: '/e/:slug/lobby',
  manage: '/e/:slug/manage',
  agenda: '/e/:slug',
  signIn: '/signin',
  signUp: '/signup',
} as const;
