import { EventEmitter } from 'node:events';
import type {
  DtlsParameters, IceParameters, MediaKind, RtpCapabilities, RtpParameters, StageConsumerOptions, StageSource, StageTransportOptions,
} from '@samling/protocol';
import { AppError, notFound } from '../errors.ts';
import { refusing } from './errors.ts';
import type { ms } from './mediasoup.ts';

/** How WebRTC transports listen and what they announce. */
export interface TransportSettings {
  listenIp: string;
  announcedIp: string | undefined;
  enableTcp: boolean;
}

/** What a peer needs from its stage: where to send, where to receive, the stage's producers. */
export interface PeerHost {
  readonly sendRouter: ms.Router;
  readonly transportSettings: TransportSettings;
  /** A router for this peer to receive on, chosen by load (the peer keeps its first answer). */
  recvRouterFor(peer: Peer): Promise<ms.Router>;
  /** A producer of this stage by id (the original, on the send router). */
  producer(producerId: string): ms.Producer | undefined;
  /** Makes `producerId` consumable on `router` (a no-op on the send router). */
  pipe(producerId: string, router: ms.Router): Promise<void>;
}

export interface PeerInfo {
  userId: string;
  displayName: string;
  /** A backstage connection (a speaker's or moderator's), listed as present. */
  backstage?: boolean;
}

export type Direction = 'send' | 'recv';
export type ProducerAppData = { source: StageSource; userId: string; peerId: string };
type TransportAppData = { direction: Direction; peerId: string };

type PeerEvents = {
  close: [];
  /** A producer of this peer closed, for whatever reason (closed by its speaker, transport gone, worker died). */
  producerClosed: [producer: ms.Producer<ProducerAppData>];
};

/** Guards against one connection filling a worker. */
const LIMITS = { transports: 4, consumers: 100 } as const;

/**
 * One connection on one stage: its transports, producers and consumers, and the signaling verbs on them. Checks
 * that every id it is given is its own (TRANSPORT_NOT_FOUND, NOT_FOUND) and that each object is used for its
 * direction; who may produce is the stage service's decision. Everything it creates is dropped from its maps
 * when mediasoup closes it (observer `close`), whatever closed it. `close()` is idempotent.
 */
export class Peer extends EventEmitter<PeerEvents> {
  readonly transports = new Map<string, ms.WebRtcTransport<TransportAppData>>();
  readonly producers = new Map<string, ms.Producer<ProducerAppData>>();
  readonly consumers = new Map<string, ms.Consumer>();
  /** Where this peer receives; set with its first recv transport. */
  recvRouter: ms.Router | null = null;
  #closed = false;

  constructor(readonly id: string, readonly info: PeerInfo, private readonly host: PeerHost) {
    super();
  }

  get closed(): boolean {
    return this.#closed;
  }

  async createTransport(direction: Direction): Promise<StageTransportOptions> {
    this.#open();
    if (this.transports.size >= LIMITS.transports) throw new AppError('MEDIA_REFUSED', `At most ${LIMITS.transports} transports per connection`);
    if (direction === 'recv' && !this.recvRouter) {
      const chosen = await this.host.recvRouterFor(this);
      this.#open();
      // Two recv transports asked at once: both use the first choice, so all consumers share one router.
      this.recvRouter ??= chosen;
    }
    const router = direction === 'send' ? this.host.sendRouter : this.recvRouter!;
    const { listenIp, announcedIp, enableTcp } = this.host.transportSettings;
    const transport = await refusing('transport', () => router.createWebRtcTransport<TransportAppData>({
      listenIps: [{ ip: listenIp, ...(announcedIp ? { announcedIp } : {}) }],
      enableUdp: true,
      enableTcp,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction, peerId: this.id },
    }));
    if (this.#closed) {
      transport.close();
      this.#open();
    }
    this.transports.set(transport.id, transport);
    transport.observer.once('close', () => this.transports.delete(transport.id));
    // A browser that went away without a word: DTLS closes or fails, and so does the transport.
    transport.on('dtlsstatechange', (state) => {
      if (state === 'closed' || state === 'failed') transport.close();
    });
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates.map((c) => ({
        foundation: c.foundation, priority: c.priority, ip: c.ip, address: c.ip, protocol: c.protocol, port: c.port, type: c.type,
        ...(c.tcpType ? { tcpType: c.tcpType } : {}),
      })),
      dtlsParameters: transport.dtlsParameters as DtlsParameters,
    };
  }

  async connectTransport(transportId: string, dtlsParameters: DtlsParameters): Promise<void> {
    const transport = this.#transport(transportId);
    await refusing('DTLS parameters', () => transport.connect({ dtlsParameters }));
  }

  async restartIce(transportId: string): Promise<IceParameters> {
    const transport = this.#transport(transportId);
    return refusing('ICE restart', () => transport.restartIce());
  }

  async produce(input: { transportId: string; kind: MediaKind; rtpParameters: RtpParameters; source: StageSource }): Promise<ms.Producer<ProducerAppData>> {
    const transport = this.#transport(input.transportId, 'send');
    if ([...this.producers.values()].some((p) => p.appData.source === input.source)) {
      throw new AppError('MEDIA_REFUSED', `You already share your ${input.source}; stop it first`);
    }
    const producer = await refusing('RTP parameters', () => transport.produce<ProducerAppData>({
      kind: input.kind,
      rtpParameters: input.rtpParameters as ms.RtpParameters,
      appData: { source: input.source, userId: this.info.userId, peerId: this.id },
    }));
    if (this.#closed) {
      producer.close();
      this.#open();
    }
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => {
      this.producers.delete(producer.id);
      this.emit('producerClosed', producer);
    });
    return producer;
  }

  async pauseProducer(producerId: string): Promise<void> {
    await refusing('pause', () => this.#producer(producerId).pause());
  }

  async resumeProducer(producerId: string): Promise<void> {
    await refusing('resume', () => this.#producer(producerId).resume());
  }

  closeProducer(producerId: string): void {
    this.#producer(producerId).close();
  }

  async consume(input: { transportId: string; producerId: string; rtpCapabilities: RtpCapabilities }): Promise<StageConsumerOptions> {
    const transport = this.#transport(input.transportId, 'recv');
    const original = this.host.producer(input.producerId);
    if (!original) throw notFound('Producer');
    // A retried consume (its ack was lost) gets the consumer it already made.
    const existing = [...this.consumers.values()].find((c) => c.producerId === input.producerId && !c.closed);
    if (existing) return this.#consumerOptions(existing, original);
    if (this.consumers.size >= LIMITS.consumers) throw new AppError('MEDIA_REFUSED', `At most ${LIMITS.consumers} consumers per connection`);

    const router = this.recvRouter!;
    await this.host.pipe(input.producerId, router);
    const rtpCapabilities = input.rtpCapabilities as ms.RtpCapabilities;
    if (!router.canConsume({ producerId: input.producerId, rtpCapabilities })) {
      throw new AppError('MEDIA_REFUSED', 'This device cannot receive that producer (no codec in common)');
    }
    const consumer = await refusing('consumer', () => transport.consume({
      producerId: input.producerId,
      rtpCapabilities,
      // Paused until the browser has its consumer ready, so the first key frame is not lost.
      paused: true,
      appData: { peerId: this.id },
    }));
    if (this.#closed) {
      consumer.close();
      this.#open();
    }
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => this.consumers.delete(consumer.id));
    return this.#consumerOptions(consumer, original);
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw notFound('Consumer');
    await refusing('resume', () => consumer.resume());
    // The viewer's decoder needs a key frame to start; ask the producer now rather than wait for its next one.
    if (consumer.kind === 'video' && !consumer.closed) await refusing('key frame request', () => consumer.requestKeyFrame());
  }

  /** The simulcast layer this viewer wants of one of its video consumers; mediasoup forwards the nearest it receives. */
  async setPreferredLayers(consumerId: string, layers: { spatialLayer: number; temporalLayer?: number }): Promise<void> {
    this.#open();
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw notFound('Consumer');
    if (consumer.kind !== 'video') throw new AppError('MEDIA_REFUSED', 'Only video has layers to choose from');
    await refusing('preferred layers', () => consumer.setPreferredLayers(layers));
  }

  /** Closes every transport (and with them every producer and consumer); idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.recvRouter = null;
    this.emit('close');
    this.removeAllListeners();
  }

  #open(): void {
    if (this.#closed) throw new AppError('NOT_IN_ROOM', 'You left the stage; join it again');
  }

  #transport(transportId: string, direction?: Direction): ms.WebRtcTransport<TransportAppData> {
    this.#open();
    const transport = this.transports.get(transportId);
    if (!transport || transport.closed) throw new AppError('TRANSPORT_NOT_FOUND', 'No such transport on this stage for this connection');
    if (direction && transport.appData.direction !== direction) {
      throw new AppError('MEDIA_REFUSED', direction === 'send' ? 'Produce on a send transport' : 'Consume on a recv transport');
    }
    return transport;
  }

  #producer(producerId: string): ms.Producer<ProducerAppData> {
    this.#open();
    const producer = this.producers.get(producerId);
    if (!producer) throw notFound('Producer');
    return producer;
  }

  #consumerOptions(consumer: ms.Consumer, original: ms.Producer): StageConsumerOptions {
    const appData = original.appData as ProducerAppData;
    return {
      id: consumer.id,
      producerId: consumer.producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as RtpParameters,
      producerPaused: consumer.producerPaused,
      appData: { source: appData.source, userId: appData.userId },
    };
  }
}
