import type { PollResults } from '@samling/protocol';
import { pollResultsSchema } from '@samling/protocol';
import { describe, expect, it } from 'vitest';
import { checkBallot } from './ballot.ts';
import { ids, makePoll, vote } from './polls.fixtures.ts';
import { leaderboard, quizPoints, quizScores, tally, type StoredVote } from './tally.ts';

/** Every result must also be valid protocol, or the client would refuse it. */
function results(...args: Parameters<typeof tally>): PollResults {
  const r = tally(...args);
  expect(pollResultsSchema.safeParse(r).success).toBe(true);
  return r;
}

describe('tally: single and multiple', () => {
  it('counts per option in option order, zeros included', () => {
    const poll = makePoll('single');
    const votes = [vote({ kind: 'single', optionId: ids.c }), vote({ kind: 'single', optionId: ids.c }), vote({ kind: 'single', optionId: ids.b })];
    expect(results(poll, votes)).toEqual({
      kind: 'single',
      voters: 3,
      options: [
        { optionId: ids.a, count: 0 },
        { optionId: ids.b, count: 1 },
        { optionId: ids.c, count: 2 },
      ],
    });
  });

  it('counts every choice of a multiple ballot; voters counts people', () => {
    const poll = makePoll('multiple');
    const votes = [vote({ kind: 'multiple', optionIds: [ids.a, ids.c] }), vote({ kind: 'multiple', optionIds: [ids.c] })];
    expect(results(poll, votes)).toEqual({
      kind: 'multiple',
      voters: 2,
      options: [
        { optionId: ids.a, count: 1 },
        { optionId: ids.b, count: 0 },
        { optionId: ids.c, count: 2 },
      ],
    });
  });

  it('has all options at zero without votes, and skips an option removed after voting', () => {
    const poll = makePoll('single');
    expect(results(poll, [])).toEqual({
      kind: 'single',
      voters: 0,
      options: [
        { optionId: ids.a, count: 0 },
        { optionId: ids.b, count: 0 },
        { optionId: ids.c, count: 0 },
      ],
    });
    const r = results(poll, [vote({ kind: 'single', optionId: ids.unknown })]);
    expect(r.kind === 'single' && r.options.every((o) => o.count === 0)).toBe(true);
  });
});

describe('tally: quiz', () => {
  it('counts like single and carries the given leaderboard', () => {
    const poll = makePoll('quiz', { correctOptionIds: [ids.b] });
    const board = [{ name: 'Åsa', points: 1900 }];
    expect(results(poll, [vote({ kind: 'quiz', optionId: ids.b })], { leaderboard: board })).toEqual({
      kind: 'quiz',
      voters: 1,
      options: [
        { optionId: ids.a, count: 0 },
        { optionId: ids.b, count: 1 },
        { optionId: ids.c, count: 0 },
      ],
      leaderboard: board,
    });
  });

  it('defaults to an empty leaderboard', () => {
    const r = results(makePoll('quiz'), []);
    expect(r.kind === 'quiz' && r.leaderboard).toEqual([]);
  });
});

describe('tally: wordcloud', () => {
  const poll = makePoll('wordcloud');

  it('counts folded words, most frequent first, ties in Swedish order', () => {
    const votes = [
      vote(checkBallot(poll, { kind: 'wordcloud', words: ['Industri  4.0', 'Öl'] })),
      vote(checkBallot(poll, { kind: 'wordcloud', words: ['industri 4.0', 'AI'] })),
      vote(checkBallot(poll, { kind: 'wordcloud', words: ['Zebra', 'ål', 'ai'] })),
    ];
    expect(results(poll, votes)).toEqual({
      kind: 'wordcloud',
      voters: 3,
      words: [
        { word: 'ai', count: 2 },
        { word: 'industri 4.0', count: 2 },
        // Swedish: z < å < ä < ö.
        { word: 'zebra', count: 1 },
        { word: 'ål', count: 1 },
        { word: 'öl', count: 1 },
      ],
    });
  });

  it('folds ballots stored unfolded and counts a word once per ballot', () => {
    const votes = [vote({ kind: 'wordcloud', words: ['Industri  4.0', 'industri 4.0'] }), vote({ kind: 'wordcloud', words: ['INDUSTRI 4.0'] })];
    const r = results(poll, votes);
    expect(r.kind === 'wordcloud' && r.words).toEqual([{ word: 'industri 4.0', count: 2 }]);
  });

  it('leaves out hidden votes but still counts them as voters', () => {
    const votes = [vote({ kind: 'wordcloud', words: ['bra'] }), vote({ kind: 'wordcloud', words: ['fult'] }, { hidden: true })];
    expect(results(poll, votes)).toEqual({ kind: 'wordcloud', voters: 2, words: [{ word: 'bra', count: 1 }] });
  });

  it('keeps at most 100 words, the most frequent', () => {
    const votes = Array.from({ length: 150 }, (_, i) => vote({ kind: 'wordcloud', words: [`ord${String(i).padStart(3, '0')}`] }));
    votes.push(vote({ kind: 'wordcloud', words: ['ord149'] }));
    const r = results(poll, votes);
    if (r.kind !== 'wordcloud') throw new Error('kind');
    expect(r.words).toHaveLength(100);
    expect(r.words[0]).toEqual({ word: 'ord149', count: 2 });
    expect(r.words[1]).toEqual({ word: 'ord000', count: 1 });
    expect(r.words.at(-1)).toEqual({ word: 'ord098', count: 1 });
  });
});

describe('tally: scale', () => {
  it('gives per statement a distribution from scaleMin, the rounded average and the number of answers', () => {
    const poll = makePoll('scale', { settings: { scaleMin: 1, scaleMax: 5 } });
    const votes = [
      vote({ kind: 'scale', ratings: { [ids.a]: 1, [ids.b]: 5, [ids.c]: 2 } }),
      vote({ kind: 'scale', ratings: { [ids.a]: 2, [ids.b]: 5, [ids.c]: 2 } }),
      vote({ kind: 'scale', ratings: { [ids.a]: 2, [ids.b]: 4, [ids.c]: 2 } }),
    ];
    expect(results(poll, votes)).toEqual({
      kind: 'scale',
      voters: 3,
      statements: [
        { optionId: ids.a, distribution: [1, 2, 0, 0, 0], average: 1.67, answers: 3 },
        { optionId: ids.b, distribution: [0, 0, 0, 1, 2], average: 4.67, answers: 3 },
        { optionId: ids.c, distribution: [0, 3, 0, 0, 0], average: 2, answers: 3 },
      ],
    });
  });

  it('indexes a 0-based scale from 0 and has a null average without answers', () => {
    const poll = makePoll('scale', { settings: { scaleMin: 0, scaleMax: 3 } });
    // An out-of-range rating (the scale was narrowed after voting) and an unknown statement are skipped.
    const votes = [vote({ kind: 'scale', ratings: { [ids.a]: 0, [ids.b]: 3 } }), vote({ kind: 'scale', ratings: { [ids.a]: 9, [ids.unknown]: 1 } })];
    expect(results(poll, votes)).toEqual({
      kind: 'scale',
      voters: 2,
      statements: [
        { optionId: ids.a, distribution: [1, 0, 0, 0], average: 0, answers: 1 },
        { optionId: ids.b, distribution: [0, 0, 0, 1], average: 3, answers: 1 },
        { optionId: ids.c, distribution: [0, 0, 0, 0], average: null, answers: 0 },
      ],
    });
  });

  it('rounds halves up to two decimals', () => {
    const poll = makePoll('scale', { settings: { scaleMin: 1, scaleMax: 2 }, options: [{ id: ids.a, label: 'x', position: 0 }] });
    // 201 / 200 = 1.005, which Math.round(1.005 * 100) would round down.
    const votes = [...Array.from({ length: 199 }, () => vote({ kind: 'scale', ratings: { [ids.a]: 1 } })), vote({ kind: 'scale', ratings: { [ids.a]: 2 } })];
    const r = results(poll, votes);
    expect(r.kind === 'scale' && r.statements[0]?.average).toBe(1.01);
  });
});

describe('tally: ranking', () => {
  const poll = makePoll('ranking');

  it('averages ranks (1 = first) and orders options by them', () => {
    const votes = [
      vote({ kind: 'ranking', order: [ids.c, ids.a, ids.b] }),
      vote({ kind: 'ranking', order: [ids.c, ids.b, ids.a] }),
      vote({ kind: 'ranking', order: [ids.a, ids.c, ids.b] }),
    ];
    expect(results(poll, votes)).toEqual({
      kind: 'ranking',
      voters: 3,
      options: [
        { optionId: ids.c, averageRank: 1.33 },
        { optionId: ids.a, averageRank: 2 },
        { optionId: ids.b, averageRank: 2.67 },
      ],
    });
  });

  it('keeps option order for equal averages and puts unranked options last', () => {
    const withD = makePoll('ranking', { options: [...poll.options, { id: ids.d, label: 'Delta', position: 3 }] });
    // d was added after these votes, so nobody ranked it.
    const votes = [vote({ kind: 'ranking', order: [ids.b, ids.a, ids.c] }), vote({ kind: 'ranking', order: [ids.a, ids.b, ids.c] })];
    expect(results(withD, votes)).toEqual({
      kind: 'ranking',
      voters: 2,
      options: [
        { optionId: ids.a, averageRank: 1.5 },
        { optionId: ids.b, averageRank: 1.5 },
        { optionId: ids.c, averageRank: 3 },
        { optionId: ids.d, averageRank: null },
      ],
    });
  });

  it('has null averages in option order without votes', () => {
    const r = results(poll, []);
    expect(r.kind === 'ranking' && r.options).toEqual([
      { optionId: ids.a, averageRank: null },
      { optionId: ids.b, averageRank: null },
      { optionId: ids.c, averageRank: null },
    ]);
  });
});

describe('tally: open', () => {
  const poll = makePoll('open');

  it('lists the answers that are not hidden, newest first, with id, text and ISO time', () => {
    const first = vote({ kind: 'open', text: 'Första' }, { second: 10 });
    const hidden = vote({ kind: 'open', text: 'Dolt' }, { second: 20, hidden: true });
    const last = vote({ kind: 'open', text: 'Sista' }, { second: 30 });
    const middle = vote({ kind: 'open', text: 'Mitten' }, { second: 15 });
    expect(results(poll, [first, hidden, last, middle])).toEqual({
      kind: 'open',
      voters: 4,
      answers: [
        { id: last.id, text: 'Sista', at: '2026-10-24T09:00:30.000Z' },
        { id: middle.id, text: 'Mitten', at: '2026-10-24T09:00:15.000Z' },
        { id: first.id, text: 'Första', at: '2026-10-24T09:00:10.000Z' },
      ],
    });
  });

  it('keeps the 200 newest of many, in any input order; equal times: later in the list first', () => {
    const votes: StoredVote[] = [];
    for (let i = 0; i < 500; i += 1) votes.push(vote({ kind: 'open', text: `svar ${i}` }, { second: (i * 7919) % 500 }));
    const twin = vote({ kind: 'open', text: 'tvilling' }, { second: 499 });
    votes.push(twin);
    const r = results(poll, votes);
    if (r.kind !== 'open') throw new Error('kind');
    expect(r.answers).toHaveLength(200);
    expect(r.answers[0]?.text).toBe('tvilling');
    const seconds = r.answers.map((a) => (Date.parse(a.at) - Date.parse('2026-10-24T09:00:00.000Z')) / 1000);
    expect(seconds.slice(0, 3)).toEqual([499, 499, 498]);
    expect(seconds.at(-1)).toBe(301);
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
  });

  it('is empty without answers', () => {
    expect(results(poll, [])).toEqual({ kind: 'open', voters: 0, answers: [] });
  });
});

describe('quizPoints', () => {
  it('is 0 for a wrong answer, however fast', () => {
    expect(quizPoints(false, 0, 30)).toBe(0);
    expect(quizPoints(false, 0, null)).toBe(0);
  });

  it('is 1000 for an instant answer and without a timer', () => {
    expect(quizPoints(true, 0, 30)).toBe(1000);
    expect(quizPoints(true, 120_000, null)).toBe(1000);
  });

  it('falls linearly to 500 at the end of the timer, in whole points', () => {
    expect(quizPoints(true, 15_000, 30)).toBe(750);
    expect(quizPoints(true, 3_000, 30)).toBe(950);
    expect(quizPoints(true, 10_000, 30)).toBe(833);
    expect(quizPoints(true, 30_000, 30)).toBe(500);
  });

  it('gives 500 after the timer and 1000 before the start (clock skew), never less than 500 when right', () => {
    expect(quizPoints(true, 31_000, 30)).toBe(500);
    expect(quizPoints(true, Number.POSITIVE_INFINITY, 30)).toBe(500);
    expect(quizPoints(true, Number.NaN, 30)).toBe(500);
    expect(quizPoints(true, -2_000, 30)).toBe(1000);
  });
});

describe('quizScores', () => {
  it('scores each quiz vote from the poll opening', () => {
    const poll = makePoll('quiz', { correctOptionIds: [ids.b], settings: { timerSeconds: 20 } });
    const right = vote({ kind: 'quiz', optionId: ids.b }, { second: 10, name: 'Åsa' });
    const wrong = vote({ kind: 'quiz', optionId: ids.a }, { second: 1, name: 'Bo' });
    expect(quizScores(poll, [right, wrong])).toEqual([
      { participantId: right.participantId, name: 'Åsa', points: 750 },
      { participantId: wrong.participantId, name: 'Bo', points: 0 },
    ]);
  });

  it('scores nothing before the answer is known', () => {
    expect(quizScores(makePoll('quiz'), [vote({ kind: 'quiz', optionId: ids.b })])).toEqual([]);
  });
});

describe('leaderboard', () => {
  it('sums points per participant across polls, best first, and leaves out anonymous entries', () => {
    const entries = [
      { participantId: 'p1', name: 'Åsa', points: 900 },
      { participantId: 'p2', name: 'Bo', points: 1000 },
      { participantId: 'p1', name: 'Åsa', points: 800 },
      { participantId: 'p3', name: null, points: 1000 },
      { participantId: 'p3', name: null, points: 1000 },
      // Points from an anonymous quiz do not follow a named participant onto the board.
      { participantId: 'p2', name: null, points: 1000 },
      { participantId: 'p2', name: 'Bo', points: 0 },
    ];
    expect(leaderboard(entries)).toEqual([
      { name: 'Åsa', points: 1700 },
      { name: 'Bo', points: 1000 },
    ]);
  });

  it('orders ties by name in Swedish and keeps the top N', () => {
    const entries = ['Östen', 'Zlatan', 'Ärla', 'Anna', 'Åke'].map((name, i) => ({ participantId: `p${i}`, name, points: 500 }));
    expect(leaderboard(entries).map((e) => e.name)).toEqual(['Anna', 'Zlatan', 'Åke', 'Ärla', 'Östen']);
    expect(leaderboard(entries, 2)).toEqual([
      { name: 'Anna', points: 500 },
      { name: 'Zlatan', points: 500 },
    ]);
    expect(leaderboard(entries, 0)).toEqual([]);
  });

  it('defaults to the top 10 and shows the last name a participant used', () => {
    const entries = Array.from({ length: 12 }, (_, i) => ({ participantId: `p${i}`, name: `Namn ${i}`, points: i }));
    entries.push({ participantId: 'p0', name: 'Nytt namn', points: 100 });
    const board = leaderboard(entries);
    expect(board).toHaveLength(10);
    expect(board[0]).toEqual({ name: 'Nytt namn', points: 100 });
  });
});
