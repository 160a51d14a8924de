import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Reaction, Room } from '@samling/protocol';
import { PollResultsBroadcaster } from './poll-results.ts';
import { RoomBatcher } from './room-batcher.ts';
import { PresenceTracker } from './presence.ts';
import { RateLimiter } from './rate-limit.ts';
import { lazyFeatures } from './command.ts';
import { acceptConnections } from './handshake.ts';
import { runLivePolls } from './live-polls.ts';
import { deliverDomainEvents } from './to-sockets.ts';
import type { SocketServer } from './server.ts';
import type { FeatureSocket, RealtimeDeps } from './deps.ts';
import type { RealtimeSocket } from './types.ts';

export interface Realtime extends Omit<RealtimeDeps, 'services' | 'log'> {
  nodeId: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

/**
 * Live rooms on the Socket.IO server: the handshake, the feature adapters `app.ts` hands in (registered on a socket at
 * its first command of theirs), domain events to rooms (`to-sockets.ts`), live poll results, viewer counts and the
 * batched reactions and upvotes, and their timers, stopped when the app closes.
 */
export function attachRealtime(app: FastifyInstance, { io, redis }: SocketServer, features: FeatureSocket[]): Realtime {
  const { config, services } = app;
  const log = app.log.child({ module: 'realtime' });
  const nodeId = randomUUID();

  const presence = new PresenceTracker(io, redis ? { client: redis, prefix: config.redisPrefix } : null, nodeId);
  // Through the adapter: each node sends its own batch to the room on every node.
  const reactions = new RoomBatcher<{ room: Room; counts: Partial<Record<Reaction, number>> }>(
    () => ({ room: 'lobby', counts: {} }),
    (roomName, batch) => io.to(roomName).emit('reaction:counted', batch),
  );
  const questionVotes = new RoomBatcher<Record<string, number>>(
    () => ({}),
    (roomName, votes) => io.to(roomName).emit('question:votes', { votes }),
  );
  const pollResults = new PollResultsBroadcaster(io, services.polls, log);
  const limits = {
    commands: new RateLimiter(30, 10),
    chat: new RateLimiter(5, 1),
    reactions: new RateLimiter(20, 10),
  };
  const sweep = setInterval(() => Object.values(limits).forEach((l) => l.sweep()), 60_000);
  sweep.unref();

  const deps: RealtimeDeps = { io, presence, reactions, limits, log, services };
  // Each feature's commands are registered on a socket when it first uses one (a crowd's sockets stay small).
  const withFeatures = lazyFeatures(features.map((f) => (s: RealtimeSocket) => f(s, deps)));
  acceptConnections(io, { services, presence, log, withFeatures });
  deliverDomainEvents(services.bus, io, questionVotes);
  const stopPollClock = runLivePolls({ bus: services.bus, sync: services.sync, polls: services.polls, results: pollResults, presence, log });

  presence.start();
  reactions.start();
  pollResults.start();
  questionVotes.start();
  app.addHook('preClose', async () => {
    presence.stop();
    reactions.stop();
    pollResults.stop();
    questionVotes.stop();
    stopPollClock();
    clearInterval(sweep);
    io.local.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      io.engine.close();
      resolve();
    });
  });
  app.addHook('onClose', async () => {
    await redis?.quit().catch(() => {});
  });
  return { io, presence, reactions, limits, nodeId };
}
