import type { FastifyBaseLogger } from 'fastify';
import { handshakeAuthSchema, PROTOCOL_VERSION, type ConnectRefusal } from '@samling/protocol';
import { AppError } from '../errors.ts';
import { SESSION_COOKIE } from '../modules/auth/auth.routes.ts';
import type { Services } from '../services.ts';
import { Admission } from './admission.ts';
import type { PresenceTracker } from './presence.ts';
import { accountRoom, browserRoom, eventRoom, userRoom } from './rooms.ts';
import type { IO, RealtimeSocket } from './types.ts';

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
  return Object.assign(new Error(e.message), { data: e.info() });
}

/**
 * Who may connect, and what a connection starts with. The handshake (admission control, protocol version, cookie,
 * membership, ban) fills `socket.data` or refuses with a typed reason; an admitted socket joins its event's, person's,
 * account's and browser's rooms, and `withFeatures` puts the feature adapters' commands on it.
 */
export function acceptConnections(
  io: IO,
  { services, presence, log, withFeatures }: {
    services: Pick<Services, 'handshakes'>;
    presence: PresenceTracker;
    log: FastifyBaseLogger;
    withFeatures: (socket: RealtimeSocket) => void;
  },
): void {
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
}
