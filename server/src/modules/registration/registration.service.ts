import {
  Roles, registerSchema, registrationPatchSchema, consentInputSchema,
  type MyEvent, type RegisterInput, type RegistrationInfo, type RegistrationMode, type RegistrationPatch,
  type RegistrationResult, type Role, type User,
} from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { AppError, unauthenticated } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { eventBySlug, requireAccount, requireRole } from '../events/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { MemberCache } from '../events/member-cache.ts';
import { assertUsable } from './invitations.service.ts';
import type { PrivacyNoticeService } from './privacy-notice.service.ts';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];
type EventRow = { id: string; slug: string; name: string; registrationMode: string; capacity: number | null };

const rank = (role: string) => Roles.indexOf(role as Role);

/** Organisers wrote the notice; guests joined in the hall without an account. Everyone else consents. */
const asksConsent = (role: Role | null) => role !== null && role !== 'organiser' && role !== 'guest';

/**
 * Joining an event: the registration mode (open, invitation, closed), the capacity, invitations and consent to the
 * privacy notice. Places and invitation uses are taken inside one transaction that first locks the event's row, so
 * registrations of one event are counted one at a time: capacity cannot be exceeded however many arrive at once.
 * The invitation's use is in addition a conditional update (`uses < maxUses`), which is what keeps it from over-use.
 */
export class RegistrationService {
  constructor(
    private readonly prisma: Prisma,
    private readonly auth: AuthService,
    private readonly notices: PrivacyNoticeService,
    private readonly audit: AuditService,
    private readonly cache?: MemberCache,
  ) {}

  async info(_actor: Actor, slug: string): Promise<RegistrationInfo> {
    const event = await eventBySlug(this.prisma, slug);
    return this.infoOf(event);
  }

  async update(actor: Actor, slug: string, patch: RegistrationPatch): Promise<RegistrationInfo> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const data = registrationPatchSchema.parse(patch);
    const changes: Record<string, unknown> = {};
    if (data.mode !== undefined && data.mode !== event.registrationMode) changes.registrationMode = data.mode;
    if (data.capacity !== undefined && data.capacity !== event.capacity) changes.capacity = data.capacity;
    if (Object.keys(changes).length === 0) return this.infoOf(event);
    // Lowering the capacity below today's attendees removes nobody; it only stops new registrations.
    const updated = await this.prisma.event.update({ where: { id: event.id }, data: changes });
    await this.audit.record(event.id, actor, 'registration.updated', updated.name, {
      ...(changes.registrationMode !== undefined ? { mode: updated.registrationMode, was: event.registrationMode } : {}),
      ...(changes.capacity !== undefined ? { capacity: updated.capacity, wasCapacity: event.capacity } : {}),
    });
    return this.infoOf(updated);
  }

  /**
   * The registration form. Checks everything that can be checked before an account is made for a signed-out
   * person (so a closed event or a bad code leaves no account behind), then makes the account, then takes the
   * place. `onSignedUp` receives the new account's session token so the route can set the cookie.
   */
  async register(actor: Actor, slug: string, input: RegisterInput, onSignedUp?: (token: string) => void): Promise<RegistrationResult> {
    const data = registerSchema.parse(input);
    const event = await eventBySlug(this.prisma, slug);
    if (!data.consent) throw new AppError('CONSENT_REQUIRED', 'Consent to the privacy notice is needed to register');
    const notice = await this.notices.current(event);
    if (data.noticeVersion !== notice.version) {
      throw new AppError('NOTICE_OUTDATED', 'The privacy notice has changed; read the new version', { currentVersion: notice.version });
    }

    let userId: string;
    if (actor.userId) {
      userId = await requireAccount(this.prisma, actor);
    } else {
      if (!data.account) throw unauthenticated();
      await this.precheck(event, data.invitationCode);
      const { user, token } = await this.auth.signUp(actor, { email: data.account.email, password: data.account.password, displayName: data.displayName });
      onSignedUp?.(token);
      userId = user.id;
    }

    await this.admit(event, userId, { invitationCode: data.invitationCode, noticeVersion: notice.version });
    // The form's name and organisation become the account's, once the registration has been accepted.
    const user = await this.prisma.user.update({ where: { id: userId }, data: { displayName: data.displayName, organisation: data.organisation } });
    const me: User = { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale === 'sv' || user.locale === 'en' ? user.locale : null };
    return { user: me, myEvent: await this.myEvent(userId, event) };
  }

  /**
   * The one-click join (`POST /join`): an open event, within capacity, as an attendee. No form, so no consent is
   * recorded: the member is asked for it at once (`myEvent.consentRequired`), exactly as after a new notice version.
   */
  async join(actor: Actor, slug: string): Promise<MyEvent> {
    const userId = await requireAccount(this.prisma, actor);
    const event = await eventBySlug(this.prisma, slug);
    await this.admit(event, userId, {});
    return this.myEvent(userId, event);
  }

  async consent(actor: Actor, slug: string, input: { noticeVersion: number }): Promise<MyEvent> {
    const { noticeVersion } = consentInputSchema.parse(input);
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'attendee');
    const notice = await this.notices.current(event);
    if (noticeVersion !== notice.version) throw new AppError('NOTICE_OUTDATED', 'The privacy notice has changed; read the new version', { currentVersion: notice.version });
    await this.prisma.consent.upsert({
      where: { eventId_userId_noticeVersion: { eventId: event.id, userId: actor.userId!, noticeVersion } },
      create: { eventId: event.id, userId: actor.userId!, noticeVersion },
      update: {},
    });
    return this.myEvent(actor.userId!, event);
  }

  /** Whether a member must (again) consent, with the notice to show. */
  async consentStatus(userId: string, event: { id: string; name: string }, role: Role | null): Promise<Pick<MyEvent, 'consentRequired' | 'notice'>> {
    if (!asksConsent(role)) return { consentRequired: false };
    const notice = await this.notices.current(event);
    const given = await this.prisma.consent.findUnique({ where: { eventId_userId_noticeVersion: { eventId: event.id, userId, noticeVersion: notice.version } } });
    return given ? { consentRequired: false } : { consentRequired: true, notice };
  }

  /** Fails with the typed reason a registration would be refused, without changing anything. */
  private async precheck(event: EventRow, invitationCode: string | undefined): Promise<void> {
    const mode = event.registrationMode as RegistrationMode;
    if (mode === 'closed') throw closed();
    let role = 'attendee';
    if (invitationCode) role = assertUsable(await this.prisma.invitation.findUnique({ where: { code: invitationCode } }), event.id).role;
    else if (mode === 'invitation') throw invitationRequired();
    if (role === 'attendee' && event.capacity !== null) {
      const attendees = await this.prisma.membership.count({ where: { eventId: event.id, role: 'attendee' } });
      if (attendees >= event.capacity) throw full(event.capacity);
    }
  }

  /** Takes the place (and the invitation's use) and records consent, atomically. Members already in keep their place. */
  private async admit(event: EventRow, userId: string, opts: { invitationCode?: string; noticeVersion?: number }): Promise<void> {
    const changed = await this.prisma.$transaction(async (tx: Tx) => {
      // Every registration of this event waits here for the one before it: the count below is then exact.
      const [locked] = await tx.$queryRaw<{ registrationMode: string; capacity: number | null }[]>`
        SELECT "registrationMode", capacity FROM "Event" WHERE id = ${event.id}::uuid FOR UPDATE`;
      if (!locked) throw new AppError('NOT_FOUND', 'Event not found');
      const mode = locked.registrationMode as RegistrationMode;
      const [current, ban] = await Promise.all([
        tx.membership.findUnique({ where: { eventId_userId: { eventId: event.id, userId } } }),
        tx.ban.findUnique({ where: { eventId_userId: { eventId: event.id, userId } } }),
      ]);
      if (ban) throw new AppError('BANNED', 'You are banned from this event');

      let role = 'attendee';
      let invitationId: string | null = null;
      if (opts.invitationCode) {
        const inv = assertUsable(await tx.invitation.findUnique({ where: { code: opts.invitationCode } }), event.id);
        role = inv.role;
        invitationId = inv.id;
      }
      // A member registering again (to consent, or with the same role) takes no place and no invitation use.
      const changesRole = !current || rank(role) > rank(current.role);
      if (changesRole) {
        if (mode === 'closed') throw closed();
        if (mode === 'invitation' && !invitationId && !current) throw invitationRequired();
        if (role === 'attendee' && locked.capacity !== null) {
          const attendees = await tx.membership.count({ where: { eventId: event.id, role: 'attendee' } });
          if (attendees >= locked.capacity) throw full(locked.capacity);
        }
        if (invitationId) {
          const used = await tx.$executeRaw`
            UPDATE "Invitation" SET uses = uses + 1
            WHERE id = ${invitationId}::uuid AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())
              AND ("maxUses" IS NULL OR uses < "maxUses")`;
          if (used !== 1) throw new AppError('INVITATION_USED_UP', 'The invitation has been used as many times as it allows');
        }
        await tx.membership.upsert({
          where: { eventId_userId: { eventId: event.id, userId } },
          create: { eventId: event.id, userId, role, invitationId },
          update: { role, invitationId },
        });
      }
      if (opts.noticeVersion !== undefined) {
        await tx.consent.upsert({
          where: { eventId_userId_noticeVersion: { eventId: event.id, userId, noticeVersion: opts.noticeVersion } },
          create: { eventId: event.id, userId, noticeVersion: opts.noticeVersion },
          update: {},
        });
      }
      return changesRole;
    }, { maxWait: 20_000, timeout: 20_000 });
    // Rooms and votes read roles from a cache: a raised role must count at once.
    if (changed) this.cache?.changed(event.id, userId);
  }

  /** My role, stars and consent standing in the event. */
  async myEvent(userId: string, event: { id: string; name: string }): Promise<MyEvent> {
    const [membership, stars] = await Promise.all([
      this.prisma.membership.findUnique({ where: { eventId_userId: { eventId: event.id, userId } } }),
      this.prisma.star.findMany({ where: { userId, session: { eventId: event.id } }, select: { sessionId: true }, orderBy: { createdAt: 'asc' } }),
    ]);
    const role = (membership?.role as Role | undefined) ?? null;
    return { role, starredSessionIds: stars.map((s) => s.sessionId), ...(await this.consentStatus(userId, event, role)) };
  }

  private async infoOf(event: EventRow): Promise<RegistrationInfo> {
    const [attendees, notice] = await Promise.all([
      this.prisma.membership.count({ where: { eventId: event.id, role: 'attendee' } }),
      this.notices.current(event),
    ]);
    const mode = event.registrationMode as RegistrationMode;
    return { mode, capacity: event.capacity, attendees, full: event.capacity !== null && attendees >= event.capacity, notice };
  }
}

const closed = () => new AppError('REGISTRATION_CLOSED', 'The event takes no new registrations');
const invitationRequired = () => new AppError('INVITATION_REQUIRED', 'This event takes registrations with an invitation only');
const full = (capacity: number) => new AppError('EVENT_FULL', 'The event is full', { capacity });

