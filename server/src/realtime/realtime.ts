import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { handshakeAuthSchema, PROTOCOL_VERSION, type ConnectRefusal, type Poll, type Reaction, type Room } from '@samling/protocol';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from '../modules/auth/auth.routes.ts';
import { chatSocket } from '../modules/chat/chat.socket.ts';
import { moderationSocket } from '../modules/moderation/moderation.socket.ts';
import { agendaSocket } from '../modules/agenda/agenda.socket.ts';
import { pollsSocket } from '../modules/polls/polls.socket.ts';
import { qaSocket } from '../modules/qa/qa.socket.ts';
import { stageRoom, stageSocket } from '../modules/stage/stage.socket.ts';
import { filmSocket } from '../modules/film/film.socket.ts';
import { PollResultsBroadcaster } from './poll-results.ts';
import { RoomBatcher } from './room-batcher.ts';
import { PresenceTracker } from './presence.ts';
import { RateLimiter } from './rate-limit.ts';
import { Admission } from './admission.ts';
import { lazyFeatures } from './command.ts';
import { accountRoom, browserRoom, chatRoom, eventRoom, moderatorRoom, userRoom } from './rooms.ts';
import type { RealtimeDeps } from './deps.ts';
import type { IO, RealtimeSocket } from './types.ts';

export interface Realtime extends Omit<RealtimeDeps, 'services' | 'log'> {
  nodeId: string;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The typed reason a refused client receives in `connect_error.data`. */
function refusal(err: unknown): Error & { data: ConnectRefusal } {
  const e = err instanceof AppError ? err : new AppError('INTERNAL', 'Could not connect');
  return Object.assign(new Error(e.message), { data: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
}

/**
 * Socket.IO on Fastify's HTTP server: the handshake (Origin, protocol version, cookie, membership, ban), the
 * per-feature command adapters, and the one place where domain events become socket rooms and messages.
 */
export async function attachRealtime(app: FastifyInstance): Promise<Realtime> {
  const { config, services } = app;
  const log = app.log.child({ module: 'realtime' });
  const nodeId = randomUUID();
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 }) : null;
  if (redis) await redis.connect();

  const io: IO = new Server(app.server, {
    path: '/socket.io',
    serveClient: false,
    // Commands are small; a chat line is 1,000 characters. Anything near this is not a client of ours.
    maxHttpBufferSize: 64 * 1024,
    // Browsers always send Origin on a WebSocket; a page from elsewhere must not ride the user's cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || config.allowedOrigins.includes(origin));
    },
    ...(config.connectionRecovery ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false } } : {}),
    // Messages are small JSON; compressing them per socket costs more memory and CPU than it saves on the wire.
    perMessageDeflate: false,
    httpCompression: false,
    ...(redis ? { adapter: createAdapter(redis, { streamName: `${config.redisPrefix}:socket.io`, sessionKeyPrefix: `${config.redisPrefix}:sio:session:` }) } : {}),
  });

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

  const admission = new Admission();
  io.use(async (socket, next) => {
    let release: (() => void) | undefined;
    try {
      release = await admission.enter();
      const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) throw new AppError('VALIDATION_FAILED', 'The handshake needs { protocolVersion, eventSlug }');
      if (auth.data.protocolVersion !== PROTOCOL_VERSION) {
        throw new AppError('PROTOCOL_MISMATCH', `This server speaks protocol ${PROTOCOL_VERSION}; reload the page`);
      }
      // Signed in, a member, not banned: one batched statement for the handshakes arriving together.
      const admitted = await services.handshakes.admit(cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE), auth.data.eventSlug);
      socket.data = { eventSlug: auth.data.eventSlug, ...admitted };
      presence.register(socket.id, admitted.userId);
      next();
    } catch (err) {
      if (!(err instanceof AppError)) log.error({ err }, 'handshake failed');
      next(refusal(err));
    } finally {
      release?.();
    }
  });

  const deps: RealtimeDeps = { io, presence, reactions, limits, log, services };
  // Each feature's commands are registered on a socket when it first uses one (a crowd's sockets stay small).
  const withFeatures = lazyFeatures([chatSocket, moderationSocket, agendaSocket, pollsSocket, qaSocket, stageSocket, filmSocket].map((f) => (s: RealtimeSocket) => f(s, deps)));
  io.on('connection', (socket: RealtimeSocket) => {
    const { eventId, userId } = socket.data;
    if (!socket.recovered) void socket.join([eventRoom(eventId), userRoom(eventId, userId), accountRoom(userId), browserRoom(socket.data.authSessionId)]);
    socket.on('disconnect', () => presence.unregister(socket.id));
    // What the handshake needed is in socket.data now: the HTTP upgrade request and its headers need not live as long
    // as the connection (Socket.IO's advice for memory per connection).
    (socket.conn as unknown as { request: unknown }).request = null;
    socket.handshake.headers = {};
    withFeatures(socket);
  });

  // Domain events → rooms. Emitted on the node where the change happened; the adapter carries them to the others.
  const { bus } = services;
  bus.on('chat.posted', ({ eventId, message }) => io.to(chatRoom(eventId, message.room)).emit('chat:posted', message));
  bus.on('chat.deleted', ({ eventId, room, messageId }) => io.to(chatRoom(eventId, room)).emit('chat:deleted', { room, messageId }));
  bus.on('chat.pinned', ({ eventId, room, message }) => io.to(chatRoom(eventId, room)).emit('chat:pinned', { room, message }));
  bus.on('chat.configured', ({ eventId, room, chat }) => io.to(chatRoom(eventId, room)).emit('chat:configured', { room, chat }));
  // Each node keeps a room's shared state (recent messages, settings, pin, session status) for people joining it:
  // a change here drops it on the other nodes too.
  const roomChanged = (eventId: string, room: Room) => {
    if (redis) io.serverSideEmit('rooms:changed', { eventId, room });
  };
  bus.on('chat.posted', ({ eventId, message }) => roomChanged(eventId, message.room));
  bus.on('chat.deleted', ({ eventId, room }) => roomChanged(eventId, room));
  bus.on('chat.pinned', ({ eventId, room }) => roomChanged(eventId, room));
  bus.on('chat.configured', ({ eventId, room }) => roomChanged(eventId, room));
  bus.on('session.statusChanged', ({ eventId, session }) => {
    services.chat.forgetRoom(eventId, session.id);
    roomChanged(eventId, session.id);
  });
  io.on('rooms:changed', ({ eventId, room }) => services.chat.forgetRoom(eventId, room));
  bus.on('member.muted', ({ eventId, userId, mutedUntil }) => {
    services.memberCache.changed(eventId, userId);
    io.to(userRoom(eventId, userId)).emit('moderation:muted', { mutedUntil });
  });
  bus.on('member.removed', ({ eventId, userId }) => io.in(userRoom(eventId, userId)).disconnectSockets(true));
  bus.on('member.banned', ({ eventId, userId, reason }) => {
    services.memberCache.changed(eventId, userId);
    io.to(userRoom(eventId, userId)).emit('moderation:banned', { reason });
    io.in(userRoom(eventId, userId)).disconnectSockets(true);
  });
  // Through the adapter, so the account's connections on every node go.
  bus.on('account.sessionsEnded', ({ userId }) => io.in(accountRoom(userId)).disconnectSockets(true));
  bus.on('account.signedOut', ({ authSessionId }) => io.in(browserRoom(authSessionId)).disconnectSockets(true));
  // Everyone in a purged event connects again, through the handshake: those whose role went are refused there.
  bus.on('event.purged', ({ eventId }) => {
    services.memberCache.forget(eventId);
    io.in(eventRoom(eventId)).disconnectSockets(false);
  });
  // A room's state kept on a node must not show a deleted author, or a purged chat.
  const forgetRooms = (rooms: { eventId: string; room: Room }[]) => rooms.forEach(({ eventId, room }) => {
    services.chat.forgetRoom(eventId, room);
    roomChanged(eventId, room);
  });
  bus.on('account.deleted', ({ chatRooms }) => forgetRooms(chatRooms));
  bus.on('event.purged', ({ eventId, chatRooms }) => forgetRooms(chatRooms.map((room) => ({ eventId, room }))));
  bus.on('session.statusChanged', ({ eventId, session }) => io.to(eventRoom(eventId)).emit('session:statusChanged', { sessionId: session.id, status: session.status }));
  bus.on('agenda.changed', ({ eventId }) => io.to(eventRoom(eventId)).emit('agenda:changed', {}));
  // The audience's view of a poll hides a quiz's answer until it closes; moderators always get theirs.
  const sendPoll = (eventId: string, poll: Poll, moderatorView: Poll) => {
    const mods = moderatorRoom(eventId, poll.sessionId);
    io.to(chatRoom(eventId, poll.sessionId)).except(mods).emit('poll:updated', poll);
    io.to(mods).emit('poll:updated', moderatorView);
  };
  // Each node counts every node's votes and sends results to its own sockets: what changes a poll here is told to
  // the other nodes (committed votes to count, or "count again"), never the results themselves.
  bus.on('poll.updated', ({ eventId, poll, moderatorView }) => {
    sendPoll(eventId, poll, moderatorView);
    if (poll.status === 'open') pollResults.reopened(poll.id);
    if (redis) io.serverSideEmit('polls:changed', { pollId: poll.id, sessionId: poll.sessionId, closed: false, open: poll.status === 'open' });
  });
  bus.on('poll.voted', ({ pollId, sessionId, votes }) => {
    pollResults.markDirty(pollId);
    if (redis) {
      if (votes) io.serverSideEmit('polls:votes', { pollId, votes });
      else io.serverSideEmit('polls:changed', { pollId, sessionId, closed: false, open: false });
    }
  });
  const sendFinal = (pollId: string) => void pollResults.send(pollId, true).catch((err: unknown) => log.error({ err }, 'final poll results failed'));
  bus.on('poll.closed', ({ eventId, poll, moderatorView }) => {
    sendPoll(eventId, poll, moderatorView);
    sendFinal(poll.id);
    if (redis) io.serverSideEmit('polls:changed', { pollId: poll.id, sessionId: poll.sessionId, closed: true, open: false });
  });
  io.on('polls:votes', ({ pollId, votes }) => {
    services.polls.applyRemoteVotes(pollId, votes);
    pollResults.markDirty(pollId);
  });
  io.on('polls:changed', ({ pollId, sessionId, closed, open }) => {
    services.polls.forget(pollId, sessionId);
    if (open) pollResults.reopened(pollId);
    if (closed) sendFinal(pollId);
    else pollResults.markDirty(pollId);
  });
  io.on('members:changed', ({ eventId, userId }) => services.memberCache.forget(eventId, userId));
  if (redis) services.memberCache.onChange = (eventId, userId) => io.serverSideEmit('members:changed', { eventId, userId });
  bus.on('question.updated', ({ eventId, question, askerId }) => {
    const room = chatRoom(eventId, question.sessionId);
    const mods = moderatorRoom(eventId, question.sessionId);
    if (question.status === 'approved') io.to(room).emit('question:updated', question);
    else {
      // Pending and hidden questions are for moderators (and a pending one for its asker); the rest see it go.
      const private_ = askerId && question.status === 'pending' ? [mods, userRoom(eventId, askerId)] : [mods];
      io.to(private_).emit('question:updated', question);
      if (question.status === 'hidden') io.to(room).except(mods).emit('question:removed', { questionId: question.id });
    }
  });
  bus.on('question.voted', ({ eventId, sessionId, questionId, votes }) => questionVotes.update(chatRoom(eventId, sessionId), (batch) => {
    batch[questionId] = votes;
  }));
  bus.on('stage.updated', ({ eventId, stageId, state, userIds }) => {
    io.to([stageRoom(eventId, stageId), ...userIds.map((u) => userRoom(eventId, u))]).emit('stage:updated', state);
  });
  bus.on('stage.producerAdded', ({ eventId, stageId, producer }) => io.to(stageRoom(eventId, stageId)).emit('stage:producerAdded', { stageId, producer }));
  bus.on('stage.producerRemoved', ({ eventId, stageId, producerId, userId }) => {
    io.to(stageRoom(eventId, stageId)).emit('stage:producerRemoved', { stageId, producerId, userId });
  });
  // A connection's id is also a room of its own: only those who lost their media are told.
  bus.on('stage.restarted', ({ stageId, connectionIds }) => {
    if (connectionIds.length > 0) io.to(connectionIds).emit('stage:restarted', { stageId });
  });
  // A film plays for everyone in the rooms of the stage's sessions (no media join needed to watch it) and on the stage.
  bus.on('film.changed', ({ eventId, sessionIds, film }) => {
    io.to([stageRoom(eventId, film.stageId), ...sessionIds.map((id) => chatRoom(eventId, id))]).emit('stage:filmChanged', film);
  });
  bus.on('qa.configured', ({ eventId, sessionId, premoderation }) => io.to(chatRoom(eventId, sessionId)).emit('qa:configured', { room: sessionId, premoderation }));

  // Timed polls close themselves; every node looks, the database makes each close happen once.
  const pollClock = setInterval(() => {
    void services.polls.closeExpired((eventId, sessionId) => presence.viewers(chatRoom(eventId, sessionId))).catch((err: unknown) => log.error({ err }, 'closing timed polls failed'));
  }, 500);
  pollClock.unref();

  presence.start();
  reactions.start();
  pollResults.start();
  questionVotes.start();
  app.addHook('preClose', async () => {
    presence.stop();
    reactions.stop();
    pollResults.stop();
    questionVotes.stop();
    clearInterval(pollClock);
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
