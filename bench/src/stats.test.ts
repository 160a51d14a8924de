import { describe, expect, it } from 'vitest';
import { Latency, linearFit, median, medianOf, round, shareWithin, voteToResult, type VoteRecord } from './stats.ts';

describe('latency histograms', () => {
  it('answers percentiles within the histogram precision (3 significant digits)', () => {
    const h = new Latency();
    for (let i = 1; i <= 1000; i++) h.record(i); // 1 … 1000 ms
    const s = h.summary();
    expect(s.count).toBe(1000);
    expect(s.p50).toBeCloseTo(500, -1);
    expect(s.p95).toBeCloseTo(950, -1);
    expect(s.p99).toBeCloseTo(990, -1);
    expect(s.max).toBeCloseTo(1000, -1);
    expect(Math.abs(s.p99 - 990) / 990).toBeLessThan(0.002);
  });

  it('keeps sub-millisecond values and reports an empty histogram as zeros', () => {
    const h = new Latency();
    h.record(0.25);
    expect(h.summary().p50).toBeCloseTo(0.25, 2);
    expect(new Latency().summary()).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });

  it('merges another histogram', () => {
    const a = new Latency();
    const b = new Latency();
    a.record(10);
    b.record(1000);
    a.add(b);
    expect(a.summary()).toMatchObject({ count: 2, max: 1000 });
  });
});

describe('small statistics', () => {
  it('fits the slope of memory over connections', () => {
    const fit = linearFit([0, 1000, 2000, 3000].map((x) => ({ x, y: 100e6 + 15_000 * x })));
    expect(fit!.slope).toBeCloseTo(15_000, 6);
    expect(fit!.r2).toBeCloseTo(1, 9);
    expect(linearFit([{ x: 1, y: 1 }])).toBeNull();
    expect(linearFit([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNull();
  });

  it('rounds to three significant digits, takes medians and shares', () => {
    expect(round(1234.5)).toBe(1235);
    expect(round(12.345)).toBe(12.3);
    expect(round(0.012345)).toBe(0.0123);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(shareWithin([1, 5, 20], 10, 4)).toBe(0.5);
  });
});

describe('the median of several runs', () => {
  it('takes the median of every number, recursively, and the rest from the first run that has it', () => {
    const runs = [
      { a: 1, b: { c: [10, 'x'] }, d: null, e: 'one' },
      { a: 3, b: { c: [30, 'y'] }, d: 5, e: 'two' },
      { a: 2, b: { c: [20, 'z'] }, d: 7, e: 'three' },
    ];
    expect(medianOf(runs)).toEqual({ a: 2, b: { c: [20, 'x'] }, d: 6, e: 'one' });
  });
});

describe('vote-to-result matching', () => {
  const vote = (scheduledAt: number, ackAt: number | null, seen: number[]): VoteRecord => ({ scheduledAt, sentAt: scheduledAt, ackAt, seen });

  it('counts the k-th acknowledged vote in the first result with at least k voters, from its scheduled time', () => {
    // Results seen by everyone: at 150 ms one voter, at 400 ms three.
    const seen = [150, 1, 400, 3];
    const votes = [vote(0, 100, seen), vote(10, 200, seen), vote(20, 120, seen)];
    const { matched, uncounted } = voteToResult(votes);
    // Ack order: 100 (rank 1), 120 (rank 2), 200 (rank 3).
    expect(matched.map((m) => [m.vote.ackAt, m.ms])).toEqual([[100, 150], [120, 380], [200, 390]]);
    expect(uncounted).toEqual([]);
  });

  it('never credits a result received before the vote was sent, and reports votes no result counted', () => {
    const votes = [vote(500, 600, [450, 5]), vote(0, 50, [])];
    const { matched, uncounted } = voteToResult(votes);
    expect(matched).toEqual([]);
    expect(uncounted).toHaveLength(2);
  });

  it('leaves unacknowledged votes out of the ranking', () => {
    const seen = [300, 1];
    const { matched } = voteToResult([vote(0, null, seen), vote(5, 100, seen)]);
    expect(matched.map((m) => m.ms)).toEqual([295]);
  });
});
