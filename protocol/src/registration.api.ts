import { z } from 'zod';
import { idSchema, myEventSchema, privacyNoticeSchema, slugSchema } from './agenda.ts';
import { endpoint } from './endpoint.ts';
import {
  attendeeImportReportSchema, attendeeImportSchema, attendeeSchema, consentInputSchema, invitationCheckSchema, invitationCodeSchema,
  invitationInputSchema, invitationSchema, privacyNoticeInputSchema, registerSchema, registrationInfoSchema, registrationPatchSchema,
  registrationResultSchema,
} from './registration.ts';

const bySlug = z.object({ slug: slugSchema });
const bySlugAndId = z.object({ slug: slugSchema, id: idSchema });

/** Registration, invitations, consent and attendee lists: the endpoints, spread into `api`. */
export const registrationApi = {
  registrationInfo: endpoint({ method: 'GET', path: '/api/events/:slug/registration', tag: 'registration', summary: 'Who may register, places taken, and the privacy notice to consent to', params: bySlug, body: undefined, response: registrationInfoSchema }),
  updateRegistration: endpoint({ method: 'PATCH', path: '/api/events/:slug/registration', tag: 'registration', summary: 'Set the registration mode and capacity (organiser)', params: bySlug, body: registrationPatchSchema, response: registrationInfoSchema }),
  register: endpoint({ method: 'POST', path: '/api/events/:slug/register', tag: 'registration', summary: 'Register for an event with consent to its privacy notice; signed-out people create their account in the same step', params: bySlug, body: registerSchema, response: registrationResultSchema }),
  checkInvitation: endpoint({ method: 'POST', path: '/api/events/:slug/invitations/check', tag: 'registration', summary: 'Whether an invitation code is valid, and the role it grants', params: bySlug, body: z.strictObject({ code: invitationCodeSchema }), response: invitationCheckSchema }),
  giveConsent: endpoint({ method: 'POST', path: '/api/events/:slug/consent', tag: 'registration', summary: 'Consent to the current privacy notice (members)', params: bySlug, body: consentInputSchema, response: myEventSchema }),

  listInvitations: endpoint({ method: 'GET', path: '/api/events/:slug/invitations', tag: 'registration', summary: 'Invitations with their uses (organiser)', params: bySlug, body: undefined, response: z.array(invitationSchema) }),
  createInvitation: endpoint({ method: 'POST', path: '/api/events/:slug/invitations', tag: 'registration', summary: 'Make an invitation link (organiser)', params: bySlug, body: invitationInputSchema, response: invitationSchema, status: 201 }),
  revokeInvitation: endpoint({ method: 'POST', path: '/api/events/:slug/invitations/:id/revoke', tag: 'registration', summary: 'Withdraw an invitation; registrations made with it stay (organiser)', params: bySlugAndId, body: undefined, response: invitationSchema }),

  listPrivacyNotices: endpoint({ method: 'GET', path: '/api/events/:slug/privacy-notices', tag: 'registration', summary: 'Every version of the privacy notice, newest first (organiser)', params: bySlug, body: undefined, response: z.array(privacyNoticeSchema) }),
  publishPrivacyNotice: endpoint({ method: 'POST', path: '/api/events/:slug/privacy-notices', tag: 'registration', summary: 'Publish a new version of the privacy notice; members are asked to consent again (organiser)', params: bySlug, body: privacyNoticeInputSchema, response: privacyNoticeSchema, status: 201 }),

  listAttendees: endpoint({ method: 'GET', path: '/api/events/:slug/attendees', tag: 'members', summary: 'Members with organisation, registration time and consent version (organiser)', params: bySlug, body: undefined, response: z.array(attendeeSchema) }),
  importAttendees: endpoint({ method: 'POST', path: '/api/events/:slug/attendees/import', tag: 'members', summary: 'Add members from a CSV file (email, name, organisation, role) and report every row not taken (organiser)', params: bySlug, body: attendeeImportSchema, response: attendeeImportReportSchema }),
  removeMember: endpoint({ method: 'DELETE', path: '/api/events/:slug/members/:id', tag: 'members', summary: 'Remove a member from the event (organiser)', params: bySlugAndId, body: undefined, response: z.null(), status: 204 }),
  attendeesCsv: endpoint({
    method: 'GET', path: '/api/events/:slug/attendees.csv', tag: 'members', summary: 'The member list as CSV; `?excel=1` for Swedish Excel (`;`, byte order mark) (organiser)',
    params: bySlug, query: z.object({ excel: z.enum(['0', '1']).optional() }), body: undefined, response: z.string(), produces: 'csv',
  }),
} satisfies Record<string, ReturnType<typeof endpoint>>;
