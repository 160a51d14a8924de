import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { documentTypes, errorBodySchema, type DocumentType, type Endpoint } from '@samling/protocol';
import type { Actor } from '../modules/auth/actor.ts';
import { sendFile, type StoredFile } from './stored-file.ts';

type Parsed<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface EndpointContext<E extends Endpoint> {
  actor: Actor;
  params: z.infer<E['params']>;
  query: Parsed<E['query']>;
  body: Parsed<E['body']>;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A document's text; with `filename` it is offered as a download of that name. */
export interface Document {
  body: string;
  filename?: string;
}

/** Where the browser goes next. */
export interface Redirect {
  location: string;
}

/** What a handler returns: the JSON response's input, or what its `produces` says. */
export type Answer<E extends Endpoint> = E['produces'] extends DocumentType
  ? Document
  : E['produces'] extends 'bytes'
    ? StoredFile
    : E['produces'] extends 'redirect'
      ? Redirect
      : z.input<E['response']> | void;

/** Validates params and query as usual but leaves a streamed (multipart) body to the handler. */
const streamedBody = ((req: Parameters<typeof validatorCompiler>[0]) => (
  req.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(req)
)) as FastifySchemaCompiler<unknown>;

const hasFields = (schema: z.ZodType | undefined) => schema !== undefined && Object.keys((schema as unknown as { shape?: object }).shape ?? {}).length > 0;

/**
 * Registers one protocol endpoint. The schemas come from `protocol/`: Fastify parses params, query and body with
 * them (a handler gets their parsed values, never the raw request's), serialises a JSON response through its schema,
 * and they feed the OpenAPI document. A non-JSON endpoint (`produces`) answers with a document, a stored file (with
 * Range) or a redirect. Handlers stay adapters: call a service with the actor, return its result.
 */
export function route<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: (ctx: EndpointContext<E>) => Promise<Answer<E>>,
): void {
  const { produces } = endpoint;
  const okStatuses = produces === 'bytes' ? [200, 206] : [endpoint.status];
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    schema: {
      summary: endpoint.summary,
      tags: [endpoint.tag],
      ...(hasFields(endpoint.params) ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      ...(endpoint.bodyType ? { consumes: [endpoint.bodyType] } : {}),
      ...(produces && produces !== 'redirect' ? { produces: [produces === 'bytes' ? 'application/octet-stream' : documentTypes[produces]] } : {}),
      response: {
        ...Object.fromEntries(okStatuses.map((s) => [s, endpoint.response])),
        '4xx': errorBodySchema,
        '5xx': errorBodySchema,
      },
    },
    // A multipart body is read by the handler as a stream; its schema is documentation (OpenAPI), not a validator.
    ...(endpoint.bodyType ? { validatorCompiler: streamedBody } : {}),
    handler: async (request, reply) => {
      // Fastify has parsed these with the endpoint's schemas: their types are the schemas' outputs.
      const answer = await handler({
        actor: request.actor,
        params: request.params as z.infer<E['params']>,
        query: request.query as Parsed<E['query']>,
        body: request.body as Parsed<E['body']>,
        request,
        reply,
      });
      if (produces === 'redirect') return reply.redirect((answer as Redirect).location, endpoint.status);
      if (produces === 'bytes') return sendFile(request, reply, answer as StoredFile);
      if (produces) {
        const doc = answer as Document;
        reply.code(endpoint.status).type(documentTypes[produces]);
        if (doc.filename) reply.header('content-disposition', `attachment; filename="${doc.filename}"`);
        return reply.send(doc.body);
      }
      reply.code(endpoint.status);
      return endpoint.status === 204 ? reply.send() : answer;
    },
  });
}
