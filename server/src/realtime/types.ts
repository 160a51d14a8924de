import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, ServerToClientEvents } from '@samling/protocol';
import type { NodeMessages } from '../node-sync.ts';

/** What the handshake established about a connection; one connection serves one event. */
export interface SocketData {
  userId: string;
  authSessionId: string;
  displayName: string;
  role: Role;
  eventId: string;
  eventSlug: string;
}

/** Between nodes (through the adapter): the node-to-node messages of `NodeSync`. */
export type InterServerEvents = { [K in keyof NodeMessages]: (message: NodeMessages[K]) => void };
export type IO = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
