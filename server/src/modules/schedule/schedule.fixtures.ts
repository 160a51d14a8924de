/**
 * A realistic Swedish agenda for the schedule tests: two days in Europe/Stockholm across the end of
 * summer time (Sunday 2026-10-25, 03:00 CEST → 02:00 CET), titles with markup, quotes and å ä ö.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Agenda, Event, Session, Speaker, Stage, Track } from '@samling/protocol';

export const ids = {
  event: '6e1064fd-bcae-4fe6-90c3-b452432dde7c',
  stageStora: '871bd3e1-45e8-4255-bc55-16ee1ca0e76f',
  stageLilla: 'bb47fb2a-5bf1-4d3e-990f-d6b515151438',
  trackIndustri: '3b898ac4-f19a-4097-8168-f1841999a7a6',
  trackHallbar: '813e1d63-935e-41dd-b443-d6674cd62b77',
  anna: '405ce431-36e1-4c1d-9568-58a4b564a8a3',
  bjorn: 'fc14911e-6e75-4d88-bafe-27ed801ca392',
  marta: '01b9bbe6-dc10-41b7-8ffc-328f694befc5',
  sven: 'c5ad775f-1078-4626-8bae-4d3af0ade1f7',
  registration: 'e100a26b-c146-4699-9f6b-34470e241f15',
  keynote: '28a79708-3cbd-4178-8ee4-628d16c86aba',
  dataTalk: '9f10d54d-cfa3-4114-a037-98af2274ced8',
  workshop: '912ffd13-e812-43a0-9074-7584d73795af',
  lunch: '8685d1a6-c981-4c4f-ae0f-0b8c50920273',
  panel: '259d0394-4b3e-42ef-9194-88669434fc64',
  sundayTalk: '69d5424b-119f-4022-b123-f92dcca28f16',
  longTalk: '29eb9770-a9c9-4054-87e4-b6f36712b34d',
  closing: '8770ffdb-8c59-404f-a33b-440b30c53292',
} as const;

export function makeEvent(overrides: Partial<Event> = {}): Event {
  return {
    id: ids.event,
    slug: 'smart-industri-dagarna-2026',
    name: 'Smart Industri-dagarna 2026 – "Framtidens fabrik"',
    description: 'Två dagar om digitalisering & hållbarhet i svensk tillverkningsindustri.',
    timeZone: 'Europe/Stockholm',
    startDate: '2026-10-24',
    endDate: '2026-10-25',
    defaultLanguage: 'sv',
    guestAccess: false,
    ...overrides,
  };
}

export function makeSession(overrides: Partial<Session> & Pick<Session, 'id' | 'title' | 'startsAt' | 'endsAt'>): Session {
  return {
    abstract: '',
    stageId: ids.stageStora,
    trackId: null,
    kind: 'talk',
    language: 'sv',
    status: 'scheduled',
    speakerIds: [],
    ...overrides,
  };
}

export function makeStages(): Stage[] {
  return [
    { id: ids.stageStora, name: 'Stora scenen', position: 0 },
    { id: ids.stageLilla, name: 'Lilla salen "Kupolen"', position: 1 },
  ];
}

export function makeTracks(): Track[] {
  return [
    { id: ids.trackIndustri, name: 'Industri 4.0', colour: '#1F6FEB', position: 0 },
    { id: ids.trackHallbar, name: 'Hållbar produktion', colour: '#2da44e', position: 1 },
  ];
}

export function makeSpeakers(): Speaker[] {
  return [
    {
      id: ids.anna,
      name: 'Anna Åberg',
      title: 'VD',
      organisation: 'Volvo Cars',
      bio: 'Anna har lett fabriker i Göteborg & Gent i tjugo år.',
      photoUrl: 'https://cdn.example.se/talare/anna-aberg.jpg',
    },
    { id: ids.bjorn, name: 'Björn Öst', title: 'Forskare', organisation: 'ABB Robotics', bio: '', photoUrl: null },
    { id: ids.marta, name: 'Märta Lind', title: 'Professor', organisation: 'Chalmers tekniska högskola', bio: 'Forskar om <i>digitala tvillingar</i>.', photoUrl: null },
    {
      id: ids.sven,
      name: 'Sven "Svenne" Ek',
      title: 'Hållbarhetschef',
      organisation: 'Skogsindustrierna, Stockholm; Sverige',
      bio: '',
      photoUrl: '/uploads/sven.png',
    },
  ];
}

export function makeSessions(): Session[] {
  return [
    // Saturday 2026-10-24 is still summer time (+02:00).
    makeSession({
      id: ids.registration,
      title: 'Registrering & kaffe',
      startsAt: '2026-10-24T06:30:00.000Z',
      endsAt: '2026-10-24T07:00:00.000Z',
      stageId: null,
      kind: 'break',
    }),
    makeSession({
      id: ids.keynote,
      title: 'Öppning: Industri 4.0 & framtidens fabrik',
      abstract: 'Hur ser fabriken ut år 2035? En keynote om <automation>, människor och "smarta" beslut.',
      startsAt: '2026-10-24T07:00:00.000Z',
      endsAt: '2026-10-24T08:00:00.000Z',
      trackId: ids.trackIndustri,
      kind: 'keynote',
      speakerIds: [ids.anna],
    }),
    makeSession({
      id: ids.dataTalk,
      title: 'Från <b>data</b> till beslut – "smarta" fabriker',
      abstract: 'Sensorer, MES & AI: vad fungerar på riktigt?\nEtt praktiskt föredrag.',
      startsAt: '2026-10-24T08:15:00.000Z',
      endsAt: '2026-10-24T09:00:00.000Z',
      stageId: ids.stageLilla,
      trackId: ids.trackIndustri,
      speakerIds: [ids.bjorn, ids.marta],
    }),
    makeSession({
      id: ids.workshop,
      title: 'Circular design; reuse, remanufacturing, and "green" choices',
      abstract: 'Bring a laptop.\nPath: C:\\data\\cirkulär; commas, semicolons; and a backslash \\ here.',
      startsAt: '2026-10-24T08:15:00.000Z',
      endsAt: '2026-10-24T09:45:00.000Z',
      trackId: ids.trackHallbar,
      kind: 'workshop',
      language: 'en',
      speakerIds: [ids.sven],
    }),
    makeSession({
      id: ids.lunch,
      title: 'Lunch',
      startsAt: '2026-10-24T10:00:00.000Z',
      endsAt: '2026-10-24T11:00:00.000Z',
      stageId: null,
      kind: 'break',
    }),
    makeSession({
      id: ids.panel,
      title: "Panel: Hållbarhet i praktiken – vad gör vi 'på riktigt'?",
      startsAt: '2026-10-24T11:00:00.000Z',
      endsAt: '2026-10-24T12:00:00.000Z',
      trackId: ids.trackHallbar,
      kind: 'panel',
      speakerIds: [ids.anna, ids.marta, ids.sven],
    }),
    // Sunday 2026-10-25 is winter time (+01:00) from 03:00.
    makeSession({
      id: ids.sundayTalk,
      title: 'Söndagsföreläsning: AI i svensk industri',
      startsAt: '2026-10-25T08:00:00.000Z',
      endsAt: '2026-10-25T08:45:00.000Z',
      trackId: ids.trackIndustri,
      speakerIds: [ids.marta],
    }),
    makeSession({
      id: ids.longTalk,
      title: 'Återvinning av aluminium i fordonsindustrin: från skrot till högvärdig legering – en resa genom värdekedjan med många åäö-tecken',
      abstract: 'Ö'.repeat(60) + ' och ' + 'å'.repeat(40),
      startsAt: '2026-10-25T09:00:00.000Z',
      endsAt: '2026-10-25T10:00:00.000Z',
      stageId: ids.stageLilla,
      trackId: ids.trackHallbar,
      speakerIds: [ids.sven, ids.bjorn],
    }),
    makeSession({
      id: ids.closing,
      title: 'Avslutning & tack',
      startsAt: '2026-10-25T14:00:00.000Z',
      endsAt: '2026-10-25T14:15:00.000Z',
      kind: 'keynote',
    }),
  ];
}

export interface AgendaOverrides {
  event?: Partial<Event>;
  tracks?: Track[];
  stages?: Stage[];
  speakers?: Speaker[];
  sessions?: Session[];
}

export function makeAgenda(overrides: AgendaOverrides = {}): Agenda {
  return {
    event: makeEvent(overrides.event),
    tracks: overrides.tracks ?? makeTracks(),
    stages: overrides.stages ?? makeStages(),
    speakers: overrides.speakers ?? makeSpeakers(),
    sessions: overrides.sessions ?? makeSessions(),
  };
}

/**
 * Where the published frab/c3voc schemas live: `SAMLING_SCHEDULE_SCHEMAS`, else the unchanged copies in
 * `schemas/` beside this file.
 */
export function scheduleSchemaDir(): string {
  const fromEnv = process.env.SAMLING_SCHEDULE_SCHEMAS;
  if (fromEnv) return path.resolve(fromEnv);
  return fileURLToPath(new URL('./schemas/', import.meta.url));
}
