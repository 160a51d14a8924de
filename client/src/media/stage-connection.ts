import { Device, type types } from 'mediasoup-client';
import type { CommandPayload, RtpParameters, StageJoined, StageProducer, StageSource, StageState } from '@samling/protocol';
import { isApiError } from '../api.ts';
import { send } from '../realtime/commands.ts';
import { useStore } from '../store/index.ts';
import type { StageError } from '../features/stage/stage.slice.ts';
import { CAMERA_ENCODINGS, SCREEN_ENCODINGS } from './layers.ts';

type Transport = types.Transport;
type Producer = types.Producer<{ source: StageSource }>;
type Consumer = types.Consumer<{ source: StageSource; userId: string }>;


/** Numbers only, for tests and diagnostics: what this browser receives and sends on the stage. */
export interface StageStats {
  inbound: { kind: string; framesDecoded: number; packetsReceived: number; frameWidth: number }[];
  outbound: { kind: string; packetsSent: number; framesEncoded: number; frameWidth: number }[];
}

/** Stopped: a join of an older generation (a restart or close happened meanwhile) gives up quietly. */
class Superseded extends Error {
  override readonly name = 'Superseded';
}

const store = () => useStore.getState();
const me = () => store().user?.id ?? null;

function failure(e: unknown): StageError {
  const code = codeOf(e);
  if (code) return { code, message: e instanceof Error ? e.message : '' };
  if (e instanceof Error && e.name === 'UnsupportedError') return { code: 'BROWSER_UNSUPPORTED', message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
const codeOf = (e: unknown) => (isApiError(e) ? e.code : null);

/**
 * One open stage in this tab: the mediasoup-client Device, a recv transport, a send transport while its person is on
 * stage, the producers it sends and the consumers it receives. It follows the signaling in README ("The stage"):
 * join → load the device → transports (connect on 'connect', produce on 'produce') → consume every producer paused,
 * then resume. A restart (`stage:restarted`) or a new socket connection drops every media object and joins again;
 * what the person chose to send (`setSource`) is sent again by itself. The store hears ids and flags only.
 */
export class StageConnection {
  #generation = 0;
  #closed = false;
  #device: Device | null = null;
  #recv: Transport | null = null;
  #send: Transport | null = null;
  #sendOpening: Promise<Transport> | null = null;
  #iceServers: StageJoined['iceServers'] = [];
  readonly #consumers = new Map<string, Consumer>();
  /** Producers this connection consumes or is about to (ids), so a broadcast and the state do not consume twice. */
  readonly #consuming = new Set<string>();
  readonly #producers = new Map<StageSource, Producer>();
  /** What the person chose to send and whether muted; sent whenever this connection may send. */
  readonly #wanted = new Map<StageSource, { track: MediaStreamTrack; muted: boolean }>();
  #reconciling: Promise<void> = Promise.resolve();

  constructor(readonly stageId: string, private readonly options: { backstage: boolean }) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** Joins the stage; failures land in the store (`status: 'error'`). */
  start(): void {
    void this.#join();
  }

  /** Drops every media object and joins again (after `stage:restarted`, a new socket connection, or a retry). */
  restart(): void {
    if (this.#closed) return;
    this.#dropMedia();
    void this.#join();
  }

  /** Leaves the stage and closes everything; idempotent. The tracks given to `setSource` are the caller's to stop. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#dropMedia();
    this.#wanted.clear();
    store().stageLeft(this.stageId);
    void send('stage:leave', { stageId: this.stageId }).catch(() => {
      // Gone already (the connection dropped): the server closed our media with it.
    });
  }

  /** What to send from `source`: a track, or null to stop sending it. Sent now if on stage, else once put on stage. */
  setSource(source: StageSource, track: MediaStreamTrack | null): void {
    if (track) this.#wanted.set(source, { track, muted: this.#wanted.get(source)?.muted ?? false });
    else this.#wanted.delete(source);
    this.#reconcile();
  }

  /** Mutes or unmutes a source (the producer is paused: nothing is forwarded, the audience sees "muted"). */
  setMuted(source: StageSource, muted: boolean): void {
    const wanted = this.#wanted.get(source);
    if (wanted) wanted.muted = muted;
    this.#reconcile();
  }

  /** The track of something received (for a <video> or <audio> element). */
  track(consumerId: string): MediaStreamTrack | null {
    return this.#consumers.get(consumerId)?.track ?? null;
  }

  /** Asks the server for the simulcast layer this viewer wants of a video feed. */
  setPreferredLayer(consumerId: string, spatialLayer: 0 | 1 | 2): void {
    if (!this.#consumers.has(consumerId)) return;
    void send('stage:setPreferredLayers', { stageId: this.stageId, consumerId, spatialLayer }).catch(() => {
      // A preference only; the server keeps forwarding what it did.
    });
  }

  /** Counters from the peer connections' getStats(): nothing but numbers. */
  async stats(): Promise<StageStats> {
    const out: StageStats = { inbound: [], outbound: [] };
    const read = async (t: Transport | null) => (t && !t.closed ? [...(await t.getStats()).values()] : []) as Record<string, unknown>[];
    const num = (v: unknown) => (typeof v === 'number' ? v : 0);
    for (const r of await read(this.#recv)) {
      if (r.type === 'inbound-rtp') out.inbound.push({ kind: String(r.kind), framesDecoded: num(r.framesDecoded), packetsReceived: num(r.packetsReceived), frameWidth: num(r.frameWidth) });
    }
    for (const r of await read(this.#send)) {
      if (r.type === 'outbound-rtp') out.outbound.push({ kind: String(r.kind), packetsSent: num(r.packetsSent), framesEncoded: num(r.framesEncoded), frameWidth: num(r.frameWidth) });
    }
    return out;
  }

  // Broadcasts of the stage, from the realtime bindings.

  handleUpdated(state: StageState): void {
    if (this.#closed) return;
    store().stageStateUpdated(state, me());
    const onStage = this.#onStage(state);
    if (!onStage) this.#dropSending();
    this.#reconcile();
    if (this.#recv) for (const producer of state.onStage.flatMap((p) => p.producers)) void this.#consume(producer, this.#generation);
  }

  handleProducerAdded(producer: StageProducer): void {
    if (this.#closed || !this.#recv) return;
    void this.#consume(producer, this.#generation);
  }

  handleProducerRemoved(producerId: string): void {
    if (this.#closed) return;
    this.#consuming.delete(producerId);
    for (const consumer of this.#consumers.values()) if (consumer.producerId === producerId) this.#dropConsumer(consumer);
    // One of ours, closed by the server (taken off stage): it goes, and comes back if we may send again.
    for (const [source, producer] of this.#producers) {
      if (producer.id === producerId) {
        producer.close();
        this.#producers.delete(source);
        store().stageLocalChanged(this.stageId, source, null);
      }
    }
  }

  async #join(): Promise<void> {
    const generation = ++this.#generation;
    const check = () => {
      if (generation !== this.#generation || this.#closed) throw new Superseded();
    };
    store().stageConnecting(this.stageId);
    try {
      const joined: StageJoined = await send('stage:join', { stageId: this.stageId, ...(this.options.backstage ? { backstage: true } : {}) });
      check();
      const device = await Device.factory();
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as types.RtpCapabilities });
      check();
      this.#device = device;
      this.#iceServers = joined.iceServers;
      const recvOptions = await send('stage:createTransport', { stageId: this.stageId, direction: 'recv' });
      check();
      this.#recv = this.#transport(device.createRecvTransport({ ...(recvOptions as types.TransportOptions), iceServers: joined.iceServers }));
      store().stageJoined(joined, me());
      for (const producer of joined.state.onStage.flatMap((p) => p.producers)) void this.#consume(producer, generation);
      this.#reconcile();
    } catch (e) {
      if (e instanceof Superseded) return;
      if (generation === this.#generation && !this.#closed) store().stageFailed(this.stageId, failure(e));
    }
  }

  #onStage(state: StageState | null = store().liveStages[this.stageId]?.state ?? null): boolean {
    const userId = me();
    return userId !== null && (state?.onStage.some((p) => p.userId === userId) ?? false);
  }

  /** Brings the producers in line with what is wanted, one change at a time. */
  #reconcile(): void {
    this.#reconciling = this.#reconciling.then(() => this.#reconcileNow()).catch((e: unknown) => {
      if (e instanceof Superseded) return;
      // NOT_ON_STAGE: taken off stage meanwhile; the next stage:updated tells us. Anything else is shown.
      if (isApiError(e) && e.code === 'NOT_ON_STAGE') return;
      if (!this.#closed) store().stageSendFailed(this.stageId, failure(e));
    });
  }

  async #reconcileNow(): Promise<void> {
    const generation = this.#generation;
    if (this.#closed || !this.#device || !this.#onStage()) return;
    store().stageSendFailed(this.stageId, null);
    for (const [source, producer] of [...this.#producers]) {
      const wanted = this.#wanted.get(source);
      if (!wanted || producer.closed) {
        this.#producers.delete(source);
        store().stageLocalChanged(this.stageId, source, null);
        if (!producer.closed) {
          producer.close();
          await send('stage:closeProducer', { stageId: this.stageId, producerId: producer.id }).catch(() => {});
        }
      } else if (producer.track !== wanted.track) {
        await producer.replaceTrack({ track: wanted.track });
      }
    }
    for (const [source, wanted] of this.#wanted) {
      if (generation !== this.#generation) throw new Superseded();
      let producer = this.#producers.get(source);
      if (!producer) {
        if (wanted.track.readyState === 'ended') continue;
        const transport = await this.#sendTransport();
        if (generation !== this.#generation) throw new Superseded();
        producer = (await transport.produce({
          track: wanted.track,
          stopTracks: false,
          encodings: source === 'camera' ? CAMERA_ENCODINGS : source === 'screen' ? SCREEN_ENCODINGS : undefined,
          codecOptions: source === 'microphone' ? { opusStereo: false, opusDtx: true } : { videoGoogleStartBitrate: 1000 },
          appData: { source },
        })) as Producer;
        if (generation !== this.#generation) {
          producer.close();
          throw new Superseded();
        }
        this.#producers.set(source, producer);
        const made = producer;
        made.on('trackended', () => {
          // The person stopped sharing in the browser's own UI (a screen's "Stop sharing").
          if (this.#wanted.get(source)?.track === made.track) this.setSource(source, null);
        });
      }
      if (producer.paused !== wanted.muted) {
        if (wanted.muted) producer.pause();
        else producer.resume();
        await send(wanted.muted ? 'stage:pauseProducer' : 'stage:resumeProducer', { stageId: this.stageId, producerId: producer.id });
      }
      store().stageLocalChanged(this.stageId, source, { producerId: producer.id, paused: producer.paused });
    }
  }

  #sendTransport(): Promise<Transport> {
    if (this.#send && !this.#send.closed) return Promise.resolve(this.#send);
    this.#sendOpening ??= (async () => {
      const generation = this.#generation;
      const options = await send('stage:createTransport', { stageId: this.stageId, direction: 'send' });
      if (generation !== this.#generation || !this.#device) throw new Superseded();
      const transport = this.#transport(this.#device.createSendTransport({ ...(options as types.TransportOptions), iceServers: this.#iceServers }));
      this.#send = transport;
      return transport;
    })().finally(() => {
      this.#sendOpening = null;
    });
    return this.#sendOpening;
  }

  /** Wires a transport's signaling: DTLS on 'connect', producers on 'produce', an ICE restart when it fails. */
  #transport(transport: Transport): Transport {
    const stageId = this.stageId;
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      send('stage:connectTransport', { stageId, transportId: transport.id, dtlsParameters: dtlsParameters as CommandPayload<'stage:connectTransport'>['dtlsParameters'] })
        .then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = (appData as { source: StageSource }).source;
      send('stage:produce', { stageId, transportId: transport.id, kind, rtpParameters: rtpParameters as RtpParameters, appData: { source } })
        .then(({ id }) => callback({ id }), errback);
    });
    transport.on('connectionstatechange', (state) => {
      if (state !== 'failed' || transport.closed) return;
      void send('stage:restartIce', { stageId, transportId: transport.id })
        .then(({ iceParameters }) => (transport.closed ? undefined : transport.restartIce({ iceParameters })))
        .catch(() => this.restart());
    });
    return transport;
  }

  async #consume(producer: StageProducer, generation: number): Promise<void> {
    const device = this.#device;
    const recv = this.#recv;
    if (!device || !recv || recv.closed || generation !== this.#generation) return;
    // Never our own person's: the server announces a producer before its id reaches us, and a speaker has a preview.
    if (producer.userId === me() || this.#consuming.has(producer.id)) return;
    this.#consuming.add(producer.id);
    try {
      const options = await send('stage:consume', {
        stageId: this.stageId,
        transportId: recv.id,
        producerId: producer.id,
        rtpCapabilities: device.rtpCapabilities as CommandPayload<'stage:consume'>['rtpCapabilities'],
      });
      if (generation !== this.#generation || !this.#consuming.has(producer.id)) return;
      const consumer = (await recv.consume({
        id: options.id,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: options.rtpParameters as types.RtpParameters,
        appData: options.appData,
      })) as Consumer;
      if (generation !== this.#generation || !this.#consuming.has(producer.id)) {
        consumer.close();
        return;
      }
      this.#consumers.set(consumer.id, consumer);
      consumer.on('transportclose', () => this.#dropConsumer(consumer));
      store().stageFeedAdded(this.stageId, {
        consumerId: consumer.id, producerId: consumer.producerId, userId: options.appData.userId, kind: consumer.kind, source: options.appData.source,
      });
      await send('stage:resumeConsumer', { stageId: this.stageId, consumerId: consumer.id });
    } catch (e) {
      this.#consuming.delete(producer.id);
      // The producer went away in between (NOT_FOUND): its stage:producerRemoved follows. Anything else: one try only.
      if (!(isApiError(e) && e.code === 'NOT_FOUND')) console.warn('Samling: could not receive from the stage', e);
    }
  }

  #dropConsumer(consumer: Consumer): void {
    if (this.#consumers.get(consumer.id) !== consumer) return;
    this.#consumers.delete(consumer.id);
    this.#consuming.delete(consumer.producerId);
    consumer.close();
    store().stageFeedRemoved(this.stageId, consumer.id);
  }

  /** Off stage: the send transport and our producers go (the server closed the producers already). */
  #dropSending(): void {
    for (const [source, producer] of this.#producers) {
      producer.close();
      store().stageLocalChanged(this.stageId, source, null);
    }
    this.#producers.clear();
    this.#send?.close();
    this.#send = null;
  }

  #dropMedia(): void {
    this.#generation++;
    this.#dropSending();
    for (const consumer of this.#consumers.values()) consumer.close();
    this.#consumers.clear();
    this.#consuming.clear();
    this.#recv?.close();
    this.#recv = null;
    this.#device = null;
    this.#sendOpening = null;
    store().stageMediaReset(this.stageId);
  }
}
