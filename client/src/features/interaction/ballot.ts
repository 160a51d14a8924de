import { OPEN_ANSWER_MAX_LENGTH, WORD_MAX_LENGTH, type Ballot, type Poll } from '@samling/protocol';
import type { MessageKey } from '../../i18n/index.ts';
import { orderedOptions } from './selectors.ts';

/** What a voting form holds while the person answers; `toBallot` turns it into what is sent. */
export type BallotDraft =
  | { kind: 'single' | 'quiz'; optionId: string | null }
  | { kind: 'multiple'; optionIds: string[] }
  | { kind: 'wordcloud'; words: string[] }
  | { kind: 'scale'; ratings: Record<string, number> }
  | { kind: 'ranking'; order: string[] }
  | { kind: 'open'; text: string };

/** A fresh form for the poll, or one holding the answer given (to change it). */
export function initialDraft(poll: Poll, given: Ballot | null): BallotDraft {
  const options = orderedOptions(poll).map((o) => o.id);
  const mine = given?.kind === poll.kind ? given : null;
  switch (poll.kind) {
    case 'single':
    case 'quiz':
      return { kind: poll.kind, optionId: mine && (mine.kind === 'single' || mine.kind === 'quiz') ? mine.optionId : null };
    case 'multiple':
      return { kind: 'multiple', optionIds: mine?.kind === 'multiple' ? mine.optionIds : [] };
    case 'wordcloud': {
      const words = mine?.kind === 'wordcloud' ? mine.words : [];
      return { kind: 'wordcloud', words: Array.from({ length: poll.settings.maxWords }, (_, i) => words[i] ?? '') };
    }
    case 'scale':
      return { kind: 'scale', ratings: mine?.kind === 'scale' ? { ...mine.ratings } : {} };
    case 'ranking': {
      // The order given, with any option it lacks (the poll was edited) at the end.
      const order = mine?.kind === 'ranking' ? mine.order.filter((id) => options.includes(id)) : [];
      return { kind: 'ranking', order: [...order, ...options.filter((id) => !order.includes(id))] };
    }
    case 'open':
      return { kind: 'open', text: mine?.kind === 'open' ? mine.text : '' };
  }
}

export type DraftCheck = { ok: true; ballot: Ballot } | { ok: false; error: MessageKey; vars?: Record<string, number> };

/** The ballot to send, or what is missing, checked as the server will check it. */
export function toBallot(poll: Poll, draft: BallotDraft): DraftCheck {
  switch (draft.kind) {
    case 'single':
    case 'quiz':
      return draft.optionId ? { ok: true, ballot: { kind: draft.kind, optionId: draft.optionId } } : { ok: false, error: 'poll.chooseOne' };
    case 'multiple': {
      if (draft.optionIds.length === 0) return { ok: false, error: 'poll.chooseAtLeastOne' };
      if (draft.optionIds.length > poll.settings.maxChoices) return { ok: false, error: 'poll.chooseAtMost', vars: { max: poll.settings.maxChoices } };
      // In the poll's order, however they were ticked.
      const chosen = new Set(draft.optionIds);
      return { ok: true, ballot: { kind: 'multiple', optionIds: orderedOptions(poll).map((o) => o.id).filter((id) => chosen.has(id)) } };
    }
    case 'wordcloud': {
      const words = draft.words.map((w) => w.trim()).filter(Boolean);
      if (words.length === 0) return { ok: false, error: 'poll.wordRequired' };
      if (words.some((w) => w.length > WORD_MAX_LENGTH)) return { ok: false, error: 'ballot.word_too_long' };
      return { ok: true, ballot: { kind: 'wordcloud', words: words.slice(0, poll.settings.maxWords) } };
    }
    case 'scale': {
      const ratings: Record<string, number> = {};
      for (const o of orderedOptions(poll)) {
        const value = draft.ratings[o.id];
        if (value === undefined) return { ok: false, error: 'poll.rateAll' };
        ratings[o.id] = value;
      }
      return { ok: true, ballot: { kind: 'scale', ratings } };
    }
    case 'ranking':
      return draft.order.length === poll.options.length ? { ok: true, ballot: { kind: 'ranking', order: [...draft.order] } } : { ok: false, error: 'ballot.missing_option' };
    case 'open': {
      const text = draft.text.trim();
      if (!text) return { ok: false, error: 'poll.openRequired' };
      if (text.length > OPEN_ANSWER_MAX_LENGTH) return { ok: false, error: 'ballot.answer_too_long' };
      return { ok: true, ballot: { kind: 'open', text } };
    }
  }
}

/** Moves the item at `index` one place up (-1) or down (+1); out of range changes nothing. */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** A given answer in words, for "Ditt svar". */
export function describeBallot(poll: Poll, ballot: Ballot): string[] {
  const label = (id: string) => poll.options.find((o) => o.id === id)?.label ?? '';
  switch (ballot.kind) {
    case 'single':
    case 'quiz':
      return [label(ballot.optionId)];
    case 'multiple':
      return ballot.optionIds.map(label);
    case 'wordcloud':
      return ballot.words;
    case 'scale':
      return orderedOptions(poll).flatMap((o) => (ballot.ratings[o.id] === undefined ? [] : [`${o.label}: ${ballot.ratings[o.id]}`]));
    case 'ranking':
      return ballot.order.map((id, i) => `${i + 1}. ${label(id)}`);
    case 'open':
      return [ballot.text];
  }
}
