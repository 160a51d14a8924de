import { z } from 'zod';
import {
  agendaSchema, eventSchema, eventInputSchema, eventPatchSchema, idSchema, slugSchema,
  trackSchema, trackInputSchema, trackPatchSchema, stageSchema, stageInputSchema, stagePatchSchema,
  speakerSchema, speakerInputSchema, speakerPatchSchema, sessionInputSchema, sessionPatchSchema,
  sessionResultSchema, myEventSchema, memberSchema, memberInputSchema, importReportSchema, guestAccessSchema, guestJoinSchema, auditEntrySchema,
} from './agenda.ts';
import { pollInputSchema, pollPatchSchema, pollSchema } from './polls.ts';
import { meSchema, signInSchema, signUpSchema, userSchema } from './auth.ts';

import { endpoint } from './endpoint.ts';
import { registrationApi } from './registration.api.ts';
import { privacyApi } from './privacy.api.ts';
import { filmApi } from './film.api.ts';

export { endpoint, buildPath, pathTo, documentTypes, type Endpoint, type DocumentType, type Produces, type Method } from './endpoint.ts';

const none = z.object({});
const empty = z.null();
const bySlug = z.object({ slug: slugSchema });
const bySlugAndId = z.object({ slug: slugSchema, id: idSchema });

/** Every endpoint of the HTTP API: JSON, and the documents, files and redirects (`produces`). */
export const api = {
  ...registrationApi,
  ...privacyApi,
  ...filmApi,
  health: endpoint({
    method: 'GET', path: '/api/health', tag: 'system', summary: 'Liveness and database reachability',
    params: none, body: undefined,
    response: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), uptimeSeconds: z.number() }),
  }),

  metrics: endpoint({
    method: 'GET', path: '/api/metrics', tag: 'system', summary: 'Process figures for load tests and monitoring (needs the metrics token)',
    params: none, body: undefined,
    response: z.object({
      rssBytes: z.number(), heapUsedBytes: z.number(), cpuSeconds: z.number(), connections: z.number().int(),
      eventLoopDelayMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
    }),
  }),

  signUp: endpoint({ method: 'POST', path: '/api/auth/signup', tag: 'auth', summary: 'Create an account and sign in', params: none, body: signUpSchema, response: userSchema, status: 201 }),
  signIn: endpoint({ method: 'POST', path: '/api/auth/signin', tag: 'auth', summary: 'Sign in with email and password', params: none, body: signInSchema, response: userSchema }),
  signOut: endpoint({ method: 'POST', path: '/api/auth/signout', tag: 'auth', summary: 'Sign out this browser', params: none, body: undefined, response: empty, status: 204 }),
  signOutEverywhere: endpoint({ method: 'POST', path: '/api/auth/signout-everywhere', tag: 'auth', summary: 'Sign out every browser of this account', params: none, body: undefined, response: empty, status: 204 }),
  me: endpoint({ method: 'GET', path: '/api/auth/me', tag: 'auth', summary: 'Who is signed in, and their roles', params: none, body: undefined, response: meSchema }),

  listEvents: endpoint({ method: 'GET', path: '/api/events', tag: 'events', summary: 'All events', params: none, body: undefined, response: z.array(eventSchema) }),
  createEvent: endpoint({ method: 'POST', path: '/api/events', tag: 'events', summary: 'Create an event; the creator becomes its organiser', params: none, body: eventInputSchema, response: eventSchema, status: 201 }),
  getAgenda: endpoint({ method: 'GET', path: '/api/events/:slug', tag: 'events', summary: 'An event with its whole agenda', params: bySlug, body: undefined, response: agendaSchema }),
  updateEvent: endpoint({ method: 'PATCH', path: '/api/events/:slug', tag: 'events', summary: 'Edit an event (organiser)', params: bySlug, body: eventPatchSchema, response: eventSchema }),

  createTrack: endpoint({ method: 'POST', path: '/api/events/:slug/tracks', tag: 'agenda', summary: 'Add a track (organiser)', params: bySlug, body: trackInputSchema, response: trackSchema, status: 201 }),
  updateTrack: endpoint({ method: 'PATCH', path: '/api/events/:slug/tracks/:id', tag: 'agenda', summary: 'Edit a track (organiser)', params: bySlugAndId, body: trackPatchSchema, response: trackSchema }),
  deleteTrack: endpoint({ method: 'DELETE', path: '/api/events/:slug/tracks/:id', tag: 'agenda', summary: 'Remove a track no session uses (organiser)', params: bySlugAndId, body: undefined, response: empty, status: 204 }),

  createStage: endpoint({ method: 'POST', path: '/api/events/:slug/stages', tag: 'agenda', summary: 'Add a stage (organiser)', params: bySlug, body: stageInputSchema, response: stageSchema, status: 201 }),
  updateStage: endpoint({ method: 'PATCH', path: '/api/events/:slug/stages/:id', tag: 'agenda', summary: 'Edit a stage (organiser)', params: bySlugAndId, body: stagePatchSchema, response: stageSchema }),
  deleteStage: endpoint({ method: 'DELETE', path: '/api/events/:slug/stages/:id', tag: 'agenda', summary: 'Remove a stage no session uses (organiser)', params: bySlugAndId, body: undefined, response: empty, status: 204 }),

  createSpeaker: endpoint({ method: 'POST', path: '/api/events/:slug/speakers', tag: 'agenda', summary: 'Add a speaker (organiser)', params: bySlug, body: speakerInputSchema, response: speakerSchema, status: 201 }),
  updateSpeaker: endpoint({ method: 'PATCH', path: '/api/events/:slug/speakers/:id', tag: 'agenda', summary: 'Edit a speaker (organiser)', params: bySlugAndId, body: speakerPatchSchema, response: speakerSchema }),
  deleteSpeaker: endpoint({ method: 'DELETE', path: '/api/events/:slug/speakers/:id', tag: 'agenda', summary: 'Remove a speaker and their session links (organiser)', params: bySlugAndId, body: undefined, response: empty, status: 204 }),

  createSession: endpoint({ method: 'POST', path: '/api/events/:slug/sessions', tag: 'agenda', summary: 'Schedule a session (organiser)', params: bySlug, body: sessionInputSchema, response: sessionResultSchema, status: 201 }),
  updateSession: endpoint({ method: 'PATCH', path: '/api/events/:slug/sessions/:id', tag: 'agenda', summary: 'Edit a session (organiser; status also moderator)', params: bySlugAndId, body: sessionPatchSchema, response: sessionResultSchema }),
  deleteSession: endpoint({ method: 'DELETE', path: '/api/events/:slug/sessions/:id', tag: 'agenda', summary: 'Remove a session (organiser)', params: bySlugAndId, body: undefined, response: empty, status: 204 }),

  myEvent: endpoint({ method: 'GET', path: '/api/events/:slug/me', tag: 'personal', summary: 'My role and starred sessions in this event', params: bySlug, body: undefined, response: myEventSchema }),
  joinEvent: endpoint({ method: 'POST', path: '/api/events/:slug/join', tag: 'personal', summary: 'Join an open event as an attendee', params: bySlug, body: undefined, response: myEventSchema }),
  starSession: endpoint({ method: 'PUT', path: '/api/events/:slug/stars/:id', tag: 'personal', summary: 'Add a session to my agenda', params: bySlugAndId, body: undefined, response: myEventSchema }),
  unstarSession: endpoint({ method: 'DELETE', path: '/api/events/:slug/stars/:id', tag: 'personal', summary: 'Remove a session from my agenda', params: bySlugAndId, body: undefined, response: myEventSchema }),

  listMembers: endpoint({ method: 'GET', path: '/api/events/:slug/members', tag: 'members', summary: 'Members and roles (organiser)', params: bySlug, body: undefined, response: z.array(memberSchema) }),
  setMember: endpoint({ method: 'POST', path: '/api/events/:slug/members', tag: 'members', summary: 'Give an account a role (organiser)', params: bySlug, body: memberInputSchema, response: memberSchema }),

  listPolls: endpoint({
    method: 'GET', path: '/api/events/:slug/sessions/:id/polls', tag: 'polls', summary: 'A session’s polls with participation (moderators)',
    params: bySlugAndId, body: undefined,
    response: z.array(z.object({ poll: pollSchema, voters: z.number().int(), present: z.number().int().nullable() })),
  }),
  createPoll: endpoint({ method: 'POST', path: '/api/events/:slug/sessions/:id/polls', tag: 'polls', summary: 'Prepare a poll on a session (moderators)', params: bySlugAndId, body: pollInputSchema, response: pollSchema, status: 201 }),
  updatePoll: endpoint({ method: 'PATCH', path: '/api/events/:slug/polls/:id', tag: 'polls', summary: 'Edit a poll that has not been launched (moderators)', params: bySlugAndId, body: pollPatchSchema, response: pollSchema }),
  deletePoll: endpoint({ method: 'DELETE', path: '/api/events/:slug/polls/:id', tag: 'polls', summary: 'Remove a poll and its answers (moderators)', params: bySlugAndId, body: undefined, response: empty, status: 204 }),

  guestAccess: endpoint({ method: 'GET', path: '/api/events/:slug/guest-access', tag: 'guests', summary: 'The guest code and link (moderators)', params: bySlug, body: undefined, response: guestAccessSchema }),
  newGuestCode: endpoint({ method: 'POST', path: '/api/events/:slug/guest-access/code', tag: 'guests', summary: 'Replace the guest code (organiser)', params: bySlug, body: undefined, response: guestAccessSchema }),
  guestJoin: endpoint({ method: 'POST', path: '/api/guest/join', tag: 'guests', summary: 'Join an event as a guest by its code', params: none, body: guestJoinSchema, response: z.object({ eventSlug: slugSchema }), status: 201 }),

  auditLog: endpoint({
    method: 'GET', path: '/api/events/:slug/audit', tag: 'members', summary: 'What organisers and moderators did, newest first (organiser)',
    params: bySlug, body: undefined,
    response: z.object({ entries: z.array(auditEntrySchema), hasMore: z.boolean() }),
  }),

  importSchedule: endpoint({ method: 'POST', path: '/api/events/:slug/import', tag: 'interop', summary: 'Import a pretalx/frab schedule.json (organiser)', params: bySlug, body: z.unknown(), response: importReportSchema }),
  scheduleJson: endpoint({ method: 'GET', path: '/api/events/:slug/schedule.json', tag: 'interop', summary: 'The agenda as a frab/pretalx schedule.json', params: bySlug, body: undefined, response: z.unknown(), produces: 'json' }),
  scheduleXml: endpoint({ method: 'GET', path: '/api/events/:slug/schedule.xml', tag: 'interop', summary: 'The agenda as a frab schedule.xml', params: bySlug, body: undefined, response: z.string(), produces: 'xml' }),
  sessionIcs: endpoint({ method: 'GET', path: '/api/events/:slug/sessions/:id/session.ics', tag: 'interop', summary: 'One session as an iCalendar file', params: bySlugAndId, body: undefined, response: z.string(), produces: 'ics' }),
  myAgendaIcs: endpoint({ method: 'GET', path: '/api/events/:slug/my-agenda.ics', tag: 'personal', summary: 'My starred sessions as an iCalendar file', params: bySlug, body: undefined, response: z.string(), produces: 'ics' }),

  pollCsv: endpoint({ method: 'GET', path: '/api/events/:slug/polls/:id/results.csv', tag: 'polls', summary: 'One poll’s results as CSV (moderators)', params: bySlugAndId, body: undefined, response: z.string(), produces: 'csv' }),
  sessionCsv: endpoint({ method: 'GET', path: '/api/events/:slug/sessions/:id/interaction.csv', tag: 'polls', summary: 'A session’s polls and Q&A as CSV (moderators)', params: bySlugAndId, body: undefined, response: z.string(), produces: 'csv' }),

  guestQr: endpoint({
    method: 'GET', path: '/api/events/:slug/guest-qr.svg', tag: 'guests', summary: 'QR code of the guest link (moderators)',
    params: bySlug, body: undefined, response: z.string(), produces: 'svg',
    // The picture is always of the current code; a page puts the code it shows in the address so a new code is a new picture.
    query: z.object({ code: z.string().max(64).optional() }),
  }),
} as const;

export type Api = typeof api;
export type ApiName = keyof Api;
export type ParamsOf<N extends ApiName> = z.input<Api[N]['params']>;
export type BodyOf<N extends ApiName> = Api[N]['body'] extends z.ZodType ? z.input<Api[N]['body']> : undefined;
export type ResponseOf<N extends ApiName> = z.infer<Api[N]['response']>;

