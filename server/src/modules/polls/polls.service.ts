import {
  defaultPollSettings, pollInputSchema, pollPatchSchema, pollSettingsSchema,
  type Ballot, type Poll, type PollInput, type PollKind, type PollResultsMessage, type PollSettings, type PollStatus,
} from '@samling/protocol';
import type { z } from 'zod';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { atLeast, eventBySlug, requireRole } from '../events/access.ts';
import { checkBallot } from './ballot.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { leaderboard, quizPoints, type LeaderboardEntry, type StoredVote } from './tally.ts';
import { LiveTally } from './live-tally.ts';
import { MemberCache } from '../events/member-cache.ts';
import { prismaBatchRunner, VoteWriter } from './vote-writer.ts';

const pollInclude = { options: { orderBy: { position: 'asc' as const } } };
type PollRow = {
  id: string; eventId: string; sessionId: string; kind: string; question: string; settings: unknown; status: string; position: number;
  launchedAt: Date | null; openedAt: Date | null; closesAt: Date | null; closedAt: Date | null; resultsRevealed: boolean; presentAtClose: number | null;
  options: { id: string; label: string; position: number; correct: boolean }[];
};

// Made once: a zod schema compiles itself on first use, and settings are read on every vote and every result.
const storedSettingsSchema = pollSettingsSchema.partial();
const parsedSettings = new WeakMap<object, PollSettings>();
/** A poll row's settings with defaults, parsed once per row object (rows are kept while a poll is open). */
const settingsOf = (row: { settings: unknown }): PollSettings => {
  let settings = parsedSettings.get(row);
  if (!settings) parsedSettings.set(row, (settings = { ...defaultPollSettings, ...storedSettingsSchema.parse(row.settings ?? {}) }));
  return settings;
};

/** A poll as `viewer` may see it: a quiz's answer only once closed, or to moderators. */
function toPoll(row: PollRow, moderator: boolean): Poll {
  const correct = row.options.filter((o) => o.correct).map((o) => o.id);
  return {
    id: row.id,
    sessionId: row.sessionId,
    kind: row.kind as PollKind,
    question: row.question,
    options: row.options.map((o) => ({ id: o.id, label: o.label, position: o.position })),
    settings: settingsOf(row),
    status: row.status as PollStatus,
    closesAt: row.closesAt?.toISOString() ?? null,
    openedAt: row.openedAt?.toISOString() ?? null,
    resultsRevealed: row.resultsRevealed,
    correctOptionIds: row.kind === 'quiz' && (moderator || row.status === 'closed') ? correct : null,
    position: row.position,
  };
}

function checkShape(kind: PollKind, options: { label: string; correct: boolean }[]) {
  const needsOptions = kind === 'single' || kind === 'multiple' || kind === 'ranking' || kind === 'quiz' || kind === 'scale';
  if (needsOptions && options.length < (kind === 'scale' ? 1 : 2)) {
    throw new AppError('VALIDATION_FAILED', kind === 'scale' ? 'A scale poll needs at least one statement' : 'This poll needs at least two options');
  }
  if (!needsOptions && options.length > 0) throw new AppError('VALIDATION_FAILED', `A ${kind} poll has no options`);
  if (kind === 'quiz' && !options.some((o) => o.correct)) throw new AppError('VALIDATION_FAILED', 'A quiz needs a correct option');
  if (kind !== 'quiz' && options.some((o) => o.correct)) throw new AppError('VALIDATION_FAILED', 'Only a quiz has correct options');
}

/** A vote as other nodes learn it: enough to count it, nothing about the person. */
export interface CommittedVote {
  id: string;
  userId: string;
  ballot: Ballot;
  createdAt: string;
  hidden: boolean;
}

/** A poll's live results: its row (for the room's view of it) and the tally kept vote by vote. */
interface LiveResults {
  row: PollRow;
  tally: LiveTally;
}

const toStored = (v: CommittedVote): StoredVote => ({ id: v.id, participantId: v.userId, name: null, ballot: v.ballot, createdAt: new Date(v.createdAt), hidden: v.hidden });

/** Polls whose live results stay in memory; the least recently used go first (they load again from the database). */
const MAX_LIVE_POLLS = 200;

/** Polls on sessions: prepared by organisers and moderators, launched in the live room, answered by everyone there. */
export class PollsService {
  /** Open polls as the vote path needs them; dropped on every change of the poll (here, or on another node). */
  private readonly definitions = new Map<string, PollRow>();
  private readonly definitionLoads = new Map<string, Promise<PollRow>>();
  /** Each poll's live results, loaded from the database once and then kept up to date vote by vote. */
  private readonly live = new Map<string, LiveResults>();
  /** Loads in flight, with the votes that arrived meanwhile (applied on top once loaded). */
  private readonly loading = new Map<string, { promise: Promise<LiveResults | null>; arrived: StoredVote[]; generation: number }>();
  private generation = 0;
  /** The poll on screen per session ("eventId:sessionId"), null when there is none. */
  private readonly currentBySession = new Map<string, string | null>();
  /** Votes committed since the last announcement, per poll: one `poll.voted` per batch, not per vote. */
  private outbox = new Map<string, { eventId: string; sessionId: string; votes: CommittedVote[] }>();
  private outboxScheduled = false;
  readonly writer: VoteWriter;
  private readonly members: MemberCache;

  constructor(
    private readonly prisma: Prisma,
    private readonly bus: DomainEventBus,
    private readonly audit: AuditService,
    members?: MemberCache,
    writerOptions?: ConstructorParameters<typeof VoteWriter>[1],
  ) {
    this.members = members ?? new MemberCache(prisma);
    this.writer = new VoteWriter(prismaBatchRunner(prisma), writerOptions);
  }

  // ── Preparing ───────────────────────────────────────────────────────────────
  /** Every poll of a session with its participation (voters / present at close), for organisers and moderators. */
  async summaries(actor: Actor, slug: string, sessionId: string) {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'moderator');
    await this.ownSession(event.id, sessionId);
    const rows = await this.prisma.poll.findMany({ where: { sessionId }, include: pollInclude, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] });
    const counts = new Map(
      (await this.prisma.vote.groupBy({ by: ['pollId'], where: { pollId: { in: rows.map((r) => r.id) } }, _count: { _all: true } })).map((g) => [g.pollId, g._count._all]),
    );
    return rows.map((r) => ({ poll: toPoll(r, true), voters: counts.get(r.id) ?? 0, present: r.presentAtClose }));
  }

  async create(actor: Actor, eventId: string, sessionId: string, input: PollInput): Promise<Poll> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.ownSession(eventId, sessionId);
    const data = pollInputSchema.parse(input);
    checkShape(data.kind, data.options);
    const settings = pollSettingsSchema.parse({ ...defaultPollSettings, ...data.settings });
    const position = await this.prisma.poll.count({ where: { sessionId } });
    const row = await this.prisma.poll.create({
      data: {
        eventId, sessionId, kind: data.kind, question: data.question, settings, position,
        options: { create: data.options.map((o, i) => ({ label: o.label, correct: o.correct, position: i })) },
      },
      include: pollInclude,
    });
    return toPoll(row, true);
  }

  async createBySlug(actor: Actor, slug: string, sessionId: string, input: PollInput): Promise<Poll> {
    return this.create(actor, (await eventBySlug(this.prisma, slug)).id, sessionId, input);
  }

  /** Drafts only: once people have seen a poll, its question and options stay as they were. */
  async update(actor: Actor, slug: string, pollId: string, patch: z.input<typeof pollPatchSchema>): Promise<Poll> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'moderator');
    const current = await this.row(event.id, pollId);
    if (current.status !== 'draft') throw new AppError('IN_USE', 'A launched poll cannot be edited; make a new one');
    const data = pollPatchSchema.parse(patch);
    const kind = data.kind ?? (current.kind as PollKind);
    const options = data.options?.map((o) => ({ label: o.label, correct: o.correct ?? false })) ?? current.options;
    checkShape(kind, options);
    const settings = pollSettingsSchema.parse({ ...settingsOf(current), ...data.settings });
    const row = await this.prisma.$transaction(async (tx) => {
      if (data.options) {
        await tx.pollOption.deleteMany({ where: { pollId } });
        await tx.pollOption.createMany({ data: options.map((o, i) => ({ pollId, label: o.label, correct: o.correct, position: i })) });
      }
      return tx.poll.update({ where: { id: pollId }, data: { kind, question: data.question ?? current.question, settings }, include: pollInclude });
    });
    this.forget(pollId, row.sessionId);
    return toPoll(row, true);
  }

  async delete(actor: Actor, slug: string, pollId: string): Promise<void> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'moderator');
    const row = await this.row(event.id, pollId);
    await this.prisma.poll.delete({ where: { id: pollId } });
    this.forget(pollId, row.sessionId);
    await this.audit.record(event.id, actor, 'poll.deleted', row.question);
    if (row.status !== 'draft') this.bus.emit('poll.updated', { eventId: event.id, poll: { ...toPoll(row, false), status: 'draft' }, moderatorView: { ...toPoll(row, true), status: 'draft' } });
  }

  // ── In the room ─────────────────────────────────────────────────────────────
  async listForRoom(actor: Actor, eventId: string, sessionId: string): Promise<Poll[]> {
    const role = await requireRole(this.prisma, actor, eventId, 'guest');
    const moderator = atLeast(role, 'moderator');
    const rows = await this.prisma.poll.findMany({
      where: { sessionId, eventId, ...(moderator ? {} : { status: { not: 'draft' } }) },
      include: pollInclude,
      orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
    });
    return rows.map((r) => toPoll(r, moderator));
  }

  /** Opens a poll; any other open poll of the session closes first, so the room shows one question at a time. */
  async launch(actor: Actor, eventId: string, pollId: string, presentIn?: (sessionId: string) => number): Promise<Poll> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const row = await this.row(eventId, pollId);
    const others = await this.prisma.poll.findMany({ where: { sessionId: row.sessionId, status: 'open', id: { not: pollId } }, select: { id: true } });
    for (const o of others) await this.finish(eventId, o.id, presentIn?.(row.sessionId));
    await this.audit.record(eventId, actor, 'poll.launched', row.question);
    return this.open(eventId, row, { launchedAt: new Date() });
  }

  async reopen(actor: Actor, eventId: string, pollId: string): Promise<Poll> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const row = await this.row(eventId, pollId);
    if (row.status !== 'closed') throw new AppError('POLL_CLOSED', 'Only a closed poll can be reopened');
    await this.audit.record(eventId, actor, 'poll.reopened', row.question);
    return this.open(eventId, row, {});
  }

  /** Closes a poll, noting how many people were in the room (`presentIn` counts a session room) for participation. */
  async close(actor: Actor, eventId: string, pollId: string, presentIn?: (sessionId: string) => number): Promise<Poll> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const row = await this.row(eventId, pollId);
    if (row.status !== 'open') return toPoll(row, true);
    await this.audit.record(eventId, actor, 'poll.closed', row.question);
    return this.finish(eventId, pollId, presentIn?.(row.sessionId));
  }

  /** Closes polls whose timer ran out; any node may run it, the status check makes it happen once. */
  async closeExpired(presentIn?: (eventId: string, sessionId: string) => number, now = new Date()): Promise<void> {
    const due = await this.prisma.poll.findMany({ where: { status: 'open', closesAt: { lte: now } }, select: { id: true, eventId: true, sessionId: true } });
    for (const p of due) await this.finish(p.eventId, p.id, presentIn?.(p.eventId, p.sessionId));
  }

  /** Throws every answer away; an open poll stays open and starts its clock again. */
  async reset(actor: Actor, eventId: string, pollId: string): Promise<Poll> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const current = await this.row(eventId, pollId);
    const now = new Date();
    const timer = settingsOf(current).timerSeconds;
    const row = await this.prisma.$transaction(async (tx) => {
      await tx.vote.deleteMany({ where: { pollId } });
      return tx.poll.update({
        where: { id: pollId },
        data: {
          resultsRevealed: false,
          presentAtClose: null,
          ...(current.status === 'open' ? { openedAt: now, closesAt: timer ? new Date(now.getTime() + timer * 1000) : null } : {}),
        },
        include: pollInclude,
      });
    });
    this.forget(pollId, row.sessionId);
    await this.audit.record(eventId, actor, 'poll.reset', row.question);
    this.bus.emit('poll.updated', { eventId, poll: toPoll(row, false), moderatorView: toPoll(row, true) });
    this.bus.emit('poll.voted', { eventId, sessionId: row.sessionId, pollId });
    return toPoll(row, true);
  }

  async reveal(actor: Actor, eventId: string, pollId: string, revealed: boolean): Promise<Poll> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.row(eventId, pollId);
    const row = await this.prisma.poll.update({ where: { id: pollId }, data: { resultsRevealed: revealed }, include: pollInclude });
    this.forget(pollId, row.sessionId);
    await this.audit.record(eventId, actor, revealed ? 'poll.revealed' : 'poll.hidden', row.question);
    this.bus.emit('poll.updated', { eventId, poll: toPoll(row, false), moderatorView: toPoll(row, true) });
    this.bus.emit('poll.voted', { eventId, sessionId: row.sessionId, pollId });
    return toPoll(row, true);
  }

  /**
   * Stores an answer and only then acknowledges it. One answer per person per poll is a unique constraint in the
   * database; `voteId` is the client's id for this answer, so a retry (or a duplicate emit) is recognised.
   */
  async vote(actor: Actor, eventId: string, pollId: string, voteId: string, ballot: Ballot): Promise<{ ballot: Ballot }> {
    const member = await this.members.requireRole(actor, eventId, 'guest');
    if (member.banned) throw new AppError('BANNED', 'You are banned from this event');
    const userId = actor.userId!;
    const row = await this.definition(eventId, pollId);
    const now = new Date();
    if (row.status !== 'open' || (row.closesAt && row.closesAt <= now)) throw new AppError('POLL_CLOSED', 'The poll is not open');
    const settings = settingsOf(row);
    const checked = checkBallot({ kind: row.kind as PollKind, options: toPoll(row, true).options, settings }, ballot);
    const points = row.kind === 'quiz' && checked.kind === 'quiz'
      ? quizPoints(row.options.some((o) => o.correct && o.id === checked.optionId), now.getTime() - (row.openedAt ?? now).getTime(), settings.timerSeconds)
      : 0;

    // Batched with other votes; resolves once its statement committed.
    const outcome = await this.writer.write({ id: voteId, pollId, userId, ballot: checked, points, allowChange: settings.allowChange });
    switch (outcome.kind) {
      case 'same':
        return { ballot: outcome.ballot };
      case 'alreadyVoted':
        throw new AppError('ALREADY_VOTED', 'You have answered; this poll does not allow changes');
      case 'idTaken':
        throw new AppError('ID_TAKEN', 'This vote id is already used');
      case 'closed':
        this.definitions.delete(pollId);
        throw new AppError('POLL_CLOSED', 'The poll is not open');
      case 'pollGone':
        this.definitions.delete(pollId);
        throw notFound('Poll');
      case 'stored': {
        const committed: CommittedVote = { id: outcome.voteId, userId, ballot: checked, createdAt: outcome.createdAt.toISOString(), hidden: outcome.hidden };
        this.applyVotes(pollId, [committed]);
        this.announce(eventId, row.sessionId, pollId, committed);
        return { ballot: checked };
      }
    }
  }

  /** Votes another node committed: counted here too, so this node's results include them. */
  applyRemoteVotes(pollId: string, votes: CommittedVote[]): void {
    this.applyVotes(pollId, votes);
  }

  /** Something about the poll changed (here or on another node): its definition and results load again when needed. */
  forget(pollId: string, sessionId?: string): void {
    this.generation += 1;
    this.definitions.delete(pollId);
    this.definitionLoads.delete(pollId);
    this.live.delete(pollId);
    this.loading.delete(pollId);
    for (const [key, current] of this.currentBySession) {
      if (current === pollId || current === null || (sessionId && key.endsWith(`:${sessionId}`))) this.currentBySession.delete(key);
    }
  }

  private applyVotes(pollId: string, votes: CommittedVote[]): void {
    const live = this.live.get(pollId);
    if (live) for (const v of votes) live.tally.apply(toStored(v));
    const load = this.loading.get(pollId);
    if (load) load.arrived.push(...votes.map(toStored));
  }

  private announce(eventId: string, sessionId: string, pollId: string, vote: CommittedVote): void {
    let entry = this.outbox.get(pollId);
    if (!entry) this.outbox.set(pollId, (entry = { eventId, sessionId, votes: [] }));
    entry.votes.push(vote);
    if (this.outboxScheduled) return;
    this.outboxScheduled = true;
    // After every vote of this batch was answered: one announcement per poll and batch.
    setImmediate(() => {
      this.outboxScheduled = false;
      const out = this.outbox;
      this.outbox = new Map();
      for (const [id, e] of out) this.bus.emit('poll.voted', { eventId: e.eventId, sessionId: e.sessionId, pollId: id, votes: e.votes });
    });
  }

  /** An open poll from memory (read once); polls in any other state are read each time. */
  private async definition(eventId: string, pollId: string): Promise<PollRow> {
    const cached = this.definitions.get(pollId);
    if (cached) {
      if (cached.eventId !== eventId) throw notFound('Poll');
      return cached;
    }
    // A crowd voting on a just-launched poll shares one read.
    let pending = this.definitionLoads.get(pollId);
    if (!pending) {
      const generation = this.generation;
      pending = this.prisma.poll.findUnique({ where: { id: pollId }, include: pollInclude }).then(
        (row) => {
          if (this.definitionLoads.get(pollId) === pending) this.definitionLoads.delete(pollId);
          if (!row) throw notFound('Poll');
          if (row.status === 'open' && generation === this.generation) this.definitions.set(pollId, row);
          return row;
        },
        (err: unknown) => {
          if (this.definitionLoads.get(pollId) === pending) this.definitionLoads.delete(pollId);
          throw err;
        },
      );
      this.definitionLoads.set(pollId, pending);
    }
    const row = await pending;
    if (row.eventId !== eventId) throw notFound('Poll');
    return row;
  }

  async moderateAnswer(actor: Actor, eventId: string, pollId: string, answerId: string, hidden: boolean): Promise<void> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const row = await this.row(eventId, pollId);
    const { count } = await this.prisma.vote.updateMany({ where: { id: answerId, pollId }, data: { hidden } });
    if (count === 0) throw notFound('Answer');
    this.forget(pollId, row.sessionId);
    await this.audit.record(eventId, actor, hidden ? 'poll.answerHidden' : 'poll.answerShown', row.question);
    this.bus.emit('poll.voted', { eventId, sessionId: row.sessionId, pollId });
  }

  // ── Reading ─────────────────────────────────────────────────────────────────
  /** The poll on screen in a session (open, else last launched), the results as the viewer may see them, and their own answer. */
  async current(actor: Actor, eventId: string, sessionId: string, moderator: boolean) {
    const key = `${eventId}:${sessionId}`;
    let pollId = this.currentBySession.get(key);
    if (pollId === undefined) {
      const generation = this.generation;
      const row = await this.prisma.poll.findFirst({
        where: { sessionId, eventId, status: { not: 'draft' } },
        orderBy: [{ launchedAt: { sort: 'desc', nulls: 'last' } }],
        select: { id: true },
      });
      pollId = row?.id ?? null;
      if (generation === this.generation) this.currentBySession.set(key, pollId);
    }
    const live = pollId ? await this.liveResults(pollId) : null;
    if (!live) return { poll: null, results: null, myBallot: null };
    // A clock reading, like the broadcaster's versions, so a client can tell which is newer.
    const message = this.messageOf(live, Date.now());
    return {
      poll: toPoll(live.row, moderator),
      results: moderator ? message.full : message.audience,
      myBallot: (actor.userId ? live.tally.voteOf(actor.userId)?.ballot : undefined) ?? null,
    };
  }

  /**
   * Results of a poll in two cuts: the full one (moderators, and everyone once visible) and the audience's (only the
   * number of voters while results are hidden). From the live tally (read from the database once per change of the
   * poll, then kept vote by vote). Null when the poll is gone.
   */
  async resultsMessage(pollId: string, version: number): Promise<{ sessionId: string; eventId: string; full: PollResultsMessage; audience: PollResultsMessage } | null> {
    const live = await this.liveResults(pollId);
    return live ? this.messageOf(live, version) : null;
  }

  private messageOf(live: LiveResults, version: number) {
    const { row, tally: t } = live;
    const full: PollResultsMessage = { pollId: row.id, version, voters: t.voters, results: t.results(), final: row.status === 'closed' };
    const visible = !settingsOf(row).hideResults || row.resultsRevealed;
    return { sessionId: row.sessionId, eventId: row.eventId, full, audience: visible ? full : { ...full, results: null } };
  }

  /** The poll's live results, loading them once (concurrent callers share the load). */
  private liveResults(pollId: string): Promise<LiveResults | null> {
    const hit = this.live.get(pollId);
    if (hit) {
      // Most recently used last.
      this.live.delete(pollId);
      this.live.set(pollId, hit);
      return Promise.resolve(hit);
    }
    const pending = this.loading.get(pollId);
    if (pending) return pending.promise;
    const entry = { arrived: [] as StoredVote[], generation: this.generation, promise: null as unknown as Promise<LiveResults | null> };
    entry.promise = this.loadResults(pollId).then(
      (loaded) => {
        if (this.loading.get(pollId) !== entry) return loaded; // forgotten meanwhile: good for this caller only
        this.loading.delete(pollId);
        if (loaded) {
          for (const v of entry.arrived) loaded.tally.apply(v);
          this.live.set(pollId, loaded);
          if (this.live.size > MAX_LIVE_POLLS) this.live.delete(this.live.keys().next().value!);
        }
        return loaded;
      },
      (err: unknown) => {
        if (this.loading.get(pollId) === entry) this.loading.delete(pollId);
        throw err;
      },
    );
    this.loading.set(pollId, entry);
    return entry.promise;
  }

  /** Every stored vote of the poll, counted once: on first use and after each change of the poll. */
  private async loadResults(pollId: string): Promise<LiveResults | null> {
    const row = await this.prisma.poll.findUnique({ where: { id: pollId }, include: pollInclude });
    if (!row) return null;
    const poll = toPoll(row, true);
    const votes = await this.prisma.vote.findMany({ where: { pollId }, select: { id: true, userId: true, ballot: true, createdAt: true, hidden: true } });
    const stored: StoredVote[] = votes.map((v) => ({
      id: v.id,
      participantId: v.userId ?? v.id,
      name: null,
      ballot: v.ballot as Ballot,
      createdAt: v.createdAt,
      hidden: v.hidden,
    }));
    const board = poll.kind === 'quiz' ? await this.leaderboard(row.sessionId) : [];
    return { row, tally: new LiveTally(poll, board, stored) };
  }

  /** The session's quiz leaderboard: points of named participants over its closed quizzes. */
  private async leaderboard(sessionId: string): Promise<LeaderboardEntry[]> {
    const quizzes = await this.prisma.poll.findMany({ where: { sessionId, kind: 'quiz', status: 'closed' }, select: { id: true, settings: true } });
    const named = quizzes.filter((q) => !settingsOf(q).anonymous).map((q) => q.id);
    if (named.length === 0) return [];
    const votes = await this.prisma.vote.findMany({
      where: { pollId: { in: named }, userId: { not: null } },
      select: { userId: true, points: true, user: { select: { displayName: true } } },
    });
    return leaderboard(votes.map((v) => ({ participantId: v.userId!, name: v.user?.displayName ?? null, points: v.points })));
  }

  private async open(eventId: string, row: PollRow, extra: { launchedAt?: Date }): Promise<Poll> {
    const settings = settingsOf(row);
    const now = new Date();
    const updated = await this.prisma.poll.update({
      where: { id: row.id },
      data: {
        status: 'open', openedAt: row.openedAt && row.status === 'closed' ? row.openedAt : now, closedAt: null, ...extra,
        closesAt: settings.timerSeconds ? new Date(now.getTime() + settings.timerSeconds * 1000) : null,
      },
      include: pollInclude,
    });
    this.forget(row.id, row.sessionId);
    this.bus.emit('poll.updated', { eventId, poll: toPoll(updated, false), moderatorView: toPoll(updated, true) });
    this.bus.emit('poll.voted', { eventId, sessionId: row.sessionId, pollId: row.id });
    return toPoll(updated, true);
  }

  private async finish(eventId: string, pollId: string, present?: number): Promise<Poll> {
    const { count } = await this.prisma.poll.updateMany({
      where: { id: pollId, status: 'open' },
      data: { status: 'closed', closedAt: new Date(), ...(present !== undefined ? { presentAtClose: present } : {}) },
    });
    const row = await this.prisma.poll.findUniqueOrThrow({ where: { id: pollId }, include: pollInclude });
    this.forget(pollId, row.sessionId);
    if (count > 0) this.bus.emit('poll.closed', { eventId, sessionId: row.sessionId, poll: toPoll(row, false), moderatorView: toPoll(row, true) });
    return toPoll(row, true);
  }

  private async row(eventId: string, pollId: string): Promise<PollRow & { createdAt: Date }> {
    const row = await this.prisma.poll.findFirst({ where: { id: pollId, eventId }, include: pollInclude });
    if (!row) throw notFound('Poll');
    return row;
  }

  private async ownSession(eventId: string, sessionId: string) {
    if (!(await this.prisma.session.findFirst({ where: { id: sessionId, eventId }, select: { id: true } }))) throw notFound('Session');
  }
}
