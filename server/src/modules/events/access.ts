import { atLeast, type Role } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { AppError, forbidden, notFound, unauthenticated } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';

export { atLeast };

export async function roleOfUser(prisma: Prisma, userId: string, eventId: string): Promise<Role | null> {
  const m = await prisma.membership.findUnique({ where: { eventId_userId: { eventId, userId } } });
  return (m?.role as Role | undefined) ?? null;
}

export async function roleOf(prisma: Prisma, actor: Actor, eventId: string): Promise<Role | null> {
  return actor.userId ? roleOfUser(prisma, actor.userId, eventId) : null;
}

/** The check every mutation starts with: signed in, and holding at least `min` in the event. */
export async function requireRole(prisma: Prisma, actor: Actor, eventId: string, min: Role): Promise<Role> {
  if (!actor.userId) throw unauthenticated();
  const role = await roleOf(prisma, actor, eventId);
  if (!atLeast(role, min)) throw forbidden(`This needs the ${min} role in the event`);
  return role as Role;
}

/** Signed in with a real account: guests (joined by an event's code) stay inside their one event. */
export async function requireAccount(prisma: Prisma, actor: Actor): Promise<string> {
  if (!actor.userId) throw unauthenticated();
  const user = await prisma.user.findUnique({ where: { id: actor.userId }, select: { isGuest: true } });
  if (!user || user.isGuest) throw new AppError('GUESTS_NOT_ALLOWED', 'This needs an account; guests take part in their own event only');
  return actor.userId;
}

/** The event behind a slug, or 404. */
export async function eventBySlug(prisma: Prisma, slug: string) {
  const event = await prisma.event.findUnique({ where: { slug } });
  if (!event) throw notFound('Event');
  return event;
}

