// Latency histograms (HDR: constant memory, 3 significant digits whatever the count) and small statistics.
import * as hdr from 'hdr-histogram-js';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Milliseconds in, recorded as microseconds so sub-millisecond latencies keep their digits. */
export class Latency {
  private readonly h = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });

  record(ms: number): void {
    this.h.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  get count(): number {
    return this.h.totalCount;
  }

  summary(): LatencySummary {
    const at = (p: number) => round(this.h.getValueAtPercentile(p) / 1000);
    if (this.h.totalCount === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
    return { count: this.h.totalCount, p50: at(50), p95: at(95), p99: at(99), max: round(this.h.maxValue / 1000), mean: round(this.h.mean / 1000) };
  }

  /** Adds another recorder's values (e.g. probes into everyone). */
  add(other: Latency): void {
    this.h.add(other.h);
  }
}

/** Rounds to 3 significant digits for reports, but never below whole numbers: 0.0123, 12.3, 1235. */
export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const scale = 10 ** Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * scale) / scale;
}

/** Least-squares slope and intercept of y over x; null with fewer than two distinct x. */
export function linearFit(points: readonly { x: number; y: number }[]): { slope: number; intercept: number; r2: number } | null {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    sxy += (p.x - mx) * (p.y - my);
    syy += (p.y - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The median of each number across the runs that have it, recursively; anything else is taken from the first run that has it. */
export function medianOf(values: unknown[]): unknown {
  const first = values.find((v) => v !== null && v !== undefined);
  if (typeof first === 'number') return median(values.filter((v): v is number => typeof v === 'number'));
  if (Array.isArray(first)) {
    return values.every((v) => Array.isArray(v) && v.length === first.length) ? first.map((_, i) => medianOf(values.map((v) => (v as unknown[])[i]))) : first;
  }
  if (first && typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((k) => [k, medianOf(values.map((v) => (v as Record<string, unknown> | null)?.[k]))]));
  }
  return first;
}

/** The share (0–1) of `values` at or below `limit`, out of `total` (values missing from the array count as above). */
export function shareWithin(values: readonly number[], limit: number, total = values.length): number {
  if (total === 0) return 0;
  return values.filter((v) => v <= limit).length / total;
}

/** Vote-to-result matching: see BENCHMARKS.md. Exported for its test. */
export interface VoteRecord {
  scheduledAt: number;
  sentAt: number;
  /** When the first successful ack came back; null when it never did. */
  ackAt: number | null;
  /** What this voter's own connection received for the poll, in arrival order: [receivedAt, voters, ...]. */
  seen: readonly number[];
}

/**
 * For each acknowledged vote, the time from its scheduled send to the first result its own connection received
 * that counts it. The k-th vote to be acknowledged (in ack order, which on one node follows commit order) is
 * counted by a result once that result's voter count reaches k. Answers the matched votes with their latency (ms)
 * and the acknowledged votes no result ever counted.
 */
export function voteToResult<V extends VoteRecord>(votes: readonly V[]): { matched: { vote: V; ms: number }[]; uncounted: V[] } {
  const acked = votes.filter((v) => v.ackAt !== null).sort((a, b) => a.ackAt! - b.ackAt!);
  const matched: { vote: V; ms: number }[] = [];
  const uncounted: V[] = [];
  acked.forEach((v, i) => {
    const rank = i + 1;
    for (let j = 0; j < v.seen.length; j += 2) {
      const at = v.seen[j]!;
      if (at >= v.sentAt && v.seen[j + 1]! >= rank) {
        matched.push({ vote: v, ms: at - v.scheduledAt });
        return;
      }
    }
    uncounted.push(v);
  });
  return { matched, uncounted };
}
