/** Every page's address, built in one place so links and the route table agree. */
export const paths = {
  events: () => '/',
  newEvent: () => '/new',
  agenda: (slug: string, day?: string) => `/e/${encodeURIComponent(slug)}${day ? `?day=${day}` : ''}`,
  session: (slug: string, id: string) => `/e/${encodeURIComponent(slug)}/s/${encodeURIComponent(id)}`,
  present: (slug: string, id: string) => `/e/${encodeURIComponent(slug)}/s/${encodeURIComponent(id)}/present`,
  backstage: (slug: string, stageId: string) => `/e/${encodeURIComponent(slug)}/stages/${encodeURIComponent(stageId)}/backstage`,
  my: (slug: string) => `/e/${encodeURIComponent(slug)}/my`,
  lobby: (slug: string) => `/e/${encodeURIComponent(slug)}/lobby`,
  manage: (slug: string) => `/e/${encodeURIComponent(slug)}/manage`,
  signIn: (next?: string) => (next && next !== '/' ? `/signin?next=${encodeURIComponent(next)}` : '/signin'),
  signUp: (next?: string) => (next && next !== '/' ? `/signup?next=${encodeURIComponent(next)}` : '/signup'),
  register: (slug: string, invitation?: string) => `/e/${encodeURIComponent(slug)}/register${invitation ? `?invitation=${encodeURIComponent(invitation)}` : ''}`,
  registerNotice: (slug: string) => `/e/${encodeURIComponent(slug)}/register/notice`,
  join: (code?: string) => (code ? `/join?code=${encodeURIComponent(code)}` : '/join'),
  account: () => '/account',
};

/** The page patterns, most specific first. */
export const routePatterns = {
  events: '/',
  newEvent: '/new',
  present: '/e/:slug/s/:id/present',
  session: '/e/:slug/s/:id',
  backstage: '/e/:slug/stages/:stageId/backstage',
  my: '/e/:slug/my',
  lobby: '/e/:slug/lobby',
  manage: '/e/:slug/manage',
  registerNotice: '/e/:slug/register/notice',
  register: '/e/:slug/register',
  agenda: '/e/:slug',
  signIn: '/signin',
  signUp: '/signup',
  join: '/join',
  account: '/account',
} as const;

/** Pages shown without the site's header, navigation and footer (a big screen in the hall). */
export const bareRoutes: ReadonlySet<keyof typeof routePatterns> = new Set(['present']);
