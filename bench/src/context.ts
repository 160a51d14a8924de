// What every scenario is given, and the few timing helpers they share.
import { performance } from 'node:perf_hooks';
import type { Attendee, Router } from './clients/attendee.ts';
import type { Probe } from './clients/probe.ts';
import type { Meter } from './meter.ts';
import type { Options } from './options.ts';
import type { Section } from './table.ts';
import type { Target } from './target/target.ts';

export interface Ctx {
  opts: Options;
  target: Target;
  router: Router;
  meter: Meter;
  /** Everyone in the session's room: probes first, then the crowd. Filled by the ramp. */
  attendees: Attendee[];
  probes: Probe[];
  moderator: Probe;
  /** Figures for the JSON line, by scenario. */
  figures: Record<string, unknown>;
  sections: Section[];
  log(msg: string): void;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `done` every `everyMs` until it holds or `timeoutMs` passed; answers whether it held. */
export async function waitFor(done: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() >= deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/**
 * Open-loop schedule: calls `fire(i)` at `times[i]` (performance.now(), ascending) whether or not earlier calls
 * were answered. A late harness fires late, and the latency, measured from the scheduled time, shows it.
 */
export function runSchedule(times: readonly number[], fire: (i: number) => void): Promise<void> {
  return new Promise((resolve) => {
    let k = 0;
    const loop = () => {
      const now = performance.now();
      while (k < times.length && times[k]! <= now) fire(k++);
      if (k >= times.length) return resolve();
      setTimeout(loop, Math.max(0, Math.min(times[k]! - now, 5)));
    };
    loop();
  });
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export const ms = (x: number) => Math.round(x * 10) / 10;
