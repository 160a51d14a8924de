import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, Role, Room, ServerToClientEvents } from '@samling/protocol';
import type { CommittedVote } from '../modules/polls/polls.service.ts';

/** What the handshake established about a connection; one connection serves one event. */
export interface SocketData {
  userId: string;
  authSessionId: string;
  displayName: string;
  role: Role;
  eventId: string;
  eventSlug: string;
}

/** Between nodes (through the adapter): what each node needs to keep its own live poll results and caches right. */
export type InterServerEvents = {
  /** Votes committed on the sending node: count them here too. */
  'polls:votes': (m: { pollId: string; votes: CommittedVote[] }) => void;
  /** A poll changed on the sending node (state or answers): read it again; `closed` asks for its final results here. */
  'polls:changed': (m: { pollId: string; sessionId: string; closed: boolean; open: boolean }) => void;
  /** A chat room's shared state changed on the sending node (a message, settings, the session's status). */
  'rooms:changed': (m: { eventId: string; room: Room }) => void;
  /** A person's role or ban in an event changed on the sending node. */
  'members:changed': (m: { eventId: string; userId: string }) => void;
};
export type IO = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
