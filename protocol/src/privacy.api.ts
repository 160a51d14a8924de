import { z } from 'zod';
import { endpoint } from './endpoint.ts';
import { slugSchema } from './agenda.ts';
import { accountSummarySchema, authProvidersSchema, deleteAccountSchema, eventPrivacySchema, myDataSchema } from './privacy.ts';

const none = z.object({});
const bySlug = z.object({ slug: slugSchema });

/** Personal data: download, account deletion, event purge, single sign-on: the endpoints, spread into `api`. */
export const privacyApi = {
  myData: endpoint({
    method: 'GET', path: '/api/me/data', tag: 'privacy', summary: 'Everything Samling holds about me, as a JSON download',
    params: none, body: undefined, response: myDataSchema,
  }),
  myAccount: endpoint({
    method: 'GET', path: '/api/me', tag: 'privacy', summary: 'My account: whether it has a password, when this browser signed in',
    params: none, body: undefined, response: accountSummarySchema,
  }),
  deleteAccount: endpoint({
    method: 'DELETE', path: '/api/me', tag: 'privacy',
    summary: 'Delete my account (with the password, or the typed phrase for accounts without one); what I wrote stays as by a deleted user',
    params: none, body: deleteAccountSchema, response: z.null(), status: 204,
  }),
  eventPrivacy: endpoint({
    method: 'GET', path: '/api/events/:slug/privacy', tag: 'privacy', summary: 'When the event’s personal data may be purged, and what a purge kept (organiser)',
    params: bySlug, body: undefined, response: eventPrivacySchema,
  }),
  purgeEvent: endpoint({
    method: 'POST', path: '/api/events/:slug/purge', tag: 'privacy', summary: 'Purge the personal data of an ended event; counts stay (organiser)',
    params: bySlug, body: undefined, response: eventPrivacySchema,
  }),
  authProviders: endpoint({
    method: 'GET', path: '/api/auth/providers', tag: 'auth', summary: 'Sign-in methods beside the password (single sign-on)',
    params: none, body: undefined, response: authProvidersSchema,
  }),
  oidcStart: endpoint({
    method: 'GET', path: '/api/auth/oidc/start', tag: 'auth', summary: 'Start single sign-on: redirects to the identity provider',
    params: none, query: z.object({ returnTo: z.string().max(500).optional() }), body: undefined,
    response: z.null(), produces: 'redirect', status: 302,
  }),
  oidcCallback: endpoint({
    method: 'GET', path: '/api/auth/oidc/callback', tag: 'auth', summary: 'Where the identity provider sends the browser back; signs in and redirects',
    params: none, body: undefined, response: z.null(), produces: 'redirect', status: 303,
    // The provider's answer (RFC 6749 §4.1.2, OpenID Connect Core §3.1.2.5), verified as a whole by the sign-in.
    query: z.looseObject({ code: z.string().optional(), state: z.string().optional(), iss: z.string().optional(), error: z.string().optional(), error_description: z.string().optional() }),
  }),
} satisfies Record<string, ReturnType<typeof endpoint>>;
