import { endpoint } from './endpoint.ts';

/** Films for the stage: upload, list, remove: the endpoints, spread into `api`. */
export const filmApi = {
} satisfies Record<string, ReturnType<typeof endpoint>>;
