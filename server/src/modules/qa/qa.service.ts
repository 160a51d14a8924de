import type { Question, QuestionAction } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { atLeast, requireRole } from '../events/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { MemberCache } from '../events/member-cache.ts';

type QuestionRow = {
  id: string; sessionId: string; text: string; anonymous: boolean; status: string; answered: boolean; pinned: boolean; votes: number;
  createdAt: Date; userId: string | null; user: { displayName: string } | null;
};
const include = { user: { select: { displayName: true } } } as const;

const toQuestion = (q: QuestionRow): Question => ({
  id: q.id,
  sessionId: q.sessionId,
  text: q.text,
  author: q.anonymous ? null : (q.user?.displayName ?? null),
  status: q.status as Question['status'],
  answered: q.answered,
  pinned: q.pinned,
  votes: q.votes,
  createdAt: q.createdAt.toISOString(),
});

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** What every person joining a crowded room is shown alike: the session's Q&A settings and its visible questions. */
interface SharedQa {
  session: { qaPremoderation: boolean; status: string };
  /** Approved and pending questions, in the list's order. */
  visible: QuestionRow[];
  /** Every question of the session, hidden ones included: none means nobody has asked or upvoted anything. */
  total: number;
}

/** Joins per second from which a session's room counts as crowded (as for the chat's room state). */
const CROWD_JOINS_PER_SECOND = 20;
/** How long a crowded room's shared Q&A is reused at most; changes made here drop it at once. */
const SHARED_TTL_MS = 2_000;

/** Q&A of a session: people ask and upvote; moderators approve (when pre-moderation is on), answer, pin and hide. */
export class QaService {
  private readonly shared = new Map<string, { state: Promise<SharedQa>; until: number }>();
  private readonly joinRate = new Map<string, { second: number; joins: number }>();

  constructor(private readonly prisma: Prisma, private readonly bus: DomainEventBus, private readonly audit: AuditService, private readonly members?: MemberCache) {
    const forget = (eventId: string, sessionId: string) => this.shared.delete(`${eventId}:${sessionId}`);
    bus.on('question.updated', ({ eventId, question }) => forget(eventId, question.sessionId));
    bus.on('question.voted', ({ eventId, sessionId }) => forget(eventId, sessionId));
    bus.on('qa.configured', ({ eventId, sessionId }) => forget(eventId, sessionId));
  }

  /** True while people join the session's room by the score: then they share one read of its Q&A. */
  private crowded(key: string): boolean {
    const second = Math.floor(Date.now() / 1000);
    let rate = this.joinRate.get(key);
    if (!rate || rate.second !== second) {
      if (this.joinRate.size > 10_000) this.joinRate.clear();
      this.joinRate.set(key, (rate = { second, joins: 0 }));
    }
    rate.joins += 1;
    return rate.joins >= CROWD_JOINS_PER_SECOND;
  }

  private sharedState(eventId: string, sessionId: string): Promise<SharedQa> {
    const key = `${eventId}:${sessionId}`;
    const hit = this.shared.get(key);
    if (hit && hit.until > Date.now()) return hit.state;
    const state = (async () => {
      const session = await this.session(eventId, sessionId);
      const [visible, total] = await Promise.all([
        this.prisma.question.findMany({ where: { sessionId, status: { in: ['approved', 'pending'] } }, include, orderBy: [{ votes: 'desc' }, { createdAt: 'asc' }] }),
        this.prisma.question.count({ where: { sessionId } }),
      ]);
      return { session, visible, total };
    })();
    const entry = { state, until: Date.now() + SHARED_TTL_MS };
    this.shared.set(key, entry);
    state.catch(() => {
      if (this.shared.get(key) === entry) this.shared.delete(key);
    });
    return state;
  }

  /** The questions a person sees: approved ones, their own pending ones, and for moderators every pending one. */
  async list(actor: Actor, eventId: string, sessionId: string) {
    // Read by everyone joining a room: the role from memory (the handshake read it).
    const role = this.members ? (await this.members.requireRole(actor, eventId, 'guest')).role : await requireRole(this.prisma, actor, eventId, 'guest');
    const moderator = atLeast(role, 'moderator');
    if (this.crowded(`${eventId}:${sessionId}`)) {
      // The same list as below, cut per person from one read shared by the crowd.
      const { session, visible, total } = await this.sharedState(eventId, sessionId);
      const rows = visible.filter((q) => q.status === 'approved' || moderator || q.userId === actor.userId).slice(0, 500);
      const [mine, voted] = total === 0 ? [[], []] : await Promise.all([
        this.prisma.question.findMany({ where: { sessionId, userId: actor.userId }, select: { id: true } }),
        this.prisma.questionVote.findMany({ where: { userId: actor.userId!, question: { sessionId } }, select: { questionId: true } }),
      ]);
      return {
        questions: rows.map(toQuestion),
        myQuestionIds: mine.map((q) => q.id),
        myVotes: voted.map((v) => v.questionId),
        premoderation: session.qaPremoderation,
      };
    }
    const session = await this.session(eventId, sessionId);
    const rows = await this.prisma.question.findMany({
      where: {
        sessionId,
        OR: [{ status: 'approved' }, ...(moderator ? [{ status: 'pending' }] : [{ status: 'pending', userId: actor.userId }])],
      },
      include,
      orderBy: [{ votes: 'desc' }, { createdAt: 'asc' }],
      take: 500,
    });
    const [mine, voted] = await Promise.all([
      this.prisma.question.findMany({ where: { sessionId, userId: actor.userId }, select: { id: true } }),
      this.prisma.questionVote.findMany({ where: { userId: actor.userId!, question: { sessionId } }, select: { questionId: true } }),
    ]);
    return {
      questions: rows.map(toQuestion),
      myQuestionIds: mine.map((q) => q.id),
      myVotes: voted.map((v) => v.questionId),
      premoderation: session.qaPremoderation,
    };
  }

  /** Stores a question; the id is the client's, so asking twice (a retry) is asking once. */
  async ask(actor: Actor, eventId: string, sessionId: string, id: string, rawText: string, anonymous: boolean): Promise<Question> {
    await requireRole(this.prisma, actor, eventId, 'guest');
    const session = await this.session(eventId, sessionId);
    const text = rawText.replace(CONTROL, '').trim();
    if (!text) throw new AppError('VALIDATION_FAILED', 'The question is empty');
    const existing = await this.prisma.question.findUnique({ where: { id }, include });
    if (existing) {
      if (existing.userId !== actor.userId || existing.sessionId !== sessionId || existing.text !== text) throw new AppError('ID_TAKEN', 'A different question has this id');
      return toQuestion(existing);
    }
    if (session.status === 'ended') throw new AppError('SESSION_NOT_LIVE', 'The session has ended');
    const row = await this.prisma.question.create({
      data: { id, eventId, sessionId, userId: actor.userId, text, anonymous, status: session.qaPremoderation ? 'pending' : 'approved' },
      include,
    });
    const question = toQuestion(row);
    this.bus.emit('question.updated', { eventId, question, askerId: actor.userId });
    return question;
  }

  /** Upvotes (or takes back an upvote); one per person per question. */
  async vote(actor: Actor, eventId: string, questionId: string, up: boolean): Promise<{ votes: number }> {
    await requireRole(this.prisma, actor, eventId, 'guest');
    const q = await this.prisma.question.findFirst({ where: { id: questionId, eventId, status: 'approved' } });
    if (!q) throw notFound('Question');
    const userId = actor.userId!;
    const votes = await this.prisma.$transaction(async (tx) => {
      if (up) await tx.questionVote.upsert({ where: { questionId_userId: { questionId, userId } }, create: { questionId, userId }, update: {} });
      else await tx.questionVote.deleteMany({ where: { questionId, userId } });
      const count = await tx.questionVote.count({ where: { questionId } });
      await tx.question.update({ where: { id: questionId }, data: { votes: count } });
      return count;
    });
    this.bus.emit('question.voted', { eventId, sessionId: q.sessionId, questionId, votes });
    return { votes };
  }

  async moderate(actor: Actor, eventId: string, questionId: string, action: QuestionAction): Promise<Question> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const q = await this.prisma.question.findFirst({ where: { id: questionId, eventId } });
    if (!q) throw notFound('Question');
    const change = {
      approve: { status: 'approved' },
      hide: { status: 'hidden', pinned: false },
      answer: { answered: true },
      unanswer: { answered: false },
      pin: { pinned: true, status: 'approved' },
      unpin: { pinned: false },
    }[action];
    const row = await this.prisma.question.update({ where: { id: questionId }, data: change, include });
    const question = toQuestion(row);
    await this.audit.record(eventId, actor, `question.${action}`, row.text.slice(0, 80));
    this.bus.emit('question.updated', { eventId, question, askerId: row.userId });
    return question;
  }

  async configure(actor: Actor, eventId: string, sessionId: string, premoderation: boolean): Promise<{ premoderation: boolean }> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.session(eventId, sessionId);
    await this.prisma.session.update({ where: { id: sessionId }, data: { qaPremoderation: premoderation } });
    await this.audit.record(eventId, actor, 'qa.configured', '', { premoderation });
    this.bus.emit('qa.configured', { eventId, sessionId, premoderation });
    return { premoderation };
  }

  /** Every question of a session, for the organisers' export. */
  async all(actor: Actor, eventId: string, sessionId: string): Promise<Question[]> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const rows = await this.prisma.question.findMany({ where: { sessionId, eventId }, include, orderBy: { createdAt: 'asc' } });
    return rows.map(toQuestion);
  }

  private async session(eventId: string, sessionId: string) {
    const s = await this.prisma.session.findFirst({ where: { id: sessionId, eventId }, select: { qaPremoderation: true, status: true } });
    if (!s) throw notFound('Session');
    return s;
  }
}
