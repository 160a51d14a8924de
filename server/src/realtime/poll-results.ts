import type { FastifyBaseLogger } from 'fastify';
import type { PollsService } from '../modules/polls/polls.service.ts';
import { chatRoom, moderatorRoom } from './rooms.ts';
import type { IO } from './types.ts';

/**
 * Poll results go out at most every `intervalMs` per poll, only after answers changed, each with a higher version
 * (clients keep the highest: latest wins). They are recomputed from the database, so every node's votes count.
 * A closing poll's final results skip the throttle.
 */
export class PollResultsBroadcaster {
  private readonly dirty = new Set<string>();
  private readonly lastSent = new Map<string, string>();
  private version = 0;
  private busy = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly io: IO, private readonly polls: PollsService, private readonly log: FastifyBaseLogger, private readonly intervalMs = 250) {}

  markDirty(pollId: string): void {
    this.dirty.add(pollId);
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
    if (this.busy || this.dirty.size === 0) return;
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

  /** Sends now; `force` for a final result, which goes out even if it equals the last one. */
  async send(pollId: string, force: boolean): Promise<void> {
    const msg = await this.polls.resultsMessage(pollId, this.nextVersion());
    if (!msg) return;
    // What people would see, without the version: revealing hidden results changes the audience's cut only.
    const key = JSON.stringify([msg.full.results, msg.full.voters, msg.full.final, msg.audience.results !== null]);
    if (!force && this.lastSent.get(pollId) === key) return;
    this.lastSent.set(pollId, key);
    const room = chatRoom(msg.eventId, msg.sessionId);
    const mods = moderatorRoom(msg.eventId, msg.sessionId);
    this.io.to(room).except(mods).emit('poll:results', msg.audience);
    this.io.to(mods).emit('poll:results', msg.full);
  }
}
