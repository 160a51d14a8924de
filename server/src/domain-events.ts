import { EventEmitter } from 'node:events';
import type { Session } from '@samling/protocol';

/** What services announce; only `realtime/` (to come) turns these into socket rooms and messages. */
export interface DomainEvents {
  'agenda.changed': { eventId: string; slug: string };
  'session.statusChanged': { eventId: string; session: Session };
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
