import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { errorBodySchema, type Endpoint } from '@samling/protocol';
import type { Actor } from '../modules/auth/actor.ts';

type BodyType<E extends Endpoint> = E['body'] extends z.ZodType ? z.infer<E['body']> : undefined;

export interface EndpointContext<E extends Endpoint> {
  actor: Actor;
  params: z.infer<E['params']>;
  body: BodyType<E>;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** Validates params as usual but leaves a streamed (multipart) body to the handler. */
const streamedBody = ((req: Parameters<typeof validatorCompiler>[0]) => (
  req.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(req)
)) as FastifySchemaCompiler<unknown>;

/**
 * Registers one protocol endpoint. The schemas come from `protocol/`: Fastify validates params and body with
 * them, serialises the response through them, and they feed the OpenAPI document. Handlers stay adapters:
 * call a service with the actor, return its result.
 */
export function route<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  handler: (ctx: EndpointContext<E>) => Promise<z.input<E['response']> | void>,
): void {
  const hasParams = Object.keys((endpoint.params as unknown as { shape?: object }).shape ?? {}).length > 0;
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    schema: {
      summary: endpoint.summary,
      tags: [endpoint.tag],
      ...(hasParams ? { params: endpoint.params } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      ...(endpoint.bodyType ? { consumes: [endpoint.bodyType] } : {}),
      response: {
        [endpoint.status]: endpoint.response,
        '4xx': errorBodySchema,
        '5xx': errorBodySchema,
      },
    },
    // A multipart body is read by the handler as a stream; its schema is documentation (OpenAPI), not a validator.
    ...(endpoint.bodyType ? { validatorCompiler: streamedBody } : {}),
    handler: async (request, reply) => {
      const result = await handler({
        actor: request.actor,
        params: request.params as z.infer<E['params']>,
        body: request.body as BodyType<E>,
        request,
        reply,
      });
      reply.code(endpoint.status);
      return endpoint.status === 204 ? reply.send() : result;
    },
  });
}
