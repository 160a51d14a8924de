// Ramp: N authenticated attendees connect (open loop, at a set rate) and join one session's room. Measures the
// connection rate and failures, handshake and join times, server memory at steps (slope = bytes per connection),
// the event loop at rest once everyone is in, and whether every node agrees on the viewer count.
import { performance } from 'node:perf_hooks';
import type { Attendee } from '../clients/attendee.ts';
import { CrowdClient } from '../clients/crowd.ts';
import { Probe } from '../clients/probe.ts';
import { runSchedule, sleep, waitFor, type Ctx } from '../context.ts';
import { mergeCosts, perOperation, type PhaseCost } from '../meter.ts';
import { Latency, linearFit, type LatencySummary } from '../stats.ts';

export interface MemoryPoint {
  connections: number;
  rssBytes: number | null;
  heapUsedBytes: number | null;
}

export interface RampFigures {
  attempted: number;
  connected: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  connectsPerSecond: number;
  handshakeMs: LatencySummary;
  joinMs: LatencySummary;
  memory: { points: MemoryPoint[]; rssBytesPerConnection: number | null; heapBytesPerConnection: number | null };
  cost: PhaseCost;
  /** CPU per attendee connected and joined (ms): the server's, the database's. */
  cpuPerConnection: { serverMs: number | null; storeMs: number | null };
  idle: PhaseCost;
  presence: { expected: number; converged: boolean; seconds: number | null; seenByNode: (number | null)[] };
}

const reasonOf = (err: unknown) => {
  const e = err as Error & { code?: string };
  if (e.code) return e.code;
  if (/timeout/.test(e.message)) return 'timeout';
  return e.message.replace(/\d+/g, 'N').slice(0, 60);
};

export async function ramp(ctx: Ctx): Promise<RampFigures> {
  const { opts, target, router } = ctx;
  const n = Math.min(opts.attendees, target.people.length);
  const k = Math.min(opts.probes, n);
  const room = target.sessionId;
  const nodes = target.urls.length;
  const people = target.people;
  const attendees: Attendee[] = people.slice(0, n).map((p, i) => {
    const t = { baseUrl: target.urls[i % nodes]!, slug: target.slug, cookie: p.cookie };
    return i < k ? new Probe(i, i % nodes, t, router) : new CrowdClient(i, i % nodes, t, router);
  });
  ctx.attendees = attendees;
  ctx.probes = attendees.slice(0, k) as Probe[];

  // Viewer counts as each attendee last saw them.
  const lastViewers = new Map<Attendee, number>();
  router.listener = { presence: (a, viewers) => lastViewers.set(a, viewers) };

  const handshake = new Latency();
  const join = new Latency();
  const failures: Record<string, number> = {};
  let connected = 0;
  let failed = 0;
  const fail = (reason: string) => {
    failed++;
    failures[reason] = (failures[reason] ?? 0) + 1;
  };

  const memory: MemoryPoint[] = [];
  const settle = async (connections: number) => {
    await sleep(500);
    const s = await ctx.meter.settled();
    const sum = (f: (x: NonNullable<(typeof s)[number]>) => number | null) =>
      s.every((x) => x && f(x) !== null) ? s.reduce((acc, x) => acc + (f(x!) ?? 0), 0) : null;
    memory.push({ connections, rssBytes: sum((x) => x.rssBytes), heapUsedBytes: sum((x) => x.heapUsedBytes) });
  };

  ctx.log(`ramp: ${n} attendees (${k} socket.io-client probes) to ${nodes} node${nodes > 1 ? 's' : ''} at ${opts.connectRate}/s`);
  await settle(0);
  // The cost counts the connecting only: the collections forced for the memory readings are the harness's doing.
  const costs: PhaseCost[] = [];
  let activeMs = 0;
  // Memory is read after a full collection at each step; small runs take fewer steps.
  const fractions = n >= 1000 ? [0.25, 0.5, 0.75, 1] : [0.5, 1];
  const steps = fractions.map((f) => Math.round(f * n)).filter((v, i, a) => v > 0 && a.indexOf(v) === i);
  let from = 0;
  for (const to of steps) {
    const mark = await ctx.meter.begin();
    const t0 = performance.now();
    const times = Array.from({ length: to - from }, (_, j) => t0 + (j * 1000) / opts.connectRate);
    let inFlight = 0;
    let queued = 0;
    let started = 0;
    const queue: number[] = [];
    const start = (i: number) => {
      inFlight++;
      const a = attendees[i]!;
      const began = performance.now();
      a.connect(30_000)
        .then(async () => {
          handshake.record(performance.now() - began);
          const j0 = performance.now();
          const res = await a.call('room:join', { room }, 30_000);
          if (!res.ok) throw Object.assign(new Error(res.error.message), { code: `join ${res.error.code}` });
          join.record(performance.now() - j0);
          // The lifecycle hooks see it online from here (keepAlive comes later, in the storm).
          await a.settle(true, performance.now());
          connected++;
        })
        .catch((err: unknown) => {
          fail(reasonOf(err));
          a.close();
        })
        .finally(() => {
          inFlight--;
          pump();
        });
    };
    const pump = () => {
      while (inFlight < opts.connectConcurrency && started < queued) start(queue[started++]!);
    };
    await runSchedule(times, (j) => {
      queue.push(from + j);
      queued++;
      pump();
    });
    await waitFor(() => started === queued && inFlight === 0, 120_000, 20);
    activeMs += performance.now() - t0;
    costs.push(await ctx.meter.end(mark));
    ctx.log(`ramp: ${connected} connected, ${failed} failed`);
    await settle(connected);
    from = to;
  }
  const cost = mergeCosts(costs);

  // Everyone in: the server at rest, and the viewer count as every node tells it.
  const expected = new Set([...attendees.filter((a) => a.online).map((a) => people[a.index]!.userId ?? a.index), 'moderator']).size;
  const idle0 = await ctx.meter.begin();
  const p0 = performance.now();
  const probesByNode = Array.from({ length: nodes }, (_, node) => ctx.probes.filter((p) => p.node === node && p.online));
  const agreed = () => probesByNode.every((ps) => ps.length > 0 && ps.every((p) => lastViewers.get(p) === expected));
  const converged = await waitFor(agreed, Math.max(opts.idleSeconds * 1000, 5000), 50);
  const presenceSeconds = converged ? (performance.now() - p0) / 1000 : null;
  await sleep(Math.max(0, opts.idleSeconds * 1000 - (performance.now() - p0)));
  const idle = await ctx.meter.end(idle0);
  router.listener = {};

  const fit = (key: 'rssBytes' | 'heapUsedBytes') => {
    const pts = memory.filter((m) => m[key] !== null).map((m) => ({ x: m.connections, y: m[key]! }));
    return pts.length === memory.length ? (linearFit(pts)?.slope ?? null) : null;
  };
  return {
    attempted: n,
    connected,
    failed,
    failures,
    seconds: activeMs / 1000,
    connectsPerSecond: connected / (activeMs / 1000),
    handshakeMs: handshake.summary(),
    joinMs: join.summary(),
    memory: { points: memory, rssBytesPerConnection: fit('rssBytes'), heapBytesPerConnection: fit('heapUsedBytes') },
    cost,
    cpuPerConnection: perOperation(cost, connected),
    idle,
    presence: { expected, converged, seconds: presenceSeconds, seenByNode: probesByNode.map((ps) => (ps[0] ? (lastViewers.get(ps[0]) ?? null) : null)) },
  };
}
