import {
  ACCOUNT_DELETION_PHRASE, RECENT_SIGN_IN_MINUTES, deleteAccountSchema, eventBounds,
  type AccountSummary, type DeleteAccountInput, type EventPrivacy, type MyData, type PurgedCounts, type Role, type Room,
} from '@samling/protocol';
import { Prisma as P } from '../../generated/prisma/client.ts';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError, unauthenticated } from '../../errors.ts';
import { RateLimiter } from '../../realtime/rate-limit.ts';
import type { Actor } from '../auth/actor.ts';
import { verifyPassword } from '../auth/password.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { DELETED_USER } from '../chat/chat.service.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import type { MemberCache } from '../events/member-cache.ts';

type Tx = P.TransactionClient;

/** Roles whose memberships a purge removes; organisers and moderators stay, so the event can still be managed. */
const PURGED_ROLES: Role[] = ['guest', 'attendee', 'speaker'];

/** Audit actions whose subject or details quote a participant (a name, an email, a chat line, an answer): emptied by a purge. */
const AUDIT_ABOUT_PEOPLE = ['member.role', 'member.muted', 'member.unmuted', 'member.banned', 'member.unbanned', 'chat.deleted', 'chat.pinned', 'poll.answerHidden', 'poll.answerShown'];

const iso = (d: Date) => d.toISOString();

/** Samling's passwords are scrypt hashes; a guest's '!' and an SSO account's null are not passwords. */
const hasPassword = (hash: string | null) => hash !== null && hash.startsWith('scrypt$');

/**
 * The person's rights over their own data (a copy, erasure) and the organiser's duty to keep no more than
 * needed after an event (purge). Erasure keeps what others wrote around the person intact: their messages,
 * questions and votes stay, authorless.
 */
export class PrivacyService {
  // Wrong passwords on deletion are throttled like sign-in: five, then one a minute.
  private readonly failures = new RateLimiter(5, 1 / 60);

  constructor(
    private readonly prisma: Prisma,
    private readonly bus: DomainEventBus,
    private readonly audit: AuditService,
    private readonly members: MemberCache,
  ) {}

  async account(actor: Actor): Promise<AccountSummary> {
    if (!actor.userId) throw unauthenticated();
    const [user, session] = await Promise.all([
      this.prisma.user.findUnique({ where: { id: actor.userId } }),
      this.prisma.authSession.findUnique({ where: { id: actor.authSessionId } }),
    ]);
    if (!user || !session) throw unauthenticated();
    return {
      email: user.email, displayName: user.displayName, isGuest: user.isGuest,
      hasPassword: !user.isGuest && hasPassword(user.passwordHash), signedInAt: iso(session.createdAt),
    };
  }

  /** Everything held about the signed-in person, and nothing about anyone else. */
  async myData(actor: Actor): Promise<MyData> {
    if (!actor.userId) throw unauthenticated();
    const userId = actor.userId;
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw unauthenticated();
    const slugs = new Map((await this.prisma.event.findMany({ select: { id: true, slug: true } })).map((e) => [e.id, e.slug]));
    const slug = (eventId: string) => slugs.get(eventId) ?? '';
    const [sessions, identities, memberships, consents, stars, messages, questions, upvotes, votes, mutes, bans, audit] = await Promise.all([
      this.prisma.authSession.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } }),
      this.prisma.externalIdentity.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } }),
      this.prisma.membership.findMany({ where: { userId }, include: { event: { select: { name: true } } }, orderBy: { createdAt: 'asc' } }),
      this.prisma.consent.findMany({ where: { userId }, orderBy: { consentedAt: 'asc' } }),
      this.prisma.star.findMany({ where: { userId }, include: { session: { select: { eventId: true, title: true } } }, orderBy: { createdAt: 'asc' } }),
      this.prisma.chatMessage.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } }),
      this.prisma.question.findMany({ where: { userId }, include: { session: { select: { title: true } } }, orderBy: { createdAt: 'asc' } }),
      this.prisma.questionVote.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } }),
      this.prisma.vote.findMany({ where: { userId }, include: { poll: { select: { eventId: true, question: true, kind: true, session: { select: { title: true } } } } }, orderBy: { createdAt: 'asc' } }),
      this.prisma.mute.findMany({ where: { userId } }),
      this.prisma.ban.findMany({ where: { userId } }),
      this.prisma.auditEntry.findMany({ where: { actorId: userId }, orderBy: { createdAt: 'asc' } }),
    ]);
    const roomIds = [...new Set(messages.map((m) => m.room).filter((r) => r !== 'lobby'))];
    const roomTitles = new Map((await this.prisma.session.findMany({ where: { id: { in: roomIds } }, select: { id: true, title: true } })).map((s) => [s.id, s.title]));
    return {
      format: 'samling-personal-data/1',
      exportedAt: iso(new Date()),
      account: {
        id: user.id, email: user.email, displayName: user.displayName, organisation: user.organisation, locale: user.locale,
        isGuest: user.isGuest, hasPassword: hasPassword(user.passwordHash), createdAt: iso(user.createdAt),
      },
      signInSessions: sessions.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt), current: s.id === actor.authSessionId })),
      externalIdentities: identities.map((i) => ({ issuer: i.issuer, subject: i.subject, createdAt: iso(i.createdAt) })),
      memberships: memberships.map((m) => ({ eventSlug: slug(m.eventId), eventName: m.event.name, role: m.role as Role, since: iso(m.createdAt) })),
      consents: consents.map((c) => ({ eventSlug: slug(c.eventId), noticeVersion: c.noticeVersion, consentedAt: iso(c.consentedAt) })),
      starredSessions: stars.map((s) => ({ eventSlug: slug(s.session.eventId), sessionId: s.sessionId, title: s.session.title, starredAt: iso(s.createdAt) })),
      chatMessages: messages.map((m) => ({
        id: m.id, eventSlug: slug(m.eventId), room: m.room, roomName: m.room === 'lobby' ? 'lobby' : (roomTitles.get(m.room) ?? ''),
        text: m.text, createdAt: iso(m.createdAt), deleted: m.deletedAt !== null,
      })),
      questions: questions.map((q) => ({
        id: q.id, eventSlug: slug(q.eventId), sessionTitle: q.session.title, text: q.text, anonymous: q.anonymous,
        status: q.status, answered: q.answered, upvotes: q.votes, createdAt: iso(q.createdAt),
      })),
      questionUpvotes: upvotes.map((u) => ({ questionId: u.questionId, createdAt: iso(u.createdAt) })),
      pollVotes: votes.map((v) => ({
        pollId: v.pollId, eventSlug: slug(v.poll.eventId), sessionTitle: v.poll.session.title, pollQuestion: v.poll.question, kind: v.poll.kind,
        ballot: v.ballot, points: v.points, createdAt: iso(v.createdAt), updatedAt: iso(v.updatedAt),
      })),
      mutes: mutes.map((m) => ({ eventSlug: slug(m.eventId), until: iso(m.until), createdAt: iso(m.createdAt) })),
      bans: bans.map((b) => ({ eventSlug: slug(b.eventId), reason: b.reason, createdAt: iso(b.createdAt) })),
      auditEntries: audit.map((a) => ({
        eventSlug: slug(a.eventId), action: a.action, subject: a.subject, details: (a.details as Record<string, unknown> | null) ?? null, createdAt: iso(a.createdAt),
      })),
    };
  }

  /**
   * Deletes the signed-in account in one transaction. What the person wrote or answered stays for the others, without
   * them: chat messages and questions lose their author, votes their voter (the ballot still counts), audit entries
   * their actor's name. Upvotes go, but the questions keep their counts. Afterwards their live connections are dropped.
   */
  async deleteAccount(actor: Actor, input: DeleteAccountInput): Promise<void> {
    if (!actor.userId) throw unauthenticated();
    const userId = actor.userId;
    const { password, confirmation } = deleteAccountSchema.parse(input);
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw unauthenticated();

    if (hasPassword(user.passwordHash) && !user.isGuest) {
      const wait = this.failures.wait(userId);
      if (wait > 0) throw new AppError('RATE_LIMITED', 'Too many wrong passwords; wait a moment', { retryAfterSeconds: wait });
      if (!password || !(await verifyPassword(password, user.passwordHash!))) {
        this.failures.take(userId);
        throw new AppError('INVALID_CREDENTIALS', 'Wrong password');
      }
    } else {
      if ((confirmation ?? '').trim().toLowerCase() !== ACCOUNT_DELETION_PHRASE) {
        throw new AppError('CONFIRMATION_MISMATCH', `Type “${ACCOUNT_DELETION_PHRASE}” to delete the account`, { phrase: ACCOUNT_DELETION_PHRASE });
      }
      // A guest's code-made session is its only credential; an SSO account proves itself by a fresh sign-in.
      if (!user.isGuest) {
        const session = await this.prisma.authSession.findUnique({ where: { id: actor.authSessionId! } });
        if (!session || Date.now() - session.createdAt.getTime() > RECENT_SIGN_IN_MINUTES * 60_000) {
          throw new AppError('RECENT_SIGN_IN_REQUIRED', `Sign in again (within ${RECENT_SIGN_IN_MINUTES} minutes) to delete the account`);
        }
      }
    }

    await this.refuseIfLastOrganiser(userId);
    const chatRooms = await this.prisma.chatMessage.findMany({ where: { userId }, distinct: ['eventId', 'room'], select: { eventId: true, room: true } });
    await this.prisma.$transaction(async (tx) => {
      await tx.questionVote.deleteMany({ where: { userId } });
      await tx.chatMessage.updateMany({ where: { userId }, data: { userId: null } });
      await tx.chatMessage.updateMany({ where: { deletedById: userId }, data: { deletedById: null } });
      await tx.question.updateMany({ where: { userId }, data: { userId: null } });
      await tx.vote.updateMany({ where: { userId }, data: { userId: null } });
      await tx.mute.deleteMany({ where: { userId } });
      await tx.ban.deleteMany({ where: { userId } });
      await tx.auditEntry.updateMany({ where: { actorId: userId }, data: { actorId: null, actorName: DELETED_USER } });
      await tx.invitation.updateMany({ where: { createdById: userId }, data: { createdById: null } });
      await tx.mediaAsset.updateMany({ where: { uploadedById: userId }, data: { uploadedById: null } });
      // Sessions, sign-on identities, memberships, consents and stars go with the account (cascade).
      await tx.user.delete({ where: { id: userId } });
    });
    this.bus.emit('account.sessionsEnded', { userId });
    this.bus.emit('account.deleted', { userId, chatRooms: chatRooms.map((r) => ({ eventId: r.eventId, room: r.room as Room })) });
  }

  /** The event's purge state for its organisers. */
  async eventPrivacy(actor: Actor, slug: string): Promise<EventPrivacy> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    return this.view(event, await counts(this.prisma, event.id));
  }

  /**
   * Removes the personal data of an ended event, keeping the event, its agenda and polls (with anonymous ballots), its
   * organisers and moderators, and the counts of what was removed. Refused before the event's last day is over.
   */
  async purge(actor: Actor, slug: string): Promise<EventPrivacy> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const { end } = eventBounds(event);
    if (Date.now() < end.getTime()) {
      throw new AppError('EVENT_NOT_ENDED', 'The event has not ended yet; its personal data can be purged after its last day', { purgeableFrom: iso(end) });
    }
    const eventId = event.id;
    const rooms = await this.prisma.chatMessage.findMany({ where: { eventId }, distinct: ['room'], select: { room: true } });
    const removed = await this.prisma.$transaction(async (tx) => {
      const c = await counts(tx, eventId);
      await tx.chatRoom.updateMany({ where: { eventId }, data: { pinnedMessageId: null } });
      await tx.chatMessage.deleteMany({ where: { eventId } });
      await tx.question.deleteMany({ where: { eventId } });
      await tx.vote.updateMany({ where: { poll: { eventId }, userId: { not: null } }, data: { userId: null } });
      await tx.star.deleteMany({ where: { session: { eventId } } });
      await tx.consent.deleteMany({ where: { eventId } });
      await tx.invitation.deleteMany({ where: { eventId } });
      await tx.mute.deleteMany({ where: { eventId } });
      await tx.ban.deleteMany({ where: { eventId } });
      // A guest exists for one event only: the account itself goes.
      await tx.user.deleteMany({ where: { isGuest: true, memberships: { some: { eventId, role: 'guest' } } } });
      await tx.membership.deleteMany({ where: { eventId, role: { in: PURGED_ROLES } } });
      await tx.membership.updateMany({ where: { eventId }, data: { invitationId: null } });
      await tx.auditEntry.updateMany({ where: { eventId, action: { in: AUDIT_ABOUT_PEOPLE } }, data: { subject: '', details: P.DbNull } });
      const previous = (event.purgedCounts as PurgedCounts | null) ?? null;
      const total = previous ? (Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v + (previous[k as keyof PurgedCounts] ?? 0)])) as PurgedCounts) : c;
      await tx.event.update({ where: { id: eventId }, data: { purgedAt: new Date(), purgedCounts: total } });
      return c;
    });
    await this.audit.record(eventId, actor, 'event.purged', event.name, removed);
    this.members.forget(eventId);
    this.bus.emit('event.purged', { eventId, chatRooms: [...new Set(['lobby', ...rooms.map((r) => r.room)])] as Room[] });
    const after = await this.prisma.event.findUniqueOrThrow({ where: { id: eventId } });
    return this.view(after, await counts(this.prisma, eventId));
  }

  private view(event: { startDate: string; endDate: string; timeZone: string; purgedAt: Date | null; purgedCounts: unknown }, pending: PurgedCounts): EventPrivacy {
    const { end } = eventBounds(event);
    return {
      purgeableFrom: iso(end),
      ended: Date.now() >= end.getTime(),
      purgedAt: event.purgedAt ? iso(event.purgedAt) : null,
      purgedCounts: (event.purgedCounts as PurgedCounts | null) ?? null,
      pending,
    };
  }

  /** An event must not be left without an organiser while others are still in it. */
  private async refuseIfLastOrganiser(userId: string): Promise<void> {
    const organising = await this.prisma.membership.findMany({ where: { userId, role: 'organiser' }, include: { event: { select: { slug: true } } } });
    const stuck: string[] = [];
    for (const m of organising) {
      const [organisers, others] = await Promise.all([
        this.prisma.membership.count({ where: { eventId: m.eventId, role: 'organiser' } }),
        this.prisma.membership.count({ where: { eventId: m.eventId, userId: { not: userId } } }),
      ]);
      if (organisers <= 1 && others > 0) stuck.push(m.event.slug);
    }
    if (stuck.length > 0) {
      throw new AppError('IN_USE', 'You are the only organiser of an event others take part in; appoint another organiser first', { events: stuck });
    }
  }
}

/** What a purge of the event would remove now. */
async function counts(db: Tx | Prisma, eventId: string): Promise<PurgedCounts> {
  const members = (role: Role) => db.membership.count({ where: { eventId, role } });
  const [attendees, speakers, guests, chatMessages, questions, questionUpvotes, votes, stars, consents, invitations, mutes, bans] = await Promise.all([
    members('attendee'), members('speaker'), members('guest'),
    db.chatMessage.count({ where: { eventId } }),
    db.question.count({ where: { eventId } }),
    db.questionVote.count({ where: { question: { eventId } } }),
    db.vote.count({ where: { poll: { eventId }, userId: { not: null } } }),
    db.star.count({ where: { session: { eventId } } }),
    db.consent.count({ where: { eventId } }),
    db.invitation.count({ where: { eventId } }),
    db.mute.count({ where: { eventId } }),
    db.ban.count({ where: { eventId } }),
  ]);
  return { attendees, speakers, guests, chatMessages, questions, questionUpvotes, votes, stars, consents, invitations, mutes, bans };
}
