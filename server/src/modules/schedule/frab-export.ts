/**
 * The agenda as a frab/pretalx/c3voc schedule (schedule.json and schedule.xml), so that
 * schedule apps (Giggity, EventFahrplan, …), signage and video tooling can follow the event.
 *
 * Both renderings come from one intermediate model so they can never disagree.
 * Choices forced by the published schemas:
 * - `acronym` must match `^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$`, which rejects a dashed slug
 *   such as `smart-industri-dagarna-2026`; dashes (and anything else) become underscores.
 * - Every event needs a positive integer `id` (deprecated but required and unique in the XSD); it is a
 *   31-bit hash of the session's uuid, so it stays the same between exports while sessions come and go.
 * - Sessions without a stage go into one extra room ("Övrigt"/"Other", after the event's language)
 *   rather than vanishing; a room name is what the formats hang every event on.
 * - `time_zone_name` is only written to JSON when the zone fits the schema's pattern (e.g. `Etc/GMT+1`
 *   does not); every time carries its own offset anyway.
 * - Durations are capped at 99:59, the most the XSD's duration type can hold.
 */
import { createHash } from 'node:crypto';
import type { Agenda, Session, Speaker } from '@samling/protocol';
import { addDays, datesBetween, fromZoned, isValidTimeZone, zoneOffsetMinutes } from '@samling/protocol';
import { isHttpUrl, normaliseColour, pad2, paletteColour, slugify } from './common.ts';

export interface ScheduleExportOptions {
  /** Absolute http(s) URL of the Samling site, without the event path. */
  baseUrl: string;
  generatorVersion: string;
}

export const SCHEDULE_JSON_SCHEMA_URL = 'https://c3voc.de/schedule/schema.json';
const MAX_DURATION_MINUTES = 99 * 60 + 59;
const TIMESLOT = '00:05';

interface ExportPerson {
  guid: string;
  name: string;
  organisation: string;
  biography: string;
  avatar: string | null;
}

interface ExportEvent {
  guid: string;
  id: number;
  date: string;
  end: string;
  start: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  track: string | null;
  type: string;
  language: string;
  abstract: string;
  persons: ExportPerson[];
}

interface ExportRoom {
  name: string;
  guid: string;
  events: ExportEvent[];
}

interface ExportDay {
  index: number;
  date: string;
  start: string;
  end: string;
  rooms: ExportRoom[];
}

interface ExportModel {
  acronym: string;
  title: string;
  description: string;
  start: string;
  end: string;
  timeZone: string;
  baseUrl: string;
  conferenceUrl: string;
  version: string;
  generatorVersion: string;
  tracks: { name: string; colour: string; slug: string | null }[];
  rooms: { name: string; guid: string }[];
  days: ExportDay[];
}

/** An acronym both schemas accept, derived from the event slug. */
export function acronymFromSlug(slug: string): string {
  const a = slugify(slug).replace(/[^a-z0-9]/g, '_');
  if (!/[a-z0-9]/.test(a)) return 'samling';
  return a.padEnd(4, '_');
}

/** `2026-10-24T09:00:00+02:00`: the wall clock in `timeZone` with the offset in force at that instant. */
export function zonedIso(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(instant, timeZone);
  const local = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function durationOf(minutes: number): string {
  const m = Math.min(Math.max(0, Math.round(minutes)), MAX_DURATION_MINUTES);
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
}

/** FNV-1a; only needs to spread uuids evenly, not resist anyone. */
function hash32(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Integer ids per session. Apps that predate guids still key favourites by id, so an id must not
 * change when other sessions are added; collisions are resolved in uuid order so the result is stable.
 */
function integerIds(sessionIds: string[]): Map<string, number> {
  const limit = 2_147_483_646; // fits a signed 32-bit int, which several apps parse into
  const used = new Set<number>();
  const out = new Map<string, number>();
  for (const id of [...new Set(sessionIds)].sort()) {
    let n = (hash32(id) % limit) + 1;
    while (used.has(n)) n = (n % limit) + 1;
    used.add(n);
    out.set(id, n);
  }
  return out;
}

/** A uuid that is the same every time for the same seed (for the room that has no stage behind it). */
function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Room names are keys in schedule.json, so two stages called the same would silently merge. */
function uniqueName(wanted: string, taken: Set<string>, fallback: string): string {
  const base = wanted.trim() || fallback;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  taken.add(name);
  return name;
}

function eventSlug(acronym: string, id: number, title: string, kind: string): string {
  const words = slugify(title).slice(0, 60).replace(/-+$/, '');
  let rest = `${id}-${words || kind}`;
  // The XSD wants at least four characters after the acronym.
  if (rest.length < 4) rest = `${rest}-${kind}`;
  return `${acronym}-${rest}`;
}

function buildModel(agenda: Agenda, opts: ScheduleExportOptions): ExportModel {
  const base = opts.baseUrl.replace(/\/+$/, '');
  if (!isHttpUrl(base)) throw new TypeError(`baseUrl must be an absolute http(s) URL, got ${JSON.stringify(opts.baseUrl)}`);
  const { event } = agenda;
  const timeZone = isValidTimeZone(event.timeZone) ? event.timeZone : 'UTC';
  const acronym = acronymFromSlug(event.slug);
  const eventUrl = `${base}/e/${encodeURIComponent(event.slug)}`;

  const tracks = [...agenda.tracks].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  const trackById = new Map(tracks.map((t) => [t.id, t]));
  const speakerById = new Map(agenda.speakers.map((s) => [s.id, s]));

  const takenRooms = new Set<string>();
  const stages = [...agenda.stages]
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    .map((s, i) => ({ id: s.id, guid: s.id, name: uniqueName(s.name, takenRooms, `Scen ${i + 1}`) }));
  const roomByStageId = new Map(stages.map((s) => [s.id, s]));

  const timed = agenda.sessions
    .map((s) => ({ s, start: new Date(s.startsAt), end: new Date(s.endsAt) }))
    .filter((x) => Number.isFinite(x.start.getTime()) && Number.isFinite(x.end.getTime()))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.s.title.localeCompare(b.s.title) || a.s.id.localeCompare(b.s.id));

  const needsOther = timed.some((x) => x.s.stageId === null || !roomByStageId.has(x.s.stageId));
  const other = needsOther
    ? {
        id: null,
        guid: stableUuid(`samling:${event.id}:unassigned-room`),
        name: uniqueName(event.defaultLanguage === 'sv' ? 'Övrigt' : 'Other', takenRooms, 'Other'),
      }
    : null;
  const rooms = other ? [...stages, other] : stages;

  const ids = integerIds(timed.map((x) => x.s.id));
  const person = (sp: Speaker): ExportPerson => ({
    guid: sp.id,
    name: sp.name,
    organisation: sp.organisation,
    biography: sp.bio,
    avatar: sp.photoUrl && isHttpUrl(sp.photoUrl) ? sp.photoUrl : null,
  });

  const toEvent = (s: Session, start: Date, end: Date, roomName: string): ExportEvent => {
    const id = ids.get(s.id) ?? 1;
    const date = zonedIso(start, timeZone);
    return {
      guid: s.id,
      id,
      date,
      end: zonedIso(end, timeZone),
      start: date.slice(11, 16),
      duration: durationOf((end.getTime() - start.getTime()) / 60_000),
      room: roomName,
      slug: eventSlug(acronym, id, s.title, s.kind),
      url: `${eventUrl}/s/${encodeURIComponent(s.id)}`,
      title: s.title,
      track: (s.trackId && trackById.get(s.trackId)?.name) || null,
      type: s.kind,
      language: s.language,
      abstract: s.abstract,
      persons: s.speakerIds.flatMap((id) => {
        const sp = speakerById.get(id);
        return sp ? [person(sp)] : [];
      }),
    };
  };

  // Grouped by the local date the session starts on; a session outside the event's dates gets its own
  // day rather than being dropped, so nothing on the agenda disappears from the apps.
  const byDate = new Map<string, { room: (typeof rooms)[number]; s: Session; start: Date; end: Date }[]>();
  for (const d of datesBetween(event.startDate, event.endDate)) byDate.set(d, []);
  for (const x of timed) {
    const room = (x.s.stageId !== null && roomByStageId.get(x.s.stageId)) || other;
    if (!room) continue;
    const date = zonedIso(x.start, timeZone).slice(0, 10);
    let list = byDate.get(date);
    if (!list) byDate.set(date, (list = []));
    list.push({ room, ...x });
  }
  const dates = [...byDate.keys()].sort();

  const days: ExportDay[] = dates.map((date, i) => {
    const entries = byDate.get(date) ?? [];
    // Like pretalx: a day runs from its first start to its last end, or midnight to midnight when empty.
    const first = entries.reduce<Date | null>((m, e) => (m && m <= e.start ? m : e.start), null);
    const last = entries.reduce<Date | null>((m, e) => (m && m >= e.end ? m : e.end), null);
    return {
      index: i + 1,
      date,
      start: first ? zonedIso(first, timeZone) : localMidnight(date, timeZone),
      end: last && first && last > first ? zonedIso(last, timeZone) : localMidnight(addDays(date, 1), timeZone),
      rooms: rooms.map((room) => ({
        name: room.name,
        guid: room.guid,
        events: entries.filter((e) => e.room === room).map((e) => toEvent(e.s, e.start, e.end, room.name)),
      })),
    };
  });

  const version = createHash('sha256').update(JSON.stringify(agenda)).digest('hex').slice(0, 12);

  return {
    acronym,
    title: event.name,
    description: event.description,
    start: dates[0] ?? event.startDate,
    end: dates[dates.length - 1] ?? event.endDate,
    timeZone,
    baseUrl: base,
    conferenceUrl: eventUrl,
    version,
    generatorVersion: opts.generatorVersion,
    tracks: tracks.map((t, i) => {
      const slug = slugify(t.name);
      return {
        name: t.name,
        colour: normaliseColour(t.colour) ?? paletteColour(i),
        // Both schemas restrict track slugs; leave it out rather than emit one they reject.
        slug: /^[a-z][a-z0-9-]*[a-z0-9]$/.test(slug) ? slug : null,
      };
    }),
    rooms: rooms.map((r) => ({ name: r.name, guid: r.guid })),
    days,
  };
}

/** Midnight at the start of `date` in `timeZone`, with its offset. */
function localMidnight(date: string, timeZone: string): string {
  return zonedIso(fromZoned(date, '00:00', timeZone), timeZone);
}

/** The frab/pretalx schedule.json document (c3voc schema, draft-06). */
export function toScheduleJson(agenda: Agenda, opts: ScheduleExportOptions): object {
  const m = buildModel(agenda, opts);
  const conference: Record<string, unknown> = {
    acronym: m.acronym,
    title: m.title,
    ...(m.description ? { description: m.description } : {}),
    start: m.start,
    end: m.end,
    daysCount: m.days.length,
    timeslot_duration: TIMESLOT,
    ...(/^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/.test(m.timeZone) ? { time_zone_name: m.timeZone } : {}),
    url: m.conferenceUrl,
    tracks: m.tracks.map((t) => ({ name: t.name, ...(t.slug ? { slug: t.slug } : {}), color: t.colour })),
    rooms: m.rooms.map((r) => ({ name: r.name, guid: r.guid })),
    days: m.days.map((d) => ({
      index: d.index,
      date: d.date,
      day_start: d.start,
      day_end: d.end,
      rooms: Object.fromEntries(
        d.rooms.map((r) => [
          r.name,
          r.events.map((e) => ({
            guid: e.guid,
            id: e.id,
            date: e.date,
            start: e.start,
            end: e.end,
            duration: e.duration,
            room: e.room,
            slug: e.slug,
            url: e.url,
            title: e.title,
            subtitle: '',
            track: e.track,
            type: e.type,
            language: e.language,
            abstract: e.abstract,
            description: '',
            persons: e.persons.map((p) => ({
              guid: p.guid,
              name: p.name,
              // Not in the schema but allowed by it; Samling's importer reads it back.
              ...(p.organisation ? { organisation: p.organisation } : {}),
              biography: p.biography || null,
              avatar: p.avatar,
            })),
            links: [],
          })),
        ]),
      ),
    })),
  };
  return {
    $schema: SCHEDULE_JSON_SCHEMA_URL,
    generator: { name: 'Samling', version: m.generatorVersion, url: `${m.baseUrl}/` },
    schedule: { version: m.version, base_url: `${m.baseUrl}/`, conference },
  };
}

/**
 * Drops what XML 1.0 cannot carry at all (control characters, lone surrogates); a title pasted from
 * a PDF with a stray \u000b would otherwise make the whole document unreadable.
 */
function xmlSafe(value: string): string {
  return value.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

function text(value: string): string {
  return xmlSafe(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  // Tabs and newlines would be normalised to spaces by the parser unless written as references.
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** The frab schedule.xml document (c3voc schedule.xml.xsd). */
export function toScheduleXml(agenda: Agenda, opts: ScheduleExportOptions): string {
  const m = buildModel(agenda, opts);
  const out: string[] = [];
  const line = (depth: number, s: string) => out.push(`${'  '.repeat(depth)}${s}`);
  const el = (depth: number, name: string, value: string) => line(depth, `<${name}>${text(value)}</${name}>`);

  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  line(0, '<schedule>');
  line(1, `<generator name="Samling" version="${attr(m.generatorVersion)}"/>`);
  el(1, 'version', m.version);
  line(1, '<conference>');
  el(2, 'acronym', m.acronym);
  el(2, 'title', m.title);
  el(2, 'start', m.start);
  el(2, 'end', m.end);
  el(2, 'days', String(m.days.length));
  el(2, 'timeslot_duration', TIMESLOT);
  el(2, 'base_url', `${m.baseUrl}/`);
  el(2, 'url', m.conferenceUrl);
  el(2, 'time_zone_name', m.timeZone);
  for (const t of m.tracks) {
    line(2, `<track name="${attr(t.name)}" color="${t.colour}"${t.slug ? ` slug="${t.slug}"` : ''}/>`);
  }
  line(1, '</conference>');
  for (const d of m.days) {
    line(1, `<day index="${d.index}" date="${d.date}" start="${d.start}" end="${d.end}">`);
    for (const r of d.rooms) {
      if (r.events.length === 0) {
        line(2, `<room name="${attr(r.name)}" guid="${r.guid}"/>`);
        continue;
      }
      line(2, `<room name="${attr(r.name)}" guid="${r.guid}">`);
      for (const e of r.events) {
        line(3, `<event guid="${attr(e.guid)}" id="${e.id}">`);
        el(4, 'date', e.date);
        el(4, 'start', e.start);
        el(4, 'duration', e.duration);
        el(4, 'room', e.room);
        el(4, 'slug', e.slug);
        el(4, 'url', e.url);
        el(4, 'title', e.title);
        line(4, '<subtitle/>');
        el(4, 'track', e.track ?? '');
        el(4, 'type', e.type);
        el(4, 'language', e.language);
        el(4, 'abstract', e.abstract);
        if (e.persons.length === 0) line(4, '<persons/>');
        else {
          line(4, '<persons>');
          for (const p of e.persons) line(5, `<person guid="${attr(p.guid)}">${text(p.name)}</person>`);
          line(4, '</persons>');
        }
        line(4, '<links/>');
        line(3, '</event>');
      }
      line(2, '</room>');
    }
    line(1, '</day>');
  }
  line(0, '</schedule>');
  return `${out.join('\n')}\n`;
}
