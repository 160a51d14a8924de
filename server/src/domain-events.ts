import { EventEmitter } from 'node:events';
import type { ChatMessage, ChatSettings, Poll, Question, Room, Session, StageFilm, StageProducer, StageState } from '@samling/protocol';

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
  /** An organiser removed someone from the event: their open connections to it must go. */
  'member.removed': { eventId: string; userId: string };
  /** Every browser session of an account ended (sign out everywhere, account deleted): its live connections must go too. */
  'account.sessionsEnded': { userId: string };
  /** One browser signed out: the connections it opened must go too. */
  'account.signedOut': { authSessionId: string };
  /** An account was deleted: its chat messages in these rooms now have no author (shared room state must be read again). */
  'account.deleted': { userId: string; chatRooms: { eventId: string; room: Room }[] };
  /** An event's personal data was purged: its chat is gone (these rooms) and only organisers and moderators remain members. */
  'event.purged': { eventId: string; chatRooms: Room[] };
  /** A poll's state changed (launched, reopened, reset, revealed): the audience's view of it. */
  'poll.updated': { eventId: string; poll: Poll; moderatorView: Poll };
  /** A poll closed: its final results must go out, whatever the throttle. */
  'poll.closed': { eventId: string; sessionId: string; poll: Poll; moderatorView: Poll };
  /**
   * Answers of a poll changed. With `votes`: these were committed here and are counted already (other nodes count
   * them on hearing of them); without: something else changed (reset, hidden answer), and results are counted again.
   */
  'poll.voted': {
    eventId: string; sessionId: string; pollId: string;
    votes?: { id: string; userId: string; ballot: import('@samling/protocol').Ballot; createdAt: string; hidden: boolean }[];
  };
  /** A question appeared or changed; `visible` says whether the audience may see it. */
  'question.updated': { eventId: string; question: Question; askerId: string | null };
  'question.voted': { eventId: string; sessionId: string; questionId: string; votes: number };
  'qa.configured': { eventId: string; sessionId: string; premoderation: boolean };
  /** Who is on a stage changed, or a producer was muted: to the stage, and to `userIds` (put on or taken off it). */
  'stage.updated': { eventId: string; stageId: string; state: StageState; userIds: string[] };
  'stage.producerAdded': { eventId: string; stageId: string; producer: StageProducer };
  'stage.producerRemoved': { eventId: string; stageId: string; producerId: string; userId: string };
  /** These connections lost their media on the stage (a worker died) and must join it again. */
  'stage.restarted': { eventId: string; stageId: string; connectionIds: string[] };
  /** A stage's film changed: to the rooms of the sessions on that stage (`sessionIds`) and to the stage's room. */
  'film.changed': { eventId: string; sessionIds: string[]; film: StageFilm };
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
