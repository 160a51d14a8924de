import type { FastifyBaseLogger } from 'fastify';
import type {
  DtlsParameters, IceParameters, MediaKind, PreferredLayers, RtpCapabilities, RtpParameters, StageConsumerOptions, StageJoined, StageLayout,
  StageProducer, StageSource, StageState, StageTransportOptions,
} from '@samling/protocol';
import type { MediaConfig } from '../../config.ts';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError, forbidden, notFound, unauthenticated } from '../../errors.ts';
import type { ms } from '../../media/mediasoup.ts';
import type { Direction, Peer, ProducerAppData } from '../../media/peer.ts';
import { StageRoom } from '../../media/stage-room.ts';
import { WorkerPool } from '../../media/worker-pool.ts';
import type { Actor } from '../auth/actor.ts';
import { atLeast, requireRole, roleOfUser } from '../events/access.ts';
import { iceServersFor } from './ice-servers.ts';

/** One agenda Stage as this node knows it: who a moderator put on it, and its media while anyone is there. */
interface StageEntry {
  eventId: string;
  stageId: string;
  /** userId → display name, in the order they went on stage. */
  onStage: Map<string, string>;
  layout: StageLayout;
  room: StageRoom | null;
  opening: Promise<StageRoom> | null;
}

function requireUser(actor: Actor): string {
  if (!actor.userId) throw unauthenticated();
  return actor.userId;
}

const toStageProducer = (producer: ms.Producer<ProducerAppData>): StageProducer => ({
  id: producer.id,
  userId: producer.appData.userId,
  kind: producer.kind,
  source: producer.appData.source,
  paused: producer.paused,
});

/**
 * The stage's live video: joining a stage's media, the WebRTC signaling, and who is on stage. Moderators put
 * speakers on stage; only people on stage may send (NOT_ON_STAGE otherwise); everyone in the event may watch.
 * Signaling is per connection (`connectionId`): a browser tab that reconnects joins again. The on-stage list and
 * the media live on this node.
 */
export class StageService {
  readonly pool: WorkerPool;
  readonly #stages = new Map<string, StageEntry>();
  readonly #log: FastifyBaseLogger;
  #closing = false;

  constructor(private readonly prisma: Prisma, private readonly bus: DomainEventBus, private readonly config: MediaConfig, log: FastifyBaseLogger) {
    this.#log = log.child({ module: 'stage' });
    this.pool = new WorkerPool({
      size: config.workers,
      workerBin: config.workerBin,
      minPort: config.minPort,
      maxPort: config.maxPort,
      log: log.child({ module: 'media' }),
    });
  }

  /**
   * Joins this connection to a stage's media (again, if it was there): what the browser loads its device with. A
   * backstage connection (speakers and up) is listed as present in the state until it leaves.
   */
  async join(actor: Actor, eventId: string, connectionId: string, stageId: string, backstage = false): Promise<StageJoined> {
    await requireRole(this.prisma, actor, eventId, backstage ? 'speaker' : 'guest');
    const userId = requireUser(actor);
    await this.#requireStage(eventId, stageId);
    const { displayName } = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true } });
    const entry = this.#entry(eventId, stageId);
    const room = await this.#room(entry);
    const peer = room.addPeer(connectionId, { userId, displayName, backstage });
    if (backstage) {
      const announce = () => {
        if (!this.#closing && this.#stages.get(stageId) === entry) this.bus.emit('stage.updated', { eventId, stageId, state: this.#state(entry), userIds: [] });
      };
      peer.once('close', announce);
      announce();
    }
    return {
      stageId,
      routerRtpCapabilities: room.rtpCapabilities as RtpCapabilities,
      iceServers: iceServersFor(userId, this.config.iceServers),
      state: this.#state(entry),
      canProduce: entry.onStage.has(userId),
    };
  }

  /** Closes this connection's transports, producers and consumers on the stage; harmless when it was not there. */
  leave(_actor: Actor, connectionId: string, stageId: string): void {
    this.#stages.get(stageId)?.room?.peers.get(connectionId)?.close();
  }

  /** A connection went away: it leaves every stage. */
  leaveAll(connectionId: string): void {
    for (const entry of this.#stages.values()) entry.room?.peers.get(connectionId)?.close();
  }

  async createTransport(actor: Actor, connectionId: string, stageId: string, direction: Direction): Promise<StageTransportOptions> {
    const { entry, peer } = this.#peer(actor, connectionId, stageId);
    if (direction === 'send') this.#requireOnStage(entry, peer);
    return peer.createTransport(direction);
  }

  async connectTransport(actor: Actor, connectionId: string, stageId: string, transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    await this.#peer(actor, connectionId, stageId).peer.connectTransport(transportId, dtlsParameters);
  }

  async restartIce(actor: Actor, connectionId: string, stageId: string, transportId: string): Promise<IceParameters> {
    return this.#peer(actor, connectionId, stageId).peer.restartIce(transportId);
  }

  /** Sends a source from someone on stage; everyone on the stage hears of it (`stage.producerAdded`). */
  async produce(
    actor: Actor,
    connectionId: string,
    input: { stageId: string; transportId: string; kind: MediaKind; rtpParameters: RtpParameters; source: StageSource },
  ): Promise<{ id: string }> {
    const { entry, peer, room } = this.#peer(actor, connectionId, input.stageId);
    this.#requireOnStage(entry, peer);
    const producer = await peer.produce(input);
    // Taken off stage while the producer was being made.
    if (!entry.onStage.has(peer.info.userId)) {
      producer.close();
      throw new AppError('NOT_ON_STAGE', 'A moderator took you off stage');
    }
    room.addProducer(peer, producer);
    return { id: producer.id };
  }

  /** Mutes or unmutes one of your own producers. */
  async setProducerPaused(actor: Actor, connectionId: string, stageId: string, producerId: string, paused: boolean): Promise<void> {
    const { entry, peer } = this.#peer(actor, connectionId, stageId);
    if (paused) await peer.pauseProducer(producerId);
    else await peer.resumeProducer(producerId);
    this.bus.emit('stage.updated', { eventId: entry.eventId, stageId, state: this.#state(entry), userIds: [] });
  }

  closeProducer(actor: Actor, connectionId: string, stageId: string, producerId: string): void {
    this.#peer(actor, connectionId, stageId).peer.closeProducer(producerId);
  }

  async consume(
    actor: Actor,
    connectionId: string,
    input: { stageId: string; transportId: string; producerId: string; rtpCapabilities: RtpCapabilities },
  ): Promise<StageConsumerOptions> {
    return this.#peer(actor, connectionId, input.stageId).peer.consume(input);
  }

  async resumeConsumer(actor: Actor, connectionId: string, stageId: string, consumerId: string): Promise<void> {
    await this.#peer(actor, connectionId, stageId).peer.resumeConsumer(consumerId);
  }

  /** Chooses how the audience sees the stage; everyone on it hears of it (moderators). */
  async setLayout(actor: Actor, eventId: string, stageId: string, layout: StageLayout): Promise<StageState> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.#requireStage(eventId, stageId);
    const entry = this.#entry(eventId, stageId);
    entry.layout = layout;
    const state = this.#state(entry);
    this.bus.emit('stage.updated', { eventId, stageId, state, userIds: [] });
    this.#forgetIfIdle(entry);
    return state;
  }

  /** The simulcast layer a viewer wants of one of its video consumers. */
  async setPreferredLayers(actor: Actor, connectionId: string, stageId: string, consumerId: string, layers: PreferredLayers): Promise<void> {
    await this.#peer(actor, connectionId, stageId).peer.setPreferredLayers(consumerId, layers);
  }

  /** Puts a speaker (or a moderator, or an organiser) on stage: they may produce from now on (moderators). */
  async putOnStage(actor: Actor, eventId: string, stageId: string, userId: string): Promise<StageState> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.#requireStage(eventId, stageId);
    const role = await roleOfUser(this.prisma, userId, eventId);
    if (!role) throw notFound('Member');
    if (!atLeast(role, 'speaker')) throw forbidden('Only speakers, moderators and organisers go on stage');
    const { displayName } = await this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { displayName: true } });
    const entry = this.#entry(eventId, stageId);
    entry.onStage.set(userId, displayName);
    const state = this.#state(entry);
    this.bus.emit('stage.updated', { eventId, stageId, state, userIds: [userId] });
    return state;
  }

  /** Takes someone off stage; whatever they were sending stops at once (moderators). */
  async takeOffStage(actor: Actor, eventId: string, stageId: string, userId: string): Promise<StageState> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.#requireStage(eventId, stageId);
    const entry = this.#entry(eventId, stageId);
    entry.onStage.delete(userId);
    for (const { peer, producer } of entry.room?.producers() ?? []) if (peer.info.userId === userId) producer.close();
    const state = this.#state(entry);
    this.bus.emit('stage.updated', { eventId, stageId, state, userIds: [userId] });
    this.#forgetIfIdle(entry);
    return state;
  }

  /** Who is on the stage and what they send. */
  state(stageId: string): StageState {
    const entry = this.#stages.get(stageId);
    return entry ? this.#state(entry) : { stageId, layout: 'speaker', onStage: [], backstage: [] };
  }

  /** Counts for tests, metrics and the benchmark: what this node's stages and workers hold. */
  stats() {
    const rooms = [...this.#stages.values()].flatMap((e) => (e.room ? [e.room] : []));
    const peers = rooms.flatMap((r) => [...r.peers.values()]);
    const sum = (f: (p: Peer) => number) => peers.reduce((n, p) => n + f(p), 0);
    return {
      stages: this.#stages.size,
      rooms: rooms.length,
      routers: rooms.reduce((n, r) => n + r.routers().length, 0),
      peers: peers.length,
      transports: sum((p) => p.transports.size),
      producers: sum((p) => p.producers.size),
      consumers: sum((p) => p.consumers.size),
      workers: this.pool.workers().map(({ index, pid, load }) => ({ index, pid, ...load })),
    };
  }

  /** The stage's media room, if it is open (for tests and diagnostics). */
  room(stageId: string): StageRoom | null {
    return this.#stages.get(stageId)?.room ?? null;
  }

  /** Closes every stage and stops the workers; idempotent. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    for (const entry of this.#stages.values()) entry.room?.close();
    this.#stages.clear();
    this.pool.close();
  }

  #entry(eventId: string, stageId: string): StageEntry {
    let entry = this.#stages.get(stageId);
    if (!entry) {
      entry = { eventId, stageId, onStage: new Map(), layout: 'speaker', room: null, opening: null };
      this.#stages.set(stageId, entry);
    }
    return entry;
  }

  #room(entry: StageEntry): Promise<StageRoom> {
    if (this.#closing) return Promise.reject(new AppError('UNAVAILABLE', 'The server is shutting down'));
    if (entry.room && !entry.room.closed) return Promise.resolve(entry.room);
    entry.opening ??= StageRoom.create(entry.stageId, {
      pool: this.pool,
      consumersPerRouter: this.config.consumersPerRouter,
      transportSettings: { listenIp: this.config.listenIp, announcedIp: this.config.announcedIp, enableTcp: this.config.enableTcp },
      log: this.#log,
    }).then((room) => {
      if (this.#closing) {
        room.close();
        throw new AppError('UNAVAILABLE', 'The server is shutting down');
      }
      entry.room = room;
      this.#watch(entry, room);
      return room;
    }).finally(() => {
      entry.opening = null;
    });
    return entry.opening;
  }

  /** Media events of a room become domain events; an empty room closes; a room whose worker died is made anew. */
  #watch(entry: StageEntry, room: StageRoom): void {
    const { eventId, stageId } = entry;
    room.on('producerAdded', (_peer, producer) => this.bus.emit('stage.producerAdded', { eventId, stageId, producer: toStageProducer(producer) }));
    room.on('producerClosed', (_peer, producer) => {
      this.bus.emit('stage.producerRemoved', { eventId, stageId, producerId: producer.id, userId: producer.appData.userId });
    });
    room.on('peersLost', (connectionIds) => this.bus.emit('stage.restarted', { eventId, stageId, connectionIds }));
    room.on('empty', () => room.close());
    room.on('close', (reason, peerIds) => {
      if (entry.room === room) entry.room = null;
      if (reason === 'workerDied' && !this.#closing) void this.#recover(entry, peerIds);
      else this.#forgetIfIdle(entry);
    });
  }

  /** The stage's worker died: a new room on a live worker, then everyone who was there is told to join again. */
  async #recover(entry: StageEntry, connectionIds: string[]): Promise<void> {
    this.#log.warn({ stageId: entry.stageId, peers: connectionIds.length }, 'stage lost its media worker; recreating it');
    try {
      await this.#room(entry);
    } catch (err) {
      // The clients' join will try again (and answer UNAVAILABLE until a worker is back).
      this.#log.error({ err, stageId: entry.stageId }, 'could not recreate the stage');
    }
    if (connectionIds.length > 0) this.bus.emit('stage.restarted', { eventId: entry.eventId, stageId: entry.stageId, connectionIds });
  }

  #forgetIfIdle(entry: StageEntry): void {
    if (!entry.room && !entry.opening && entry.onStage.size === 0 && entry.layout === 'speaker' && this.#stages.get(entry.stageId) === entry) this.#stages.delete(entry.stageId);
  }

  #state(entry: StageEntry): StageState {
    const producers = entry.room?.producers() ?? [];
    return {
      stageId: entry.stageId,
      layout: entry.layout,
      backstage: [...new Map([...(entry.room?.peers.values() ?? [])]
        .filter((p) => p.info.backstage && !p.closed)
        .map((p) => [p.info.userId, { userId: p.info.userId, displayName: p.info.displayName }])).values()],
      onStage: [...entry.onStage].map(([userId, displayName]) => ({
        userId,
        displayName,
        producers: producers.filter(({ producer }) => producer.appData.userId === userId && !producer.closed).map(({ producer }) => toStageProducer(producer)),
      })),
    };
  }

  #peer(actor: Actor, connectionId: string, stageId: string): { entry: StageEntry; room: StageRoom; peer: Peer } {
    const userId = requireUser(actor);
    const entry = this.#stages.get(stageId);
    const room = entry?.room;
    const peer = room?.peers.get(connectionId);
    if (!entry || !room || !peer || peer.closed || peer.info.userId !== userId) throw new AppError('NOT_IN_ROOM', 'Join the stage first');
    return { entry, room, peer };
  }

  #requireOnStage(entry: StageEntry, peer: Peer): void {
    if (!entry.onStage.has(peer.info.userId)) throw new AppError('NOT_ON_STAGE', 'Only people a moderator put on stage can send video or sound');
  }

  async #requireStage(eventId: string, stageId: string): Promise<void> {
    const stage = await this.prisma.stage.findFirst({ where: { id: stageId, eventId }, select: { id: true } });
    if (!stage) throw notFound('Stage');
  }
}
