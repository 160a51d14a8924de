import { chatRoom } from './rooms.ts';
import type { IO } from './types.ts';

/** Upvote counts, batched per room a few times a second: a popular question must not cost a broadcast per click. */
export class QuestionVoteBatcher {
  private pending = new Map<string, Map<string, number>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly io: IO, private readonly intervalMs = 250) {}

  add(eventId: string, sessionId: string, questionId: string, votes: number): void {
    const room = chatRoom(eventId, sessionId);
    let counts = this.pending.get(room);
    if (!counts) this.pending.set(room, (counts = new Map()));
    counts.set(questionId, votes);
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
    for (const [room, counts] of batch) this.io.to(room).emit('question:votes', { votes: Object.fromEntries(counts) });
  }
}
