// Chat: attendees post at a set rate (open loop, spread over enough people to stay inside the per-person limit)
// and everyone in the room receives; then a flood of messages posted at once, for Samling's fan-out throughput.
// Measures delivery latency (scheduled send to arrival, per recipient), lost and doubled deliveries.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { isTimeout, type Attendee } from '../clients/attendee.ts';
import { runSchedule, waitFor, type Ctx } from '../context.ts';
import { perOperation, type PhaseCost } from '../meter.ts';
import { Latency, type LatencySummary } from '../stats.ts';

// The server allows a burst of 5 messages per person, then one a second.
const BURST_PER_PERSON = 4;
const RATE_PER_PERSON = 0.5;

export interface ChatRunFigures {
  roomSize: number;
  senders: number;
  messages: number;
  acked: number;
  errors: Record<string, number>;
  ratePerSecond: number | null;
  deliveryMs: LatencySummary;
  deliveryProbesMs: LatencySummary;
  ackMs: LatencySummary;
  expectedDeliveries: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Per node: deliveries expected and made, so a node that misses its peer's messages shows. */
  byNode: { expected: number; delivered: number }[];
  seconds: number;
  deliveriesPerSecond: number;
  storedPerSecond: number;
  cost: PhaseCost;
  /** CPU per delivery (µs): the server's, the database's. */
  cpuPerDelivery: { serverMicros: number | null; storeMicros: number | null };
}

export interface ChatFigures {
  rate: ChatRunFigures;
  flood: ChatRunFigures | null;
}

export async function chat(ctx: Ctx, withFlood: boolean): Promise<ChatFigures> {
  const room = ctx.attendees.filter((a) => a.online);
  const senders = Math.min(room.length, Math.max(10, Math.ceil(ctx.opts.chatRate / RATE_PER_PERSON)));
  const n = Math.max(1, Math.round(ctx.opts.chatRate * ctx.opts.chatSeconds));
  ctx.log(`chat: ${n} messages at ${ctx.opts.chatRate}/s from ${senders} people to a room of ${room.length}`);
  // Rate senders from the end of the list, flood senders from the start: each keeps inside its own token bucket.
  const rateSenders = room.slice(-senders);
  const times = (t0: number) => Array.from({ length: n }, (_, j) => t0 + (j * 1000) / ctx.opts.chatRate);
  const rate = await runChat(ctx, room, rateSenders, n, times, ctx.opts.chatRate);

  let flood: ChatRunFigures | null = null;
  if (withFlood) {
    const pool = room.slice(0, Math.max(1, room.length - senders));
    const m = Math.min(pool.length * BURST_PER_PERSON, Math.max(10, Math.ceil(ctx.opts.floodDeliveries / (room.length + 1))));
    const floodSenders = pool.slice(0, Math.ceil(m / BURST_PER_PERSON));
    ctx.log(`chat flood: ${m} messages at once from ${floodSenders.length} people to a room of ${room.length}`);
    flood = await runChat(ctx, room, floodSenders, m, (t0) => Array.from({ length: m }, () => t0), null);
  }
  return { rate, flood };
}

async function runChat(
  ctx: Ctx,
  room: Attendee[],
  senders: Attendee[],
  n: number,
  schedule: (t0: number) => number[],
  ratePerSecond: number | null,
): Promise<ChatRunFigures> {
  const tag = `b${randomBytes(3).toString('hex')}.`;
  const recipients = [...room, ctx.moderator];
  const nodes = ctx.target.urls.length;
  const delivered = new Uint32Array(n);
  const deliveredByNode = Array.from({ length: nodes }, () => new Uint32Array(n));
  const latency = new Latency();
  const probeLatency = new Latency();
  let total = 0;
  let lastDeliveryAt = 0;
  const t0 = performance.now() + 100;
  const times = schedule(t0);
  ctx.router.listener = {
    chat: (a, text, at) => {
      if (!text.startsWith(tag)) return;
      const j = Number(text.slice(tag.length));
      if (!(j >= 0 && j < n)) return;
      delivered[j]!++;
      deliveredByNode[a.node]![j]!++;
      total++;
      lastDeliveryAt = at;
      const ms = at - times[j]!;
      latency.record(ms);
      if (a.kind === 'probe') probeLatency.record(ms);
    },
  };

  const cost0 = await ctx.meter.begin();
  const acked = new Uint8Array(n);
  const errors: Record<string, number> = {};
  const ackLatency = new Latency();
  let lastAckAt = t0;
  const calls: Promise<void>[] = [];
  await runSchedule(times, (j) => {
    const a = senders[j % senders.length]!;
    calls.push(
      a.call('chat:send', { room: ctx.target.sessionId, id: randomUUID(), text: `${tag}${j}` }, 60_000).then((res) => {
        if (res.ok) {
          acked[j] = 1;
          lastAckAt = performance.now();
          ackLatency.record(lastAckAt - times[j]!);
        } else {
          const code = isTimeout(res.error) ? 'timeout' : res.error.code;
          errors[code] = (errors[code] ?? 0) + 1;
        }
      }),
    );
  });
  await Promise.all(calls);
  const ackedCount = acked.reduce((s, x) => s + x, 0);
  const online = recipients.filter((a) => a.online);
  const perNode = Array.from({ length: nodes }, (_, node) => online.filter((a) => a.node === node).length);
  const expected = ackedCount * online.length;
  await waitFor(() => total >= expected, 15_000, 20);
  const cost = await ctx.meter.end(cost0);
  ctx.router.listener = {};

  let lost = 0;
  let duplicated = 0;
  for (let j = 0; j < n; j++) {
    if (!acked[j]) continue;
    lost += Math.max(0, online.length - delivered[j]!);
    duplicated += Math.max(0, delivered[j]! - online.length);
  }
  const byNode = perNode.map((count, node) => ({ expected: ackedCount * count, delivered: deliveredByNode[node]!.reduce((s, x) => s + x, 0) }));
  const seconds = (Math.max(lastDeliveryAt, t0 + 1) - t0) / 1000;
  return {
    roomSize: online.length,
    senders: senders.length,
    messages: n,
    acked: ackedCount,
    errors,
    ratePerSecond,
    deliveryMs: latency.summary(),
    deliveryProbesMs: probeLatency.summary(),
    ackMs: ackLatency.summary(),
    expectedDeliveries: expected,
    delivered: total,
    lost,
    duplicated,
    byNode,
    seconds,
    deliveriesPerSecond: total / seconds,
    storedPerSecond: ackedCount / ((lastAckAt - t0) / 1000 || 1),
    cost,
    cpuPerDelivery: (() => {
      const c = perOperation(cost, total);
      return { serverMicros: c.serverMs === null ? null : c.serverMs * 1000, storeMicros: c.storeMs === null ? null : c.storeMs * 1000 };
    })(),
  };
}
