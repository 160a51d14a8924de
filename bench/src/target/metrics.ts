// What the server costs: RSS, heap, CPU and event-loop delay, from the best source there is. A server the harness
// spawned answers over IPC (server-probe.mjs); a running one may offer GET /api/metrics; otherwise /proc gives
// RSS and CPU of a known pid, and heap and event-loop delay stay unmeasured.
import fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export interface ServerSample {
  at: number;
  rssBytes: number | null;
  heapUsedBytes: number | null;
  cpuSeconds: number | null;
  /** Since the previous sample that reset the window. */
  eventLoopDelay: EventLoopDelay | null;
  source: 'ipc' | 'http' | 'proc';
}

export interface MetricsSource {
  readonly kind: ServerSample['source'];
  /** `gc` collects garbage first (when the server allows it), `reset` starts a new event-loop-delay window. */
  sample(opts?: { gc?: boolean; reset?: boolean }): Promise<ServerSample | null>;
}

/** The IPC channel of a spawned server with server-probe.mjs preloaded. */
export class IpcMetrics implements MetricsSource {
  readonly kind = 'ipc' as const;
  private next = 0;
  private readonly waiting = new Map<number, (s: ServerSample | null) => void>();

  constructor(private readonly child: () => ChildProcess | null) {}

  /** Hooks a (new) child's channel; call after every spawn. */
  attach(child: ChildProcess): void {
    // A send racing a kill fails with EPIPE on the child's 'error' event: a missing sample, not a crash.
    child.on('error', () => {});
    child.on('message', (m: { bench?: number; id?: number } & Record<string, unknown>) => {
      if (m?.bench !== 1 || typeof m.id !== 'number') return;
      const resolve = this.waiting.get(m.id);
      if (!resolve) return;
      this.waiting.delete(m.id);
      resolve({
        at: performance.now(),
        rssBytes: m.rssBytes as number,
        heapUsedBytes: m.heapUsedBytes as number,
        cpuSeconds: m.cpuSeconds as number,
        eventLoopDelay: m.eventLoopDelay as EventLoopDelay,
        source: 'ipc',
      });
    });
  }

  sample(opts: { gc?: boolean; reset?: boolean } = {}): Promise<ServerSample | null> {
    const child = this.child();
    if (!child?.connected) return Promise.resolve(null);
    const id = this.next++;
    return new Promise((resolve) => {
      // A saturated server answers late; a missing answer is a missing sample, not a failed run.
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, 10_000);
      this.waiting.set(id, (s) => {
        clearTimeout(timer);
        resolve(s);
      });
      const failed = () => {
        this.waiting.delete(id);
        clearTimeout(timer);
        resolve(null);
      };
      try {
        child.send({ bench: 1, type: 'sample', id, gc: opts.gc ?? false, reset: opts.reset ?? false }, (err) => {
          if (err) failed();
        });
      } catch {
        failed();
      }
    });
  }
}

/** The endpoint asked of the server (see BENCHMARKS.md): `GET /api/metrics` with a bearer token. */
export class HttpMetrics implements MetricsSource {
  readonly kind = 'http' as const;
  constructor(private readonly baseUrl: string, private readonly token: string) {}

  static async probe(baseUrl: string, token: string | null): Promise<HttpMetrics | null> {
    if (!token) return null;
    const m = new HttpMetrics(baseUrl, token);
    return (await m.sample()) ? m : null;
  }

  async sample(opts: { gc?: boolean; reset?: boolean } = {}): Promise<ServerSample | null> {
    try {
      const res = await fetch(`${this.baseUrl}/api/metrics${opts.reset ? '?reset=1' : ''}`, {
        headers: { authorization: `Bearer ${this.token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) return null;
      const m = (await res.json()) as { rssBytes?: number; heapUsedBytes?: number; cpuSeconds?: number; eventLoopDelay?: EventLoopDelay };
      return {
        at: performance.now(),
        rssBytes: m.rssBytes ?? null,
        heapUsedBytes: m.heapUsedBytes ?? null,
        cpuSeconds: m.cpuSeconds ?? null,
        eventLoopDelay: m.eventLoopDelay ?? null,
        source: 'http',
      };
    } catch {
      return null;
    }
  }
}

const CLOCK_TICKS = 100;

/** RSS and CPU of a process from /proc (Linux): works for any pid, knows nothing of heap or event loop. */
export class ProcMetrics implements MetricsSource {
  readonly kind = 'proc' as const;
  constructor(private readonly pid: () => number | null) {}

  async sample(): Promise<ServerSample | null> {
    const pid = this.pid();
    if (!pid) return null;
    const proc = readProc(pid);
    return proc ? { at: performance.now(), ...proc, heapUsedBytes: null, eventLoopDelay: null, source: 'proc' } : null;
  }
}

export function readProc(pid: number): { rssBytes: number; cpuSeconds: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssBytes: rss ? Number(rss[1]) * 1024 : 0, cpuSeconds: ticks / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** Busy time of the whole machine, to see how much CPU other processes took during a run. */
export function machineCpu(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const v = line.split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/**
 * CPU of every process with one of these command names (PostgreSQL's, Redis's), read-only from /proc. PostgreSQL
 * starts and ends a process per connection, so the last reading of each process is kept: one that ended since
 * still counts what it used up to then.
 */
export class ProcessGroupCpu {
  private readonly last = new Map<number, number>();
  constructor(private readonly names: readonly string[]) {}

  /** Reads every matching process now; answers the CPU seconds of all of them ever seen. */
  read(): number {
    try {
      for (const entry of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
          if (!this.names.includes(comm)) continue;
          const cpu = readProc(Number(entry))?.cpuSeconds;
          if (cpu !== undefined) this.last.set(Number(entry), cpu);
        } catch {
          // Gone meanwhile.
        }
      }
    } catch {
      // No /proc: nothing to add.
    }
    let total = 0;
    for (const v of this.last.values()) total += v;
    return total;
  }
}

/** PostgreSQL and Redis on this machine, read by the meter's ticks and at phase boundaries. */
export const stores = new ProcessGroupCpu(['postgres', 'redis-server']);
