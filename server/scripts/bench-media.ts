// The media benchmark: how many consumers one mediasoup worker forwards, and what each one costs in CPU.
//
// One speaker's camera (VP8, ~1.5 Mbit/s at 30 fps, a keyframe every 2 s) and microphone (Opus, 50 packets/s) are
// sent as real RTP from this process into a router of one worker, the stage's own codecs. Consumers are added in
// steps; each is a plain transport with SRTP on, so the worker does the per-packet work a browser's consumer costs
// (RTP rewrite, SRTP encryption, one sendto per packet), without ICE/DTLS handshakes. At each step the worker's own
// CPU time (getResourceUsage) and the packets it sent (consumer stats) are read over a window.
//
//   pnpm --filter @samling/server exec tsx scripts/bench-media.ts [--steps 0,50,100,200,400,800] [--seconds 8]
//                                                               [--video-kbps 1500] [--srtp true|false]
//   (or from the root: npm run bench:media -- --steps ...)
// Not pinned: the sender (this process) and the worker each want a core; pinning both to one halves the worker.
// Prints a table and, last, one JSON line.
import dgram from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { loadMediasoup, type ms } from '../src/media/mediasoup.ts';
import { stageCodecs } from '../src/media/codecs.ts';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '0,25,50,100,200,400' },
    seconds: { type: 'string', default: '6' },
    'video-kbps': { type: 'string', default: '1500' },
    srtp: { type: 'string', default: 'true' },
  },
});
const steps = values.steps.split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 0).sort((a, b) => a - b);
const windowSeconds = Number(values.seconds);
const videoKbps = Number(values['video-kbps']);
const srtp = values.srtp !== 'false';

const VIDEO_PT = 101;
const AUDIO_PT = 100;
const VIDEO_SSRC = 11_111_111;
const AUDIO_SSRC = 22_222_222;
const FPS = 30;
const MTU_PAYLOAD = 1100;

/** An RTP packet: version 2, no CSRC, no extensions. */
function rtpPacket(pt: number, seq: number, ts: number, ssrc: number, marker: boolean, payload: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = (marker ? 0x80 : 0) | pt;
  header.writeUInt16BE(seq & 0xffff, 2);
  header.writeUInt32BE(ts >>> 0, 4);
  header.writeUInt32BE(ssrc >>> 0, 8);
  return Buffer.concat([header, payload]);
}

/**
 * The packets of one VP8 frame: a payload descriptor with a 15-bit picture id on each packet, and on the first one
 * the VP8 frame tag (a keyframe carries the start code and 640x360), so mediasoup sees real keyframes to sync on.
 */
function vp8Frame(pictureId: number, keyframe: boolean, bytes: number): Buffer[] {
  const packets: Buffer[] = [];
  let left = bytes;
  let first = true;
  while (left > 0) {
    const size = Math.min(left, MTU_PAYLOAD);
    left -= size;
    const descriptor = Buffer.from([0x80 | (first ? 0x10 : 0), 0x80, 0x80 | ((pictureId >> 8) & 0x7f), pictureId & 0xff]);
    const body = randomBytes(size);
    if (first) {
      body[0] = keyframe ? 0x10 : 0x11; // frame tag: bit 0 = inter frame, bit 4 = show frame
      body[1] = 0x00;
      body[2] = 0x00;
      if (keyframe) body.set([0x9d, 0x01, 0x2a, 0x80, 0x02, 0x68, 0x01], 3);
    }
    packets.push(Buffer.concat([descriptor, body]));
    first = false;
  }
  return packets;
}

/** Sends the camera and microphone into the producer transport until stopped. */
function startSource(port: number) {
  const socket = dgram.createSocket('udp4');
  let videoSeq = 0;
  let audioSeq = 0;
  let frame = 0;
  let sent = 0;
  const frameBytes = Math.round((videoKbps * 1000) / 8 / FPS);
  const video = setInterval(() => {
    const keyframe = frame % (FPS * 2) === 0;
    const parts = vp8Frame(frame & 0x7fff, keyframe, keyframe ? frameBytes * 4 : frameBytes);
    const ts = frame * (90_000 / FPS);
    parts.forEach((payload, i) => {
      socket.send(rtpPacket(VIDEO_PT, videoSeq++, ts, VIDEO_SSRC, i === parts.length - 1, payload), port, '127.0.0.1');
      sent++;
    });
    frame++;
  }, 1000 / FPS);
  const audio = setInterval(() => {
    socket.send(rtpPacket(AUDIO_PT, audioSeq, audioSeq * 960, AUDIO_SSRC, false, randomBytes(80)), port, '127.0.0.1');
    audioSeq++;
    sent++;
  }, 20);
  return {
    get sent() { return sent; },
    stop() {
      clearInterval(video);
      clearInterval(audio);
      socket.close();
    },
  };
}

async function main() {
  const config = loadConfig(process.env);
  const mediasoup = await loadMediasoup(config.media.workerBin);
  const worker = await mediasoup.createWorker({ logLevel: 'error', rtcMinPort: 40_000, rtcMaxPort: 49_999 });
  const router = await worker.createRouter({ mediaCodecs: stageCodecs });

  const ingress = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
  const producers = [
    await ingress.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: VIDEO_PT, clockRate: 90_000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }] }],
        encodings: [{ ssrc: VIDEO_SSRC }],
      },
    }),
    await ingress.produce({
      kind: 'audio',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: AUDIO_PT, clockRate: 48_000, channels: 2 }], encodings: [{ ssrc: AUDIO_SSRC }] },
    }),
  ];
  const source = startSource(ingress.tuple.localPort);

  // Consumers send to a port nobody reads: the kernel drops the datagrams, so only the worker's work is measured.
  const sink = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => sink.bind(0, '127.0.0.1', resolve));
  const sinkPort = sink.address().port;
  sink.close();

  const consumers: ms.Consumer[] = [];
  const transports: ms.PlainTransport[] = [];
  async function addViewer() {
    const transport = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: false, enableSrtp: srtp });
    await transport.connect({
      ip: '127.0.0.1',
      port: sinkPort,
      ...(srtp ? { srtpParameters: { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80' as const, keyBase64: randomBytes(30).toString('base64') } } : {}),
    });
    transports.push(transport);
    for (const producer of producers) {
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true });
      await consumer.resume();
      consumers.push(consumer);
    }
  }

  /** Packets the worker sent to consumers, from their own stats (read in parallel), and when they were read. */
  async function packetsSent(): Promise<{ packets: number; at: number }> {
    const started = performance.now();
    const all = await Promise.all(consumers.map((c) => c.getStats() as Promise<Array<{ type: string; packetCount?: number }>>));
    const at = (started + performance.now()) / 2;
    let packets = 0;
    for (const stats of all) for (const s of stats) if (s.type === 'outbound-rtp') packets += s.packetCount ?? 0;
    return { packets, at };
  }
  /** The worker's CPU time (user + system, ms) and when it was read. */
  const cpuMs = async () => {
    const started = performance.now();
    const u = await worker.getResourceUsage();
    return { ms: u.ru_utime + u.ru_stime, at: (started + performance.now()) / 2 };
  };

  const rows: Array<{ viewers: number; consumers: number; workerCpuPercent: number; inPps: number; outPps: number; expectedOutPps: number; delivered: number; outMbps: number }> = [];
  await new Promise((r) => setTimeout(r, 2000));
  for (const viewers of steps) {
    while (transports.length < viewers) await addViewer();
    await new Promise((r) => setTimeout(r, 2500)); // consumers wait for a keyframe (every 2 s) before forwarding video
    // The stats reads cost the worker CPU too, so they sit outside the CPU window.
    const out0 = await packetsSent();
    const in0 = source.sent;
    const cpu0 = await cpuMs();
    await new Promise((r) => setTimeout(r, windowSeconds * 1000));
    const cpu1 = await cpuMs();
    const out1 = await packetsSent();
    const in1 = source.sent;
    const packetSeconds = (out1.at - out0.at) / 1000;
    const inPps = (in1 - in0) / packetSeconds;
    const outPps = (out1.packets - out0.packets) / packetSeconds;
    const expected = inPps * viewers;
    let bytes = 0;
    for (const consumer of consumers) {
      for (const s of (await consumer.getStats()) as Array<{ type: string; bitrate?: number }>) if (s.type === 'outbound-rtp') bytes += s.bitrate ?? 0;
    }
    rows.push({
      viewers,
      consumers: consumers.length,
      workerCpuPercent: Math.round(((cpu1.ms - cpu0.ms) / (cpu1.at - cpu0.at)) * 1000) / 10,
      inPps: Math.round(inPps),
      outPps: Math.round(outPps),
      expectedOutPps: Math.round(expected),
      delivered: expected > 0 ? Math.round((outPps / expected) * 1000) / 1000 : 1,
      outMbps: Math.round(bytes / 1e5) / 10,
    });
    const r = rows.at(-1)!;
    console.log(`${String(r.viewers).padStart(6)} viewers  ${String(r.consumers).padStart(5)} consumers  worker CPU ${String(r.workerCpuPercent).padStart(5)} %  out ${String(r.outPps).padStart(7)} pkt/s of ${String(r.expectedOutPps).padStart(7)} (${(r.delivered * 100).toFixed(1)} %)  ${r.outMbps} Mbit/s`);
  }
  source.stop();
  worker.close();

  // CPU per viewer (camera + microphone consumers) by least squares over the steps; capacity at 80 % of one core.
  // Fitted over the steps the worker kept up with (≥ 97 % of the packets forwarded); past that it is saturated.
  const pts = rows.filter((r) => r.viewers > 0 && r.delivered >= 0.97);
  const saturatedAt = rows.find((r) => r.delivered < 0.97)?.viewers ?? null;
  const n = pts.length;
  const mx = pts.reduce((s, r) => s + r.viewers, 0) / n;
  const my = pts.reduce((s, r) => s + r.workerCpuPercent, 0) / n;
  const slope = pts.reduce((s, r) => s + (r.viewers - mx) * (r.workerCpuPercent - my), 0) / pts.reduce((s, r) => s + (r.viewers - mx) ** 2, 0);
  const base = rows.find((r) => r.viewers === 0)?.workerCpuPercent ?? 0;
  const perViewer = Math.round(slope * 1000) / 1000;
  const viewersPerWorker = slope > 0 ? Math.floor((80 - base) / slope) : null;
  console.log(`\nworker CPU per viewer (video + audio consumer): ${perViewer} % of a core (${Math.round(perViewer * 5) / 10} % per consumer); idle ${base} %`);
  console.log(`viewers per worker at 80 % of a core: ${viewersPerWorker ?? 'n/a'} (${viewersPerWorker ? viewersPerWorker * 2 : 'n/a'} consumers); first step short of packets: ${saturatedAt ?? 'none'}`);
  console.log(JSON.stringify({ scenario: 'media', srtp, videoKbps, windowSeconds, steps: rows, cpuPercentPerViewer: perViewer, cpuPercentPerConsumer: Math.round(perViewer * 500) / 1000, viewersPerWorkerAt80: viewersPerWorker, saturatedAtViewers: saturatedAt }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
