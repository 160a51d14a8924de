import { eventBounds, eventInputSchema, eventPatchSchema, type Agenda, type Event, type EventInput, type EventPatch } from '@samling/protocol';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { sessionInclude, toEvent, toSession, toSpeaker, toStage, toTrack } from '../agenda/agenda.mappers.ts';
import { eventBySlug, requireRole, requireAccount } from './access.ts';
import type { GuestsService } from '../guests/guests.service.ts';
import type { AuditService } from '../audit/audit.service.ts';

const slugTaken = (err: unknown) => {
  if ((err as { code?: string }).code === 'P2002') throw new AppError('SLUG_TAKEN', 'Another event already uses this address');
  throw err;
};

function checkDates(startDate: string, endDate: string) {
  if (endDate < startDate) throw new AppError('INVALID_TIME_RANGE', 'The event ends before it starts');
}

/** Events and their agenda as a whole. */
export class EventsService {
  constructor(private readonly prisma: Prisma, private readonly bus: DomainEventBus, private readonly guests: GuestsService, private readonly audit: AuditService) {}

  async list(_actor: Actor): Promise<Event[]> {
    const rows = await this.prisma.event.findMany({ orderBy: [{ startDate: 'asc' }, { name: 'asc' }] });
    return rows.map(toEvent);
  }

  /** Any signed-in person may create an event; they become its organiser. */
  async create(actor: Actor, input: EventInput): Promise<Event> {
    const userId = await requireAccount(this.prisma, actor);
    const data = eventInputSchema.parse(input);
    checkDates(data.startDate, data.endDate);
    const guestCode = data.guestAccess ? await this.guests.freeCode() : null;
    const event = await this.prisma.event
      .create({ data: { ...data, guestCode, memberships: { create: { userId, role: 'organiser' } } } })
      .catch(slugTaken);
    await this.audit.record(event.id, actor, 'event.created', event.name);
    return toEvent(event);
  }

  async update(actor: Actor, slug: string, patch: EventPatch): Promise<Event> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    const data = eventPatchSchema.parse(patch);
    const next = { ...event, ...data };
    checkDates(next.startDate, next.endDate);
    // Moving the dates or zone must not strand sessions outside the event.
    const { start, end } = eventBounds(next);
    const stranded = await this.prisma.session.findMany({
      where: { eventId: event.id, OR: [{ startsAt: { lt: start } }, { endsAt: { gt: end } }] },
      select: { id: true, title: true },
      take: 20,
    });
    if (stranded.length > 0) {
      throw new AppError('OUTSIDE_EVENT_DATES', 'Sessions would fall outside the event’s new dates', { sessions: stranded });
    }
    // Turning guest access on gives the event a code, once; turning it off keeps the code for next time.
    const guestCode = data.guestAccess && !event.guestCode ? await this.guests.freeCode() : undefined;
    const updated = await this.prisma.event.update({ where: { id: event.id }, data: { ...data, ...(guestCode ? { guestCode } : {}) } }).catch(slugTaken);
    await this.audit.record(updated.id, actor, 'event.updated', updated.name, data);
    this.bus.emit('agenda.changed', { eventId: updated.id, slug: updated.slug });
    return toEvent(updated);
  }

  /** The whole agenda; public. */
  async agenda(_actor: Actor, slug: string): Promise<Agenda> {
    const event = await this.prisma.event.findUnique({
      where: { slug },
      include: {
        tracks: { orderBy: [{ position: 'asc' }, { name: 'asc' }] },
        stages: { orderBy: [{ position: 'asc' }, { name: 'asc' }] },
        speakers: { orderBy: { name: 'asc' } },
        sessions: { orderBy: [{ startsAt: 'asc' }, { title: 'asc' }], include: sessionInclude },
      },
    });
    if (!event) throw new AppError('NOT_FOUND', 'Event not found');
    return {
      event: toEvent(event),
      tracks: event.tracks.map(toTrack),
      stages: event.stages.map(toStage),
      speakers: event.speakers.map(toSpeaker),
      sessions: event.sessions.map(toSession),
    };
  }
}
