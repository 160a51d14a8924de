import type { AuditEntry } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from '../events/access.ts';

/** Organiser and moderator actions, recorded by the services that perform them, readable by organisers. */
export class AuditService {
  constructor(private readonly prisma: Prisma) {}

  /** Records an action; `subject` names what it was done to (a title, a name), `details` what changed. */
  async record(eventId: string, actor: Actor, action: string, subject = '', details?: Record<string, unknown>): Promise<void> {
    const user = actor.userId ? await this.prisma.user.findUnique({ where: { id: actor.userId }, select: { displayName: true } }) : null;
    await this.prisma.auditEntry.create({
      data: { eventId, actorId: actor.userId, actorName: user?.displayName ?? 'system', action, subject: subject.slice(0, 300), ...(details ? { details: details as object } : {}) },
    });
  }

  /** Newest first, paged backwards with `before` (an entry id). */
  async list(actor: Actor, slug: string, before?: string, limit = 100): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const anchor = before ? await this.prisma.auditEntry.findFirst({ where: { id: before, eventId: event.id } }) : null;
    const rows = await this.prisma.auditEntry.findMany({
      where: { eventId: event.id, ...(anchor ? { createdAt: { lt: anchor.createdAt } } : {}) },
      orderBy: { createdAt: 'desc' },
      take: limit + 1,
    });
    return {
      entries: rows.slice(0, limit).map((r) => ({
        id: r.id, at: r.createdAt.toISOString(), actor: r.actorName, action: r.action, subject: r.subject,
        details: (r.details as Record<string, unknown> | null) ?? null,
      })),
      hasMore: rows.length > limit,
    };
  }
}
