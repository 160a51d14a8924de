import type { FastifyBaseLogger } from 'fastify';
import type { Services } from '../services.ts';
import type { PresenceTracker } from './presence.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { Reaction, Room } from '@samling/protocol';
import type { RoomBatcher } from './room-batcher.ts';
import type { IO, RealtimeSocket } from './types.ts';

/** What feature socket adapters may use: services for the domain, the rest for socket-level concerns. */
export interface RealtimeDeps {
  io: IO;
  services: Services;
  presence: PresenceTracker;
  reactions: RoomBatcher<{ room: Room; counts: Partial<Record<Reaction, number>> }>;
  limits: { commands: RateLimiter; chat: RateLimiter; reactions: RateLimiter };
  log: FastifyBaseLogger;
}

/** A feature's socket adapter (`chatSocket` and the like): registers its commands on one socket. `app.ts` lists them. */
export type FeatureSocket = (socket: RealtimeSocket, deps: RealtimeDeps) => void;
