import { z } from 'zod';
import {
  ATTENDEE_CSV_MAX_BYTES, Roles, attendeeImportSchema, toZoned,
  type Attendee, type AttendeeImportReport, type ImportRejection, type Role,
} from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { MemberCache } from '../events/member-cache.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { parseCsv, writeCsv } from './attendees-csv.ts';

/** Header names understood, English and Swedish, compared lower-case. */
const COLUMNS: Record<string, 'email' | 'name' | 'organisation' | 'role'> = {
  email: 'email', 'e-mail': 'email', 'e-post': 'email', epost: 'email', 'e-postadress': 'email',
  name: 'name', namn: 'name',
  organisation: 'organisation', organization: 'organisation', organisationer: 'organisation', myndighet: 'organisation',
  role: 'role', roll: 'role',
};
/** Role names in the file; organisers are appointed one by one in the member list, never in bulk. */
const ROLE_NAMES: Record<string, Role> = {
  '': 'attendee', attendee: 'attendee', deltagare: 'attendee', speaker: 'speaker', talare: 'speaker', moderator: 'moderator',
};
const KNOWN_ROLES = new Set<string>([...Roles, 'deltagare', 'talare', 'arrangör', 'organisatör', 'organizer', 'gäst']);
const MAX = { email: 254, name: 100, organisation: 200, role: 40 };
const MAX_ROWS = 50_000;
const emailCheck = z.email();
const CHUNK = 1000;

const chunks = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

interface Row { line: number; email: string; name: string; organisation: string; role: Role }

/** The organisers' view of who is in the event: the list, removals, CSV import and export. */
export class AttendeesService {
  constructor(
    private readonly prisma: Prisma,
    private readonly audit: AuditService,
    private readonly cache?: MemberCache,
    private readonly bus?: DomainEventBus,
  ) {}

  async list(actor: Actor, slug: string): Promise<Attendee[]> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    return this.rows(event.id);
  }

  async remove(actor: Actor, slug: string, userId: string): Promise<void> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${event.id}::uuid FOR UPDATE`;
      const m = await tx.membership.findUnique({ where: { eventId_userId: { eventId: event.id, userId } }, include: { user: { select: { displayName: true, email: true } } } });
      if (!m) throw notFound('Member');
      if (m.role === 'organiser' && (await tx.membership.count({ where: { eventId: event.id, role: 'organiser' } })) <= 1) {
        throw new AppError('LAST_ORGANISER', 'The event would be left without an organiser; appoint another first');
      }
      await tx.membership.delete({ where: { eventId_userId: { eventId: event.id, userId } } });
      // Their personal agenda in this event goes with the membership; consents stay as the record of what was agreed.
      await tx.star.deleteMany({ where: { userId, session: { eventId: event.id } } });
      return m;
    }).then((m) => {
      // The live rooms and votes read roles from a cache: the removal must count at once.
      this.cache?.changed(event.id, userId);
      this.bus?.emit('member.removed', { eventId: event.id, userId });
      return this.audit.record(event.id, actor, 'member.removed', m.user.displayName, { email: m.user.email, role: m.role });
    });
  }

  /**
   * Adds the people of a CSV file. Unknown addresses get an account without a password (they sign in by single
   * sign-on). An import adds people and raises roles, never lowers one (that is done in the member list), and
   * never makes organisers. Attendees beyond the capacity are rejected, in file order.
   */
  async import(actor: Actor, slug: string, input: { csv: string }): Promise<AttendeeImportReport> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const { csv } = attendeeImportSchema.parse(input);
    const bytes = Buffer.byteLength(csv, 'utf8');
    if (bytes > ATTENDEE_CSV_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${ATTENDEE_CSV_MAX_BYTES} bytes`, { maxBytes: ATTENDEE_CSV_MAX_BYTES });
    const { records } = parseCsv(csv);
    const [header, ...body] = records;
    if (!header) throw new AppError('CSV_INVALID', 'The file is empty; it needs a header row (email, name, organisation, role)');
    const at: Partial<Record<'email' | 'name' | 'organisation' | 'role', number>> = {};
    header.cells.forEach((h, i) => {
      const key = COLUMNS[h.trim().toLowerCase()];
      if (key && at[key] === undefined) at[key] = i;
    });
    if (at.email === undefined || at.name === undefined) {
      throw new AppError('CSV_INVALID', 'The header row must name the columns email and name (and may name organisation and role)', { header: header.cells.slice(0, 10) });
    }
    if (body.length > MAX_ROWS) throw new AppError('PAYLOAD_TOO_LARGE', `The file has more than ${MAX_ROWS} rows`, { maxRows: MAX_ROWS });

    const rejected: AttendeeImportReport['rejected'] = [];
    const reject = (line: number, email: string, reason: ImportRejection) => rejected.push({ line, email: email.slice(0, MAX.email), reason });
    const cell = (cells: string[], i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
    const seen = new Set<string>();
    const rows: Row[] = [];
    for (const r of body) {
      const email = cell(r.cells, at.email).toLowerCase();
      const name = cell(r.cells, at.name);
      const organisation = cell(r.cells, at.organisation);
      const roleText = cell(r.cells, at.role).toLowerCase();
      if (email.length > MAX.email || name.length > MAX.name || organisation.length > MAX.organisation || roleText.length > MAX.role) { reject(r.line, email, 'too_long'); continue; }
      if (!emailCheck.safeParse(email).success) { reject(r.line, email, 'invalid_email'); continue; }
      if (!name) { reject(r.line, email, 'missing_name'); continue; }
      const role = ROLE_NAMES[roleText];
      if (!role) { reject(r.line, email, KNOWN_ROLES.has(roleText) ? 'role_not_allowed' : 'unknown_role'); continue; }
      if (seen.has(email)) { reject(r.line, email, 'duplicate_in_file'); continue; }
      seen.add(email);
      // A cell like "=HYPERLINK(…)" is somebody's odd name, kept as text; the export defuses it.
      rows.push({ line: r.line, email, name, organisation, role });
    }

    const result = await this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ capacity: number | null }[]>`SELECT capacity FROM "Event" WHERE id = ${event.id}::uuid FOR UPDATE`;
      const users = new Map<string, string>();
      for (const part of chunks(rows)) {
        for (const u of await tx.user.findMany({ where: { email: { in: part.map((r) => r.email) } }, select: { id: true, email: true } })) users.set(u.email, u.id);
      }
      const roles = new Map<string, string>();
      for (const part of chunks([...users.values()])) {
        for (const m of await tx.membership.findMany({ where: { eventId: event.id, userId: { in: part } }, select: { userId: true, role: true } })) roles.set(m.userId, m.role);
      }
      let places = locked?.capacity == null ? Infinity : locked.capacity - (await tx.membership.count({ where: { eventId: event.id, role: 'attendee' } }));
      const toAdd: Row[] = [];
      const raises = new Map<Role, string[]>();
      let unchanged = 0;
      for (const r of rows) {
        const userId = users.get(r.email);
        const current = userId ? roles.get(userId) : undefined;
        if (current === undefined) {
          if (r.role === 'attendee') {
            if (places <= 0) { reject(r.line, r.email, 'over_capacity'); continue; }
            places--;
          }
          toAdd.push(r);
        } else if (Roles.indexOf(r.role) > Roles.indexOf(current as Role)) {
          raises.set(r.role, [...(raises.get(r.role) ?? []), userId!]);
        } else unchanged++;
      }
      const missing = toAdd.filter((r) => !users.has(r.email));
      for (const part of chunks(missing)) {
        await tx.user.createMany({ data: part.map((r) => ({ email: r.email, passwordHash: null, displayName: r.name, organisation: r.organisation })), skipDuplicates: true });
        for (const u of await tx.user.findMany({ where: { email: { in: part.map((r) => r.email) } }, select: { id: true, email: true } })) users.set(u.email, u.id);
      }
      for (const part of chunks(toAdd)) {
        await tx.membership.createMany({ data: part.map((r) => ({ eventId: event.id, userId: users.get(r.email)!, role: r.role })), skipDuplicates: true });
      }
      let updated = 0;
      for (const [role, ids] of raises) {
        for (const part of chunks(ids)) updated += (await tx.membership.updateMany({ where: { eventId: event.id, userId: { in: part } }, data: { role } })).count;
      }
      return { added: toAdd.length, updated, unchanged, accountsCreated: missing.length, raised: [...raises.values()].flat() };
    }, { maxWait: 20_000, timeout: 120_000 });

    const { raised, ...counts } = result;
    for (const userId of raised) this.cache?.changed(event.id, userId);
    rejected.sort((a, b) => a.line - b.line);
    const report = { ...counts, rejected };
    await this.audit.record(event.id, actor, 'attendees.imported', `${counts.added} added`, { ...counts, rejected: rejected.length });
    return report;
  }

  /** The member list as a CSV download; times in the event's zone (Europe/Stockholm unless set otherwise). */
  async exportCsv(actor: Actor, slug: string, excel: boolean): Promise<{ filename: string; body: string }> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const rows = await this.rows(event.id);
    const when = (iso: string) => {
      const z = toZoned(iso, event.timeZone);
      return `${z.date} ${z.time}`;
    };
    const body = writeCsv([
      ['Namn', 'E-post', 'Organisation', 'Roll', `Anmäld (${event.timeZone})`, 'Samtycke (version)'],
      ...rows.filter((r) => r.role !== 'guest').map((r) => [r.displayName, r.email, r.organisation, r.role, when(r.registeredAt), r.consentVersion]),
    ], excel);
    return { filename: `${event.slug}-deltagare.csv`, body };
  }

  private async rows(eventId: string): Promise<Attendee[]> {
    const [members, consents] = await Promise.all([
      this.prisma.membership.findMany({
        where: { eventId },
        include: { user: { select: { email: true, displayName: true, organisation: true } } },
        orderBy: { createdAt: 'asc' },
      }),
      this.prisma.consent.findMany({ where: { eventId }, orderBy: { noticeVersion: 'asc' } }),
    ]);
    const invitationIds = [...new Set(members.map((m) => m.invitationId).filter((id): id is string => id !== null))];
    const labels = new Map((await this.prisma.invitation.findMany({ where: { id: { in: invitationIds } }, select: { id: true, label: true, code: true } })).map((i) => [i.id, i.label || i.code.slice(0, 4)]));
    const latest = new Map<string, { version: number; at: Date }>();
    for (const c of consents) latest.set(c.userId, { version: c.noticeVersion, at: c.consentedAt });
    return members.map((m) => ({
      userId: m.userId, email: m.user.email, displayName: m.user.displayName, organisation: m.user.organisation, role: m.role as Role,
      registeredAt: m.createdAt.toISOString(),
      consentVersion: latest.get(m.userId)?.version ?? null, consentedAt: latest.get(m.userId)?.at.toISOString() ?? null,
      invitation: m.invitationId ? labels.get(m.invitationId) ?? null : null,
    }));
  }
}
