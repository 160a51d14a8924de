import {
  atLeast,
  type Ballot, type GuestAccess, type Poll, type PollInput, type PollResultsMessage, type Question, type QuestionAction, type Role, type Room,
  type SessionInteraction,
} from '@samling/protocol';
import { call, isApiError } from '../../api.ts';
import { send } from '../../realtime/commands.ts';
import type { AppState, LoadState, SliceCreator } from '../../store/types.ts';

/** What one person has of one session room's polls and Q&A; the polls, results and questions live in the by-id tables. */
export interface InteractionRoom {
  /** The poll on screen: the open one, else the last launched. */
  currentPollId: string | null;
  /** Questions this person asked (their pending ones are shown to them as pending). */
  myQuestionIds: string[];
  /** Questions this person upvoted. */
  myVotes: string[];
  premoderation: boolean;
  /** Moderators: the session's polls, drafts included, as listed by `poll:list`. */
  pollList: 'idle' | 'loading' | 'ready' | 'error';
  /** When the latest join of the room was asked for (a sequence number): a broadcast stamped later is newer than its snapshot. */
  joinedAt: number;
  /** Counts snapshots, so views that fetch more (the moderators' poll list) fetch again after a reconnect. */
  snapshots: number;
}

/** Participation of one poll, from the HTTP list (moderators): voters, and people in the room when it closed. */
export interface PollSummary {
  voters: number;
  present: number | null;
}

export interface InteractionSlice {
  /** Every poll seen, by id (the room's current one, the moderators' lists, the agenda editor's drafts). */
  polls: Record<string, Poll>;
  /** The newest results per poll: a message with a lower version than the one kept is dropped. */
  pollResults: Record<string, PollResultsMessage>;
  /** My answer per poll, as the server stored it. */
  myBallots: Record<string, Ballot>;
  questions: Record<string, Question>;
  /** Per session room (by session id). */
  interactions: Record<string, InteractionRoom>;
  /** When each poll, result, question or Q&A setting last came by broadcast or ack; see InteractionRoom.joinedAt. */
  interactionStamps: Record<string, number>;
  pollSummaries: Record<string, PollSummary>;
  /** The agenda editor's poll list per session, in the server's order. */
  sessionPollIds: Record<string, string[]>;
  sessionPollsState: Record<string, LoadState>;
  guestAccess: Record<string, GuestAccess>;
  guestAccessState: Record<string, LoadState>;

  // Transitions, applied by the realtime bindings and the room slice (and by the commands below).
  interactionJoining(room: Room): void;
  /** Replaces the room's polls and Q&A with a fresh snapshot; what a broadcast brought since the join was asked for stays. */
  interactionSnapshot(room: Room, interaction: SessionInteraction | null): void;
  interactionLeft(room: Room): void;
  resetInteraction(): void;
  pollUpdated(poll: Poll): void;
  /** Keeps the message if it is newer than the one kept; returns whether it was. */
  pollResultsReceived(message: PollResultsMessage): boolean;
  questionUpdated(question: Question): void;
  questionRemoved(questionId: string): void;
  questionVotesCounted(votes: Record<string, number>): void;
  qaConfigured(room: Room, premoderation: boolean): void;

  // Room commands: each throws ApiError on failure.
  listPolls(room: Room): Promise<void>;
  createPoll(room: Room, input: PollInput): Promise<Poll>;
  launchPoll(pollId: string): Promise<Poll>;
  closePoll(pollId: string): Promise<Poll>;
  reopenPoll(pollId: string): Promise<Poll>;
  resetPoll(pollId: string): Promise<Poll>;
  revealResults(pollId: string, revealed: boolean): Promise<Poll>;
  /** Answers a poll. A retry of the same answer (after a lost answer) reuses its vote id, so it counts once. */
  vote(pollId: string, ballot: Ballot): Promise<Ballot>;
  hideOpenAnswer(pollId: string, answerId: string, hidden: boolean): Promise<void>;
  askQuestion(room: Room, text: string, anonymous: boolean): Promise<Question>;
  /** Upvotes or takes the vote back; shown at once, undone if the server refuses. */
  upvoteQuestion(questionId: string, up: boolean): Promise<void>;
  moderateQuestion(questionId: string, action: QuestionAction): Promise<Question>;
  configureQa(room: Room, premoderation: boolean): Promise<void>;

  // HTTP (agenda editor, participation, guest access): each throws ApiError.
  loadSessionPolls(slug: string, sessionId: string): Promise<void>;
  savePoll(slug: string, sessionId: string, pollId: string | null, input: PollInput): Promise<Poll>;
  deletePoll(slug: string, sessionId: string, pollId: string): Promise<void>;
  loadGuestAccess(slug: string): Promise<void>;
  setGuestAccess(slug: string, enabled: boolean): Promise<void>;
  newGuestCode(slug: string): Promise<void>;
}

/** Moderators and organisers run polls and moderate Q&A. */
export function isModeratorRole(role: Role | null | undefined): boolean {
  return atLeast(role, 'moderator');
}

let sequence = 0;
const tick = () => ++sequence;

/** A vote's id per poll and answer until the server has it: pressing "Skicka svar" again after a lost answer reuses it. */
const pendingVotes = new Map<string, string>();
/** The same for questions, per room and text. */
const pendingQuestions = new Map<string, string>();
/** Results with no voters mean a reset only if my answer is older than this; an earlier count may still be on its way. */
const BALLOT_SETTLE_MS = 2000;
const ballotStoredAt = new Map<string, number>();

const emptyRoom = (): InteractionRoom => ({
  currentPollId: null, myQuestionIds: [], myVotes: [], premoderation: false, pollList: 'idle', joinedAt: 0, snapshots: 0,
});

const without = <T>(table: Record<string, T>, ids: Iterable<string>): Record<string, T> => {
  const next = { ...table };
  for (const id of ids) delete next[id];
  return next;
};

export const createInteractionSlice: SliceCreator<InteractionSlice> = (set, get) => {
  const stamp = (s: AppState, ...keys: string[]) => {
    const now = tick();
    return { ...s.interactionStamps, ...Object.fromEntries(keys.map((k) => [k, now])) };
  };

  const updateRoom = (room: string, change: (r: InteractionRoom) => Partial<InteractionRoom>) =>
    set((s) => {
      const current = s.interactions[room];
      return current ? { interactions: { ...s.interactions, [room]: { ...current, ...change(current) } } } : {};
    });

  /**
   * Stores polls fetched by a list (socket or HTTP), except those a broadcast or ack changed after the list was asked
   * for: the list was read before that change.
   */
  const putListed = (s: AppState, polls: Poll[], askedAt: number): Record<string, Poll> => {
    const next = { ...s.polls };
    for (const p of polls) if ((s.interactionStamps[`poll:${p.id}`] ?? 0) <= askedAt) next[p.id] = p;
    return next;
  };

  const putBallot = (pollId: string, ballot: Ballot) => {
    ballotStoredAt.set(pollId, Date.now());
    set((s) => ({ myBallots: { ...s.myBallots, [pollId]: ballot }, interactionStamps: stamp(s, `ballot:${pollId}`) }));
  };

  return {
    polls: {},
    pollResults: {},
    myBallots: {},
    questions: {},
    interactions: {},
    interactionStamps: {},
    pollSummaries: {},
    sessionPollIds: {},
    sessionPollsState: {},
    guestAccess: {},
    guestAccessState: {},

    interactionJoining(room) {
      if (room === 'lobby') return;
      set((s) => ({ interactions: { ...s.interactions, [room]: { ...(s.interactions[room] ?? emptyRoom()), joinedAt: tick() } } }));
    },

    interactionSnapshot(room, interaction) {
      if (room === 'lobby' || !interaction) return;
      set((s) => {
        const current = s.interactions[room] ?? emptyRoom();
        const fresh = (key: string) => (s.interactionStamps[key] ?? 0) > current.joinedAt;
        const polls = { ...s.polls };
        const pollResults = { ...s.pollResults };
        const myBallots = { ...s.myBallots };
        const { poll, results, myBallot } = interaction;
        if (poll) {
          if (!fresh(`poll:${poll.id}`)) polls[poll.id] = poll;
          if (!fresh(`results:${poll.id}`)) {
            if (results) pollResults[poll.id] = results;
            else delete pollResults[poll.id];
          }
          if (!fresh(`ballot:${poll.id}`)) {
            if (myBallot) myBallots[poll.id] = myBallot;
            else delete myBallots[poll.id];
          }
        }
        // A poll launched while the snapshot was on its way is the one on screen.
        const launchedSince = Object.values(polls).find((p) => p.sessionId === room && p.status === 'open' && fresh(`poll:${p.id}`));
        const currentPollId = launchedSince?.id ?? (poll && polls[poll.id] && polls[poll.id]!.status !== 'draft' ? poll.id : null);

        // The snapshot's questions, except those a broadcast changed (or removed) since; questions that came since stay.
        const questions = { ...s.questions };
        for (const q of Object.values(s.questions)) if (q.sessionId === room && !fresh(`question:${q.id}`)) delete questions[q.id];
        for (const q of interaction.questions) {
          if (!fresh(`question:${q.id}`) && !fresh(`removed:${q.id}`)) questions[q.id] = q;
        }
        const askedSince = current.myQuestionIds.filter((id) => fresh(`question:${id}`));
        return {
          polls,
          pollResults,
          myBallots,
          questions,
          interactions: {
            ...s.interactions,
            [room]: {
              ...current,
              currentPollId,
              myQuestionIds: [...new Set([...interaction.myQuestionIds, ...askedSince])],
              myVotes: interaction.myVotes,
              premoderation: fresh(`qa:${room}`) ? current.premoderation : interaction.premoderation,
              snapshots: current.snapshots + 1,
            },
          },
        };
      });
    },

    interactionLeft(room) {
      set((s) => {
        if (!s.interactions[room]) return {};
        const { [room]: _left, ...interactions } = s.interactions;
        const pollIds = Object.values(s.polls).filter((p) => p.sessionId === room).map((p) => p.id);
        const questionIds = Object.values(s.questions).filter((q) => q.sessionId === room).map((q) => q.id);
        return {
          interactions,
          pollResults: without(s.pollResults, pollIds),
          myBallots: without(s.myBallots, pollIds),
          questions: without(s.questions, questionIds),
        };
      });
    },

    resetInteraction() {
      set({ pollResults: {}, myBallots: {}, questions: {}, interactions: {}, interactionStamps: {} });
    },

    pollUpdated(poll) {
      set((s) => {
        const existing = s.polls[poll.id];
        const room = s.interactions[poll.sessionId];
        const interactionStamps = stamp(s, `poll:${poll.id}`);
        // Broadcasts never move a poll back to draft: a launched poll that is deleted comes once more as a draft.
        if (poll.status === 'draft') {
          const polls = { ...s.polls };
          delete polls[poll.id];
          return {
            polls,
            interactionStamps,
            ...(room?.currentPollId === poll.id ? { interactions: { ...s.interactions, [poll.sessionId]: { ...room, currentPollId: null } } } : {}),
          };
        }
        // Broadcasts carry the audience's view; a moderator keeps the quiz answer they were given.
        const moderator = isModeratorRole(s.rooms[poll.sessionId]?.me?.role);
        const merged = moderator && existing && poll.correctOptionIds === null ? { ...poll, correctOptionIds: existing.correctOptionIds } : poll;
        // A reset of an open poll starts its clock again: the answers, mine included, are gone.
        const reset = existing?.status === 'open' && poll.status === 'open' && existing.openedAt !== poll.openedAt;
        let currentPollId = room?.currentPollId ?? null;
        if (poll.status === 'open') currentPollId = poll.id;
        else if (currentPollId === null) currentPollId = poll.id;
        return {
          polls: { ...s.polls, [poll.id]: merged },
          interactionStamps,
          ...(reset ? { myBallots: without(s.myBallots, [poll.id]) } : {}),
          ...(room && currentPollId !== room.currentPollId ? { interactions: { ...s.interactions, [poll.sessionId]: { ...room, currentPollId } } } : {}),
        };
      });
    },

    pollResultsReceived(message) {
      const kept = get().pollResults[message.pollId];
      if (kept && kept.version >= message.version) return false;
      set((s) => {
        // Nobody has answered, so my answer is gone too (the poll was reset), unless my vote was stored a moment ago
        // and this count was made before it.
        const storedAt = ballotStoredAt.get(message.pollId) ?? 0;
        const reset = message.voters === 0 && s.myBallots[message.pollId] !== undefined && Date.now() - storedAt > BALLOT_SETTLE_MS;
        return {
          pollResults: { ...s.pollResults, [message.pollId]: message },
          interactionStamps: stamp(s, `results:${message.pollId}`),
          ...(reset ? { myBallots: without(s.myBallots, [message.pollId]) } : {}),
        };
      });
      return true;
    },

    questionUpdated(question) {
      set((s) => ({ questions: { ...s.questions, [question.id]: question }, interactionStamps: stamp(s, `question:${question.id}`) }));
    },

    questionRemoved(questionId) {
      set((s) => ({ questions: without(s.questions, [questionId]), interactionStamps: stamp(s, `removed:${questionId}`) }));
    },

    questionVotesCounted(votes) {
      set((s) => {
        const changed = Object.entries(votes).filter(([id, n]) => s.questions[id] && s.questions[id]!.votes !== n);
        if (changed.length === 0) return {};
        const questions = { ...s.questions };
        for (const [id, n] of changed) questions[id] = { ...questions[id]!, votes: n };
        return { questions, interactionStamps: stamp(s, ...changed.map(([id]) => `question:${id}`)) };
      });
    },

    qaConfigured(room, premoderation) {
      set((s) => {
        const current = s.interactions[room];
        if (!current) return {};
        return { interactions: { ...s.interactions, [room]: { ...current, premoderation } }, interactionStamps: stamp(s, `qa:${room}`) };
      });
    },

    async listPolls(room) {
      updateRoom(room, () => ({ pollList: 'loading' }));
      const askedAt = tick();
      try {
        const { polls } = await send('poll:list', { room });
        set((s) => ({ polls: putListed(s, polls, askedAt) }));
        updateRoom(room, () => ({ pollList: 'ready' }));
      } catch (e) {
        updateRoom(room, () => ({ pollList: 'error' }));
        throw e;
      }
    },

    async createPoll(room, input) {
      const poll = await send('poll:create', { room, poll: input });
      set((s) => ({ polls: { ...s.polls, [poll.id]: poll }, interactionStamps: stamp(s, `poll:${poll.id}`) }));
      return poll;
    },

    async launchPoll(pollId) {
      const poll = await send('poll:launch', { pollId });
      get().pollUpdated(poll);
      return poll;
    },
    async closePoll(pollId) {
      const poll = await send('poll:close', { pollId });
      get().pollUpdated(poll);
      return poll;
    },
    async reopenPoll(pollId) {
      const poll = await send('poll:reopen', { pollId });
      get().pollUpdated(poll);
      return poll;
    },
    async resetPoll(pollId) {
      const poll = await send('poll:reset', { pollId });
      get().pollUpdated(poll);
      set((s) => ({ myBallots: without(s.myBallots, [pollId]) }));
      return poll;
    },
    async revealResults(pollId, revealed) {
      const poll = await send('poll:reveal', { pollId, revealed });
      get().pollUpdated(poll);
      return poll;
    },

    async vote(pollId, ballot) {
      const key = `${pollId}:${JSON.stringify(ballot)}`;
      const voteId = pendingVotes.get(key) ?? crypto.randomUUID();
      pendingVotes.set(key, voteId);
      try {
        const { ballot: stored } = await send('poll:vote', { pollId, voteId, ballot });
        pendingVotes.delete(key);
        putBallot(pollId, stored);
        return stored;
      } catch (e) {
        // Only a lost answer may have been stored; anything else was refused and a new try is a new vote.
        if (!isApiError(e) || e.code !== 'NETWORK') pendingVotes.delete(key);
        throw e;
      }
    },

    async hideOpenAnswer(pollId, answerId, hidden) {
      await send('poll:moderateAnswer', { pollId, answerId, hidden });
    },

    async askQuestion(room, text, anonymous) {
      const key = `${room}:${anonymous}:${text}`;
      const id = pendingQuestions.get(key) ?? crypto.randomUUID();
      pendingQuestions.set(key, id);
      try {
        const question = await send('question:ask', { room, id, text, anonymous });
        pendingQuestions.delete(key);
        get().questionUpdated(question);
        updateRoom(room, (r) => ({ myQuestionIds: r.myQuestionIds.includes(question.id) ? r.myQuestionIds : [...r.myQuestionIds, question.id] }));
        return question;
      } catch (e) {
        if (!isApiError(e) || e.code !== 'NETWORK') pendingQuestions.delete(key);
        throw e;
      }
    },

    async upvoteQuestion(questionId, up) {
      const question = get().questions[questionId];
      if (!question) return;
      const room = question.sessionId;
      const had = get().interactions[room]?.myVotes.includes(questionId) ?? false;
      if (had === up) return;
      const apply = (voted: boolean, votes: number) =>
        set((s) => {
          const r = s.interactions[room];
          const q = s.questions[questionId];
          return {
            ...(q ? { questions: { ...s.questions, [questionId]: { ...q, votes } } } : {}),
            ...(r
              ? { interactions: { ...s.interactions, [room]: { ...r, myVotes: voted ? [...new Set([...r.myVotes, questionId])] : r.myVotes.filter((id) => id !== questionId) } } }
              : {}),
          };
        });
      apply(up, Math.max(0, question.votes + (up ? 1 : -1)));
      try {
        const { votes } = await send('question:vote', { questionId, up });
        apply(up, votes);
      } catch (e) {
        apply(had, Math.max(0, (get().questions[questionId]?.votes ?? question.votes) + (up ? -1 : 1)));
        throw e;
      }
    },

    async moderateQuestion(questionId, action) {
      const question = await send('question:moderate', { questionId, action });
      get().questionUpdated(question);
      return question;
    },

    async configureQa(room, premoderation) {
      const result = await send('qa:configure', { room, premoderation });
      get().qaConfigured(room, result.premoderation);
    },

    async loadSessionPolls(slug, sessionId) {
      set((s) => ({ sessionPollsState: { ...s.sessionPollsState, [sessionId]: { status: 'loading' } } }));
      const askedAt = tick();
      try {
        const list = await call('listPolls', { params: { slug, id: sessionId } });
        set((s) => ({
          polls: putListed(s, list.map(({ poll }) => poll), askedAt),
          pollSummaries: { ...s.pollSummaries, ...Object.fromEntries(list.map(({ poll, voters, present }) => [poll.id, { voters, present }])) },
          sessionPollIds: { ...s.sessionPollIds, [sessionId]: list.map(({ poll }) => poll.id) },
          sessionPollsState: { ...s.sessionPollsState, [sessionId]: { status: 'ready' } },
        }));
      } catch (e) {
        if (!isApiError(e)) throw e;
        set((s) => ({ sessionPollsState: { ...s.sessionPollsState, [sessionId]: { status: 'error', error: e } } }));
      }
    },

    async savePoll(slug, sessionId, pollId, input) {
      const poll = pollId
        ? await call('updatePoll', { params: { slug, id: pollId }, body: input })
        : await call('createPoll', { params: { slug, id: sessionId }, body: input });
      set((s) => {
        const ids = s.sessionPollIds[sessionId] ?? [];
        return {
          polls: { ...s.polls, [poll.id]: poll },
          pollSummaries: { ...s.pollSummaries, [poll.id]: s.pollSummaries[poll.id] ?? { voters: 0, present: null } },
          sessionPollIds: { ...s.sessionPollIds, [sessionId]: ids.includes(poll.id) ? ids : [...ids, poll.id] },
        };
      });
      return poll;
    },

    async deletePoll(slug, sessionId, pollId) {
      await call('deletePoll', { params: { slug, id: pollId } });
      set((s) => ({
        polls: without(s.polls, [pollId]),
        pollSummaries: without(s.pollSummaries, [pollId]),
        sessionPollIds: { ...s.sessionPollIds, [sessionId]: (s.sessionPollIds[sessionId] ?? []).filter((id) => id !== pollId) },
      }));
    },

    async loadGuestAccess(slug) {
      set((s) => ({ guestAccessState: { ...s.guestAccessState, [slug]: { status: 'loading' } } }));
      try {
        const access = await call('guestAccess', { params: { slug } });
        set((s) => ({ guestAccess: { ...s.guestAccess, [slug]: access }, guestAccessState: { ...s.guestAccessState, [slug]: { status: 'ready' } } }));
      } catch (e) {
        if (!isApiError(e)) throw e;
        set((s) => ({ guestAccessState: { ...s.guestAccessState, [slug]: { status: 'error', error: e } } }));
      }
    },

    async setGuestAccess(slug, enabled) {
      await get().updateEvent(slug, { guestAccess: enabled });
      const access = await call('guestAccess', { params: { slug } });
      set((s) => ({ guestAccess: { ...s.guestAccess, [slug]: access }, guestAccessState: { ...s.guestAccessState, [slug]: { status: 'ready' } } }));
    },

    async newGuestCode(slug) {
      const access = await call('newGuestCode', { params: { slug } });
      set((s) => ({ guestAccess: { ...s.guestAccess, [slug]: access } }));
    },
  };
};
