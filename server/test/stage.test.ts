// The stage's live video with real mediasoup workers: signaling over real Socket.IO clients against the real app.
// The worker binary must be built (`node scripts/samling.mjs setup`); without it these tests fail, they do not skip.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toZoned, type RtpCapabilities, type RtpParameters } from '@samling/protocol';
import { loadConfig } from '../src/config.ts';
import { RateLimiter } from '../src/realtime/rate-limit.ts';
import { iceServersFor } from '../src/modules/stage/ice-servers.ts';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { call, collect, connectTo, next, ok, type ClientSocket } from './realtime-harness.ts';

const pglite = backends.find((b) => b.name === 'pglite')!;
const slug = 'scenen';

/** Retries an assertion until it holds or `ms` pass. */
async function eventually<T>(assertion: () => T | Promise<T>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** What a browser's DTLS side looks like on the wire (no handshake ever happens in these tests). */
const dtls = () => ({ role: 'client' as const, fingerprints: [{ algorithm: 'sha-256' as const, value: [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':') }] });

let ssrc = 10_000;
/** RTP parameters as mediasoup-client sends them for a microphone (Opus) or a camera (VP8 with RTX). */
function rtp(kind: 'audio' | 'video'): RtpParameters {
  const mid = String(ssrc);
  ssrc += 10;
  return kind === 'audio'
    ? {
        mid,
        codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1, usedtx: 1 } }],
        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }, { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 10 }],
        encodings: [{ ssrc }],
        rtcp: { cname: 'talare' },
      }
    : {
        mid,
        codecs: [
          { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }] },
          { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
        ],
        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
        encodings: [{ ssrc, rtx: { ssrc: ssrc + 1 } }],
        rtcp: { cname: 'talare' },
      };
}

describe('the stage (real mediasoup)', () => {
  let t: TestApp;
  let base: string;
  let stageId: string;
  let moderator: Client & { email: string };
  let speaker: Client & { email: string };
  let alice: Client & { email: string };
  let ids: Record<'moderator' | 'speaker' | 'alice', string>;
  const sockets: ClientSocket[] = [];
  const open = async (who: Client) => {
    const s = await connectTo(base, { cookie: who.cookie, slug });
    sockets.push(s);
    return s;
  };
  const userId = async (who: Client) => (await who.get('/api/auth/me')).json().user.id as string;
  const stage = () => t.app.services.stage;

  /** What the workers really hold: mediasoup's own dumps (routers, every object with a channel handler) and the pool's counts. */
  async function workerObjects() {
    let routers = 0;
    let handlers = 0;
    for (const { worker } of stage().pool.workers()) {
      if (!worker) continue;
      const dump = (await worker.dump()) as { routerIds: string[]; channelMessageHandlers: { channelRequestHandlers: string[] } };
      routers += dump.routerIds.length;
      handlers += dump.channelMessageHandlers.channelRequestHandlers.length;
    }
    let transports = 0;
    const room = stage().room(stageId);
    for (const r of room ? [room.sendRouter] : []) transports += ((await r.dump()) as { transportIds: string[] }).transportIds.length;
    const load = stage().pool.workers().reduce((sum, w) => ({
      routers: sum.routers + w.load.routers,
      transports: sum.transports + w.load.transports,
      producers: sum.producers + w.load.producers,
      consumers: sum.consumers + w.load.consumers,
    }), { routers: 0, transports: 0, producers: 0, consumers: 0 });
    return { routers, mainRouterTransports: transports, handlers, load };
  }

  beforeAll(async () => {
    const workerBin = loadConfig({}).media.workerBin;
    if (!fs.existsSync(workerBin)) {
      throw new Error(`The mediasoup worker is not built (${workerBin} is missing). Run \`node scripts/samling.mjs setup\` (or scripts/build-mediasoup-worker.sh) first.`);
    }
    t = await startApp(pglite, {
      MEDIASOUP_WORKERS: '2',
      MEDIASOUP_CONSUMERS_PER_ROUTER: '4',
      TURN_URLS: 'stun:stun.example.se:3478,turn:turn.example.se:3478?transport=udp',
      TURN_SECRET: 'en-hemlighet-för-turn',
    });
    base = await listen(t);
    // Signaling comes in bursts far above a person's pace here (100 joins in a row).
    t.app.realtime.limits.commands = new RateLimiter(1e6, 1e6);
    const organiser = await signedUp(t.app, 'Olga Organisatör');
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    expect((await organiser.post('/api/events', { slug, name: 'Scenen', startDate: addDays(today, -1), endDate: addDays(today, 1) })).statusCode).toBe(201);
    stageId = (await organiser.post(`/api/events/${slug}/stages`, { name: 'Stora scenen' })).json().id;
    moderator = await signedUp(t.app, 'Moa Moderator');
    speaker = await signedUp(t.app, 'Sara Talare');
    alice = await signedUp(t.app, 'Alice');
    await organiser.post(`/api/events/${slug}/members`, { email: moderator.email, role: 'moderator' });
    await organiser.post(`/api/events/${slug}/members`, { email: speaker.email, role: 'speaker' });
    await alice.post(`/api/events/${slug}/join`);
    ids = { moderator: await userId(moderator), speaker: await userId(speaker), alice: await userId(alice) };
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t?.close();
  });

  it('answers stage:join with the router’s RTP capabilities, time-limited TURN credentials and who is on stage', async () => {
    const a = await open(alice);
    const joined = await ok(a, 'stage:join', { stageId });
    expect(joined.stageId).toBe(stageId);
    expect(joined.routerRtpCapabilities.codecs?.map((c) => c.mimeType)).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264', 'video/rtx']));
    expect(joined.routerRtpCapabilities.headerExtensions?.length).toBeGreaterThan(0);
    expect(joined).toMatchObject({ state: { stageId, onStage: [] }, canProduce: false });

    expect(joined.iceServers[0]).toEqual({ urls: ['stun:stun.example.se:3478'] });
    const turn = joined.iceServers[1]!;
    expect(turn.urls).toEqual(['turn:turn.example.se:3478?transport=udp']);
    const [expiry, who] = turn.username!.split(':');
    expect(who).toBe(ids.alice);
    expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(11 * 3600);
    expect(turn.credential).toBe(createHmac('sha1', 'en-hemlighet-för-turn').update(turn.username!).digest('base64'));

    // A stage of another event, or none at all.
    expect(await call(a, 'stage:join', { stageId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await ok(a, 'stage:leave', { stageId });
  });

  it('refuses an attendee’s send transport and produce with NOT_ON_STAGE, and creates nothing', async () => {
    const a = await open(alice);
    await ok(a, 'stage:join', { stageId });
    const before = await workerObjects();
    expect(await call(a, 'stage:createTransport', { stageId, direction: 'send' })).toMatchObject({ ok: false, error: { code: 'NOT_ON_STAGE' } });
    const recv = await ok(a, 'stage:createTransport', { stageId, direction: 'recv' });
    const produced = await call(a, 'stage:produce', { stageId, transportId: recv.id, kind: 'audio', rtpParameters: rtp('audio'), appData: { source: 'microphone' } });
    expect(produced).toMatchObject({ ok: false, error: { code: 'NOT_ON_STAGE' } });
    const after = await workerObjects();
    expect(after.load.producers).toBe(0);
    expect(after.load.transports).toBe(before.load.transports + 1); // the recv transport, nothing else
    expect(stage().stats()).toMatchObject({ producers: 0, transports: 1 });
    await ok(a, 'stage:leave', { stageId });
    expect(stage().stats()).toMatchObject({ peers: 0, transports: 0 });
  });

  it('answers malformed signaling with typed errors before it reaches mediasoup, and mediasoup’s refusals as MEDIA_REFUSED', async () => {
    const a = await open(alice);
    expect(await call(a, 'stage:createTransport', { stageId, direction: 'recv' })).toMatchObject({ ok: false, error: { code: 'NOT_IN_ROOM' } });
    await ok(a, 'stage:join', { stageId });
    const recv = await ok(a, 'stage:createTransport', { stageId, direction: 'recv' });
    const refused = async (name: Parameters<typeof call>[1], payload: unknown, code: string) => {
      const res = await call(a, name, payload as never);
      expect(res, `${name} ${JSON.stringify(payload).slice(0, 160)}`).toMatchObject({ ok: false, error: { code } });
      expect(JSON.stringify(res)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack
    };
    // DTLS parameters that are not: a made-up algorithm, a fingerprint that is not hex, none at all, a bad role.
    await refused('stage:connectTransport', { stageId, transportId: recv.id, dtlsParameters: { fingerprints: [{ algorithm: 'md5', value: 'AB:CD' }] } }, 'VALIDATION_FAILED');
    await refused('stage:connectTransport', { stageId, transportId: recv.id, dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'inte hex alls' }] } }, 'VALIDATION_FAILED');
    await refused('stage:connectTransport', { stageId, transportId: recv.id, dtlsParameters: { role: 'client', fingerprints: [] } }, 'VALIDATION_FAILED');
    await refused('stage:connectTransport', { stageId, transportId: recv.id, dtlsParameters: { role: 'boss', fingerprints: dtls().fingerprints } }, 'VALIDATION_FAILED');
    // Unknown transport ids, and ids that are not ids.
    await refused('stage:connectTransport', { stageId, transportId: randomUUID(), dtlsParameters: dtls() }, 'TRANSPORT_NOT_FOUND');
    await refused('stage:restartIce', { stageId, transportId: randomUUID() }, 'TRANSPORT_NOT_FOUND');
    await refused('stage:connectTransport', { stageId, transportId: 'transport-1', dtlsParameters: dtls() }, 'VALIDATION_FAILED');
    const caps = (await ok(a, 'stage:join', { stageId })).routerRtpCapabilities;
    const recvAgain = await ok(a, 'stage:createTransport', { stageId, direction: 'recv' });
    await refused('stage:consume', { stageId, transportId: randomUUID(), producerId: randomUUID(), rtpCapabilities: caps }, 'TRANSPORT_NOT_FOUND');
    await refused('stage:consume', { stageId, transportId: recvAgain.id, producerId: randomUUID(), rtpCapabilities: caps }, 'NOT_FOUND');
    await refused('stage:resumeConsumer', { stageId, consumerId: randomUUID() }, 'NOT_FOUND');
    // RTP capabilities and parameters that are garbage.
    await refused('stage:consume', { stageId, transportId: recvAgain.id, producerId: randomUUID(), rtpCapabilities: { codecs: [{ kind: 'smell', mimeType: 'x' }] } }, 'VALIDATION_FAILED');
    await refused('stage:consume', { stageId, transportId: recvAgain.id, producerId: randomUUID(), rtpCapabilities: { codecs: 'all of them' } }, 'VALIDATION_FAILED');
    const produce = (rtpParameters: unknown, extra: Record<string, unknown> = {}) => ({ stageId, transportId: recvAgain.id, kind: 'audio', rtpParameters, appData: { source: 'microphone' }, ...extra });
    await refused('stage:produce', produce({ codecs: [] }), 'VALIDATION_FAILED');
    await refused('stage:produce', produce({ ...rtp('audio'), codecs: [{ mimeType: 'audio/opus', payloadType: 300, clockRate: 48000 }] }), 'VALIDATION_FAILED');
    await refused('stage:produce', produce({ ...rtp('audio'), encodings: [{ ssrc: -5 }] }), 'VALIDATION_FAILED');
    await refused('stage:produce', produce({ ...rtp('audio'), codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, parameters: { nested: { deep: true } } }] }), 'VALIDATION_FAILED');
    await refused('stage:produce', produce(rtp('audio'), { kind: 'video' }), 'VALIDATION_FAILED'); // a microphone is audio
    await refused('stage:produce', produce(rtp('audio'), { appData: { source: 'hologram' } }), 'VALIDATION_FAILED');
    expect(await workerObjects().then((o) => o.load.producers)).toBe(0);
    await ok(a, 'stage:leave', { stageId });
  });

  describe('with a speaker on stage', () => {
    let mod: ClientSocket;
    let spk: ClientSocket;
    let sendTransportId: string;
    let audioId: string;
    let videoId: string;

    it('lets a moderator put a speaker on stage, and nobody else; only speakers and up go on stage', async () => {
      mod = await open(moderator);
      spk = await open(speaker);
      const a = await open(alice);
      await ok(a, 'stage:join', { stageId });
      expect(await call(a, 'stage:putOnStage', { stageId, userId: ids.alice })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(spk, 'stage:putOnStage', { stageId, userId: ids.speaker })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(mod, 'stage:putOnStage', { stageId, userId: ids.alice })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(mod, 'stage:putOnStage', { stageId, userId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

      const toSpeaker = next(spk, 'stage:updated');
      const toAudience = next(a, 'stage:updated');
      const state = await ok(mod, 'stage:putOnStage', { stageId, userId: ids.speaker });
      expect(state).toEqual({ stageId, layout: 'speaker', onStage: [{ userId: ids.speaker, displayName: 'Sara Talare', producers: [] }], backstage: [] });
      // The speaker hears of it before joining the stage's media; the audience too.
      expect(await toSpeaker).toEqual(state);
      expect(await toAudience).toEqual(state);
      await ok(a, 'stage:leave', { stageId });
    });

    it('lets the speaker send a microphone and a camera; another person consumes them', async () => {
      const joined = await ok(spk, 'stage:join', { stageId });
      expect(joined.canProduce).toBe(true);
      const send = await ok(spk, 'stage:createTransport', { stageId, direction: 'send' });
      expect(send.iceCandidates[0]).toMatchObject({ ip: '127.0.0.1', address: '127.0.0.1', protocol: 'udp', type: 'host' });
      expect(send.iceCandidates.some((c) => c.protocol === 'tcp')).toBe(true);
      expect(send.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
      sendTransportId = send.id;
      await ok(spk, 'stage:connectTransport', { stageId, transportId: send.id, dtlsParameters: dtls() });
      // Connecting twice is mediasoup's refusal, typed.
      expect(await call(spk, 'stage:connectTransport', { stageId, transportId: send.id, dtlsParameters: dtls() })).toMatchObject({ ok: false, error: { code: 'MEDIA_REFUSED' } });
      const restarted = await ok(spk, 'stage:restartIce', { stageId, transportId: send.id });
      expect(restarted.iceParameters.usernameFragment).not.toBe(send.iceParameters.usernameFragment);

      const a = await open(alice);
      const aliceJoined = await ok(a, 'stage:join', { stageId });
      const added = collect(a, 'stage:producerAdded');
      // Parameters that pass the schema but not mediasoup: a codec the router does not have.
      const unsupported = await call(spk, 'stage:produce', {
        stageId, transportId: send.id, kind: 'video', appData: { source: 'camera' },
        rtpParameters: { ...rtp('video'), codecs: [{ mimeType: 'video/AV2', payloadType: 96, clockRate: 90000 }] },
      });
      expect(unsupported).toMatchObject({ ok: false, error: { code: 'MEDIA_REFUSED' } });

      audioId = (await ok(spk, 'stage:produce', { stageId, transportId: send.id, kind: 'audio', rtpParameters: rtp('audio'), appData: { source: 'microphone' } })).id;
      videoId = (await ok(spk, 'stage:produce', { stageId, transportId: send.id, kind: 'video', rtpParameters: rtp('video'), appData: { source: 'camera' } })).id;
      expect(await call(spk, 'stage:produce', { stageId, transportId: send.id, kind: 'video', rtpParameters: rtp('video'), appData: { source: 'camera' } }))
        .toMatchObject({ ok: false, error: { code: 'MEDIA_REFUSED' } }); // one camera at a time
      await eventually(() => expect(added.map((p) => p.producer.id).sort()).toEqual([audioId, videoId].sort()));
      expect(added.find((p) => p.producer.id === videoId)).toEqual({ stageId, producer: { id: videoId, userId: ids.speaker, kind: 'video', source: 'camera', paused: false } });

      const recv = await ok(a, 'stage:createTransport', { stageId, direction: 'recv' });
      await ok(a, 'stage:connectTransport', { stageId, transportId: recv.id, dtlsParameters: dtls() });
      // A speaker's producer id on a send transport is not something to consume on.
      expect(await call(a, 'stage:consume', { stageId, transportId: send.id, producerId: audioId, rtpCapabilities: aliceJoined.routerRtpCapabilities }))
        .toMatchObject({ ok: false, error: { code: 'TRANSPORT_NOT_FOUND' } });
      const caps: RtpCapabilities = aliceJoined.routerRtpCapabilities;
      const audio = await ok(a, 'stage:consume', { stageId, transportId: recv.id, producerId: audioId, rtpCapabilities: caps });
      const video = await ok(a, 'stage:consume', { stageId, transportId: recv.id, producerId: videoId, rtpCapabilities: caps });
      expect(audio).toMatchObject({ producerId: audioId, kind: 'audio', producerPaused: false, appData: { source: 'microphone', userId: ids.speaker } });
      expect(audio.rtpParameters.codecs[0]!.mimeType).toBe('audio/opus');
      expect(video).toMatchObject({ producerId: videoId, kind: 'video', appData: { source: 'camera', userId: ids.speaker } });
      expect(video.rtpParameters.codecs.map((c) => c.mimeType)).toEqual(['video/VP8', 'video/rtx']);
      // A retried consume (lost ack) gets the same consumer.
      expect((await ok(a, 'stage:consume', { stageId, transportId: recv.id, producerId: audioId, rtpCapabilities: caps })).id).toBe(audio.id);
      await ok(a, 'stage:resumeConsumer', { stageId, consumerId: audio.id });
      await ok(a, 'stage:resumeConsumer', { stageId, consumerId: video.id });
      expect((await workerObjects()).load).toMatchObject({ producers: 2, consumers: 2 });
      const room = stage().room(stageId)!;
      const consumer = [...room.peers.values()].find((p) => p.info.userId === ids.alice)!.consumers.get(video.id)!;
      expect(consumer.paused).toBe(false);

      // A second viewer whose device lacks Opus cannot receive the microphone.
      const a2 = await open(alice);
      await ok(a2, 'stage:join', { stageId });
      const recv2 = await ok(a2, 'stage:createTransport', { stageId, direction: 'recv' });
      expect(await call(a2, 'stage:consume', { stageId, transportId: recv2.id, producerId: audioId, rtpCapabilities: { codecs: caps.codecs!.filter((c) => c.kind === 'video'), headerExtensions: caps.headerExtensions } }))
        .toMatchObject({ ok: false, error: { code: 'MEDIA_REFUSED' } });
      a2.close();

      // Mute and unmute: everyone sees it in the stage's state.
      const muted = next(a, 'stage:updated', (s) => s.onStage[0]?.producers.find((p) => p.id === audioId)?.paused === true);
      await ok(spk, 'stage:pauseProducer', { stageId, producerId: audioId });
      await muted;
      expect(await call(a, 'stage:pauseProducer', { stageId, producerId: audioId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } }); // not hers
      await ok(spk, 'stage:resumeProducer', { stageId, producerId: audioId });

      // The camera stops: the audience is told and the consumer is gone on the server.
      const removed = next(a, 'stage:producerRemoved', (p) => p.producerId === videoId);
      await ok(spk, 'stage:closeProducer', { stageId, producerId: videoId });
      expect(await removed).toEqual({ stageId, producerId: videoId, userId: ids.speaker });
      await eventually(() => expect(stage().stats()).toMatchObject({ producers: 1, consumers: 1 }));
      await ok(a, 'stage:leave', { stageId });
      a.close();
    });

    it('lists who has the backstage open, speakers and up only, until they leave', async () => {
      const a = await open(alice);
      expect(await call(a, 'stage:join', { stageId, backstage: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      await ok(a, 'stage:join', { stageId });
      const back = await open(speaker);
      const arrived = next(a, 'stage:updated', (s) => s.backstage.length === 1);
      const joined = await ok(back, 'stage:join', { stageId, backstage: true });
      expect(joined.state.backstage).toEqual([{ userId: ids.speaker, displayName: 'Sara Talare' }]);
      expect((await arrived).backstage).toEqual([{ userId: ids.speaker, displayName: 'Sara Talare' }]);
      // A second backstage tab of the same person is one person.
      const again = await open(speaker);
      expect((await ok(again, 'stage:join', { stageId, backstage: true })).state.backstage).toHaveLength(1);
      again.close();
      const left = next(a, 'stage:updated', (s) => s.backstage.length === 0);
      await ok(back, 'stage:leave', { stageId });
      await left;
      back.close();
      a.close();
    });

    it('lets a moderator choose the layout, and nobody else; everyone on the stage sees it', async () => {
      const a = await open(alice);
      await ok(a, 'stage:join', { stageId });
      expect(await call(a, 'stage:setLayout', { stageId, layout: 'grid' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(spk, 'stage:setLayout', { stageId, layout: 'grid' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(mod, 'stage:setLayout', { stageId, layout: 'cinema' } as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      const seen = next(a, 'stage:updated', (s) => s.layout === 'speakerScreen');
      expect(await ok(mod, 'stage:setLayout', { stageId, layout: 'speakerScreen' })).toMatchObject({ stageId, layout: 'speakerScreen' });
      expect((await seen).onStage.map((p) => p.userId)).toEqual([ids.speaker]);
      // Whoever joins later gets it with the stage's state.
      const late = await open(alice);
      expect((await ok(late, 'stage:join', { stageId })).state.layout).toBe('speakerScreen');
      await ok(mod, 'stage:setLayout', { stageId, layout: 'speaker' });
      a.close();
      late.close();
    });

    it('forwards the simulcast layer a viewer prefers and refuses layers of sound', async () => {
      // A screen sent as three simulcast layers (three SSRCs), as mediasoup-client sends a camera with encodings.
      const base = rtp('video');
      const first = base.encodings![0]!.ssrc!;
      const simulcast: RtpParameters = { ...base, encodings: [0, 1, 2].map((i) => ({ ssrc: first + 100 + i * 2, rtx: { ssrc: first + 101 + i * 2 }, scaleResolutionDownBy: 4 / 2 ** i })) };
      const screenId = (await ok(spk, 'stage:produce', { stageId, transportId: sendTransportId, kind: 'video', rtpParameters: simulcast, appData: { source: 'screen' } })).id;
      const v = await open(alice);
      const { routerRtpCapabilities } = await ok(v, 'stage:join', { stageId });
      const recv = await ok(v, 'stage:createTransport', { stageId, direction: 'recv' });
      const c = await ok(v, 'stage:consume', { stageId, transportId: recv.id, producerId: screenId, rtpCapabilities: routerRtpCapabilities });
      const consumer = [...stage().room(stageId)!.peers.values()].find((p) => p.consumers.has(c.id))!.consumers.get(c.id)!;
      expect(consumer.type).toBe('simulcast');
      // By default mediasoup forwards the best layer it receives.
      expect(consumer.preferredLayers).toMatchObject({ spatialLayer: 2 });
      await ok(v, 'stage:resumeConsumer', { stageId, consumerId: c.id });
      expect(consumer.paused).toBe(false);

      // The screen has one temporal layer, so a wish for more is clamped to what there is.
      await ok(v, 'stage:setPreferredLayers', { stageId, consumerId: c.id, spatialLayer: 0, temporalLayer: 2 });
      expect(consumer.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 0 });
      await ok(v, 'stage:setPreferredLayers', { stageId, consumerId: c.id, spatialLayer: 1 });
      expect(consumer.preferredLayers).toMatchObject({ spatialLayer: 1 });
      expect(await call(v, 'stage:setPreferredLayers', { stageId, consumerId: c.id, spatialLayer: 7 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expect(await call(v, 'stage:setPreferredLayers', { stageId, consumerId: randomUUID(), spatialLayer: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      const sound = await ok(v, 'stage:consume', { stageId, transportId: recv.id, producerId: audioId, rtpCapabilities: routerRtpCapabilities });
      expect(await call(v, 'stage:setPreferredLayers', { stageId, consumerId: sound.id, spatialLayer: 0 })).toMatchObject({ ok: false, error: { code: 'MEDIA_REFUSED' } });
      // Someone else's consumer is not hers to tune.
      const other = await open(alice);
      await ok(other, 'stage:join', { stageId });
      expect(await call(other, 'stage:setPreferredLayers', { stageId, consumerId: c.id, spatialLayer: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      other.close();
      v.close();
      await ok(spk, 'stage:closeProducer', { stageId, producerId: screenId });
      await eventually(() => expect(stage().stats().producers).toBe(1));
    });

    it('spreads viewers over a second worker with pipeToRouter once the first router is full', async () => {
      videoId = (await ok(spk, 'stage:produce', { stageId, transportId: sendTransportId, kind: 'video', rtpParameters: rtp('video'), appData: { source: 'camera' } })).id;
      // Two producers and four consumers per router: two viewers fit on the main router, the third goes elsewhere.
      const viewers: ClientSocket[] = [];
      const consumed: string[] = [];
      for (let i = 0; i < 4; i++) {
        const v = await open(alice);
        viewers.push(v);
        const { routerRtpCapabilities } = await ok(v, 'stage:join', { stageId });
        const recv = await ok(v, 'stage:createTransport', { stageId, direction: 'recv' });
        for (const producerId of [audioId, videoId]) {
          const c = await ok(v, 'stage:consume', { stageId, transportId: recv.id, producerId, rtpCapabilities: routerRtpCapabilities });
          await ok(v, 'stage:resumeConsumer', { stageId, consumerId: c.id });
          consumed.push(c.id);
        }
      }
      const routers = stage().room(stageId)!.routers();
      expect(routers).toHaveLength(2);
      const [main, extra] = [routers.find((r) => r.main)!, routers.find((r) => !r.main)!];
      expect(extra.workerIndex).not.toBe(main.workerIndex);
      expect(main.receivers).toBe(2);
      expect(extra.receivers).toBe(2);
      const perWorker = stage().pool.workers().map((w) => w.load);
      // The second worker holds the piped producers and the consumers of the viewers sent there.
      expect(perWorker[extra.workerIndex]).toMatchObject({ routers: 1, producers: 2 });
      expect(perWorker[extra.workerIndex]!.consumers).toBe(4);

      // The last viewers leave: the extra router and its pipe go with them.
      for (const v of viewers) v.close();
      await eventually(() => expect(stage().room(stageId)!.routers()).toHaveLength(1));
      await eventually(() => expect(stage().pool.workers()[extra.workerIndex]!.load).toEqual({ routers: 0, transports: 0, producers: 0, consumers: 0 }));
    });

    it('closes every transport and consumer when peers leave: 100 joins and leaves leave nothing behind', async () => {
      const before = await workerObjects();
      const statsBefore = stage().stats();
      let s = await open(alice);
      for (let i = 0; i < 100; i++) {
        const { routerRtpCapabilities } = await ok(s, 'stage:join', { stageId });
        const recv = await ok(s, 'stage:createTransport', { stageId, direction: 'recv' });
        await ok(s, 'stage:connectTransport', { stageId, transportId: recv.id, dtlsParameters: dtls() });
        for (const producerId of [audioId, videoId]) {
          const c = await ok(s, 'stage:consume', { stageId, transportId: recv.id, producerId, rtpCapabilities: routerRtpCapabilities });
          await ok(s, 'stage:resumeConsumer', { stageId, consumerId: c.id });
        }
        // Leaving three ways: the command, joining again (starts afresh), and the connection dropping.
        if (i % 3 === 0) await ok(s, 'stage:leave', { stageId });
        else if (i % 3 === 2) {
          s.close();
          s = await open(alice);
        }
      }
      s.close();
      await eventually(async () => {
        expect(stage().stats()).toMatchObject({ peers: statsBefore.peers, transports: statsBefore.transports, consumers: statsBefore.consumers, producers: 2 });
        const after = await workerObjects();
        expect(after).toEqual(before);
      });
      expect(before.load).toMatchObject({ producers: 2, consumers: 0 });
    });

    it('replaces a worker killed with SIGKILL, recreates the stage on a live worker and tells its people to join again', async () => {
      const a = await open(alice);
      const { routerRtpCapabilities } = await ok(a, 'stage:join', { stageId });
      const recv = await ok(a, 'stage:createTransport', { stageId, direction: 'recv' });
      await ok(a, 'stage:consume', { stageId, transportId: recv.id, producerId: audioId, rtpCapabilities: routerRtpCapabilities });
      const oldRoom = stage().room(stageId)!;
      const mainRouter = oldRoom.routers().find((r) => r.main)!;
      const victim = stage().pool.workers()[mainRouter.workerIndex]!;
      const toAlice = next(a, 'stage:restarted', undefined, 15_000);
      const toSpeaker = next(spk, 'stage:restarted', undefined, 15_000);

      process.kill(victim.pid!, 'SIGKILL');
      expect(await toAlice).toEqual({ stageId });
      expect(await toSpeaker).toEqual({ stageId });
      expect(oldRoom.closed).toBe(true);
      const newRoom = stage().room(stageId)!;
      expect(newRoom).not.toBe(oldRoom);
      expect(newRoom.closed).toBe(false);
      expect(newRoom.sendRouter.id).not.toBe(oldRoom.sendRouter.id);
      // The dead worker is replaced by a new process.
      await eventually(() => {
        const slot = stage().pool.workers()[mainRouter.workerIndex]!;
        expect(slot.pid).not.toBeNull();
        expect(slot.pid).not.toBe(victim.pid);
      });
      expect(stage().pool.workers().every((w) => w.worker && !w.worker.closed)).toBe(true);

      // The speaker is still on stage; everyone joins again and it all works.
      const again = await ok(spk, 'stage:join', { stageId });
      expect(again.canProduce).toBe(true);
      expect(again.state.onStage[0]).toMatchObject({ userId: ids.speaker, producers: [] });
      const send = await ok(spk, 'stage:createTransport', { stageId, direction: 'send' });
      const audio = await ok(spk, 'stage:produce', { stageId, transportId: send.id, kind: 'audio', rtpParameters: rtp('audio'), appData: { source: 'microphone' } });
      const aliceAgain = await ok(a, 'stage:join', { stageId });
      expect(aliceAgain.state.onStage[0]!.producers.map((p) => p.id)).toEqual([audio.id]);
      const recvAgain = await ok(a, 'stage:createTransport', { stageId, direction: 'recv' });
      const consumer = await ok(a, 'stage:consume', { stageId, transportId: recvAgain.id, producerId: audio.id, rtpCapabilities: aliceAgain.routerRtpCapabilities });
      expect(consumer.kind).toBe('audio');
      audioId = audio.id;
    });

    it('takes the speaker off stage: the producers stop and sending is refused from then on', async () => {
      const a = await open(alice);
      await ok(a, 'stage:join', { stageId });
      const removed = next(a, 'stage:producerRemoved', (p) => p.producerId === audioId);
      const updated = next(spk, 'stage:updated', (s) => s.onStage.length === 0);
      expect(await call(spk, 'stage:takeOffStage', { stageId, userId: ids.speaker })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ok(mod, 'stage:takeOffStage', { stageId, userId: ids.speaker })).toMatchObject({ stageId, onStage: [] });
      await removed;
      await updated;
      const send = [...stage().room(stageId)!.peers.values()].find((p) => p.info.userId === ids.speaker)!;
      const transportId = [...send.transports.keys()][0]!;
      expect(await call(spk, 'stage:produce', { stageId, transportId, kind: 'audio', rtpParameters: rtp('audio'), appData: { source: 'microphone' } }))
        .toMatchObject({ ok: false, error: { code: 'NOT_ON_STAGE' } });
      expect(await call(spk, 'stage:createTransport', { stageId, direction: 'send' })).toMatchObject({ ok: false, error: { code: 'NOT_ON_STAGE' } });
      expect(stage().stats().producers).toBe(0);
    });
  });

  it('closes the stage’s routers when the last person leaves', async () => {
    for (const s of sockets) s.close();
    await eventually(() => expect(stage().stats()).toMatchObject({ rooms: 0, peers: 0, transports: 0 }));
    await eventually(async () => expect((await workerObjects()).load).toEqual({ routers: 0, transports: 0, producers: 0, consumers: 0 }));
  });
});

describe('the stage without a built worker', () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('starts anyway and answers stage commands with UNAVAILABLE', async () => {
    t = await startApp(pglite, { MEDIASOUP_WORKER_BIN: '/nonexistent/mediasoup-worker' });
    const base = await listen(t);
    const organiser = await signedUp(t.app);
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    await organiser.post('/api/events', { slug: 'utan', name: 'Utan video', startDate: today, endDate: addDays(today, 1) });
    const stageId = (await organiser.post('/api/events/utan/stages', { name: 'Scen' })).json().id;
    const s = await connectTo(base, { cookie: organiser.cookie, slug: 'utan' });
    expect(await call(s, 'stage:join', { stageId })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect((await ok(s, 'room:join', { room: 'lobby' })).room).toBe('lobby');
    expect((await new Client(t.app).get('/api/health')).statusCode).toBe(200);
    s.close();
  });
});

describe('stage configuration', () => {
  it('listens on loopback by default, on every address once an announced address is given, and refuses half-set values', () => {
    expect(loadConfig({}).media).toMatchObject({ listenIp: '127.0.0.1', announcedIp: undefined, minPort: 40000, maxPort: 49999, enableTcp: true, iceServers: { urls: [] } });
    expect(loadConfig({ RTC_ANNOUNCED_IP: '203.0.113.7', RTC_TCP: 'false', MEDIASOUP_WORKERS: '3' }).media).toMatchObject({ listenIp: '0.0.0.0', announcedIp: '203.0.113.7', enableTcp: false, workers: 3 });
    expect(loadConfig({ XDG_CACHE_HOME: '/tmp/cache' }).media.workerBin).toBe('/tmp/cache/samling/mediasoup-worker-3.12.16/mediasoup-worker');
    expect(() => loadConfig({ RTC_LISTEN_IP: '0.0.0.0' })).toThrow(/RTC_ANNOUNCED_IP/);
    expect(() => loadConfig({ RTC_MIN_PORT: '50000', RTC_MAX_PORT: '40000' })).toThrow(/RTC_MAX_PORT/);
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example.se:3478' })).toThrow(/TURN_SECRET/);
    expect(() => loadConfig({ TURN_URLS: 'http://nej' })).toThrow(/TURN_URLS/);
    expect(() => loadConfig({ MEDIASOUP_WORKERS: '0' })).toThrow(/MEDIASOUP_WORKERS/);
  });

  it('makes TURN credentials that expire and name the person, STUN without any', () => {
    const servers = iceServersFor('u1', { urls: ['stun:s.example:3478', 'turns:t.example:5349'], secret: 'hemligt!', ttlSeconds: 600 }, 1_000_000_000_000);
    expect(servers).toEqual([
      { urls: ['stun:s.example:3478'] },
      { urls: ['turns:t.example:5349'], username: '1000000600:u1', credential: createHmac('sha1', 'hemligt!').update('1000000600:u1').digest('base64') },
    ]);
    expect(iceServersFor('u1', { urls: [], secret: undefined, ttlSeconds: 600 })).toEqual([]);
  });
});
