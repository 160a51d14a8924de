import { randomInt } from 'node:crypto';
import {
  INVITATION_ALPHABET, INVITATION_CODE_LENGTH, invitationInputSchema, type Invitation, type InvitationInput,
} from '@samling/protocol';
import type { Config } from '../../config.ts';
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import type { AuditService } from '../audit/audit.service.ts';

type Row = {
  id: string; eventId: string; code: string; label: string; role: string; maxUses: number | null; uses: number;
  expiresAt: Date | null; revokedAt: Date | null; createdAt: Date;
};

/** Why an invitation cannot be used now, or null when it can. */
export function invitationProblem(inv: Row, now = new Date()): 'INVITATION_REVOKED' | 'INVITATION_EXPIRED' | 'INVITATION_USED_UP' | null {
  if (inv.revokedAt) return 'INVITATION_REVOKED';
  if (inv.expiresAt && inv.expiresAt.getTime() <= now.getTime()) return 'INVITATION_EXPIRED';
  if (inv.maxUses !== null && inv.uses >= inv.maxUses) return 'INVITATION_USED_UP';
  return null;
}

const messages = {
  INVITATION_REVOKED: 'The invitation was withdrawn by the organiser',
  INVITATION_EXPIRED: 'The invitation has expired',
  INVITATION_USED_UP: 'The invitation has been used as many times as it allows',
} as const;

/** Throws the typed refusal for an invitation that cannot be used. */
export function assertUsable(inv: Row | null, eventId: string): Row {
  // A code of another event is as unknown here as a made-up one.
  if (!inv || inv.eventId !== eventId) throw new AppError('INVITATION_INVALID', 'No invitation with this code for this event');
  const problem = invitationProblem(inv);
  if (problem) throw new AppError(problem, messages[problem]);
  return inv;
}

/** A random code: 12 symbols of 31 are about 59 bits, far beyond guessing through the API. */
function newCode(): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) code += INVITATION_ALPHABET[randomInt(INVITATION_ALPHABET.length)];
  return code;
}

/** Invitation links and codes, made and withdrawn by organisers. Their use is counted in RegistrationService. */
export class InvitationsService {
  constructor(private readonly prisma: Prisma, private readonly config: Config, private readonly audit: AuditService) {}

  view(inv: Row, slug: string): Invitation {
    const problem = invitationProblem(inv);
    return {
      id: inv.id, code: inv.code, label: inv.label, role: inv.role as Invitation['role'], maxUses: inv.maxUses, uses: inv.uses,
      expiresAt: inv.expiresAt?.toISOString() ?? null, revokedAt: inv.revokedAt?.toISOString() ?? null, createdAt: inv.createdAt.toISOString(),
      status: problem === 'INVITATION_REVOKED' ? 'revoked' : problem === 'INVITATION_EXPIRED' ? 'expired' : problem === 'INVITATION_USED_UP' ? 'usedUp' : 'active',
      url: `${this.config.publicUrl}/e/${encodeURIComponent(slug)}/register?invitation=${inv.code}`,
    };
  }

  async list(actor: Actor, slug: string): Promise<Invitation[]> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const rows = await this.prisma.invitation.findMany({ where: { eventId: event.id }, orderBy: { createdAt: 'desc' } });
    return rows.map((r) => this.view(r, slug));
  }

  async create(actor: Actor, slug: string, input: InvitationInput): Promise<Invitation> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const data = invitationInputSchema.parse(input);
    if (data.expiresAt && new Date(data.expiresAt).getTime() <= Date.now()) {
      throw new AppError('VALIDATION_FAILED', 'The expiry must be in the future', { issues: [{ path: '/expiresAt', message: 'is in the past' }] });
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const row = await this.prisma.invitation.create({
          data: { eventId: event.id, code: newCode(), label: data.label, role: data.role, maxUses: data.maxUses, expiresAt: data.expiresAt ? new Date(data.expiresAt) : null, createdById: actor.userId },
        });
        await this.audit.record(event.id, actor, 'invitation.created', row.label || row.code.slice(0, 4), { role: row.role, maxUses: row.maxUses, expiresAt: data.expiresAt });
        return this.view(row, slug);
      } catch (err) {
        // A code clash is astronomically rare; try a fresh one a few times before giving up.
        if ((err as { code?: string }).code !== 'P2002' || attempt >= 3) throw err;
      }
    }
  }

  async revoke(actor: Actor, slug: string, id: string): Promise<Invitation> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const found = await this.prisma.invitation.findFirst({ where: { id, eventId: event.id } });
    if (!found) throw notFound('Invitation');
    if (found.revokedAt) return this.view(found, slug);
    const row = await this.prisma.invitation.update({ where: { id }, data: { revokedAt: new Date() } });
    await this.audit.record(event.id, actor, 'invitation.revoked', row.label || row.code.slice(0, 4), { uses: row.uses });
    return this.view(row, slug);
  }

  /** What a code grants, for the registration page; refusals are typed. Anyone may ask. */
  async check(_actor: Actor, slug: string, code: string): Promise<{ role: Invitation['role']; label: string }> {
    const event = await eventBySlug(this.prisma, slug);
    const inv = assertUsable(await this.prisma.invitation.findUnique({ where: { code } }), event.id);
    return { role: inv.role as Invitation['role'], label: inv.label };
  }
}
