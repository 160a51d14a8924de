import type { Ballot, PollKind } from '@samling/protocol';
import { describe, expect, it } from 'vitest';
import { LiveTally } from './live-tally.ts';
import { ids, makePoll } from './polls.fixtures.ts';
import { tally, type StoredVote } from './tally.ts';

/** A small seeded generator (mulberry32), so a failing sequence can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const options = [ids.a, ids.b, ids.c];
// Words that fold together (case, width, spacing), an empty one and a repeat, so the cloud's folding is exercised.
const WORDS = ['AI', 'ai', 'ＡＩ', 'robot', 'Robot ', 'moln', 'tvilling', '5G', 'data  lager', 'data lager', '\u200b'];

function randomBallot(kind: PollKind, r: ReturnType<typeof rng>): Ballot {
  switch (kind) {
    case 'single':
    case 'quiz':
      return { kind, optionId: r.pick(options) };
    case 'multiple':
      return { kind, optionIds: options.filter(() => r.next() < 0.5) };
    case 'wordcloud':
      return { kind, words: Array.from({ length: 1 + r.int(3) }, () => r.pick(WORDS)) };
    case 'scale':
      // Now and then out of range or for an unknown statement: counted as tally() counts them (skipped).
      return { kind, ratings: Object.fromEntries([...options, ...(r.next() < 0.1 ? [ids.unknown] : [])].map((id) => [id, r.int(7)])) };
    case 'ranking': {
      const order = [...options];
      for (let i = order.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      return { kind, order };
    }
    case 'open':
      return { kind, text: `svar ${r.int(50)}` };
  }
}

const KINDS: PollKind[] = ['single', 'multiple', 'quiz', 'wordcloud', 'scale', 'ranking', 'open'];

describe('live tally', () => {
  for (const kind of KINDS) {
    it(`equals a full recount after every step of random vote sequences: ${kind}`, () => {
      for (let seed = 1; seed <= 25; seed++) {
        const r = rng(seed * 7919 + kind.length);
        const poll = makePoll(kind, { settings: { scaleMin: 1, scaleMax: 5, maxChoices: 3, maxWords: 3 } });
        const board = kind === 'quiz' ? [{ name: 'Alice', points: 900 }] : [];
        // The stored state: one vote per participant, as the unique constraint keeps it.
        const stored = new Map<string, StoredVote>();
        const live = new LiveTally(poll, board);
        const people = 1 + r.int(40);
        for (let step = 0; step < 120; step++) {
          const who = `p${r.int(people)}`;
          const before = stored.get(who);
          const roll = r.next();
          let v: StoredVote;
          if (before && roll < 0.15) v = { ...before, hidden: !before.hidden }; // a moderator hides or shows it
          else if (before && roll < 0.25) v = { ...before }; // a retry: the same vote again
          else if (before) v = { ...before, ballot: randomBallot(kind, r) }; // a changed answer keeps its id and time
          else v = { id: `v-${seed}-${step}`, participantId: who, name: null, ballot: randomBallot(kind, r), createdAt: new Date(1_700_000_000_000 + r.int(60) * 1000), hidden: false };
          stored.set(who, v);
          live.apply(v);
          expect(live.results(), `seed ${seed}, step ${step}`).toEqual(tally(poll, [...stored.values()], { leaderboard: board }));
          expect(live.voters).toBe(stored.size);
        }
      }
    });
  }

  it('starts from stored votes like a recount, and applying one of them again changes nothing', () => {
    const poll = makePoll('single');
    const votes: StoredVote[] = options.map((optionId, i) => ({ id: `v${i}`, participantId: `p${i}`, name: null, ballot: { kind: 'single', optionId }, createdAt: new Date(0) }));
    const live = new LiveTally(poll, [], votes);
    expect(live.results()).toEqual(tally(poll, votes));
    expect(live.apply({ ...votes[0]! })).toBe(false);
    expect(live.apply({ ...votes[0]!, ballot: { kind: 'single', optionId: ids.c } })).toBe(true);
    expect(live.results()).toEqual(tally(poll, [{ ...votes[0]!, ballot: { kind: 'single', optionId: ids.c } }, ...votes.slice(1)]));
  });
});
