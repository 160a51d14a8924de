/**
 * Collects updates per room and sends each room one message per interval: a burst of taps or upvotes costs a
 * few broadcasts a second, never one per click.
 */
export class RoomBatcher<State> {
  private pending = new Map<string, State>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly empty: () => State,
    private readonly send: (roomName: string, state: State) => void,
    private readonly intervalMs = 250,
  ) {}

  /** Folds one update into the room's pending batch. */
  update(roomName: string, apply: (state: State) => void): void {
    let state = this.pending.get(roomName);
    if (!state) this.pending.set(roomName, (state = this.empty()));
    apply(state);
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
    for (const [roomName, state] of batch) this.send(roomName, state);
  }
}
