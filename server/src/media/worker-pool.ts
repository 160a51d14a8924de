import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { BaseLogger } from 'pino';
import { AppError } from '../errors.ts';
import { loadMediasoup, type ms } from './mediasoup.ts';

/** The log calls media objects make (a pino logger, or Fastify's). */
export type MediaLog = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

export interface WorkerPoolOptions {
  /** How many worker processes. */
  size: number;
  workerBin: string;
  minPort: number;
  maxPort: number;
  log: MediaLog;
  /** First delay before replacing a dead worker; doubles while workers keep dying, up to `maxRespawnDelayMs`. */
  respawnDelayMs?: number;
  maxRespawnDelayMs?: number;
}

/** What lives on one worker, counted from mediasoup's observer events (so it is what mediasoup holds, not what we think). */
export interface WorkerLoad {
  routers: number;
  transports: number;
  producers: number;
  consumers: number;
}

interface Slot {
  index: number;
  worker: ms.Worker | null;
  load: WorkerLoad;
  /** Deaths in a row without a minute of life between them: sets the backoff. */
  deathsInRow: number;
  startedAt: number;
  respawn: NodeJS.Timeout | null;
}

type PoolEvents = {
  /** A worker process died; every router on it is already closed. */
  died: [index: number, pid: number];
  /** A replacement worker runs in the slot. */
  respawned: [index: number, pid: number];
};

const emptyLoad = (): WorkerLoad => ({ routers: 0, transports: 0, producers: 0, consumers: 0 });
const STABLE_MS = 60_000;

/**
 * N mediasoup worker processes (one per core by default). A worker that dies is replaced after a backoff and
 * `died` / `respawned` are emitted; stages on it are the rooms' business. Started on first use, so a server whose
 * worker binary is still being built starts anyway and answers UNAVAILABLE until the binary is there.
 */
export class WorkerPool extends EventEmitter<PoolEvents> {
  readonly #o: Required<WorkerPoolOptions>;
  readonly #slots: Slot[];
  #starting: Promise<void> | null = null;
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    super();
    this.#o = { respawnDelayMs: 250, maxRespawnDelayMs: 10_000, ...options };
    this.#slots = Array.from({ length: options.size }, (_, index) => ({ index, worker: null, load: emptyLoad(), deathsInRow: 0, startedAt: 0, respawn: null }));
  }

  get size(): number {
    return this.#slots.length;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Whether the worker binary exists; without it the stage is unavailable. */
  binaryPresent(): boolean {
    return fs.existsSync(this.#o.workerBin);
  }

  /** Starts every worker once; a failed start (no binary yet) is retried by the next call. */
  start(): Promise<void> {
    if (this.#closed) return Promise.reject(new AppError('UNAVAILABLE', 'The media server is shutting down'));
    this.#starting ??= this.#startAll().catch((err: unknown) => {
      this.#starting = null;
      throw err;
    });
    return this.#starting;
  }

  async #startAll(): Promise<void> {
    if (!this.binaryPresent()) {
      this.#o.log.warn({ workerBin: this.#o.workerBin }, 'mediasoup worker binary missing: run `node scripts/samling.mjs setup`; the stage is unavailable until then');
      throw new AppError('UNAVAILABLE', 'Live video is not available on this server yet (its media worker is not built)');
    }
    const results = await Promise.allSettled(this.#slots.map((slot) => this.#spawn(slot)));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length === results.length) {
      this.#o.log.error({ err: failed[0]!.reason }, 'no mediasoup worker could start');
      throw new AppError('UNAVAILABLE', 'Live video is not available on this server right now');
    }
    // Some started: the others are retried like dead workers.
    for (const slot of this.#slots) if (!slot.worker && !this.#closed) this.#scheduleRespawn(slot);
  }

  async #spawn(slot: Slot): Promise<ms.Worker> {
    const mediasoup = await loadMediasoup(this.#o.workerBin);
    const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: this.#o.minPort, rtcMaxPort: this.#o.maxPort, appData: { slot: slot.index } });
    if (this.#closed) {
      worker.close();
      throw new AppError('UNAVAILABLE', 'The media server is shutting down');
    }
    slot.worker = worker;
    slot.load = emptyLoad();
    slot.startedAt = Date.now();
    this.#count(worker, slot.load);
    worker.on('died', (err) => this.#died(slot, worker, err));
    this.#o.log.info({ slot: slot.index, pid: worker.pid }, 'mediasoup worker started');
    return worker;
  }

  /** Keeps `load` in step with what the worker holds, through mediasoup's observers. */
  #count(worker: ms.Worker, load: WorkerLoad): void {
    const track = (key: keyof WorkerLoad, observer: { once(e: 'close', l: () => void): unknown }) => {
      load[key]++;
      observer.once('close', () => load[key]--);
    };
    worker.observer.on('newrouter', (router) => {
      track('routers', router.observer);
      router.observer.on('newtransport', (transport) => {
        track('transports', transport.observer);
        transport.observer.on('newproducer', (producer) => track('producers', producer.observer));
        transport.observer.on('newconsumer', (consumer) => track('consumers', consumer.observer));
      });
    });
  }

  #died(slot: Slot, worker: ms.Worker, err: Error): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    slot.deathsInRow = Date.now() - slot.startedAt > STABLE_MS ? 1 : slot.deathsInRow + 1;
    this.#o.log.error({ slot: slot.index, pid: worker.pid, err }, 'mediasoup worker died; replacing it');
    this.emit('died', slot.index, worker.pid);
    if (!this.#closed) this.#scheduleRespawn(slot);
  }

  #scheduleRespawn(slot: Slot): void {
    if (slot.respawn) return;
    const delay = Math.min(this.#o.maxRespawnDelayMs, this.#o.respawnDelayMs * 2 ** Math.max(0, slot.deathsInRow - 1));
    slot.respawn = setTimeout(() => {
      slot.respawn = null;
      if (this.#closed) return;
      this.#spawn(slot).then(
        (worker) => this.emit('respawned', slot.index, worker.pid),
        (err: unknown) => {
          slot.deathsInRow++;
          this.#o.log.error({ slot: slot.index, err }, 'mediasoup worker did not start; trying again');
          this.#scheduleRespawn(slot);
        },
      );
    }, delay);
    slot.respawn.unref();
  }

  /**
   * The least loaded live worker (fewest consumers, then fewest routers), leaving out `exclude`d slots. Waits
   * briefly for a replacement when every worker is down; null when only excluded workers are alive.
   */
  async pick(exclude: ReadonlySet<number> = new Set()): Promise<{ index: number; worker: ms.Worker } | null> {
    await this.start();
    const live = () => this.#slots.filter((s) => s.worker && !s.worker.closed);
    if (live().length === 0) await this.#waitForRespawn(10_000);
    const candidates = live().filter((s) => !exclude.has(s.index));
    if (candidates.length === 0) return null;
    const best = candidates.reduce((a, b) => (b.load.consumers < a.load.consumers || (b.load.consumers === a.load.consumers && b.load.routers < a.load.routers) ? b : a));
    return { index: best.index, worker: best.worker! };
  }

  #waitForRespawn(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('respawned', done);
        reject(new AppError('UNAVAILABLE', 'The media server is restarting; try again in a moment'));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.once('respawned', done);
    });
  }

  /** Each slot's worker (null while it is being replaced) and what it holds. */
  workers(): { index: number; pid: number | null; worker: ms.Worker | null; load: WorkerLoad }[] {
    return this.#slots.map((s) => ({ index: s.index, pid: s.worker?.pid ?? null, worker: s.worker, load: { ...s.load } }));
  }

  /** Stops every worker; idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const slot of this.#slots) {
      if (slot.respawn) clearTimeout(slot.respawn);
      slot.respawn = null;
      slot.worker?.close();
      slot.worker = null;
    }
    this.removeAllListeners();
  }
}
