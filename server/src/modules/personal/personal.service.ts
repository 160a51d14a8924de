import type { MyEvent, Role } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import type { RegistrationService } from '../registration/registration.service.ts';

/** One person's relation to an event: membership, consent standing and their personal agenda. */
export class PersonalService {
  constructor(private readonly prisma: Prisma, private readonly registration: RegistrationService) {}

  async myEvent(actor: Actor, slug: string): Promise<MyEvent> {
    const event = await eventBySlug(this.prisma, slug);
    if (!actor.userId) return { role: null, starredSessionIds: [] };
    return this.registration.myEvent(actor.userId, event);
  }

  /** One click, no form: obeys the registration mode and capacity (RegistrationService.join); consent is asked next. */
  async join(actor: Actor, slug: string): Promise<MyEvent> {
    return this.registration.join(actor, slug);
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
    return this.snapshot(actor, event);
  }

  async unstar(actor: Actor, slug: string, sessionId: string): Promise<MyEvent> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'attendee');
    await this.ownSession(event.id, sessionId);
    await this.prisma.star.deleteMany({ where: { userId: actor.userId!, sessionId } });
    return this.snapshot(actor, event);
  }

  private async ownSession(eventId: string, id: string) {
    if (!(await this.prisma.session.findFirst({ where: { id, eventId }, select: { id: true } }))) throw notFound('Session');
  }

  private async snapshot(actor: Actor, event: { id: string; name: string }): Promise<MyEvent> {
    return this.registration.myEvent(actor.userId!, event);
  }
}
