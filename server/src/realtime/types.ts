import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@samling/protocol';

/** What the handshake established about a connection; one connection serves one event. */
export interface SocketData {
  userId: string;
  authSessionId: string;
  displayName: string;
  role: Role;
  eventId: string;
  eventSlug: string;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type InterServerEvents = {};
export type IO = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
