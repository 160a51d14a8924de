import type { FastifyBaseLogger } from 'fastify';
import type { PollResultsMessage } from '@samling/protocol';
import type { PollsService } from '../modules/polls/polls.service.ts';
import { chatRoom, moderatorRoom } from './rooms.ts';
import type { IO } from './types.ts';

type Results = NonNullable<Awaited<ReturnType<PollsService['resultsMessage']>>>;

/**
 * Poll results go out at most every `intervalMs` per poll, only after answers changed, each with a higher version
 * (clients keep the highest: latest wins). They come from the polls service's live tally (kept vote by vote, every
 * node's votes included), and each node sends them to its own sockets. A closing poll's final results skip the
 * throttle; after them, nothing older goes out for that poll until it opens again.
 */
export class PollResultsBroadcaster {
  private readonly dirty = new Set<string>();
  private readonly lastSent = new Map<string, string>();
  /** Polls whose final results went out: an interim result computed before the close must not follow them. */
  private readonly finals = new Set<string>();
  private version = 0;
  private busy = false;
  /** No interim results before this time: a big room's broadcast is followed by 1.5 times its length without one. */
  private holdUntil = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: IO,
    private readonly polls: Pick<PollsService, 'resultsMessage'>,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs = 250,
  ) {}

  markDirty(pollId: string): void {
    this.dirty.add(pollId);
  }

  /** The poll opened again (reopened or reset): interim results may go out again. */
  reopened(pollId: string): void {
    this.finals.delete(pollId);
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }
  stop(): void {
    clearInterval(this.timer);
  }

  /** Versions grow on every node: a clock reading, never below the last one. */
  private nextVersion(): number {
    this.version = Math.max(this.version + 1, Date.now());
    return this.version;
  }

  async flush(): Promise<void> {
    if (this.busy || this.dirty.size === 0 || Date.now() < this.holdUntil) return;
    this.busy = true;
    const batch = [...this.dirty];
    this.dirty.clear();
    try {
      for (const pollId of batch) await this.send(pollId, false);
    } catch (err) {
      this.log.error({ err }, 'poll results broadcast failed');
    } finally {
      this.busy = false;
    }
  }

  /** Sends now; `final` for a closed poll's results, which go out even if they equal the last ones. */
  async send(pollId: string, final: boolean): Promise<void> {
    // The version is taken when the message leaves, after the (possibly slow) read: order of sending is order of versions.
    const msg = await this.polls.resultsMessage(pollId, 0);
    if (!msg) return;
    if (!final && this.finals.has(pollId)) return;
    // What people would see, without the version: revealing hidden results changes the audience's cut only.
    const key = JSON.stringify([msg.full.results, msg.full.voters, msg.full.final, msg.audience.results !== null]);
    if (!final && this.lastSent.get(pollId) === key) return;
    this.lastSent.set(pollId, key);
    if (final) this.finals.add(pollId);
    const started = performance.now();
    this.emit(msg, this.nextVersion());
    // Latest wins: while a room is so big that sending to it takes long, interim results go out less often, so
    // broadcasting takes at most 40 % of the loop and votes keep being stored and acknowledged meanwhile.
    const hold = 1.5 * (performance.now() - started);
    if (hold > this.intervalMs) this.holdUntil = Math.max(this.holdUntil, Date.now() + hold);
  }

  private emit(msg: Results, version: number): void {
    const full: PollResultsMessage = { ...msg.full, version };
    const audience: PollResultsMessage = msg.audience === msg.full ? full : { ...msg.audience, version };
    const room = chatRoom(msg.eventId, msg.sessionId);
    const mods = moderatorRoom(msg.eventId, msg.sessionId);
    // Each node tells its own sockets: every node counts every node's votes.
    this.io.local.to(room).except(mods).emit('poll:results', audience);
    this.io.local.to(mods).emit('poll:results', full);
  }
}
