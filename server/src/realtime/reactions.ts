import type { Server } from 'socket.io';
import type { Reaction, Room } from '@samling/protocol';

/** Reactions are summed per room and sent as counts a few times a second, never one message per tap. */
export class ReactionAggregator {
  private pending = new Map<string, { room: Room; counts: Partial<Record<Reaction, number>> }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly io: Server, private readonly intervalMs = 250) {}

  add(roomName: string, room: Room, reaction: Reaction): void {
    let entry = this.pending.get(roomName);
    if (!entry) this.pending.set(roomName, (entry = { room, counts: {} }));
    entry.counts[reaction] = (entry.counts[reaction] ?? 0) + 1;
  }

  start(): void {
    this.timer = setInterval(() => this.flush(), this.intervalMs);
    this.timer.unref();
  }
  stop(): void {
    clearInterval(this.timer);
  }

  flush(): void {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    // Through the adapter: each node sends its own batch to the room on every node.
    for (const [roomName, { room, counts }] of batch) this.io.to(roomName).emit('reaction:counted', { room, counts });
  }
}
