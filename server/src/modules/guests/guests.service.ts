import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { guestJoinSchema, type GuestAccess } from '@samling/protocol';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { SESSION_TTL_MS } from '../auth/auth.service.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import type { AuditService } from '../audit/audit.service.ts';

/** People in the hall join by the event's six-digit code, with a display name and no account. */
export class GuestsService {
  constructor(private readonly prisma: Prisma, private readonly config: Config, private readonly audit: AuditService) {}

  async access(actor: Actor, slug: string): Promise<GuestAccess> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'moderator');
    return this.view(event);
  }

  async newCode(actor: Actor, slug: string): Promise<GuestAccess> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const updated = await this.prisma.event.update({ where: { id: event.id }, data: { guestCode: await this.freeCode() } });
    await this.audit.record(event.id, actor, 'guests.newCode');
    return this.view(updated);
  }

  /** A six-digit code no other event uses. */
  async freeCode(): Promise<string> {
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      if (!(await this.prisma.event.findUnique({ where: { guestCode: code }, select: { id: true } }))) return code;
    }
  }

  /** Creates the guest and their browser session; answers the event to open. */
  async join(_actor: Actor, input: z.input<typeof guestJoinSchema>): Promise<{ eventSlug: string; token: string }> {
    const { code, displayName } = guestJoinSchema.parse(input);
    const event = await this.prisma.event.findUnique({ where: { guestCode: code } });
    if (!event || !event.guestAccess) throw notFound('Event with this code');
    const token = randomBytes(32).toString('base64url');
    await this.prisma.user.create({
      data: {
        // Guests have no address; this one is unique and can never receive mail (.invalid is reserved).
        email: `guest-${randomUUID()}@guests.samling.invalid`,
        passwordHash: '!',
        displayName,
        isGuest: true,
        memberships: { create: { eventId: event.id, role: 'guest' } },
        authSessions: { create: { tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() + SESSION_TTL_MS) } },
      },
    });
    return { eventSlug: event.slug, token };
  }

  async qrSvg(actor: Actor, slug: string): Promise<string> {
    const access = await this.access(actor, slug);
    if (!access.joinUrl) throw new AppError('GUESTS_NOT_ALLOWED', 'Guest access is off for this event');
    return QRCode.toString(access.joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  }

  private view(event: { guestAccess: boolean; guestCode: string | null }): GuestAccess {
    const enabled = event.guestAccess && event.guestCode !== null;
    return {
      enabled,
      code: event.guestCode,
      joinUrl: enabled ? `${this.config.publicUrl}/join?code=${event.guestCode}` : null,
    };
  }
}
