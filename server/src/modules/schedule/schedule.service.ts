import type { ImportReport } from '@samling/protocol';
import type { Config } from '../../config.ts';
import type { Prisma } from '../../db/database.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import type { AgendaService } from '../agenda/agenda.service.ts';
import type { EventsService } from '../events/events.service.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import { toScheduleJson, toScheduleXml } from './frab-export.ts';
import { parseSchedule } from './frab-import.ts';
import { toIcs } from './ics.ts';

const GENERATOR_VERSION = '0.1.0';

/** The agenda in the conference ecosystem's formats: frab/pretalx schedules and iCalendar. */
export class ScheduleService {
  constructor(
    private readonly prisma: Prisma,
    private readonly events: EventsService,
    private readonly agendaService: AgendaService,
    private readonly config: Config,
  ) {}

  async scheduleJson(actor: Actor, slug: string): Promise<object> {
    return toScheduleJson(await this.events.agenda(actor, slug), { baseUrl: this.config.publicUrl, generatorVersion: GENERATOR_VERSION });
  }

  async scheduleXml(actor: Actor, slug: string): Promise<string> {
    return toScheduleXml(await this.events.agenda(actor, slug), { baseUrl: this.config.publicUrl, generatorVersion: GENERATOR_VERSION });
  }

  /** One session as a calendar file. */
  async sessionIcs(actor: Actor, slug: string, sessionId: string): Promise<{ filename: string; body: string }> {
    const agenda = await this.events.agenda(actor, slug);
    const session = agenda.sessions.find((s) => s.id === sessionId);
    if (!session) throw notFound('Session');
    return {
      filename: `${slug}-${filenamePart(session.title)}.ics`,
      body: toIcs(agenda, [session], { calendarName: `${agenda.event.name}: ${session.title}`, baseUrl: this.config.publicUrl }),
    };
  }

  /** The actor's starred sessions as one calendar. */
  async myAgendaIcs(actor: Actor, slug: string): Promise<{ filename: string; body: string }> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'attendee');
    const agenda = await this.events.agenda(actor, slug);
    const stars = new Set(
      (await this.prisma.star.findMany({ where: { userId: actor.userId!, session: { eventId: event.id } }, select: { sessionId: true } })).map((s) => s.sessionId),
    );
    return {
      filename: `${slug}-mitt-program.ics`,
      body: toIcs(agenda, agenda.sessions.filter((s) => stars.has(s.id)), { calendarName: agenda.event.name, baseUrl: this.config.publicUrl }),
    };
  }

  async import(actor: Actor, slug: string, document: unknown): Promise<ImportReport> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const parsed = parseSchedule(document, { defaultTimeZone: event.timeZone, defaultLanguage: event.defaultLanguage === 'en' ? 'en' : 'sv' });
    if (!parsed.ok) throw new AppError('INVALID_SCHEDULE', parsed.message);
    return this.agendaService.importPlan(actor, slug, parsed.plan);
  }
}

function filenamePart(title: string): string {
  const s = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return s.slice(0, 60) || 'session';
}
