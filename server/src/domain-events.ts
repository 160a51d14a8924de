import { EventEmitter } from 'node:events';
import type { ChatMessage, ChatSettings, Room, Session } from '@samling/protocol';

/** What services announce; only `realtime/` turns these into socket rooms and messages. */
export interface DomainEvents {
  'agenda.changed': { eventId: string; slug: string };
  'session.statusChanged': { eventId: string; session: Session };
  'chat.posted': { eventId: string; message: ChatMessage };
  'chat.deleted': { eventId: string; room: Room; messageId: string };
  'chat.pinned': { eventId: string; room: Room; message: ChatMessage | null };
  'chat.configured': { eventId: string; room: Room; chat: ChatSettings };
  'member.muted': { eventId: string; userId: string; mutedUntil: string | null };
  'member.banned': { eventId: string; userId: string; reason: string };
}

export class DomainEventBus {
  private readonly emitter = new EventEmitter();
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void {
    this.emitter.emit(name, payload);
  }
  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
