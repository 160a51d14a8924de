// Server cost per phase of a run: CPU, event-loop delay and memory of every node, the harness's own CPU (so a
// saturated harness is visible), and what other processes on the machine took meanwhile.
import { performance } from 'node:perf_hooks';
import { machineCpu, stores, type EventLoopDelay, type MetricsSource, type ServerSample } from './target/metrics.ts';

export interface PhaseCost {
  seconds: number;
  /** Per node: CPU as a share of one core (1 = one core busy), null when unmeasured. */
  serverCpu: (number | null)[];
  /** Per node, over the phase. */
  eventLoopDelay: (EventLoopDelay | null)[];
  /** Per node, the highest RSS sampled during the phase. */
  peakRssBytes: (number | null)[];
  /** Share of one core the harness used. */
  harnessCpu: number;
  /** PostgreSQL and Redis processes on this machine (whoever they work for). */
  storeCpu: number | null;
  /** Cores busy with anything else on the machine. */
  otherCpu: number | null;
}

interface Mark {
  at: number;
  samples: (ServerSample | null)[];
  harness: NodeJS.CpuUsage;
  machine: { busy: number } | null;
  stores: number;
  peaks: (number | null)[];
}

export class Meter {
  private timer: NodeJS.Timeout | undefined;
  private open = new Set<Mark>();
  /** Every background sample, per node, for the time series in the JSON. */
  readonly series: { at: number; node: number; rssBytes: number | null; heapUsedBytes: number | null }[] = [];

  constructor(private readonly sources: () => (MetricsSource | null)[]) {}

  /** Samples RSS every second while phases are open (bounded: stops with the run). */
  start(): void {
    this.timer = setInterval(() => void this.tick(), 1000);
    this.timer.unref();
  }
  stop(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    stores.read();
    const samples = await Promise.all(this.sources().map((s) => s?.sample() ?? null));
    samples.forEach((s, node) => {
      if (!s) return;
      if (this.series.length < 100_000) this.series.push({ at: Math.round(s.at), node, rssBytes: s.rssBytes, heapUsedBytes: s.heapUsedBytes });
      for (const m of this.open) if (s.rssBytes !== null) m.peaks[node] = Math.max(m.peaks[node] ?? 0, s.rssBytes);
    });
  }

  async begin(): Promise<Mark> {
    const samples = await Promise.all(this.sources().map((s) => s?.sample({ reset: true }) ?? null));
    const mark: Mark = {
      at: performance.now(),
      samples,
      harness: process.cpuUsage(),
      machine: safeMachine(),
      stores: stores.read(),
      peaks: samples.map((s) => s?.rssBytes ?? null),
    };
    this.open.add(mark);
    return mark;
  }

  async end(mark: Mark): Promise<PhaseCost> {
    const samples = await Promise.all(this.sources().map((s) => s?.sample({ reset: true }) ?? null));
    this.open.delete(mark);
    const seconds = (performance.now() - mark.at) / 1000;
    const harness = process.cpuUsage(mark.harness);
    const harnessCpu = (harness.user + harness.system) / 1e6 / seconds;
    const serverCpu = samples.map((s, i) => {
      const a = mark.samples[i];
      return s?.cpuSeconds != null && a?.cpuSeconds != null ? (s.cpuSeconds - a.cpuSeconds) / seconds : null;
    });
    const storeCpu = (stores.read() - mark.stores) / seconds;
    const m = safeMachine();
    const otherCpu = m && mark.machine
      ? Math.max(0, (m.busy - mark.machine.busy) / seconds - harnessCpu - storeCpu - serverCpu.reduce<number>((x, y) => x + (y ?? 0), 0))
      : null;
    return {
      seconds,
      serverCpu,
      eventLoopDelay: samples.map((s) => s?.eventLoopDelay ?? null),
      peakRssBytes: samples.map((s, i) => Math.max(s?.rssBytes ?? 0, mark.peaks[i] ?? 0) || null),
      harnessCpu,
      storeCpu,
      otherCpu,
    };
  }

  /** Memory after a full collection, per node (for the per-connection slope). */
  async settled(): Promise<(ServerSample | null)[]> {
    return Promise.all(this.sources().map((s) => s?.sample({ gc: true }) ?? null));
  }
}

function safeMachine(): { busy: number } | null {
  try {
    return machineCpu();
  } catch {
    return null;
  }
}

/** Server CPU seconds over a phase, all nodes; null when unmeasured. */
export function serverSeconds(c: PhaseCost): number | null {
  return c.serverCpu.every((x) => x !== null) ? c.serverCpu.reduce<number>((a, x) => a + x!, 0) * c.seconds : null;
}

/** CPU per operation over a phase (ms each): the server's, and PostgreSQL's and Redis's. */
export function perOperation(c: PhaseCost, operations: number): { serverMs: number | null; storeMs: number | null } {
  const server = serverSeconds(c);
  if (operations <= 0) return { serverMs: null, storeMs: null };
  return { serverMs: server === null ? null : (server * 1000) / operations, storeMs: c.storeCpu === null ? null : (c.storeCpu * c.seconds * 1000) / operations };
}

/** One cost for several windows of the same phase (e.g. the ramp's steps, without the pauses between them). */
export function mergeCosts(parts: PhaseCost[]): PhaseCost {
  const seconds = parts.reduce((a, p) => a + p.seconds, 0) || 1;
  const nodes = Math.max(0, ...parts.map((p) => p.serverCpu.length));
  const weighted = (f: (p: PhaseCost) => number | null) => {
    let sum = 0;
    for (const p of parts) {
      const v = f(p);
      if (v === null) return null;
      sum += v * p.seconds;
    }
    return sum / seconds;
  };
  const maxOf = (xs: (number | null)[]) => (xs.every((x) => x === null) ? null : Math.max(...xs.map((x) => x ?? 0)));
  return {
    seconds,
    serverCpu: Array.from({ length: nodes }, (_, i) => weighted((p) => p.serverCpu[i] ?? null)),
    // Percentiles do not add up; the worst window's stands for the phase.
    eventLoopDelay: Array.from({ length: nodes }, (_, i) => {
      const e = parts.map((p) => p.eventLoopDelay[i] ?? null).filter((x) => x !== null);
      return e.length ? { p50: Math.max(...e.map((x) => x.p50)), p99: Math.max(...e.map((x) => x.p99)), max: Math.max(...e.map((x) => x.max)) } : null;
    }),
    peakRssBytes: Array.from({ length: nodes }, (_, i) => maxOf(parts.map((p) => p.peakRssBytes[i] ?? null))),
    harnessCpu: weighted((p) => p.harnessCpu) ?? 0,
    storeCpu: weighted((p) => p.storeCpu),
    otherCpu: weighted((p) => p.otherCpu),
  };
}
