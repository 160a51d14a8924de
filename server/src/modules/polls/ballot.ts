/**
 * Checks a ballot against the poll it is cast in and brings it to the one form that is stored.
 *
 * zod has already checked the ballot's shape; what it cannot know is the poll: which options exist,
 * how many choices or words are allowed, the scale's range. Everything stored goes through here, so
 * the tally can count stored ballots as they are.
 */
import type { Ballot, Poll, PollKind } from '@samling/protocol';
import { OPEN_ANSWER_MAX_LENGTH, WORD_MAX_LENGTH } from '@samling/protocol';
import { AppError } from '../../errors.ts';

type BallotPoll = Pick<Poll, 'kind' | 'options' | 'settings'>;

/** Why a ballot was refused; travels as `details.reason` so a client can word it in its own language. */
export type BallotRejection =
  | 'kind_mismatch'
  | 'unknown_option'
  | 'duplicate_option'
  | 'too_many_choices'
  | 'no_choice'
  | 'too_many_words'
  | 'empty_word'
  | 'word_too_long'
  | 'missing_rating'
  | 'rating_out_of_range'
  | 'missing_option'
  | 'empty_answer'
  | 'answer_too_long';

const A_KIND: Record<PollKind, string> = {
  single: 'a single-choice poll',
  multiple: 'a multiple-choice poll',
  wordcloud: 'a word-cloud poll',
  scale: 'a scale poll',
  ranking: 'a ranking poll',
  open: 'an open-answer poll',
  quiz: 'a quiz',
};

function reject(reason: BallotRejection, message: string): never {
  throw new AppError('VALIDATION_FAILED', message, { reason });
}

// Invisible characters that would make two identical-looking words count apart. ZWJ/ZWNJ stay:
// emoji sequences and some scripts need them.
const INVISIBLE = /[\u200B\u2060\uFEFF]/gu;
// Control characters count as whitespace in a word, so "Industri\t4.0" folds like "Industri 4.0".
const WHITESPACE_OR_CONTROL = /[\s\p{Cc}]+/gu;

/**
 * The form a word-cloud word is counted in: NFKC (full-width and ligature forms become plain letters),
 * lower case by Swedish rules, whitespace collapsed. May return '' or something longer than
 * WORD_MAX_LENGTH (NFKC can expand); callers decide what that means.
 * Idempotent, so folding an already stored word changes nothing.
 */
export function foldWord(word: string): string {
  return word
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLocaleLowerCase('sv')
    .replace(WHITESPACE_OR_CONTROL, ' ')
    .trim();
}

// Line breaks are kept (answers come from a textarea and joining lines would glue words together);
// a tab becomes a space for the same reason; every other control character goes.
const CRLF = /\r\n?/g;
const TAB = /\t/g;
const OTHER_CONTROL = /[^\P{Cc}\n]/gu;

/** An open answer as stored: line breaks normalised to \n, control characters removed, trimmed. */
export function cleanOpenAnswer(text: string): string {
  return text.replace(CRLF, '\n').replace(TAB, ' ').replace(OTHER_CONTROL, '').trim();
}

/** Returns the ballot as it should be stored, or throws VALIDATION_FAILED with `details.reason`. */
export function checkBallot(poll: BallotPoll, ballot: Ballot): Ballot {
  if (ballot.kind !== poll.kind) {
    reject('kind_mismatch', `This is an answer to ${A_KIND[ballot.kind]}, but the poll is ${A_KIND[poll.kind]}`);
  }
  const optionIds = new Set(poll.options.map((o) => o.id));

  switch (ballot.kind) {
    case 'single':
    case 'quiz': {
      if (!optionIds.has(ballot.optionId)) reject('unknown_option', 'The chosen option is not one of the poll\'s options');
      return { kind: ballot.kind, optionId: ballot.optionId };
    }

    case 'multiple': {
      if (ballot.optionIds.length === 0) reject('no_choice', 'Choose at least one option');
      const chosen = new Set<string>();
      for (const id of ballot.optionIds) {
        if (!optionIds.has(id)) reject('unknown_option', 'One of the chosen options is not one of the poll\'s options');
        // A repeated id means a broken client; merging it silently would hide that.
        if (chosen.has(id)) reject('duplicate_option', 'The same option is chosen more than once');
        chosen.add(id);
      }
      const { maxChoices } = poll.settings;
      if (chosen.size > maxChoices) {
        reject('too_many_choices', `Choose at most ${maxChoices} option${maxChoices === 1 ? '' : 's'}`);
      }
      // The poll's order, so equal choices are stored (and compared for "changed?") equally.
      return { kind: 'multiple', optionIds: byPosition(poll).filter((id) => chosen.has(id)) };
    }

    case 'wordcloud': {
      const { maxWords } = poll.settings;
      if (ballot.words.length === 0) reject('empty_word', 'Enter at least one word');
      if (ballot.words.length > maxWords) {
        reject('too_many_words', `Enter at most ${maxWords} word${maxWords === 1 ? '' : 's'}`);
      }
      const words = new Set<string>();
      for (const raw of ballot.words) {
        const word = foldWord(raw);
        if (word === '') reject('empty_word', 'A word is empty');
        if (word.length > WORD_MAX_LENGTH) reject('word_too_long', `A word may be at most ${WORD_MAX_LENGTH} characters long`);
        words.add(word);
      }
      return { kind: 'wordcloud', words: [...words] };
    }

    case 'scale': {
      const { scaleMin, scaleMax } = poll.settings;
      for (const id of Object.keys(ballot.ratings)) {
        if (!optionIds.has(id)) reject('unknown_option', 'A rating is for a statement that is not in the poll');
      }
      const ratings: Record<string, number> = {};
      for (const id of byPosition(poll)) {
        const rating = Object.hasOwn(ballot.ratings, id) ? ballot.ratings[id] : undefined;
        if (rating === undefined) reject('missing_rating', 'Rate every statement');
        if (!Number.isInteger(rating) || rating < scaleMin || rating > scaleMax) {
          reject('rating_out_of_range', `Each rating must be a whole number from ${scaleMin} to ${scaleMax}`);
        }
        ratings[id] = rating;
      }
      return { kind: 'scale', ratings };
    }

    case 'ranking': {
      const seen = new Set<string>();
      for (const id of ballot.order) {
        if (!optionIds.has(id)) reject('unknown_option', 'The ranking contains an option that is not in the poll');
        if (seen.has(id)) reject('duplicate_option', 'The ranking contains the same option more than once');
        seen.add(id);
      }
      // A partial ranking would make averages incomparable between options, so every option is needed.
      if (seen.size !== optionIds.size) reject('missing_option', 'Rank every option');
      return { kind: 'ranking', order: [...ballot.order] };
    }

    case 'open': {
      const text = cleanOpenAnswer(ballot.text);
      if (text === '') reject('empty_answer', 'The answer is empty');
      if (text.length > OPEN_ANSWER_MAX_LENGTH) {
        reject('answer_too_long', `An answer may be at most ${OPEN_ANSWER_MAX_LENGTH} characters long`);
      }
      return { kind: 'open', text };
    }
  }
}

/** Option ids in the poll's order; equal positions keep their array order (sort is stable). */
function byPosition(poll: Pick<Poll, 'options'>): string[] {
  return [...poll.options].sort((a, b) => a.position - b.position).map((o) => o.id);
}
