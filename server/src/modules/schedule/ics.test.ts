import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toIcs } from './ics.ts';
import { ids, makeAgenda, makeSession } from './schedule.fixtures.ts';

const now = new Date('2026-10-01T12:00:00Z');
const opts = { calendarName: 'Smart Industri-dagarna, "mitt schema"; 2026', baseUrl: 'https://samling.example.se/', now };

/** Joins folded lines back (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

/** Reverses TEXT escaping. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

interface VEvent {
  [prop: string]: string | undefined;
}

function events(ics: string): VEvent[] {
  const out: VEvent[] = [];
  let current: VEvent | null = null;
  for (const line of unfold(ics).split('\r\n')) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      if (current) out.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return out;
}

function eventFor(ics: string, sessionId: string): VEvent {
  const e = events(ics).find((x) => x.UID === `${sessionId}@samling`);
  if (!e) throw new Error(`no VEVENT for ${sessionId}`);
  return e;
}

describe('toIcs', () => {
  const agenda = makeAgenda();
  const ics = toIcs(agenda, agenda.sessions, opts);

  it('is a publishable VCALENDAR with the calendar name and the event time zone', () => {
    const lines = unfold(ics).split('\r\n');
    expect(lines.slice(0, 7)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Samling//Samling//SV',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Smart Industri-dagarna\\, "mitt schema"\\; 2026',
      'X-WR-TIMEZONE:Europe/Stockholm',
    ]);
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(lines.at(-1)).toBe('');
  });

  it('uses CRLF for every line, including the last', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('has one VEVENT per session, with UID, DTSTAMP, and DTSTART/DTEND in UTC', () => {
    expect(events(ics)).toHaveLength(agenda.sessions.length);
    for (const s of agenda.sessions) {
      const e = eventFor(ics, s.id);
      expect(e.DTSTAMP).toBe('20261001T120000Z');
      expect(e.DTSTART).toBe(s.startsAt.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, ''));
      expect(e.DTEND).toBe(s.endsAt.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, ''));
    }
    // 09:00 in Stockholm on each side of the change: 07:00Z in summer time, 08:00Z in winter time.
    expect(eventFor(ics, ids.keynote).DTSTART).toBe('20261024T070000Z');
    expect(eventFor(ics, ids.sundayTalk).DTSTART).toBe('20261025T080000Z');
  });

  it('fills SUMMARY, LOCATION, URL, CATEGORIES and a DESCRIPTION with the speakers', () => {
    const e = eventFor(ics, ids.dataTalk);
    expect(unescapeText(e.SUMMARY ?? '')).toBe('Från <b>data</b> till beslut – "smarta" fabriker');
    expect(unescapeText(e.LOCATION ?? '')).toBe('Lilla salen "Kupolen"');
    expect(e.URL).toBe(`https://samling.example.se/e/smart-industri-dagarna-2026/s/${ids.dataTalk}`);
    expect(unescapeText(e.CATEGORIES ?? '')).toBe('Industri 4.0');
    expect(unescapeText(e.DESCRIPTION ?? '')).toBe(
      [
        'Sensorer, MES & AI: vad fungerar på riktigt?\nEtt praktiskt föredrag.',
        'Talare:\nBjörn Öst (ABB Robotics)\nMärta Lind (Chalmers tekniska högskola)',
        `https://samling.example.se/e/smart-industri-dagarna-2026/s/${ids.dataTalk}`,
      ].join('\n\n'),
    );
    const lunch = eventFor(ics, ids.lunch);
    expect(lunch.LOCATION).toBeUndefined();
    expect(lunch.CATEGORIES).toBeUndefined();
  });

  it('escapes backslashes, semicolons, commas and newlines', () => {
    const e = eventFor(ics, ids.workshop);
    expect(e.SUMMARY).toBe('Circular design\\; reuse\\, remanufacturing\\, and "green" choices');
    expect(e.DESCRIPTION).toContain('Bring a laptop.\\nPath: C:\\\\data\\\\cirkulär\\; commas\\, semicolons\\; and a backslash \\\\ here.');
    expect(e.DESCRIPTION).toContain('Speakers:\\nSven "Svenne" Ek (Skogsindustrierna\\, Stockholm\\; Sverige)');
    expect(escapeText('a\r\nb\rc\nd')).toBe('a\\nb\\nc\\nd');
    // Every unescaped ; or , would be read as a separator by a client.
    for (const v of Object.values(e)) expect(v ?? '').not.toMatch(/(^|[^\\])(\\\\)*[;,]/);
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const encoder = new TextEncoder();
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const bytes = encoder.encode(ics);
    let folded = 0;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && !(bytes[i] === 0x0d && bytes[i + 1] === 0x0a)) continue;
      const line = bytes.subarray(start, i);
      expect(line.length).toBeLessThanOrEqual(75);
      // A split UTF-8 sequence makes the fatal decoder throw, and a split surrogate pair shows up as U+FFFD.
      const text = decoder.decode(line);
      expect(text).not.toContain('\uFFFD');
      expect(encoder.encode(text)).toEqual(line);
      if (text.startsWith(' ')) folded++;
      start = i + 2;
      i++;
    }
    expect(folded).toBeGreaterThan(5);
    const long = eventFor(ics, ids.longTalk);
    expect(unescapeText(long.SUMMARY ?? '')).toBe(agenda.sessions.find((s) => s.id === ids.longTalk)?.title);
    expect(unescapeText(long.DESCRIPTION ?? '')).toContain('Ö'.repeat(60));
  });

  it('folds emoji and escapes as whole units', () => {
    const value = `SUMMARY:${escapeText(`${'ä'.repeat(30)}🎉🎉🎉${'\\,;'.repeat(20)}${'😀'.repeat(40)}`)}`;
    const folded = foldLine(value);
    expect(folded.replace(/\r\n /g, '')).toBe(value);
    for (const line of folded.split('\r\n')) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
      expect(line).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
    }
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
  });

  it('exports only the sessions it is given (a personal schedule)', () => {
    const mine = agenda.sessions.filter((s) => s.id === ids.keynote || s.id === ids.sundayTalk);
    const personal = toIcs(agenda, mine, opts);
    expect(events(personal).map((e) => e.UID)).toEqual([`${ids.keynote}@samling`, `${ids.sundayTalk}@samling`]);
  });

  it('drops characters no calendar can carry and gives empty sessions a minute', () => {
    const odd = makeSession({
      id: '5f8a0c52-7f3e-4a55-9b6e-1c2d3e4f5a6b',
      title: 'Tab\there\u0000\u0007 bell \uD800 lone',
      startsAt: '2026-10-24T12:00:00.000Z',
      endsAt: '2026-10-24T12:00:00.000Z',
    });
    const e = eventFor(toIcs(agenda, [odd], opts), odd.id);
    expect(e.SUMMARY).toBe('Tab\there bell \uFFFD lone');
    expect(e.DTEND).toBe('20261024T120100Z');
  });
});
