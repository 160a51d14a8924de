/**
 * Sessions as an iCalendar (RFC 5545) feed, for "add to my calendar" and calendar subscriptions.
 *
 * Times are written in UTC so no VTIMEZONE block is needed and every client agrees on the instant;
 * X-WR-TIMEZONE only tells clients which zone to show them in.
 */
import type { Agenda, Session } from '@samling/protocol';
import { isHttpUrl } from './common.ts';

export interface IcsOptions {
  calendarName: string;
  /** Absolute URL of the Samling site, without the event path. */
  baseUrl: string;
  /** DTSTAMP of every event; tests pin it. */
  now?: Date;
}

const MAX_OCTETS = 75;

/** `20261024T070000Z` */
export function icsUtc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * A TEXT value (RFC 5545 §3.3.11). Control characters other than tab are not allowed in content
 * lines at all, and lone surrogates cannot be written as UTF-8, so both go before escaping.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1). Splits only between code points, so no UTF-8
 * sequence is cut, and never between a backslash and the character it escapes, which some clients
 * unfold wrongly.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_OCTETS;
  const chars = Array.from(line);
  for (let i = 0; i < chars.length; i++) {
    let unit = chars[i] ?? '';
    if (unit === '\\' && i + 1 < chars.length) unit += chars[++i] ?? '';
    let size = 0;
    for (const c of unit) size += utf8Length(c.codePointAt(0) ?? 0);
    if (octets + size > limit && current) {
      out.push(current);
      current = '';
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line counts
    }
    current += unit;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const SPEAKERS_LABEL = { sv: 'Talare', en: 'Speakers' } as const;

/** An RFC 5545 VCALENDAR with one VEVENT per session. */
export function toIcs(agenda: Agenda, sessions: Session[], opts: IcsOptions): string {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const stamp = icsUtc(opts.now ?? new Date());
  const stages = new Map(agenda.stages.map((s) => [s.id, s]));
  const tracks = new Map(agenda.tracks.map((t) => [t.id, t]));
  const speakers = new Map(agenda.speakers.map((s) => [s.id, s]));

  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Samling//Samling//SV',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(opts.calendarName)}`,
    `X-WR-TIMEZONE:${escapeText(agenda.event.timeZone)}`,
    // Subscribed calendars otherwise refresh whenever the client feels like it (Apple: weekly).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];

  const timed = sessions
    .map((s) => ({ s, start: new Date(s.startsAt), end: new Date(s.endsAt) }))
    .filter((x) => Number.isFinite(x.start.getTime()) && Number.isFinite(x.end.getTime()))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.s.id.localeCompare(b.s.id));

  for (const { s, start, end } of timed) {
    const url = `${base}/e/${encodeURIComponent(agenda.event.slug)}/s/${encodeURIComponent(s.id)}`;
    const people = s.speakerIds.flatMap((id) => {
      const sp = speakers.get(id);
      if (!sp) return [];
      return [sp.organisation.trim() ? `${sp.name} (${sp.organisation.trim()})` : sp.name];
    });
    const description = [
      s.abstract.trim(),
      people.length ? `${SPEAKERS_LABEL[s.language]}:\n${people.join('\n')}` : '',
      isHttpUrl(url) ? url : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const stage = s.stageId ? stages.get(s.stageId) : undefined;
    const track = s.trackId ? tracks.get(s.trackId) : undefined;

    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(s.id)}@samling`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsUtc(start)}`,
      // A zero-length or inverted session would make some clients reject the whole feed.
      `DTEND:${icsUtc(end > start ? end : new Date(start.getTime() + 60_000))}`,
      `SUMMARY:${escapeText(s.title)}`,
    );
    if (description) lines.push(`DESCRIPTION:${escapeText(description)}`);
    if (stage) lines.push(`LOCATION:${escapeText(stage.name)}`);
    // URL is a URI value, not TEXT: it is not backslash-escaped.
    if (isHttpUrl(url)) lines.push(`URL:${url}`);
    if (track) lines.push(`CATEGORIES:${escapeText(track.name)}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
