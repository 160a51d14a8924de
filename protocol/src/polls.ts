import { z } from 'zod';
import { idSchema } from './agenda.ts';

/** The kinds of question a poll can ask. */
export const PollKinds = ['single', 'multiple', 'wordcloud', 'scale', 'ranking', 'open', 'quiz'] as const;
export const pollKindSchema = z.enum(PollKinds);
export type PollKind = z.infer<typeof pollKindSchema>;

/** draft (prepared, not shown) → open (voting) → closed (results stay); reopen and reset move it back. */
export const PollStatuses = ['draft', 'open', 'closed'] as const;
export const pollStatusSchema = z.enum(PollStatuses);
export type PollStatus = z.infer<typeof pollStatusSchema>;

export const WORD_MAX_LENGTH = 40;
export const OPEN_ANSWER_MAX_LENGTH = 500;

/** An option of a choice, ranking or quiz poll, or a statement of a scale poll. */
export const pollOptionSchema = z.object({ id: idSchema, label: z.string(), position: z.number().int() });
export type PollOption = z.infer<typeof pollOptionSchema>;

/** How a poll behaves; which fields matter depends on the kind. */
export const pollSettingsSchema = z.object({
  /** multiple: at most this many choices. */
  maxChoices: z.number().int().min(1).max(50),
  /** wordcloud: at most this many words per person. */
  maxWords: z.number().int().min(1).max(10),
  /** scale: the range each statement is rated in. */
  scaleMin: z.number().int().min(0).max(1),
  scaleMax: z.number().int().min(2).max(10),
  /** Named polls show who answered to moderators and on the leaderboard; anonymous ones never do. */
  anonymous: z.boolean(),
  /** Whether a person may change their answer while the poll is open. */
  allowChange: z.boolean(),
  /** Results are shown to the audience only once a moderator reveals them. */
  hideResults: z.boolean(),
  /** quiz: seconds to answer; open polls close themselves when it runs out. Other kinds: optional auto-close. */
  timerSeconds: z.number().int().min(5).max(3600).nullable(),
});
export type PollSettings = z.infer<typeof pollSettingsSchema>;

export const defaultPollSettings: PollSettings = {
  maxChoices: 3, maxWords: 3, scaleMin: 1, scaleMax: 5, anonymous: true, allowChange: true, hideResults: false, timerSeconds: null,
};

/** A poll as the audience sees it (a quiz's correct answer stays hidden until it closes). */
export const pollSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  kind: pollKindSchema,
  question: z.string(),
  options: z.array(pollOptionSchema),
  settings: pollSettingsSchema,
  status: pollStatusSchema,
  /** When an open poll closes by itself (timer), ISO. */
  closesAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  resultsRevealed: z.boolean(),
  /** quiz: the correct options, once the poll is closed (always for moderators). */
  correctOptionIds: z.array(idSchema).nullable(),
  position: z.number().int(),
});
export type Poll = z.infer<typeof pollSchema>;

/** An answer, by kind. Validated against the poll (options exist, counts and ranges) by the server. */
export const ballotSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single'), optionId: idSchema }),
  z.strictObject({ kind: z.literal('multiple'), optionIds: z.array(idSchema).min(1).max(50) }),
  z.strictObject({ kind: z.literal('wordcloud'), words: z.array(z.string().trim().min(1).max(WORD_MAX_LENGTH)).min(1).max(10) }),
  z.strictObject({ kind: z.literal('scale'), ratings: z.record(idSchema, z.number().int().min(0).max(10)) }),
  z.strictObject({ kind: z.literal('ranking'), order: z.array(idSchema).min(1).max(50) }),
  z.strictObject({ kind: z.literal('open'), text: z.string().trim().min(1).max(OPEN_ANSWER_MAX_LENGTH) }),
  z.strictObject({ kind: z.literal('quiz'), optionId: idSchema }),
]);
export type Ballot = z.infer<typeof ballotSchema>;

const count = z.number().int().min(0);

/** Results, by kind. `voters` is the number of people who answered. */
export const pollResultsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), voters: count, options: z.array(z.object({ optionId: idSchema, count })) }),
  z.object({ kind: z.literal('multiple'), voters: count, options: z.array(z.object({ optionId: idSchema, count })) }),
  z.object({ kind: z.literal('wordcloud'), voters: count, words: z.array(z.object({ word: z.string(), count })) }),
  z.object({
    kind: z.literal('scale'), voters: count,
    statements: z.array(z.object({ optionId: idSchema, distribution: z.array(count), average: z.number().nullable(), answers: count })),
  }),
  z.object({ kind: z.literal('ranking'), voters: count, options: z.array(z.object({ optionId: idSchema, averageRank: z.number().nullable() })) }),
  z.object({ kind: z.literal('open'), voters: count, answers: z.array(z.object({ id: idSchema, text: z.string(), at: z.string() })) }),
  z.object({
    kind: z.literal('quiz'), voters: count, options: z.array(z.object({ optionId: idSchema, count })),
    /** Top of the session's quiz leaderboard (named participants only), best first. */
    leaderboard: z.array(z.object({ name: z.string(), points: count })),
  }),
]);
export type PollResults = z.infer<typeof pollResultsSchema>;

/** Results as broadcast: hidden ones carry only the count of voters. */
export const pollResultsMessageSchema = z.object({
  pollId: idSchema,
  /** Grows with every result sent for the poll; a client keeps the highest it has seen. */
  version: z.number().int(),
  voters: count,
  results: pollResultsSchema.nullable(),
  final: z.boolean(),
});
export type PollResultsMessage = z.infer<typeof pollResultsMessageSchema>;

/** A poll prepared ahead (agenda editor) or on the spot (live room). */
const pollFields = {
  kind: pollKindSchema,
  question: z.string().trim().min(1).max(300),
  options: z.array(z.object({ label: z.string().trim().min(1).max(200), correct: z.boolean().default(false) })).max(50),
  settings: pollSettingsSchema.partial(),
};
export const pollInputSchema = z.strictObject({ ...pollFields, options: pollFields.options.default([]), settings: pollFields.settings.default({}) });
export type PollInput = z.input<typeof pollInputSchema>;
export const pollPatchSchema = z.strictObject(pollFields).partial();

/** Q&A: pending (awaiting a moderator when pre-moderation is on), approved (visible), hidden. */
export const QuestionStatuses = ['pending', 'approved', 'hidden'] as const;
export const questionStatusSchema = z.enum(QuestionStatuses);
export const QUESTION_MAX_LENGTH = 500;

/** A question as everyone sees it; `author` is null when asked anonymously. Per-viewer flags travel in the snapshot. */
export const questionSchema = z.object({
  id: idSchema,
  sessionId: idSchema,
  text: z.string(),
  author: z.string().nullable(),
  status: questionStatusSchema,
  answered: z.boolean(),
  pinned: z.boolean(),
  votes: count,
  createdAt: z.string(),
});
export type Question = z.infer<typeof questionSchema>;

export const QuestionActions = ['approve', 'hide', 'answer', 'unanswer', 'pin', 'unpin'] as const;
export const questionActionSchema = z.enum(QuestionActions);
export type QuestionAction = z.infer<typeof questionActionSchema>;

/** A session's polls and Q&A as one person sees them on joining its room. */
export const sessionInteractionSchema = z.object({
  /** The poll on screen: the open one, else the last one launched. */
  poll: pollSchema.nullable(),
  results: pollResultsMessageSchema.nullable(),
  myBallot: ballotSchema.nullable(),
  questions: z.array(questionSchema),
  myQuestionIds: z.array(idSchema),
  myVotes: z.array(idSchema),
  premoderation: z.boolean(),
});
export type SessionInteraction = z.infer<typeof sessionInteractionSchema>;
