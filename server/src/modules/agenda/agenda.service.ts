import {
  eventBounds, sessionInputSchema, sessionPatchSchema, speakerInputSchema, speakerPatchSchema,
  stageInputSchema, stagePatchSchema, trackInputSchema, trackPatchSchema,
  type SessionInput, type SessionPatch, type SessionResult, type Speaker, type SpeakerInput,
  type Stage, type StageInput, type Track, type TrackInput, type Warning, type ImportReport, type StageConflict,
} from '@samling/protocol';
import type { ImportPlan } from '../schedule/frab-import.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { z } from 'zod';
import type { Prisma } from '../../db/database.ts';
import type { DomainEventBus } from '../../domain-events.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { eventBySlug, requireRole } from '../events/access.ts';
import { sessionInclude, toSession, toSpeaker, toStage, toTrack } from './agenda.mappers.ts';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];
type EventRow = Awaited<ReturnType<typeof eventBySlug>>;

/** Tracks, stages, speakers and sessions of one event: organisers edit, moderators move sessions live. */
export class AgendaService {
  constructor(private readonly prisma: Prisma, private readonly bus: DomainEventBus, private readonly audit: AuditService) {}

  private async organiserEvent(actor: Actor, slug: string): Promise<EventRow> {
    const event = await eventBySlug(this.prisma, slug);
    await requireRole(this.prisma, actor, event.id, 'organiser');
    return event;
  }

  private changed(event: EventRow) {
    this.bus.emit('agenda.changed', { eventId: event.id, slug: event.slug });
  }

  // ── Tracks ──────────────────────────────────────────────────────────────────
  async createTrack(actor: Actor, slug: string, input: TrackInput): Promise<Track> {
    const event = await this.organiserEvent(actor, slug);
    const data = trackInputSchema.parse(input);
    const position = data.position ?? (await this.prisma.track.count({ where: { eventId: event.id } }));
    const track = await this.prisma.track.create({ data: { ...data, position, eventId: event.id } });
    await this.audit.record(event.id, actor, 'track.created', track.name);
    this.changed(event);
    return toTrack(track);
  }

  async updateTrack(actor: Actor, slug: string, id: string, patch: z.input<typeof trackPatchSchema>): Promise<Track> {
    const event = await this.organiserEvent(actor, slug);
    const data = trackPatchSchema.parse(patch);
    await this.ownTrack(event.id, id);
    const track = await this.prisma.track.update({ where: { id }, data });
    await this.audit.record(event.id, actor, 'track.updated', track.name, data);
    this.changed(event);
    return toTrack(track);
  }

  async deleteTrack(actor: Actor, slug: string, id: string): Promise<void> {
    const event = await this.organiserEvent(actor, slug);
    await this.ownTrack(event.id, id);
    const used = await this.prisma.session.count({ where: { trackId: id } });
    if (used > 0) throw new AppError('IN_USE', `The track is used by ${used} session(s)`, { sessions: used });
    const gone = await this.prisma.track.delete({ where: { id } });
    await this.audit.record(event.id, actor, 'track.deleted', gone.name);
    this.changed(event);
  }

  // ── Stages ──────────────────────────────────────────────────────────────────
  async createStage(actor: Actor, slug: string, input: StageInput): Promise<Stage> {
    const event = await this.organiserEvent(actor, slug);
    const data = stageInputSchema.parse(input);
    const position = data.position ?? (await this.prisma.stage.count({ where: { eventId: event.id } }));
    const stage = await this.prisma.stage.create({ data: { ...data, position, eventId: event.id } });
    await this.audit.record(event.id, actor, 'stage.created', stage.name);
    this.changed(event);
    return toStage(stage);
  }

  async updateStage(actor: Actor, slug: string, id: string, patch: z.input<typeof stagePatchSchema>): Promise<Stage> {
    const event = await this.organiserEvent(actor, slug);
    const data = stagePatchSchema.parse(patch);
    await this.ownStage(event.id, id);
    const stage = await this.prisma.stage.update({ where: { id }, data });
    await this.audit.record(event.id, actor, 'stage.updated', stage.name, data);
    this.changed(event);
    return toStage(stage);
  }

  async deleteStage(actor: Actor, slug: string, id: string): Promise<void> {
    const event = await this.organiserEvent(actor, slug);
    await this.ownStage(event.id, id);
    const used = await this.prisma.session.count({ where: { stageId: id } });
    if (used > 0) throw new AppError('IN_USE', `The stage is used by ${used} session(s)`, { sessions: used });
    const gone = await this.prisma.stage.delete({ where: { id } });
    await this.audit.record(event.id, actor, 'stage.deleted', gone.name);
    this.changed(event);
  }

  // ── Speakers ────────────────────────────────────────────────────────────────
  async createSpeaker(actor: Actor, slug: string, input: SpeakerInput): Promise<Speaker> {
    const event = await this.organiserEvent(actor, slug);
    const data = speakerInputSchema.parse(input);
    const speaker = await this.prisma.speaker.create({ data: { ...data, eventId: event.id } });
    await this.audit.record(event.id, actor, 'speaker.created', speaker.name);
    this.changed(event);
    return toSpeaker(speaker);
  }

  async updateSpeaker(actor: Actor, slug: string, id: string, patch: z.input<typeof speakerPatchSchema>): Promise<Speaker> {
    const event = await this.organiserEvent(actor, slug);
    const data = speakerPatchSchema.parse(patch);
    await this.ownSpeakers(this.prisma, event.id, [id]);
    const speaker = await this.prisma.speaker.update({ where: { id }, data });
    await this.audit.record(event.id, actor, 'speaker.updated', speaker.name, data);
    this.changed(event);
    return toSpeaker(speaker);
  }

  async deleteSpeaker(actor: Actor, slug: string, id: string): Promise<void> {
    const event = await this.organiserEvent(actor, slug);
    await this.ownSpeakers(this.prisma, event.id, [id]);
    const gone = await this.prisma.speaker.delete({ where: { id } });
    await this.audit.record(event.id, actor, 'speaker.deleted', gone.name);
    this.changed(event);
  }

  // ── Sessions ────────────────────────────────────────────────────────────────
  async createSession(actor: Actor, slug: string, input: SessionInput): Promise<SessionResult> {
    const event = await this.organiserEvent(actor, slug);
    const data = sessionInputSchema.parse(input);
    const result = await this.prisma.$transaction(async (tx) => {
      const start = new Date(data.startsAt);
      const end = new Date(data.endsAt);
      await this.checkPlacement(tx, event, { id: null, start, end, stageId: data.stageId, trackId: data.trackId, speakerIds: data.speakerIds });
      const session = await tx.session.create({
        data: {
          eventId: event.id, title: data.title, abstract: data.abstract, startsAt: start, endsAt: end,
          stageId: data.stageId, trackId: data.trackId, kind: data.kind, language: data.language,
          speakers: { create: data.speakerIds.map((speakerId, position) => ({ speakerId, position })) },
        },
        include: sessionInclude,
      });
      return { session: toSession(session), warnings: await this.speakerWarnings(tx, session.id, start, end, data.speakerIds) };
    });
    await this.audit.record(event.id, actor, 'session.created', result.session.title);
    this.changed(event);
    return result;
  }

  async updateSession(actor: Actor, slug: string, id: string, patch: SessionPatch): Promise<SessionResult> {
    const event = await eventBySlug(this.prisma, slug);
    const data = sessionPatchSchema.parse(patch);
    const onlyStatus = Object.keys(data).every((k) => k === 'status');
    // Moderators run the room (live / ended); only organisers reshape the agenda.
    await requireRole(this.prisma, actor, event.id, onlyStatus ? 'moderator' : 'organiser');
    const result = await this.prisma.$transaction(async (tx) => {
      const current = await tx.session.findFirst({ where: { id, eventId: event.id }, include: sessionInclude });
      if (!current) throw notFound('Session');
      const start = data.startsAt ? new Date(data.startsAt) : current.startsAt;
      const end = data.endsAt ? new Date(data.endsAt) : current.endsAt;
      const stageId = data.stageId !== undefined ? data.stageId : current.stageId;
      const trackId = data.trackId !== undefined ? data.trackId : current.trackId;
      const speakerIds = data.speakerIds ?? toSession(current).speakerIds;
      await this.checkPlacement(tx, event, { id, start, end, stageId, trackId, speakerIds });
      if (data.speakerIds) {
        await tx.sessionSpeaker.deleteMany({ where: { sessionId: id } });
        await tx.sessionSpeaker.createMany({ data: data.speakerIds.map((speakerId, position) => ({ sessionId: id, speakerId, position })) });
      }
      const { speakerIds: _ignored, ...fields } = data;
      const session = await tx.session.update({
        where: { id },
        data: { ...fields, startsAt: start, endsAt: end, stageId, trackId },
        include: sessionInclude,
      });
      return { session: toSession(session), warnings: await this.speakerWarnings(tx, id, start, end, speakerIds), statusChanged: current.status !== session.status };
    });
    await this.audit.record(event.id, actor, onlyStatus ? 'session.status' : 'session.updated', result.session.title, data);
    this.changed(event);
    if (result.statusChanged) this.bus.emit('session.statusChanged', { eventId: event.id, session: result.session });
    return { session: result.session, warnings: result.warnings };
  }

  async deleteSession(actor: Actor, slug: string, id: string): Promise<void> {
    const event = await this.organiserEvent(actor, slug);
    const gone = await this.prisma.session.findFirst({ where: { id, eventId: event.id }, select: { title: true } });
    const { count } = await this.prisma.session.deleteMany({ where: { id, eventId: event.id } });
    if (count === 0) throw notFound('Session');
    await this.audit.record(event.id, actor, 'session.deleted', gone?.title ?? id);
    this.changed(event);
  }

  // ── Import ──────────────────────────────────────────────────────────────────
  /**
   * Adds an imported schedule to the event in one transaction. Tracks, stages and speakers are matched by
   * name so a second import does not duplicate them; a session that breaks a rule is skipped and reported.
   */
  async importPlan(actor: Actor, slug: string, plan: ImportPlan): Promise<ImportReport> {
    const event = await this.organiserEvent(actor, slug);
    const report = await this.prisma.$transaction(async (tx) => {
      const counts = { tracks: 0, stages: 0, speakers: 0, sessions: 0 };
      const skipped = [...plan.skipped];
      const trackIds = new Map((await tx.track.findMany({ where: { eventId: event.id } })).map((t) => [t.name, t.id]));
      const stageIds = new Map((await tx.stage.findMany({ where: { eventId: event.id } })).map((t) => [t.name, t.id]));
      const speakerIdsByName = new Map((await tx.speaker.findMany({ where: { eventId: event.id } })).map((t) => [t.name, t.id]));
      for (const t of plan.tracks) {
        if (trackIds.has(t.name)) continue;
        trackIds.set(t.name, (await tx.track.create({ data: { eventId: event.id, name: t.name, colour: t.colour, position: trackIds.size } })).id);
        counts.tracks++;
      }
      for (const st of plan.stages) {
        if (stageIds.has(st.name)) continue;
        stageIds.set(st.name, (await tx.stage.create({ data: { eventId: event.id, name: st.name, position: stageIds.size } })).id);
        counts.stages++;
      }
      const speakerIds = new Map<string, string>();
      for (const sp of plan.speakers) {
        let id = speakerIdsByName.get(sp.name);
        if (!id) {
          id = (await tx.speaker.create({ data: { eventId: event.id, name: sp.name, bio: sp.bio, organisation: sp.organisation, photoUrl: sp.photoUrl } })).id;
          speakerIdsByName.set(sp.name, id);
          counts.speakers++;
        }
        speakerIds.set(sp.key, id);
      }
      for (const s of plan.sessions) {
        const start = new Date(s.startsAt);
        const end = new Date(s.endsAt);
        const stageId = stageIds.get(s.stageName) ?? null;
        const trackId = s.trackName ? (trackIds.get(s.trackName) ?? null) : null;
        const ids = [...new Set(s.speakerKeys.map((k) => speakerIds.get(k)).filter((x): x is string => Boolean(x)))];
        try {
          await this.checkPlacement(tx, event, { id: null, start, end, stageId, trackId, speakerIds: ids });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          skipped.push({ title: s.title, reason: err.message });
          continue;
        }
        await tx.session.create({
          data: {
            eventId: event.id, title: s.title, abstract: s.abstract, startsAt: start, endsAt: end, stageId, trackId, kind: s.kind, language: s.language,
            speakers: { create: ids.map((speakerId, position) => ({ speakerId, position })) },
          },
        });
        counts.sessions++;
      }
      return { ...counts, skipped };
    }, { timeout: 60_000 });
    await this.audit.record(event.id, actor, 'schedule.imported', '', { sessions: report.sessions, skipped: report.skipped.length });
    this.changed(event);
    return report;
  }

  // ── Rules ───────────────────────────────────────────────────────────────────
  /** End after start, inside the event's days, on this event's stage/track/speakers, and the stage free. */
  private async checkPlacement(
    tx: Tx,
    event: EventRow,
    s: { id: string | null; start: Date; end: Date; stageId: string | null; trackId: string | null; speakerIds: string[] },
  ): Promise<void> {
    if (s.end.getTime() <= s.start.getTime()) throw new AppError('INVALID_TIME_RANGE', 'A session must end after it starts');
    const bounds = eventBounds(event);
    if (s.start < bounds.start || s.end > bounds.end) {
      throw new AppError('OUTSIDE_EVENT_DATES', `Sessions must lie within the event’s days (${event.startDate} – ${event.endDate}, ${event.timeZone})`, {
        startDate: event.startDate, endDate: event.endDate, timeZone: event.timeZone,
      });
    }
    if (s.trackId) await this.ownTrack(event.id, s.trackId, tx);
    await this.ownSpeakers(tx, event.id, s.speakerIds);
    if (!s.stageId) return;
    await this.ownStage(event.id, s.stageId, tx);
    // Lock the stage row so two organisers cannot book the same slot at once.
    await tx.$queryRaw`SELECT id FROM "Stage" WHERE id = ${s.stageId}::uuid FOR UPDATE`;
    const conflicts = await tx.session.findMany({
      where: { stageId: s.stageId, startsAt: { lt: s.end }, endsAt: { gt: s.start }, ...(s.id ? { id: { not: s.id } } : {}) },
      select: { id: true, title: true, startsAt: true, endsAt: true },
      orderBy: { startsAt: 'asc' },
    });
    if (conflicts.length > 0) {
      throw new AppError('STAGE_DOUBLE_BOOKED', `The stage is already booked then: ${conflicts.map((c) => c.title).join(', ')}`, {
        conflicts: conflicts.map((c): StageConflict => ({ id: c.id, title: c.title, startsAt: c.startsAt.toISOString(), endsAt: c.endsAt.toISOString() })),
      });
    }
  }

  /** A speaker in two places at once is allowed (a recorded talk, a panel hop) but worth a warning. */
  private async speakerWarnings(tx: Tx, sessionId: string, start: Date, end: Date, speakerIds: string[]): Promise<Warning[]> {
    if (speakerIds.length === 0) return [];
    const clashes = await tx.sessionSpeaker.findMany({
      where: { speakerId: { in: speakerIds }, sessionId: { not: sessionId }, session: { startsAt: { lt: end }, endsAt: { gt: start } } },
      include: { speaker: { select: { name: true } }, session: { select: { title: true } } },
    });
    const bySpeaker = new Map<string, { name: string; sessions: { id: string; title: string }[] }>();
    for (const c of clashes) {
      const entry = bySpeaker.get(c.speakerId) ?? { name: c.speaker.name, sessions: [] };
      entry.sessions.push({ id: c.sessionId, title: c.session.title });
      bySpeaker.set(c.speakerId, entry);
    }
    return [...bySpeaker].map(([speakerId, { name, sessions }]) => ({
      code: 'SPEAKER_DOUBLE_BOOKED' as const,
      message: `${name} is also booked in ${sessions.map((s) => s.title).join(', ')} at the same time`,
      speakerId,
      sessionIds: sessions.map((s) => s.id),
    }));
  }

  private async ownTrack(eventId: string, id: string, db: Tx | Prisma = this.prisma) {
    if (!(await db.track.findFirst({ where: { id, eventId }, select: { id: true } }))) throw notFound('Track');
  }
  private async ownStage(eventId: string, id: string, db: Tx | Prisma = this.prisma) {
    if (!(await db.stage.findFirst({ where: { id, eventId }, select: { id: true } }))) throw notFound('Stage');
  }
  private async ownSpeakers(db: Tx | Prisma, eventId: string, ids: string[]) {
    if (ids.length === 0) return;
    const unique = [...new Set(ids)];
    const found = await db.speaker.count({ where: { id: { in: unique }, eventId } });
    if (found !== unique.length) throw notFound('Speaker');
  }
}
