import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services.ts';
import type { PresenceTracker } from './presence.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { ReactionAggregator } from './reactions.ts';
import type { IO } from './types.ts';

/** What feature socket adapters may use: services for the domain, the rest for socket-level concerns. */
export interface RealtimeDeps {
  io: IO;
  services: Services;
  presence: PresenceTracker;
  reactions: ReactionAggregator;
  limits: { commands: RateLimiter; chat: RateLimiter; reactions: RateLimiter };
  log: FastifyBaseLogger;
}
