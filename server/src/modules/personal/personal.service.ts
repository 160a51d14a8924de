import type { MyEvent, Role } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole, requireAccount, roleOf } from '../events/access.ts';

/** One person's relation to an event: membership and their personal agenda. */
export class PersonalService {
  constructor(private readonly prisma: Prisma) {}

  async myEvent(actor: Actor, slug: string): Promise<MyEvent> {
    const event = await eventBySlug(this.prisma, slug);
    return this.snapshot(actor, event.id);
  }

  /** Events are open for now: any signed-in person may join as an attendee (registration rules come later). */
  async join(actor: Actor, slug: string): Promise<MyEvent> {
    const userId = await requireAccount(this.prisma, actor);
    const event = await eventBySlug(this.prisma, slug);
    await this.prisma.membership.upsert({
      where: { eventId_userId: { eventId: event.id, userId } },
      create: { eventId: event.id, userId, role: 'attendee' },
      update: {},
    });
    return this.snapshot(actor, event.id);
  }

  async star(actor: Actor, slug: string, sessionId: string): Promise<MyEvent> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'attendee');
    await this.ownSession(event.id, sessionId);
    // Starring twice is the same as once: a retried request must not fail.
    await this.prisma.star.upsert({
      where: { userId_sessionId: { userId: actor.userId!, sessionId } },
      create: { userId: actor.userId!, sessionId },
      update: {},
    });
    return this.snapshot(actor, event.id);
  }

  async unstar(actor: Actor, slug: string, sessionId: string): Promise<MyEvent> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'attendee');
    await this.ownSession(event.id, sessionId);
    await this.prisma.star.deleteMany({ where: { userId: actor.userId!, sessionId } });
    return this.snapshot(actor, event.id);
  }

  private async ownSession(eventId: string, id: string) {
    if (!(await this.prisma.session.findFirst({ where: { id, eventId }, select: { id: true } }))) throw notFound('Session');
  }

  private async snapshot(actor: Actor, eventId: string): Promise<MyEvent> {
    const role: Role | null = await roleOf(this.prisma, actor, eventId);
    if (!actor.userId) return { role: null, starredSessionIds: [] };
    const stars = await this.prisma.star.findMany({
      where: { userId: actor.userId, session: { eventId } },
      select: { sessionId: true },
      orderBy: { createdAt: 'asc' },
    });
    return { role, starredSessionIds: stars.map((s) => s.sessionId) };
  }
}
