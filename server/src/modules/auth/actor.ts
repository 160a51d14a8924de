/** Who is acting: a signed-in user (with the browser session that proves it) or nobody. */
export type Actor = { userId: string; authSessionId: string } | { userId: null; authSessionId: null };

export const anonymous: Actor = Object.freeze({ userId: null, authSessionId: null });

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}
