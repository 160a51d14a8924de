import type { PrivacyNotice, PrivacyNoticeInput } from '@samling/protocol';
import { privacyNoticeInputSchema } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import type { AuditService } from '../audit/audit.service.ts';

/** Version 1 of every event's notice until an organiser writes their own; names the event so it is never generic. */
export function defaultNotice(eventName: string): { textSv: string; textEn: string } {
  return {
    textSv: [
      `Behandling av personuppgifter – ${eventName}`,
      '',
      'När du anmäler dig behandlar arrangören ditt namn, din e-postadress och din organisation för att administrera evenemanget: ' +
        'ge dig tillgång till programmet och de digitala rummen, visa ditt namn när du skriver i chatten eller ställer frågor, ' +
        'och kontakta dig om ändringar. Dina svar i omröstningar sparas utan att visas med ditt namn för andra deltagare.',
      '',
      'Uppgifterna sparas så länge evenemanget pågår och rensas därefter av arrangören. Du har rätt att få ut de uppgifter ' +
        'som finns om dig, att få dem rättade eller raderade och att återkalla ditt samtycke. Kontakta arrangören om du har frågor ' +
        'eller vill klaga; du kan också vända dig till Integritetsskyddsmyndigheten (IMY).',
    ].join('\n'),
    textEn: [
      `Processing of personal data – ${eventName}`,
      '',
      'When you register, the organiser processes your name, email address and organisation to run the event: giving you access ' +
        'to the programme and the online rooms, showing your name when you chat or ask questions, and contacting you about changes. ' +
        'Your poll answers are kept without showing your name to other attendees.',
      '',
      'The data is kept while the event runs and is then purged by the organiser. You have the right to a copy of the data about you, ' +
        'to have it corrected or erased, and to withdraw your consent. Contact the organiser with questions or complaints; you may also ' +
        'turn to the Swedish Authority for Privacy Protection (IMY).',
    ].join('\n'),
  };
}

const toNotice = (n: { version: number; textSv: string; textEn: string; createdAt: Date }): PrivacyNotice => ({
  version: n.version, textSv: n.textSv, textEn: n.textEn, createdAt: n.createdAt.toISOString(),
});

/**
 * The privacy notice of an event, versioned: a new text is a new version and old ones are kept, since a consent
 * names the version it was given to. Every event has one: version 1 is written from a default the first time
 * anyone needs it (lazily, so events made before registration existed get one too).
 */
export class PrivacyNoticeService {
  constructor(private readonly prisma: Prisma, private readonly audit: AuditService) {}

  async current(event: { id: string; name: string }): Promise<PrivacyNotice> {
    const found = await this.prisma.privacyNotice.findFirst({ where: { eventId: event.id }, orderBy: { version: 'desc' } });
    if (found) return toNotice(found);
    // Two first readers at once both try; the primary key lets one win and the other read it.
    await this.prisma.privacyNotice.createMany({ data: [{ eventId: event.id, version: 1, ...defaultNotice(event.name) }], skipDuplicates: true });
    return toNotice(await this.prisma.privacyNotice.findFirstOrThrow({ where: { eventId: event.id }, orderBy: { version: 'desc' } }));
  }

  async list(actor: Actor, slug: string): Promise<PrivacyNotice[]> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    await this.current(event);
    const rows = await this.prisma.privacyNotice.findMany({ where: { eventId: event.id }, orderBy: { version: 'desc' } });
    return rows.map(toNotice);
  }

  /** Saves a new version unless the text is the current one; members who consented to an older one are asked again. */
  async publish(actor: Actor, slug: string, input: PrivacyNoticeInput): Promise<PrivacyNotice> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const data = privacyNoticeInputSchema.parse(input);
    const latest = await this.current(event);
    if (latest.textSv === data.textSv && latest.textEn === data.textEn) return latest;
    const created = await this.prisma.$transaction(async (tx) => {
      // Two organisers saving at once get consecutive versions, not a clash.
      await tx.$queryRaw`SELECT id FROM "Event" WHERE id = ${event.id}::uuid FOR UPDATE`;
      const top = await tx.privacyNotice.findFirst({ where: { eventId: event.id }, orderBy: { version: 'desc' }, select: { version: true } });
      return tx.privacyNotice.create({ data: { eventId: event.id, version: (top?.version ?? 0) + 1, ...data } });
    });
    await this.audit.record(event.id, actor, 'privacy.noticePublished', `version ${created.version}`, { version: created.version });
    return toNotice(created);
  }
}
