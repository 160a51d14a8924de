import type { Role } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { atLeast, requireRole, roleOfUser } from '../events/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { MemberCache } from '../events/member-cache.ts';

/** Mutes, bans and the word filter of one event: moderators and organisers decide. */
export class ModerationService {
  constructor(
    private readonly prisma: Prisma,
    private readonly bus: DomainEventBus,
    private readonly audit: AuditService,
    private readonly members: MemberCache,
  ) {}

  async requireModerator(actor: Actor, eventId: string): Promise<void> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
  }

  async isBanned(eventId: string, userId: string): Promise<boolean> {
    return (await this.prisma.ban.count({ where: { eventId, userId } })) > 0;
  }

  /** When the person's mute ends, or null when they may speak. */
  async mutedUntil(eventId: string, userId: string): Promise<Date | null> {
    const m = await this.prisma.mute.findUnique({ where: { eventId_userId: { eventId, userId } } });
    return m && m.until.getTime() > Date.now() ? m.until : null;
  }

  async mute(actor: Actor, eventId: string, userId: string, minutes: number): Promise<{ mutedUntil: string }> {
    await this.requireTarget(actor, eventId, userId);
    const until = new Date(Date.now() + minutes * 60_000);
    await this.prisma.mute.upsert({
      where: { eventId_userId: { eventId, userId } },
      create: { eventId, userId, until, byId: actor.userId! },
      update: { until, byId: actor.userId! },
    });
    await this.audit.record(eventId, actor, 'member.muted', await this.nameOf(userId), { minutes });
    this.members.changed(eventId, userId);
    this.bus.emit('member.muted', { eventId, userId, mutedUntil: until.toISOString() });
    return { mutedUntil: until.toISOString() };
  }

  async unmute(actor: Actor, eventId: string, userId: string): Promise<void> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.prisma.mute.deleteMany({ where: { eventId, userId } });
    await this.audit.record(eventId, actor, 'member.unmuted', await this.nameOf(userId));
    this.members.changed(eventId, userId);
    this.bus.emit('member.muted', { eventId, userId, mutedUntil: null });
  }

  async ban(actor: Actor, eventId: string, userId: string, reason: string): Promise<void> {
    await this.requireTarget(actor, eventId, userId);
    await this.prisma.ban.upsert({
      where: { eventId_userId: { eventId, userId } },
      create: { eventId, userId, reason, byId: actor.userId! },
      update: { reason, byId: actor.userId! },
    });
    await this.audit.record(eventId, actor, 'member.banned', await this.nameOf(userId), { reason });
    this.members.changed(eventId, userId);
    this.bus.emit('member.banned', { eventId, userId, reason });
  }

  async unban(actor: Actor, eventId: string, userId: string): Promise<void> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    await this.prisma.ban.deleteMany({ where: { eventId, userId } });
    await this.audit.record(eventId, actor, 'member.unbanned', await this.nameOf(userId));
  }

  async wordFilter(actor: Actor, eventId: string): Promise<string[]> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    return (await this.prisma.event.findUniqueOrThrow({ where: { id: eventId }, select: { chatWordFilter: true } })).chatWordFilter;
  }

  async setWordFilter(actor: Actor, eventId: string, words: string[]): Promise<string[]> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    const normalised = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))].sort();
    await this.prisma.event.update({ where: { id: eventId }, data: { chatWordFilter: normalised } });
    await this.audit.record(eventId, actor, 'chat.wordFilter', '', { words: normalised.length });
    return normalised;
  }

  private async nameOf(userId: string): Promise<string> {
    return (await this.prisma.user.findUnique({ where: { id: userId }, select: { displayName: true } }))?.displayName ?? userId;
  }

  /** Moderators act on people below them: nobody mutes or bans a fellow moderator or an organiser. */
  private async requireTarget(actor: Actor, eventId: string, userId: string): Promise<Role> {
    await requireRole(this.prisma, actor, eventId, 'moderator');
    if (userId === actor.userId) throw new AppError('FORBIDDEN', 'You cannot do this to yourself');
    const role = await roleOfUser(this.prisma, userId, eventId);
    if (!role) throw notFound('Member');
    if (atLeast(role, 'moderator')) throw new AppError('FORBIDDEN', 'Moderators and organisers cannot be muted or banned');
    return role;
  }
}
