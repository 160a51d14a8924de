import { EventEmitter } from 'node:events';
import { AppError } from '../errors.ts';
import { stageCodecs } from './codecs.ts';
import { refusing } from './errors.ts';
import type { ms } from './mediasoup.ts';
import { Peer, type PeerHost, type PeerInfo, type ProducerAppData, type TransportSettings } from './peer.ts';
import type { MediaLog, WorkerPool } from './worker-pool.ts';

export interface StageRoomOptions {
  pool: WorkerPool;
  /** Consumers a router takes before new viewers are sent to a router on another worker. */
  consumersPerRouter: number;
  transportSettings: TransportSettings;
  log: MediaLog;
}

interface RouterSlot {
  router: ms.Router;
  workerIndex: number;
}

/** A router with the stage's codecs; a worker that cannot make one (it is dying) makes the stage unavailable. */
async function openRouter(worker: ms.Worker, stageId: string): Promise<ms.Router> {
  try {
    return await worker.createRouter({ mediaCodecs: stageCodecs, appData: { stageId } });
  } catch {
    throw new AppError('UNAVAILABLE', 'The media server could not open the stage; try again in a moment');
  }
}

type RoomEvents = {
  /** The room is gone: closed by its owner, or its main router's worker died (`workerDied`). Lists the peers it had. */
  close: [reason: 'closed' | 'workerDied', peerIds: string[]];
  /** A viewer router's worker died: these peers were closed and must join again. */
  peersLost: [peerIds: string[]];
  producerAdded: [peer: Peer, producer: ms.Producer<ProducerAppData>];
  /** Not emitted while the whole room goes down. */
  producerClosed: [peer: Peer, producer: ms.Producer<ProducerAppData>];
  /** The last peer left. */
  empty: [];
};

/**
 * The media of one stage. Producers live on one router (the main router, on the least loaded worker); viewers
 * receive there until it carries `consumersPerRouter` consumers, then on routers of this stage on other workers,
 * each fed by `pipeToRouter` from the main router. A router on a worker that dies takes its peers with it: the
 * room reports them (`peersLost`), or, for the main router, closes itself (`close` with `workerDied`).
 */
export class StageRoom extends EventEmitter<RoomEvents> implements PeerHost {
  readonly peers = new Map<string, Peer>();
  readonly #producers = new Map<string, { peer: Peer; producer: ms.Producer<ProducerAppData> }>();
  readonly #extra = new Map<string, RouterSlot>();
  readonly #pipes = new Map<string, Promise<unknown>>();
  #addingRouter: Promise<RouterSlot | null> | null = null;
  #closed = false;

  /** A room with its main router on the least loaded worker. */
  static async create(stageId: string, options: StageRoomOptions): Promise<StageRoom> {
    const picked = await options.pool.pick();
    if (!picked) throw new AppError('UNAVAILABLE', 'No media worker is running');
    const router = await openRouter(picked.worker, stageId);
    return new StageRoom(stageId, { router, workerIndex: picked.index }, options);
  }

  private constructor(readonly stageId: string, private readonly main: RouterSlot, private readonly o: StageRoomOptions) {
    super();
    main.router.once('workerclose', () => this.close('workerDied'));
  }

  get closed(): boolean {
    return this.#closed;
  }

  get sendRouter(): ms.Router {
    return this.main.router;
  }

  get rtpCapabilities(): ms.RtpCapabilities {
    return this.main.router.rtpCapabilities;
  }

  get transportSettings(): TransportSettings {
    return this.o.transportSettings;
  }

  /** A new peer for a connection; a connection that joins again starts afresh. */
  addPeer(id: string, info: PeerInfo): Peer {
    if (this.#closed) throw new AppError('UNAVAILABLE', 'The stage is restarting; join again');
    const previous = this.peers.get(id);
    const peer = new Peer(id, info, this);
    // Replaced before the old one closes, so the room never looks empty in between.
    this.peers.set(id, peer);
    previous?.close();
    peer.on('producerClosed', (producer) => {
      this.#producers.delete(producer.id);
      if (!this.main.router.closed && !this.#closed) this.emit('producerClosed', peer, producer);
    });
    peer.once('close', () => {
      if (this.peers.get(id) === peer) this.peers.delete(id);
      if (this.#closed) return;
      this.#releaseIdleRouters();
      if (this.peers.size === 0) this.emit('empty');
    });
    return peer;
  }

  /** Called by the stage service once a peer's producer exists. */
  addProducer(peer: Peer, producer: ms.Producer<ProducerAppData>): void {
    if (producer.closed) return;
    this.#producers.set(producer.id, { peer, producer });
    this.emit('producerAdded', peer, producer);
  }

  producer(producerId: string): ms.Producer | undefined {
    return this.#producers.get(producerId)?.producer;
  }

  /** Every producer of the stage with its peer. */
  producers(): { peer: Peer; producer: ms.Producer<ProducerAppData> }[] {
    return [...this.#producers.values()];
  }

  async recvRouterFor(_peer: Peer): Promise<ms.Router> {
    const fits = (slot: RouterSlot) => this.#estimatedConsumers(slot.router) + this.#perViewer() <= this.o.consumersPerRouter;
    if (fits(this.main)) return this.main.router;
    const extras = [...this.#extra.values()].sort((a, b) => this.#estimatedConsumers(a.router) - this.#estimatedConsumers(b.router));
    const room = extras.find(fits);
    if (room) return room.router;
    // Every router of the stage is full: one more on a worker the stage does not use yet, if there is one.
    this.#addingRouter ??= this.#addRouter().finally(() => {
      this.#addingRouter = null;
    });
    const added = await this.#addingRouter;
    if (added) return added.router;
    const all = [this.main, ...this.#extra.values()].sort((a, b) => this.#estimatedConsumers(a.router) - this.#estimatedConsumers(b.router));
    return all[0]!.router;
  }

  async pipe(producerId: string, router: ms.Router): Promise<void> {
    if (router === this.main.router) return;
    const key = `${router.id}:${producerId}`;
    let piping = this.#pipes.get(key);
    if (!piping) {
      piping = this.main.router.pipeToRouter({ producerId, router }).then(({ pipeProducer }) => {
        pipeProducer?.observer.once('close', () => this.#pipes.delete(key));
        if (!pipeProducer || pipeProducer.closed) this.#pipes.delete(key);
      });
      piping.catch(() => this.#pipes.delete(key));
      this.#pipes.set(key, piping);
    }
    await refusing('producer', () => piping);
  }

  /** The stage's routers: where they run and how many peers receive on each. */
  routers(): { id: string; workerIndex: number; main: boolean; receivers: number }[] {
    return [this.main, ...this.#extra.values()].map((s) => ({
      id: s.router.id,
      workerIndex: s.workerIndex,
      main: s === this.main,
      receivers: [...this.peers.values()].filter((p) => p.recvRouter === s.router).length,
    }));
  }

  /** Closes every peer and router; idempotent. */
  close(reason: 'closed' | 'workerDied' = 'closed'): void {
    if (this.#closed) return;
    this.#closed = true;
    const peerIds = [...this.peers.keys()];
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.#producers.clear();
    for (const slot of this.#extra.values()) slot.router.close();
    this.#extra.clear();
    this.main.router.close();
    this.o.log.info({ stageId: this.stageId, reason, peers: peerIds.length }, 'stage media closed');
    this.emit('close', reason, peerIds);
    this.removeAllListeners();
  }

  /** What a viewer will consume: every producer of the stage (at least one, so an empty stage still spreads). */
  #perViewer(): number {
    return Math.max(1, this.#producers.size);
  }

  #estimatedConsumers(router: ms.Router): number {
    let n = 0;
    for (const peer of this.peers.values()) if (peer.recvRouter === router) n += Math.max(peer.consumers.size, this.#perViewer());
    return n;
  }

  async #addRouter(): Promise<RouterSlot | null> {
    const used = new Set([this.main.workerIndex, ...[...this.#extra.values()].map((s) => s.workerIndex)]);
    const picked = await this.o.pool.pick(used);
    if (!picked || this.#closed) return null;
    const router = await openRouter(picked.worker, this.stageId);
    if (this.#closed) {
      router.close();
      return null;
    }
    const slot: RouterSlot = { router, workerIndex: picked.index };
    this.#extra.set(router.id, slot);
    router.observer.once('close', () => this.#extra.delete(router.id));
    router.once('workerclose', () => {
      const lost = [...this.peers.values()].filter((p) => p.recvRouter === router);
      for (const peer of lost) peer.close();
      if (lost.length > 0 && !this.#closed) this.emit('peersLost', lost.map((p) => p.id));
    });
    this.o.log.info({ stageId: this.stageId, workerIndex: picked.index, routers: this.#extra.size + 1 }, 'stage spread to another worker');
    return slot;
  }

  /** Viewer routers nobody receives on any more are closed (their pipe transports with them). */
  #releaseIdleRouters(): void {
    for (const slot of this.#extra.values()) {
      if (![...this.peers.values()].some((p) => p.recvRouter === slot.router)) slot.router.close();
    }
  }
}
