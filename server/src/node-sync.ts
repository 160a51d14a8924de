import type { Room } from '@samling/protocol';
import type { DomainEvents } from './domain-events.ts';

/**
 * What one node tells the others so that each keeps its own caches and live poll results right. Never the results
 * or the rooms' state themselves: each node reads or counts those for its own connections.
 */
export interface NodeMessages {
  /** Votes committed on the sending node: count them here too. */
  'polls:votes': { pollId: string; votes: NonNullable<DomainEvents['poll.voted']['votes']> };
  /** A poll changed on the sending node (state or answers): read it again; `closed` asks for its final results here. */
  'polls:changed': { pollId: string; sessionId: string; closed: boolean; open: boolean };
  /** A chat room's shared state changed on the sending node (a message, settings, the session's status). */
  'rooms:changed': { eventId: string; room: Room };
  /** A person's role, mute or ban in an event changed on the sending node. */
  'members:changed': { eventId: string; userId: string };
}

/**
 * The port between nodes, as the services see it. `realtime/node-sync.ts` carries it over the Socket.IO adapter
 * (Redis streams) when there are several nodes; `singleNode` is the one for a node alone.
 */
export interface NodeSync {
  /** Tells every other node; this one is not told (it made the change and knows). */
  publish<K extends keyof NodeMessages>(name: K, message: NodeMessages[K]): void;
  /** Handles what another node published. */
  on<K extends keyof NodeMessages>(name: K, handler: (message: NodeMessages[K]) => void): void;
}

/** A node alone: there is nobody to tell, and nobody tells it anything. */
export const singleNode: NodeSync = {
  publish() {},
  on() {},
};
