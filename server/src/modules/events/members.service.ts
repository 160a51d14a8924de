import { memberInputSchema, type Member, type Role } from '@samling/protocol';
import type { z } from 'zod';
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from './access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { MemberCache } from './member-cache.ts';

/** Who holds which role in an event; organisers decide. */
export class MembersService {
  /** Event ids by slug for handshakes (a crowd reconnecting asks for the same event thousands of times). */
  private readonly slugs = new Map<string, { id: string; until: number }>();

  constructor(private readonly prisma: Prisma, private readonly audit: AuditService, private readonly cache?: MemberCache) {}

  private async eventIdOf(slug: string): Promise<string> {
    const hit = this.slugs.get(slug);
    if (hit && hit.until > Date.now()) return hit.id;
    const { id } = await eventBySlug(this.prisma, slug);
    if (this.slugs.size > 10_000) this.slugs.clear();
    // A slug names one event for good (a renamed or deleted event only ever leaves a stale id with no memberships).
    this.slugs.set(slug, { id, until: Date.now() + 60_000 });
    return id;
  }

  /** Lets a member into the event's live rooms: signed in, holding a role, not banned. */
  async admit(actor: Actor, slug: string): Promise<{ eventId: string; role: Role; displayName: string }> {
    if (!actor.userId) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    const event = { id: await this.eventIdOf(slug) };
    const [membership, ban, user] = await Promise.all([
      this.prisma.membership.findUnique({ where: { eventId_userId: { eventId: event.id, userId: actor.userId } } }),
      this.prisma.ban.findUnique({ where: { eventId_userId: { eventId: event.id, userId: actor.userId } } }),
      this.prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { displayName: true } }),
    ]);
    // What the live room's commands check next (votes, joins) is now known: they need not read it again.
    this.cache?.prime(event.id, actor.userId, (membership?.role as Role | undefined) ?? null, ban !== null);
    if (ban) throw new AppError('BANNED', 'You are banned from this event');
    if (!membership) throw new AppError('FORBIDDEN', 'Join the event first');
    return { eventId: event.id, role: membership.role as Role, displayName: user.displayName };
  }

  async list(actor: Actor, slug: string): Promise<Member[]> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const rows = await this.prisma.membership.findMany({
      where: { eventId: event.id },
      include: { user: { select: { email: true, displayName: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((m) => ({ userId: m.userId, email: m.user.email, displayName: m.user.displayName, role: m.role as Role }));
  }

  async set(actor: Actor, slug: string, input: z.input<typeof memberInputSchema>): Promise<Member> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const { email, role } = memberInputSchema.parse(input);
    const user = await this.prisma.user.findUnique({ where: { email: email.toLowerCase() } });
    if (!user) throw notFound('Account');
    if (user.id === actor.userId && role !== 'organiser') {
      // An event must not lose its last organiser by accident.
      const organisers = await this.prisma.membership.count({ where: { eventId: event.id, role: 'organiser' } });
      if (organisers <= 1) throw new AppError('IN_USE', 'You are the only organiser; appoint another first');
    }
    await this.prisma.membership.upsert({
      where: { eventId_userId: { eventId: event.id, userId: user.id } },
      create: { eventId: event.id, userId: user.id, role },
      update: { role },
    });
    this.cache?.changed(event.id, user.id);
    await this.audit.record(event.id, actor, 'member.role', user.displayName, { email: user.email, role });
    return { userId: user.id, email: user.email, displayName: user.displayName, role };
  }
}
