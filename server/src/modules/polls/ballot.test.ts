import type { Ballot, Poll } from '@samling/protocol';
import { OPEN_ANSWER_MAX_LENGTH, WORD_MAX_LENGTH } from '@samling/protocol';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { checkBallot, cleanOpenAnswer, foldWord } from './ballot.ts';
import { ids, makePoll } from './polls.fixtures.ts';

/** The reason a ballot is refused, failing the test if it is accepted or fails another way. */
function reasonFor(poll: Poll, ballot: Ballot): string {
  try {
    checkBallot(poll, ballot);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError<'VALIDATION_FAILED'>;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^[A-Z].+[^.]$/);
    return String(e.details?.reason);
  }
  throw new Error('ballot was accepted');
}

describe('checkBallot: kind', () => {
  it('refuses a ballot of another kind than the poll', () => {
    expect(reasonFor(makePoll('single'), { kind: 'quiz', optionId: ids.a })).toBe('kind_mismatch');
    expect(reasonFor(makePoll('ranking'), { kind: 'multiple', optionIds: [ids.a] })).toBe('kind_mismatch');
  });

  it('names both kinds in the message', () => {
    expect(() => checkBallot(makePoll('scale'), { kind: 'open', text: 'hej' })).toThrow(
      'This is an answer to an open-answer poll, but the poll is a scale poll',
    );
  });
});

describe('checkBallot: single and quiz', () => {
  for (const kind of ['single', 'quiz'] as const) {
    it(`${kind}: accepts an existing option`, () => {
      expect(checkBallot(makePoll(kind), { kind, optionId: ids.c })).toEqual({ kind, optionId: ids.c });
    });

    it(`${kind}: refuses an unknown option`, () => {
      expect(reasonFor(makePoll(kind), { kind, optionId: ids.unknown })).toBe('unknown_option');
    });
  }
});

describe('checkBallot: multiple', () => {
  const poll = makePoll('multiple', { settings: { maxChoices: 2 } });

  it('accepts up to maxChoices options and sorts them by option position', () => {
    expect(checkBallot(poll, { kind: 'multiple', optionIds: [ids.c, ids.a] })).toEqual({ kind: 'multiple', optionIds: [ids.a, ids.c] });
    expect(checkBallot(poll, { kind: 'multiple', optionIds: [ids.b] })).toEqual({ kind: 'multiple', optionIds: [ids.b] });
  });

  it('refuses more than maxChoices options', () => {
    expect(reasonFor(poll, { kind: 'multiple', optionIds: [ids.a, ids.b, ids.c] })).toBe('too_many_choices');
    expect(() => checkBallot(makePoll('multiple', { settings: { maxChoices: 1 } }), { kind: 'multiple', optionIds: [ids.a, ids.b] }))
      .toThrow('Choose at most 1 option');
  });

  it('refuses an empty choice', () => {
    expect(reasonFor(poll, { kind: 'multiple', optionIds: [] })).toBe('no_choice');
  });

  it('refuses a repeated option rather than merging it', () => {
    expect(reasonFor(poll, { kind: 'multiple', optionIds: [ids.a, ids.a] })).toBe('duplicate_option');
  });

  it('refuses an unknown option', () => {
    expect(reasonFor(poll, { kind: 'multiple', optionIds: [ids.a, ids.unknown] })).toBe('unknown_option');
  });
});

describe('checkBallot: wordcloud', () => {
  const poll = makePoll('wordcloud', { settings: { maxWords: 3 } });

  it('folds words: NFKC, Swedish lower case, collapsed whitespace', () => {
    expect(checkBallot(poll, { kind: 'wordcloud', words: ['  Industri \t 4.0 ', 'ÅÄÖ', 'Ｆｉｋａ'] })).toEqual({
      kind: 'wordcloud',
      words: ['industri 4.0', 'åäö', 'fika'],
    });
  });

  it('merges words that are equal after folding', () => {
    expect(checkBallot(poll, { kind: 'wordcloud', words: ['Industri  4.0', 'industri 4.0', 'AI'] })).toEqual({
      kind: 'wordcloud',
      words: ['industri 4.0', 'ai'],
    });
  });

  it('refuses more than maxWords words, counting as sent', () => {
    expect(reasonFor(poll, { kind: 'wordcloud', words: ['a', 'b', 'c', 'd'] })).toBe('too_many_words');
    expect(reasonFor(poll, { kind: 'wordcloud', words: ['ai', 'AI', 'Ai', 'aI'] })).toBe('too_many_words');
  });

  it('refuses no words', () => {
    expect(reasonFor(poll, { kind: 'wordcloud', words: [] })).toBe('empty_word');
  });

  it('refuses a word that is empty after folding', () => {
    expect(reasonFor(poll, { kind: 'wordcloud', words: ['ok', '\u200B\u00A0\u3000'] })).toBe('empty_word');
  });

  it('accepts a word of exactly WORD_MAX_LENGTH and refuses a longer one, also when NFKC lengthens it', () => {
    const longest = 'x'.repeat(WORD_MAX_LENGTH);
    expect(checkBallot(poll, { kind: 'wordcloud', words: [longest] })).toEqual({ kind: 'wordcloud', words: [longest] });
    expect(reasonFor(poll, { kind: 'wordcloud', words: [`${longest}y`] })).toBe('word_too_long');
    // U+FB03 (ﬃ) is one character that NFKC expands to three.
    expect(reasonFor(poll, { kind: 'wordcloud', words: ['x'.repeat(WORD_MAX_LENGTH - 1) + '\uFB03'] })).toBe('word_too_long');
  });
});

describe('foldWord', () => {
  it('is idempotent', () => {
    for (const w of ['Industri  4.0', 'ÅSA', 'Ｆｉｋａ', ' a\nb ']) expect(foldWord(foldWord(w))).toBe(foldWord(w));
  });

  it('lower-cases by Swedish rules and keeps emoji joiners', () => {
    expect(foldWord('ÖVERTID')).toBe('övertid');
    expect(foldWord('👩\u200D💻')).toBe('👩\u200D💻');
  });
});

describe('checkBallot: scale', () => {
  const poll = makePoll('scale', { settings: { scaleMin: 1, scaleMax: 5 } });

  it('accepts every statement rated once within the range, keyed in statement order', () => {
    const result = checkBallot(poll, { kind: 'scale', ratings: { [ids.c]: 5, [ids.b]: 3, [ids.a]: 1 } });
    expect(result).toEqual({ kind: 'scale', ratings: { [ids.a]: 1, [ids.b]: 3, [ids.c]: 5 } });
    expect(Object.keys(result.kind === 'scale' ? result.ratings : {})).toEqual([ids.a, ids.b, ids.c]);
  });

  it('accepts 0 on a 0-based scale', () => {
    const zeroBased = makePoll('scale', { settings: { scaleMin: 0, scaleMax: 10 } });
    expect(checkBallot(zeroBased, { kind: 'scale', ratings: { [ids.a]: 0, [ids.b]: 10, [ids.c]: 7 } }).kind).toBe('scale');
  });

  it('refuses a statement left unrated', () => {
    expect(reasonFor(poll, { kind: 'scale', ratings: { [ids.a]: 1, [ids.b]: 2 } })).toBe('missing_rating');
  });

  it('refuses a rating for an unknown statement', () => {
    expect(reasonFor(poll, { kind: 'scale', ratings: { [ids.a]: 1, [ids.b]: 2, [ids.c]: 3, [ids.unknown]: 4 } })).toBe('unknown_option');
  });

  it('refuses a rating outside [scaleMin, scaleMax] or not a whole number', () => {
    expect(reasonFor(poll, { kind: 'scale', ratings: { [ids.a]: 0, [ids.b]: 2, [ids.c]: 3 } })).toBe('rating_out_of_range');
    expect(reasonFor(poll, { kind: 'scale', ratings: { [ids.a]: 1, [ids.b]: 6, [ids.c]: 3 } })).toBe('rating_out_of_range');
    expect(reasonFor(poll, { kind: 'scale', ratings: { [ids.a]: 1, [ids.b]: 2.5, [ids.c]: 3 } })).toBe('rating_out_of_range');
  });
});

describe('checkBallot: ranking', () => {
  const poll = makePoll('ranking');

  it('accepts a permutation of all options, in the order given', () => {
    expect(checkBallot(poll, { kind: 'ranking', order: [ids.c, ids.a, ids.b] })).toEqual({ kind: 'ranking', order: [ids.c, ids.a, ids.b] });
  });

  it('refuses a ranking with an option missing', () => {
    expect(reasonFor(poll, { kind: 'ranking', order: [ids.c, ids.a] })).toBe('missing_option');
  });

  it('refuses an extra (unknown) option', () => {
    expect(reasonFor(poll, { kind: 'ranking', order: [ids.c, ids.a, ids.b, ids.unknown] })).toBe('unknown_option');
  });

  it('refuses a repeated option', () => {
    expect(reasonFor(poll, { kind: 'ranking', order: [ids.c, ids.a, ids.a] })).toBe('duplicate_option');
    expect(reasonFor(poll, { kind: 'ranking', order: [ids.c, ids.a, ids.b, ids.a] })).toBe('duplicate_option');
  });
});

describe('checkBallot: open', () => {
  const poll = makePoll('open');

  it('trims, removes control characters and keeps line breaks', () => {
    expect(checkBallot(poll, { kind: 'open', text: '  Mer\u0000 fika\u0007!\r\nTack\tså mycket \u0085 ' })).toEqual({
      kind: 'open',
      text: 'Mer fika!\nTack så mycket',
    });
  });

  it('refuses an answer that is empty once cleaned', () => {
    expect(reasonFor(poll, { kind: 'open', text: '\u0001\u0002' })).toBe('empty_answer');
  });

  it('accepts OPEN_ANSWER_MAX_LENGTH characters and refuses one more', () => {
    const longest = 'å'.repeat(OPEN_ANSWER_MAX_LENGTH);
    expect(checkBallot(poll, { kind: 'open', text: longest })).toEqual({ kind: 'open', text: longest });
    expect(reasonFor(poll, { kind: 'open', text: `${longest}!` })).toBe('answer_too_long');
  });

  it('cleanOpenAnswer turns a lone CR into a line break', () => {
    expect(cleanOpenAnswer('ett\rtvå')).toBe('ett\ntvå');
  });
});
