/**
 * A poll's results kept up to date vote by vote, so results never need every vote read again.
 *
 * One entry per participant (their current vote), so applying a vote is idempotent and a changed vote
 * subtracts the old ballot before adding the new one. Counting follows `tally()` exactly (the property test
 * compares the two on random vote sequences of every kind); the open-answer wall, which needs the newest answers
 * in order, is the one kind counted from the in-memory votes at read time.
 */
import type { Ballot, PollResults } from '@samling/protocol';
import { foldWord } from './ballot.ts';
import { MAX_CLOUD_WORDS, tally, type LeaderboardEntry, type StoredVote } from './tally.ts';

type TallyPoll = Parameters<typeof tally>[0];

const collator = new Intl.Collator('sv');

export class LiveTally {
  private readonly votes = new Map<string, StoredVote>();
  private readonly optionCounts = new Map<string, number>();
  private readonly ratings = new Map<string, { distribution: number[]; sum: number; answers: number }>();
  private readonly ranks = new Map<string, { sum: number; count: number }>();
  private readonly words = new Map<string, number>();
  private readonly ordered: TallyPoll['options'];
  private cached: PollResults | null = null;

  constructor(private readonly poll: TallyPoll, private readonly board: LeaderboardEntry[] = [], votes: Iterable<StoredVote> = []) {
    this.ordered = [...poll.options].sort((a, b) => a.position - b.position);
    const width = Math.max(0, poll.settings.scaleMax - poll.settings.scaleMin + 1);
    for (const o of poll.options) {
      this.optionCounts.set(o.id, 0);
      this.ratings.set(o.id, { distribution: new Array<number>(width).fill(0), sum: 0, answers: 0 });
      this.ranks.set(o.id, { sum: 0, count: 0 });
    }
    for (const v of votes) this.apply(v);
  }

  get voters(): number {
    return this.votes.size;
  }

  /** The participant's current vote, if any. */
  voteOf(participantId: string): StoredVote | undefined {
    return this.votes.get(participantId);
  }

  /** Sets a participant's vote (new, changed or hidden); false when nothing changed. */
  apply(vote: StoredVote): boolean {
    const old = this.votes.get(vote.participantId);
    if (old && old.id === vote.id && !!old.hidden === !!vote.hidden && sameBallot(old.ballot, vote.ballot)) return false;
    if (old) this.count(old, -1);
    // A changed vote keeps its place (Map order), as its row keeps its creation time.
    this.votes.set(vote.participantId, vote);
    this.count(vote, +1);
    this.cached = null;
    return true;
  }

  /** The results as `tally()` would count them from the same votes. */
  results(): PollResults {
    return (this.cached ??= this.compute());
  }

  private compute(): PollResults {
    const voters = this.votes.size;
    const counts = () => this.ordered.map((o) => ({ optionId: o.id, count: this.optionCounts.get(o.id) ?? 0 }));
    switch (this.poll.kind) {
      case 'single':
      case 'multiple':
        return { kind: this.poll.kind, voters, options: counts() };
      case 'quiz':
        return { kind: 'quiz', voters, options: counts(), leaderboard: this.board };
      case 'wordcloud':
        return {
          kind: 'wordcloud',
          voters,
          words: [...this.words]
            .sort(([a, m], [b, n]) => n - m || collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
            .slice(0, MAX_CLOUD_WORDS)
            .map(([word, count]) => ({ word, count })),
        };
      case 'scale':
        return {
          kind: 'scale',
          voters,
          statements: this.ordered.map((o) => {
            const s = this.ratings.get(o.id)!;
            return { optionId: o.id, distribution: [...s.distribution], average: s.answers > 0 ? round2(s.sum, s.answers) : null, answers: s.answers };
          }),
        };
      case 'ranking':
        return {
          kind: 'ranking',
          voters,
          options: this.ordered
            .map((o) => {
              const s = this.ranks.get(o.id)!;
              return { optionId: o.id, averageRank: s.count > 0 ? round2(s.sum, s.count) : null };
            })
            .sort((a, b) => {
              if (a.averageRank === null || b.averageRank === null) return (a.averageRank === null ? 1 : 0) - (b.averageRank === null ? 1 : 0);
              return a.averageRank - b.averageRank;
            }),
        };
      case 'open':
        return tally(this.poll, [...this.votes.values()]);
    }
  }

  private count(vote: StoredVote, delta: 1 | -1): void {
    const { ballot } = vote;
    const bump = (id: string) => {
      const n = this.optionCounts.get(id);
      if (n !== undefined) this.optionCounts.set(id, n + delta);
    };
    switch (ballot.kind) {
      case 'single':
      case 'quiz':
        bump(ballot.optionId);
        return;
      case 'multiple':
        for (const id of ballot.optionIds) bump(id);
        return;
      case 'scale': {
        const { scaleMin, scaleMax } = this.poll.settings;
        for (const id in ballot.ratings) {
          const s = this.ratings.get(id);
          const rating = ballot.ratings[id];
          if (!s || rating === undefined || !Number.isInteger(rating) || rating < scaleMin || rating > scaleMax) continue;
          s.distribution[rating - scaleMin] = (s.distribution[rating - scaleMin] ?? 0) + delta;
          s.sum += rating * delta;
          s.answers += delta;
        }
        return;
      }
      case 'ranking':
        ballot.order.forEach((id, index) => {
          const s = this.ranks.get(id);
          if (!s) return;
          s.sum += (index + 1) * delta;
          s.count += delta;
        });
        return;
      case 'wordcloud': {
        if (vote.hidden) return;
        for (const word of new Set(ballot.words.map(foldWord))) {
          if (word === '') continue;
          const n = (this.words.get(word) ?? 0) + delta;
          if (n > 0) this.words.set(word, n);
          else this.words.delete(word);
        }
        return;
      }
      case 'open':
        return;
    }
  }
}

function round2(sum: number, count: number): number {
  return Math.round((sum * 100) / count) / 100;
}

function sameBallot(a: Ballot, b: Ballot): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
