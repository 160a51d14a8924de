import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { DomainEventBus } from './domain-events.ts';
import { singleNode, type NodeSync } from './node-sync.ts';
import { AgendaService } from './modules/agenda/agenda.service.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { ChatService } from './modules/chat/chat.service.ts';
import { ModerationService } from './modules/moderation/moderation.service.ts';
import { GuestsService } from './modules/guests/guests.service.ts';
import { PollsService } from './modules/polls/polls.service.ts';
import { QaService } from './modules/qa/qa.service.ts';
import { InteractionExportService } from './modules/polls/interaction-export.service.ts';
import { EventsService } from './modules/events/events.service.ts';
import { MembersService } from './modules/events/members.service.ts';
import { PersonalService } from './modules/personal/personal.service.ts';
import { ScheduleService } from './modules/schedule/schedule.service.ts';
import { StageService } from './modules/stage/stage.service.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { MemberCache } from './modules/events/member-cache.ts';
import { HandshakeLookup } from './modules/events/handshakes.ts';
import { PrivacyNoticeService } from './modules/registration/privacy-notice.service.ts';
import { RegistrationService } from './modules/registration/registration.service.ts';
import { InvitationsService } from './modules/registration/invitations.service.ts';
import { AttendeesService } from './modules/registration/attendees.service.ts';
import { FilmService } from './modules/film/film.service.ts';
import { FilmStorage } from './modules/film/film.storage.ts';
import { PrivacyService } from './modules/privacy/privacy.service.ts';
import { OidcService } from './modules/auth/oidc.service.ts';

/**
 * Every domain service, wired once. Transports reach them through `app.services`. `sync` tells the other nodes what
 * changed here (their caches drop it too); a node alone has nobody to tell.
 */
export function createServices(db: Database, config: Config, log: FastifyBaseLogger, sync: NodeSync = singleNode) {
  const bus = new DomainEventBus();
  const audit = new AuditService(db.prisma);
  const guests = new GuestsService(db.prisma, config, audit);
  const events = new EventsService(db.prisma, bus, guests, audit);
  const agenda = new AgendaService(db.prisma, bus, audit);
  const memberCache = new MemberCache(db.prisma, sync);
  const moderation = new ModerationService(db.prisma, bus, audit, memberCache);
  const polls = new PollsService(db.prisma, bus, audit, memberCache);
  const qa = new QaService(db.prisma, bus, audit, memberCache);
  const notices = new PrivacyNoticeService(db.prisma, audit);
  // Its own AuthService instance: registration only makes accounts, and the sign-in throttles stay with `auth`.
  const registration = new RegistrationService(db.prisma, new AuthService(db.prisma, bus), notices, audit, memberCache);
  return {
    bus,
    sync,
    registration,
    notices,
    invitations: new InvitationsService(db.prisma, config, audit),
    attendees: new AttendeesService(db.prisma, audit, memberCache, bus),
    auth: new AuthService(db.prisma, bus),
    events,
    agenda,
    members: new MembersService(db.prisma, audit, memberCache),
    memberCache,
    handshakes: new HandshakeLookup(db.prisma, memberCache),
    audit,
    personal: new PersonalService(db.prisma, registration),
    schedule: new ScheduleService(db.prisma, events, agenda, config),
    moderation,
    guests,
    polls,
    qa,
    exports: new InteractionExportService(db.prisma, polls, qa),
    chat: new ChatService(db.prisma, bus, moderation, audit, memberCache, sync),
    stage: new StageService(db.prisma, bus, config.media, log),
    films: new FilmService(db.prisma, bus, audit, new FilmStorage(config.dataDir, config.maxFilmBytes)),
    privacy: new PrivacyService(db.prisma, bus, audit, memberCache),
    oidc: new OidcService(db.prisma, config.oidc),
  };
}
export type Services = ReturnType<typeof createServices>;

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    config: Config;
    db: Database;
  }
}
