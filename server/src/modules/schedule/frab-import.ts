/**
 * Reads a frab/pretalx/c3voc schedule.json into a plan of what to create, without touching the
 * database: the caller decides how to merge it into an event and reports `skipped` to the organiser.
 *
 * The input is whatever someone uploaded, so nothing here may throw: a document we cannot use at all
 * gives `{ ok: false, message }`, a single unusable session becomes a `skipped` row.
 */
import type { Language, SessionKind } from '@samling/protocol';
import { addDays, fromZoned, isValidTimeZone } from '@samling/protocol';
import { isHttpUrl, normaliseColour, paletteColour, truncate } from './common.ts';

export interface ImportPlan {
  /** Unique by name; colour from the file or the palette. */
  tracks: { name: string; colour: string }[];
  /** Rooms, in the order of the file's rooms list, then in order of appearance. */
  stages: { name: string }[];
  /** `key` is the person's guid, code or id, else their name. */
  speakers: { key: string; name: string; bio: string; organisation: string; photoUrl: string | null }[];
  sessions: {
    key: string;
    title: string;
    abstract: string;
    /** UTC, as `Date.prototype.toISOString` writes it. */
    startsAt: string;
    endsAt: string;
    stageName: string;
    trackName: string | null;
    kind: SessionKind;
    language: Language;
    speakerKeys: string[];
  }[];
  /** Per-session problems; the rest of the file is still imported. */
  skipped: { title: string; reason: string }[];
}

export type ParseScheduleResult = { ok: true; plan: ImportPlan } | { ok: false; message: string };

export interface ParseScheduleOptions {
  /** Zone for files that give only a day and a clock time and no `time_zone_name`. */
  defaultTimeZone?: string;
  /** Language for sessions that state none. */
  defaultLanguage?: Language;
}

export const IMPORT_LIMITS = {
  sessions: 2_000,
  days: 1_000,
  roomsPerDay: 500,
  stages: 200,
  tracks: 200,
  speakers: 5_000,
  speakersPerSession: 50,
  title: 200,
  name: 200,
  abstract: 10_000,
  url: 2_000,
  /** Longer than a day is taken as a broken duration rather than a session. */
  durationMinutes: 24 * 60,
  /** Beyond this the organiser gets a count instead of a wall of rows. */
  skippedRows: 500,
} as const;

type Obj = Record<string, unknown>;
type PlanSession = ImportPlan['sessions'][number];

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** pretalx writes some labels as `{ en: 'Talk', de: 'Vortrag' }`. */
function label(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (isObject(v)) {
    if (typeof v.en === 'string') return v.en.trim();
    for (const x of Object.values(v)) if (typeof x === 'string') return x.trim();
  }
  return '';
}

/** A guid, code or numeric id, whichever the file has. */
function identifier(o: Obj): string {
  for (const k of ['guid', 'code', 'id']) {
    const v = o[k];
    if (typeof v === 'string' && v.trim()) return truncate(v.trim(), IMPORT_LIMITS.name);
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return '';
}

export function kindFromType(type: string): SessionKind {
  const t = type.toLowerCase();
  if (t.includes('keynote')) return 'keynote';
  if (/workshop|hands-on|tutorial|lab\b|verkstad/.test(t)) return 'workshop';
  if (/panel|podium|discussion|diskussion|debatt?/.test(t)) return 'panel';
  if (/break|pause|paus|lunch|fika|coffee|kaffe|dinner|middag/.test(t)) return 'break';
  return 'talk';
}

function languageOf(v: unknown, fallback: Language): Language {
  const l = str(v).toLowerCase();
  if (!l) return fallback;
  return l === 'sv' || l.startsWith('sv-') || l.startsWith('sv_') || l === 'swedish' || l === 'svenska' ? 'sv' : 'en';
}

/** Minutes from `HH:MM`, `HH:MM:SS` or a bare number of minutes. */
function durationMinutes(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const m = /^(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$/.exec(str(v));
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3] ?? 0) / 60;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function isDate(v: string): boolean {
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  // Date accepts 2026-02-31 and rolls it over; a schedule that says so is wrong, not March.
  return Number.isFinite(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function validInstant(d: Date): boolean {
  const t = d.getTime();
  return Number.isFinite(t) && t >= Date.UTC(1970, 0, 1) && t < Date.UTC(2200, 0, 1);
}

/** An ISO date-time; without an offset it is read in `timeZone` (null when there is none). */
function parseDateTime(value: string, timeZone: string | null): Date | null {
  const m = DATETIME_RE.exec(value);
  if (!m) return null;
  const [, date = '', hh = '', mm = '', ss = '00', offset] = m;
  if (!isDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  let d: Date;
  if (offset) {
    const o = offset.toUpperCase() === 'Z' ? 'Z' : offset.length === 3 ? `${offset}:00` : offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
    d = new Date(`${date}T${hh}:${mm}:${ss}${o}`);
  } else {
    if (!timeZone) return null;
    d = fromZoned(date, `${hh}:${mm}`, timeZone);
    d = new Date(d.getTime() + Number(ss) * 1000);
  }
  return validInstant(d) ? d : null;
}

class Fail extends Error {}

/** Reads a pretalx/frab schedule.json (already parsed from JSON). Never throws. */
export function parseSchedule(input: unknown, opts: ParseScheduleOptions = {}): ParseScheduleResult {
  try {
    return { ok: true, plan: readSchedule(input, opts) };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, message: e.message };
    // Belt and braces: an upload must never turn into a 500, whatever shape it has.
    return { ok: false, message: 'The schedule could not be read.' };
  }
}

function readSchedule(input: unknown, opts: ParseScheduleOptions): ImportPlan {
  if (!isObject(input)) throw new Fail('Expected a schedule.json document: an object with a "schedule" key.');
  const schedule = isObject(input.schedule) ? input.schedule : isObject(input.conference) ? input : null;
  if (!schedule) throw new Fail('The document has no "schedule" object.');
  const conference = schedule.conference;
  if (!isObject(conference)) throw new Fail('The schedule has no "conference" object.');
  const days = conference.days;
  if (!Array.isArray(days)) throw new Fail('"conference.days" must be a list of days.');
  if (days.length > IMPORT_LIMITS.days) throw new Fail(`The schedule has ${days.length} days; at most ${IMPORT_LIMITS.days} can be imported.`);

  const fileZone = str(conference.time_zone_name);
  const timeZone = fileZone && isValidTimeZone(fileZone) ? fileZone : opts.defaultTimeZone && isValidTimeZone(opts.defaultTimeZone) ? opts.defaultTimeZone : null;
  const baseUrl = str(schedule.base_url);
  const defaultLanguage = opts.defaultLanguage ?? 'en';

  const plan: ImportPlan = { tracks: [], stages: [], speakers: [], sessions: [], skipped: [] };
  let skippedBeyondLimit = 0;
  const skip = (title: string, reason: string) => {
    if (plan.skipped.length < IMPORT_LIMITS.skippedRows) plan.skipped.push({ title: truncate(title, IMPORT_LIMITS.title), reason });
    else skippedBeyondLimit++;
  };

  const tracks = new Map<string, ImportPlan['tracks'][number]>();
  const addTrack = (name: string, colour: unknown): void => {
    if (tracks.has(name) || tracks.size >= IMPORT_LIMITS.tracks) return;
    const t = { name, colour: normaliseColour(colour) ?? paletteColour(tracks.size) };
    tracks.set(name, t);
    plan.tracks.push(t);
  };
  const stages = new Set<string>();
  const addStage = (name: string): void => {
    if (stages.has(name) || stages.size >= IMPORT_LIMITS.stages) return;
    stages.add(name);
    plan.stages.push({ name });
  };

  if (Array.isArray(conference.tracks)) {
    for (const t of conference.tracks.slice(0, IMPORT_LIMITS.tracks)) {
      const name = truncate(isObject(t) ? label(t.name) : label(t), IMPORT_LIMITS.name);
      if (name) addTrack(name, isObject(t) ? (t.color ?? t.colour) : null);
    }
  }
  if (Array.isArray(conference.rooms)) {
    for (const r of conference.rooms.slice(0, IMPORT_LIMITS.stages)) {
      const name = truncate(isObject(r) ? label(r.name) : label(r), IMPORT_LIMITS.name);
      if (name) addStage(name);
    }
  }

  const speakers = new Map<string, ImportPlan['speakers'][number]>();
  const photoOf = (v: unknown): string | null => {
    const s = str(v);
    if (!s || s.length > IMPORT_LIMITS.url) return null;
    if (isHttpUrl(s)) return s;
    // pretalx allows avatars relative to base_url.
    if (isHttpUrl(baseUrl)) {
      try {
        const u = new URL(s, baseUrl).href;
        return isHttpUrl(u) && u.length <= IMPORT_LIMITS.url ? u : null;
      } catch {
        return null;
      }
    }
    return null;
  };
  /** The speaker keys of one session, or null when the speaker limit is reached. */
  const readPersons = (persons: unknown): string[] | null => {
    if (!Array.isArray(persons)) return [];
    const keys: string[] = [];
    for (const p of persons.slice(0, IMPORT_LIMITS.speakersPerSession)) {
      if (!isObject(p)) continue;
      const name = truncate(str(p.name) || str(p.public_name) || str(p.full_public_name), IMPORT_LIMITS.name);
      if (!name) continue;
      const key = identifier(p) || name;
      if (keys.includes(key)) continue;
      const bio = truncate(str(p.biography) || str(p.bio), IMPORT_LIMITS.abstract);
      const organisation = truncate(str(p.organisation) || str(p.organization) || str(p.affiliation) || str(p.company), IMPORT_LIMITS.name);
      const photoUrl = photoOf(p.avatar ?? p.image ?? p.photo);
      const known = speakers.get(key);
      if (known) {
        // The same person often appears with a bio in one session and without in the next.
        if (!known.bio) known.bio = bio;
        if (!known.organisation) known.organisation = organisation;
        known.photoUrl ??= photoUrl;
      } else {
        if (speakers.size >= IMPORT_LIMITS.speakers) return null;
        const s = { key, name, bio, organisation, photoUrl };
        speakers.set(key, s);
        plan.speakers.push(s);
      }
      keys.push(key);
    }
    return keys;
  };

  const sessionKeys = new Set<string>();
  let seen = 0;

  days.forEach((day, dayIndex) => {
    const dayLabel = `Day ${dayIndex + 1}`;
    if (!isObject(day)) return skip(dayLabel, 'The day is not an object.');
    const rooms = day.rooms;
    if (!isObject(rooms)) return skip(dayLabel, 'The day has no "rooms" object.');
    const roomEntries = Object.entries(rooms);
    if (roomEntries.length > IMPORT_LIMITS.roomsPerDay) throw new Fail(`${dayLabel} has ${roomEntries.length} rooms; at most ${IMPORT_LIMITS.roomsPerDay} can be imported.`);
    const dayDate = str(day.date);
    const dayStart = parseDateTime(str(day.day_start), timeZone);

    for (const [roomKey, events] of roomEntries) {
      if (!Array.isArray(events)) {
        skip(`${dayLabel}, ${truncate(roomKey, IMPORT_LIMITS.name)}`, 'The room is not a list of sessions.');
        continue;
      }
      for (const ev of events) {
        seen++;
        if (seen > IMPORT_LIMITS.sessions) throw new Fail(`The schedule has more than ${IMPORT_LIMITS.sessions} sessions; split it or remove some before importing.`);
        const s = readSession(ev, roomKey);
        if (typeof s === 'string') continue;
        let key = s.key;
        for (let n = 2; sessionKeys.has(key); n++) key = `${s.key}#${n}`;
        sessionKeys.add(key);
        plan.sessions.push({ ...s, key });
      }
    }

    /** The session, or the reason it was skipped (already recorded). */
    function readSession(ev: unknown, roomKey: string): PlanSession | string {
      if (!isObject(ev)) return reject('(not a session)', 'The entry is not an object.');
      const title = truncate(label(ev.title), IMPORT_LIMITS.title);
      if (!title) return reject('(untitled)', 'The session has no title.');
      const stageName = truncate(label(ev.room) || roomKey.trim(), IMPORT_LIMITS.name);
      if (!stageName) return reject(title, 'The session has no room.');

      let start: Date | null = null;
      const date = str(ev.date);
      if (date) start = parseDateTime(date, timeZone);
      if (!start) {
        const clock = /^(\d{1,2}):([0-5]\d)(?::[0-5]\d)?$/.exec(str(ev.start));
        if (!clock || Number(clock[1]) > 23) return reject(title, date ? `Unreadable date "${truncate(date, 40)}".` : 'The session has no date or start time.');
        if (!isDate(dayDate)) return reject(title, 'The session has only a start time and its day has no date.');
        if (!timeZone) return reject(title, 'The session has only a start time and the schedule has no time_zone_name.');
        const hhmm = `${clock[1]!.padStart(2, '0')}:${clock[2]}`;
        start = fromZoned(dayDate, hhmm, timeZone);
        // frab days can run past midnight: a start before the day's start belongs to the next date.
        if (dayStart && start < dayStart) start = fromZoned(addDays(dayDate, 1), hhmm, timeZone);
        if (!validInstant(start)) return reject(title, 'The start time is out of range.');
      }

      let minutes = durationMinutes(ev.duration);
      if (minutes === null && str(ev.end)) {
        const end = parseDateTime(str(ev.end), timeZone);
        if (end) minutes = (end.getTime() - start.getTime()) / 60_000;
      }
      if (minutes === null) return reject(title, 'The session has no readable duration.');
      if (minutes <= 0) return reject(title, 'The session has no length.');
      if (minutes > IMPORT_LIMITS.durationMinutes) return reject(title, 'The session is longer than a day.');
      const end = new Date(start.getTime() + Math.round(minutes * 60) * 1000);

      const trackName = truncate(label(ev.track), IMPORT_LIMITS.name) || null;
      if (trackName && !tracks.has(trackName) && tracks.size >= IMPORT_LIMITS.tracks) return reject(title, `More than ${IMPORT_LIMITS.tracks} tracks.`);
      if (!stages.has(stageName) && stages.size >= IMPORT_LIMITS.stages) return reject(title, `More than ${IMPORT_LIMITS.stages} rooms.`);
      const speakerKeys = readPersons(ev.persons);
      if (!speakerKeys) return reject(title, `More than ${IMPORT_LIMITS.speakers} speakers.`);
      if (trackName) addTrack(trackName, null);
      addStage(stageName);

      const abstract = str(ev.abstract);
      const description = str(ev.description);
      const text = abstract && description && abstract !== description ? `${abstract}\n\n${description}` : abstract || description;

      return {
        key: identifier(ev) || `${title}@${start.toISOString()}`,
        title,
        abstract: truncate(text, IMPORT_LIMITS.abstract),
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        stageName,
        trackName,
        kind: kindFromType(label(ev.type)),
        language: languageOf(ev.language, defaultLanguage),
        speakerKeys,
      };
    }

    function reject(title: string, reason: string): string {
      skip(title, reason);
      return reason;
    }
  });

  if (skippedBeyondLimit > 0) plan.skipped.push({ title: '…', reason: `${skippedBeyondLimit} more sessions were skipped.` });
  if (plan.sessions.length === 0) {
    const first = plan.skipped[0];
    throw new Fail(first ? `No session could be imported. First problem: ${first.title}: ${first.reason}` : 'The schedule has no sessions.');
  }
  return plan;
}
