/**
 * Results of a poll from its stored votes.
 *
 * Runs up to four times a second on polls with thousands of votes, so each kind is one pass over the
 * votes into Maps keyed by option or word; only the (few) options and distinct words are ever sorted.
 * Votes are trusted to have passed checkBallot, but a poll edited after voting (an option removed, the
 * scale narrowed) must not break the results, so anything that no longer fits is skipped, not thrown.
 */
import type { Ballot, Poll, PollOption, PollResults } from '@samling/protocol';
import { foldWord } from './ballot.ts';

export interface StoredVote {
  id: string;
  participantId: string;
  /** Null in anonymous polls. */
  name: string | null;
  ballot: Ballot;
  createdAt: Date;
  /** Hidden by a moderator: still counted as a voter, but its text is not shown. */
  hidden?: boolean;
}

export interface LeaderboardEntry {
  name: string;
  points: number;
}

type TallyPoll = Pick<Poll, 'kind' | 'options' | 'settings' | 'correctOptionIds' | 'openedAt' | 'id'>;

export const MAX_CLOUD_WORDS = 100;
export const MAX_OPEN_ANSWERS = 200;
export const QUIZ_MAX_POINTS = 1000;
export const QUIZ_MIN_POINTS = 500;

const collator = new Intl.Collator('sv');

export function tally(poll: TallyPoll, votes: StoredVote[], opts: { leaderboard?: LeaderboardEntry[] } = {}): PollResults {
  const voters = votes.length;
  switch (poll.kind) {
    case 'single':
    case 'multiple':
      return { kind: poll.kind, voters, options: countOptions(poll.options, votes) };
    case 'quiz':
      return { kind: 'quiz', voters, options: countOptions(poll.options, votes), leaderboard: opts.leaderboard ?? [] };
    case 'wordcloud':
      return { kind: 'wordcloud', voters, words: countWords(votes) };
    case 'scale':
      return { kind: 'scale', voters, statements: rateStatements(poll, votes) };
    case 'ranking':
      return { kind: 'ranking', voters, options: averageRanks(poll.options, votes) };
    case 'open':
      return { kind: 'open', voters, answers: newestAnswers(votes) };
  }
}

function ordered(options: PollOption[]): PollOption[] {
  return [...options].sort((a, b) => a.position - b.position);
}

function round2(sum: number, count: number): number {
  // One division of integers before rounding, so 1.005-style binary artefacts cannot tip the result.
  return Math.round((sum * 100) / count) / 100;
}

function countOptions(options: PollOption[], votes: StoredVote[]): { optionId: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const o of options) counts.set(o.id, 0);
  const bump = (id: string) => {
    const n = counts.get(id);
    if (n !== undefined) counts.set(id, n + 1);
  };
  for (const { ballot } of votes) {
    if (ballot.kind === 'single' || ballot.kind === 'quiz') bump(ballot.optionId);
    else if (ballot.kind === 'multiple') for (const id of ballot.optionIds) bump(id);
  }
  return ordered(options).map((o) => ({ optionId: o.id, count: counts.get(o.id) ?? 0 }));
}

function countWords(votes: StoredVote[]): { word: string; count: number }[] {
  // Stored words are folded already; folding again only matters for ballots stored before a rule
  // changed, and the cache keeps that to one fold per distinct spelling.
  const folded = new Map<string, string>();
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const vote of votes) {
    // A hidden vote is usually hidden for an offensive word; the cloud is on the big screen.
    if (vote.hidden || vote.ballot.kind !== 'wordcloud') continue;
    seen.clear();
    for (const raw of vote.ballot.words) {
      let word = folded.get(raw);
      if (word === undefined) {
        word = foldWord(raw);
        folded.set(raw, word);
      }
      // Counts people, so the same word twice in one ballot is one.
      if (word === '' || seen.has(word)) continue;
      seen.add(word);
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort(([a, m], [b, n]) => n - m || collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_CLOUD_WORDS)
    .map(([word, count]) => ({ word, count }));
}

function rateStatements(poll: Pick<Poll, 'options' | 'settings'>, votes: StoredVote[]) {
  const { scaleMin, scaleMax } = poll.settings;
  const width = Math.max(0, scaleMax - scaleMin + 1);
  const stats = new Map<string, { distribution: number[]; sum: number; answers: number }>();
  for (const o of poll.options) stats.set(o.id, { distribution: new Array<number>(width).fill(0), sum: 0, answers: 0 });
  for (const { ballot } of votes) {
    if (ballot.kind !== 'scale') continue;
    for (const id in ballot.ratings) {
      const s = stats.get(id);
      const rating = ballot.ratings[id];
      if (!s || rating === undefined || !Number.isInteger(rating) || rating < scaleMin || rating > scaleMax) continue;
      s.distribution[rating - scaleMin] = (s.distribution[rating - scaleMin] ?? 0) + 1;
      s.sum += rating;
      s.answers += 1;
    }
  }
  return ordered(poll.options).map((o) => {
    const s = stats.get(o.id);
    return {
      optionId: o.id,
      distribution: s?.distribution ?? [],
      average: s && s.answers > 0 ? round2(s.sum, s.answers) : null,
      answers: s?.answers ?? 0,
    };
  });
}

function averageRanks(options: PollOption[], votes: StoredVote[]): { optionId: string; averageRank: number | null }[] {
  const stats = new Map<string, { sum: number; count: number }>();
  for (const o of options) stats.set(o.id, { sum: 0, count: 0 });
  for (const { ballot } of votes) {
    if (ballot.kind !== 'ranking') continue;
    ballot.order.forEach((id, index) => {
      const s = stats.get(id);
      if (!s) return;
      s.sum += index + 1;
      s.count += 1;
    });
  }
  // Options are already in poll order, and sort is stable, so equal averages keep that order.
  return ordered(options)
    .map((o) => {
      const s = stats.get(o.id);
      return { optionId: o.id, averageRank: s && s.count > 0 ? round2(s.sum, s.count) : null };
    })
    .sort((a, b) => {
      if (a.averageRank === null || b.averageRank === null) return (a.averageRank === null ? 1 : 0) - (b.averageRank === null ? 1 : 0);
      return a.averageRank - b.averageRank;
    });
}

interface Timed {
  time: number;
  /** Position in the input, to order votes with the same timestamp: later in the list counts as newer. */
  index: number;
  vote: StoredVote;
  text: string;
}

const newer = (a: Timed, b: Timed) => a.time > b.time || (a.time === b.time && a.index > b.index);

/**
 * The newest MAX_OPEN_ANSWERS answers, newest first: a min-heap of that size keeps the newest seen so
 * far, so the votes themselves are never sorted.
 */
function newestAnswers(votes: StoredVote[]): { id: string; text: string; at: string }[] {
  const heap: Timed[] = [];
  const swap = (i: number, j: number) => {
    const t = heap[i] as Timed;
    heap[i] = heap[j] as Timed;
    heap[j] = t;
  };
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let oldest = i;
      if (l < heap.length && newer(heap[oldest] as Timed, heap[l] as Timed)) oldest = l;
      if (r < heap.length && newer(heap[oldest] as Timed, heap[r] as Timed)) oldest = r;
      if (oldest === i) return;
      swap(i, oldest);
      i = oldest;
    }
  };

  votes.forEach((vote, index) => {
    if (vote.hidden || vote.ballot.kind !== 'open') return;
    const item: Timed = { time: vote.createdAt.getTime(), index, vote, text: vote.ballot.text };
    if (heap.length < MAX_OPEN_ANSWERS) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!newer(heap[parent] as Timed, heap[i] as Timed)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (newer(item, heap[0] as Timed)) {
      heap[0] = item;
      siftDown(0);
    }
  });

  return heap
    .sort((a, b) => (newer(a, b) ? -1 : newer(b, a) ? 1 : 0))
    .map(({ vote, text }) => ({ id: vote.id, text, at: vote.createdAt.toISOString() }));
}

/**
 * Points for one quiz answer: full points for an instant answer, falling linearly to half at the end
 * of the timer, so speed matters but never outweighs being right.
 */
export function quizPoints(correct: boolean, answeredAfterMs: number, timerSeconds: number | null): number {
  if (!correct) return 0;
  if (timerSeconds === null || !(timerSeconds > 0)) return QUIZ_MAX_POINTS;
  // Clocks disagree a little: early counts as instant, late (or unknown) as at the buzzer.
  const fraction = Number.isNaN(answeredAfterMs) ? 1 : Math.min(1, Math.max(0, answeredAfterMs / (timerSeconds * 1000)));
  return Math.round(QUIZ_MAX_POINTS - (QUIZ_MAX_POINTS - QUIZ_MIN_POINTS) * fraction);
}

/**
 * Each vote's points in a closed quiz, ready for `leaderboard` (which sums them over the session's
 * quizzes). Time counts from when the poll opened; a poll that never opened or has no correct answer
 * yet scores nothing.
 */
export function quizScores(
  poll: Pick<Poll, 'kind' | 'settings' | 'correctOptionIds' | 'openedAt'>,
  votes: StoredVote[],
): { participantId: string; name: string | null; points: number }[] {
  if (poll.kind !== 'quiz' || !poll.correctOptionIds || poll.openedAt === null) return [];
  const correct = new Set(poll.correctOptionIds);
  const openedAt = Date.parse(poll.openedAt);
  return votes.flatMap((vote) => {
    if (vote.ballot.kind !== 'quiz') return [];
    const points = quizPoints(correct.has(vote.ballot.optionId), vote.createdAt.getTime() - openedAt, poll.settings.timerSeconds);
    return [{ participantId: vote.participantId, name: vote.name, points }];
  });
}

/**
 * Sums points per participant, best first. Anonymous entries (name null) are left out entirely: an
 * anonymous quiz promised not to tie answers to a name, and points on a named board would.
 * A participant whose display name changed between quizzes is shown with the last name seen.
 */
export function leaderboard(entries: { participantId: string; name: string | null; points: number }[], top = 10): LeaderboardEntry[] {
  const totals = new Map<string, { participantId: string; name: string; points: number }>();
  for (const e of entries) {
    if (e.name === null) continue;
    const t = totals.get(e.participantId);
    if (t) {
      t.points += e.points;
      t.name = e.name;
    } else totals.set(e.participantId, { participantId: e.participantId, name: e.name, points: e.points });
  }
  return [...totals.values()]
    .sort((a, b) => b.points - a.points || collator.compare(a.name, b.name) || (a.participantId < b.participantId ? -1 : 1))
    .slice(0, Math.max(0, top))
    .map(({ name, points }) => ({ name, points }));
}
