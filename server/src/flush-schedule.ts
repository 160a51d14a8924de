/**
 * When a queue written in batches is flushed: at once when a full batch waits, else `maxDelayMs` after the first
 * waiting item; one flush at a time, and the next scheduled when one ends with items left. Shared by the vote
 * writer and the handshake lookup, which differ only in what a flush does.
 */
export class FlushSchedule {
  #timer: NodeJS.Timeout | undefined;
  #running = false;

  constructor(
    private readonly waiting: () => number,
    private readonly flush: () => Promise<void>,
    private readonly maxBatch: () => number,
    private readonly maxDelayMs: () => number,
  ) {}

  get running(): boolean {
    return this.#running;
  }

  /** Called after queueing an item. */
  schedule(): void {
    if (this.#running) return;
    if (this.waiting() >= this.maxBatch()) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      void this.flush();
    } else if (!this.#timer) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.flush();
      }, this.maxDelayMs());
    }
  }

  /** Runs one flush's work unless one is running or nothing waits; schedules the next if items are left. */
  async exclusive(work: () => Promise<void>): Promise<void> {
    if (this.#running || this.waiting() === 0) return;
    this.#running = true;
    try {
      await work();
    } finally {
      this.#running = false;
      if (this.waiting() > 0) this.schedule();
    }
  }
}
