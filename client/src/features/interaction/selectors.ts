import type { Poll, PollResults, Question } from '@samling/protocol';
import type { AppState } from '../../store/types.ts';
import { isModeratorRole } from './interaction.slice.ts';

export type QuestionOrder = 'popular' | 'recent';

/**
 * The order of a Q&A list: pinned first, answered last; in between by upvotes then oldest first ("Populärast"),
 * or newest first ("Senaste").
 */
export function compareQuestions(order: QuestionOrder): (a: Question, b: Question) => number {
  return (a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (a.answered !== b.answered) return a.answered ? 1 : -1;
    if (order === 'popular' && a.votes !== b.votes) return b.votes - a.votes;
    const byTime = a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
    return order === 'popular' ? byTime || (a.id < b.id ? -1 : 1) : -byTime || (a.id < b.id ? 1 : -1);
  };
}

const moderatorIn = (s: AppState, room: string) => isModeratorRole(s.rooms[room]?.me?.role);

/**
 * The questions of the session's list, in order (select with useShallow): approved ones, and the viewer's own
 * pending ones (shown as pending). Moderators see the others' pending questions in their own list.
 */
export function selectQuestionIds(s: AppState, room: string, order: QuestionOrder): string[] {
  const mine = new Set(s.interactions[room]?.myQuestionIds ?? []);
  const moderator = moderatorIn(s, room);
  return Object.values(s.questions)
    .filter((q) => q.sessionId === room && (q.status === 'approved' || (q.status === 'pending' && mine.has(q.id) && !moderator)))
    .sort(compareQuestions(order))
    .map((q) => q.id);
}

/** Moderators: questions waiting for approval, oldest first. */
export function selectPendingQuestionIds(s: AppState, room: string): string[] {
  return Object.values(s.questions)
    .filter((q) => q.sessionId === room && q.status === 'pending')
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    .map((q) => q.id);
}

/** A session's polls we know of, in the session's order. */
export function selectSessionPollIds(s: AppState, sessionId: string): string[] {
  return Object.values(s.polls)
    .filter((p) => p.sessionId === sessionId)
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1))
    .map((p) => p.id);
}

/** The share of `voters` that chose something, 0–1 (0 when nobody answered). */
export function share(count: number, voters: number): number {
  return voters > 0 ? Math.min(1, count / voters) : 0;
}

/** A poll's options in the poll's order. */
export function orderedOptions(poll: Poll) {
  return [...poll.options].sort((a, b) => a.position - b.position);
}

/** Whether the audience is shown results now: moderators always; others once they answered or the poll closed. */
export function resultsVisible(poll: Poll, results: PollResults | null, { moderator, answered }: { moderator: boolean; answered: boolean }): boolean {
  if (!results) return false;
  if (moderator || poll.status === 'closed') return true;
  // A quiz's counts would give the answer away while people can still answer.
  if (poll.kind === 'quiz') return false;
  return answered;
}
