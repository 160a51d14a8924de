import type { z } from 'zod';

/** HTTP methods the API uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Documents the API serves for other tools (calendars, spreadsheets, schedule readers, images): the content type of each. */
export const documentTypes = {
  csv: 'text/csv; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  /** A JSON document in another tool's format (schedule.json), sent as written rather than through a response schema. */
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
} as const;
export type DocumentType = keyof typeof documentTypes;

/**
 * What a successful answer is, when it is not the API's own JSON: a document (`documentTypes`), `bytes` (a stored
 * file in its own content type, streamed, answering `Range` with 206 or 416), or `redirect` (a browser navigation:
 * `status` 302 or 303 with a Location).
 */
export type Produces = DocumentType | 'bytes' | 'redirect';

/** One HTTP endpoint: the single declaration both the server route and the client call use. */
export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  O extends Produces | undefined = Produces | undefined,
> {
  method: Method;
  /** Fastify-style path, e.g. `/api/events/:slug`. */
  path: string;
  summary: string;
  tag: string;
  params: P;
  /** The query string's fields, parsed like params; undefined when the endpoint reads none. */
  query: Q;
  body: B;
  /** Set when the body is not JSON: `body` then only documents the form's fields, and the route reads the stream itself. */
  bodyType?: 'multipart/form-data';
  /** Schema of the success body (status `status`); for `produces`, what it documents (a string, or the file's bytes). */
  response: R;
  /** Set when the success body is not the API's JSON. */
  produces: O;
  status: 200 | 201 | 204 | 302 | 303;
}

/** Declares an endpoint; `status` defaults to 200, and `query` and `produces` to none (the API's JSON). */
export function endpoint<
  P extends z.ZodType,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
  Q extends z.ZodType | undefined = undefined,
  O extends Produces | undefined = undefined,
>(
  e: Omit<Endpoint<P, B, R, Q, O>, 'status' | 'query' | 'produces'> & { status?: Endpoint['status']; query?: Q; produces?: O },
  // NoInfer: a table's `satisfies Record<string, Endpoint>` must not widen an entry's query and produces to "any".
): Endpoint<P, B, R, NoInfer<Q>, NoInfer<O>> {
  return { status: 200, query: undefined as Q, produces: undefined as O, ...e };
}

/** Fills `:name` segments of a path. */
export function buildPath(path: string, params: Record<string, string>): string {
  return path.replace(/:([a-zA-Z]+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}

type QueryOf<E extends Endpoint> = E['query'] extends z.ZodType ? z.input<E['query']> : never;
type PathArgs<E extends Endpoint> = [E['query']] extends [z.ZodType]
  ? [params: z.input<E['params']>, query?: QueryOf<E>]
  : [params: z.input<E['params']>];

/**
 * Where an endpoint is, for a link or an `<img>`/`<video>` source: its path with the params filled and the query
 * appended (fields left undefined are left out). Links to exports and files derive from the endpoint this way.
 */
export function pathTo<E extends Endpoint>(e: E, ...[params, query]: PathArgs<E>): string {
  const path = buildPath(e.path, params as Record<string, string>);
  const fields = Object.entries((query ?? {}) as Record<string, string | number | boolean | undefined>).filter(([, v]) => v !== undefined);
  return fields.length === 0 ? path : `${path}?${fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}
