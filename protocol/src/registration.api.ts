import { endpoint } from './endpoint.ts';

/** Registration, invitations, consent and attendee lists: the endpoints, spread into `api`. */
export const registrationApi = {
} satisfies Record<string, ReturnType<typeof endpoint>>;
