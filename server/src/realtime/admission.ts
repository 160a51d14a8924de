import { AppError } from '../errors.ts';

/**
 * Admission control for handshakes: at most `concurrency` are worked on at once, up to `maxQueue` more wait their
 * turn, and anyone beyond that is refused at once with a typed retry-after instead of piling onto the event loop.
 * In a reconnect storm this keeps each handshake fast (the database pool and the loop are not swamped) and tells
 * the surplus when to come back, so the clients' own backoff spreads them out.
 */
export class Admission {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Handshakes finished in the last second, for the retry-after estimate. */
  private finished = 0;
  private rate = 0;
  private rateAt = Date.now();
  readonly stats = { admitted: 0, refused: 0, maxWaiting: 0 };

  constructor(private readonly concurrency = 32, private readonly maxQueue = 2_000) {}

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once admitted; throws RATE_LIMITED (with retryAfterSeconds) when full. */
  async enter(): Promise<() => void> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxQueue) {
        this.stats.refused += 1;
        throw new AppError('RATE_LIMITED', 'The server is busy letting people in; try again shortly', { retryAfterSeconds: this.retryAfter() });
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.stats.maxWaiting = Math.max(this.stats.maxWaiting, this.waiting.length + 1);
    } else this.active += 1;
    this.stats.admitted += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.tick();
      const next = this.waiting.shift();
      // The slot passes straight to the next in line.
      if (next) next();
      else this.active -= 1;
    };
  }

  private tick(): void {
    const now = Date.now();
    if (now - this.rateAt >= 1000) {
      this.rate = (this.finished * 1000) / (now - this.rateAt);
      this.finished = 0;
      this.rateAt = now;
    }
    this.finished += 1;
  }

  /** Seconds until the queue has room again at the recent rate: at least 1, at most 30. */
  private retryAfter(): number {
    const perSecond = Math.max(this.rate, 50);
    return Math.min(30, Math.max(1, Math.ceil(this.waiting.length / perSecond)));
  }
}
