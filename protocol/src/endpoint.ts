import type { z } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP endpoint: the single declaration both the server route and the client call use. */
export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** Fastify-style path, e.g. `/api/events/:slug`. */
  path: string;
  summary: string;
  tag: string;
  params: P;
  body: B;
  /** Set when the body is not JSON: `body` then only documents the form's fields, and the route reads the stream itself. */
  bodyType?: 'multipart/form-data';
  /** Schema of the success body (status `status`). */
  response: R;
  status: 200 | 201 | 204;
}

export function endpoint<P extends z.ZodType, B extends z.ZodType | undefined, R extends z.ZodType>(
  e: Omit<Endpoint<P, B, R>, 'status'> & { status?: 200 | 201 | 204 },
): Endpoint<P, B, R> {
  return { status: 200, ...e };
}


