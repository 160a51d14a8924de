import { endpoint } from './endpoint.ts';

/** Personal data: download, account deletion, event purge, single sign-on: the endpoints, spread into `api`. */
export const privacyApi = {
} satisfies Record<string, ReturnType<typeof endpoint>>;
