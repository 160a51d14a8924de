import { describe, expect, it } from 'vitest';
import { IMPORT_LIMITS, kindFromType, parseSchedule, type ImportPlan } from './frab-import.ts';

/** Shaped like a pretalx export (schedule/export/schedule.json), trimmed to what matters. */
function pretalxDocument() {
  return {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'pretalx', version: '2025.1.0' },
    schedule: {
      url: 'https://pretalx.example.org/fika26/schedule/',
      version: '1.2',
      base_url: 'https://pretalx.example.org',
      conference: {
        acronym: 'fika26',
        title: 'Fikakonferensen 2026',
        start: '2026-03-28',
        end: '2026-03-29',
        daysCount: 2,
        timeslot_duration: '00:05',
        time_zone_name: 'Europe/Stockholm',
        colors: { primary: '#3aa57c' },
        rooms: [
          { name: 'Aulan', guid: 'b6c6d0a1-0a8f-5a5e-9b7e-3f7d2d6c1a11', description: null, capacity: 400 },
          { name: 'Sal B', guid: 'c6c6d0a1-0a8f-5a5e-9b7e-3f7d2d6c1a12', description: null, capacity: 80 },
        ],
        tracks: [
          { name: 'Industri 4.0', color: '#FF0000' },
          { name: 'Hållbar produktion', color: 'green' },
        ],
        days: [
          {
            index: 1,
            date: '2026-03-28',
            day_start: '2026-03-28T06:00:00+01:00',
            day_end: '2026-03-29T03:59:00+01:00',
            rooms: {
              Aulan: [
                {
                  guid: 'a1b2c3d4-0000-5000-8000-000000000001',
                  code: 'QWERTY',
                  id: 101,
                  logo: null,
                  date: '2026-03-28T09:00:00+01:00',
                  start: '09:00',
                  duration: '00:45',
                  room: 'Aulan',
                  slug: 'fika26-101-keynote',
                  url: 'https://pretalx.example.org/fika26/talk/QWERTY/',
                  title: 'Keynote: Kaffe & kod',
                  subtitle: '',
                  track: 'Industri 4.0',
                  type: 'Keynote',
                  language: 'sv',
                  abstract: 'Om <em>fika</em> och fabriker.',
                  description: 'Längre beskrivning.',
                  recording_license: '',
                  do_not_record: false,
                  persons: [
                    { code: 'ANNA01', name: 'Anna Åberg', avatar: '/media/avatars/anna.jpg', biography: null, public_name: 'Anna Åberg' },
                  ],
                  links: [],
                  attachments: [],
                  answers: [],
                },
                {
                  guid: 'a1b2c3d4-0000-5000-8000-000000000002',
                  code: 'PAUSE1',
                  id: 102,
                  date: '2026-03-28T10:00:00+01:00',
                  start: '10:00',
                  duration: '00:20',
                  room: 'Aulan',
                  title: 'Kaffepaus',
                  track: null,
                  type: 'Pause',
                  language: 'sv',
                  abstract: '',
                  persons: [],
                  links: [],
                },
                {
                  // Only a clock time: read in time_zone_name on the day's date.
                  code: 'PODIUM',
                  id: 103,
                  start: '13:30',
                  duration: '01:00:00',
                  room: 'Aulan',
                  title: 'Podium: Framtidens arbetsplats',
                  track: { en: 'Hållbar produktion' },
                  type: { en: 'Podium discussion', sv: 'Paneldebatt' },
                  language: 'de',
                  abstract: null,
                  persons: [
                    { code: 'ANNA01', name: 'Anna Åberg', biography: 'VD på Volvo Cars.', organisation: 'Volvo Cars' },
                    { id: 7, public_name: 'Björn Öst' },
                    { name: '' },
                    'not a person',
                  ],
                },
                {
                  // After midnight but still on the frab day that began at 06:00.
                  id: 104,
                  start: '01:30',
                  duration: '00:30',
                  room: 'Aulan',
                  title: 'Nattföreläsning',
                  type: 'Workshop (hands-on)',
                  persons: [],
                },
                { id: 105, date: '2026-03-28T15:00:00+01:00', room: 'Aulan', title: 'Ingen längd', persons: [] },
                { id: 106, date: '2026-03-28T15:00:00+01:00', duration: '00:30', room: 'Aulan', title: '   ', persons: [] },
              ],
              'Sal B': [
                {
                  guid: 'a1b2c3d4-0000-5000-8000-000000000007',
                  date: '2026-03-28T11:00:00+01:00',
                  duration: '00:30',
                  title: 'Utan room-fält',
                  track: 'Ny track',
                  type: 'Talk',
                  language: 'en',
                  persons: [{ guid: '11111111-2222-4333-8444-555555555555', name: 'Märta Lind', avatar: 'https://cdn.example.org/m.png' }],
                },
              ],
            },
          },
          {
            index: 2,
            date: '2026-03-29',
            day_start: '2026-03-29T06:00:00+02:00',
            day_end: '2026-03-30T03:59:00+02:00',
            rooms: {
              'Sal B': [
                {
                  guid: 'a1b2c3d4-0000-5000-8000-000000000008',
                  date: '2026-03-29T09:00:00+02:00',
                  duration: '00:30',
                  room: 'Sal B',
                  title: 'Söndag efter sommartidens början',
                  type: 'Lightning talk',
                  language: 'sv',
                  persons: [],
                },
              ],
            },
          },
        ],
      },
    },
  };
}

function parsed(input: unknown): ImportPlan {
  const r = parseSchedule(input);
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.plan;
}

const byTitle = (plan: ImportPlan, title: string) => {
  const s = plan.sessions.find((x) => x.title === title);
  if (!s) throw new Error(`no session ${title}`);
  return s;
};

describe('parseSchedule: a pretalx document', () => {
  const plan = parsed(pretalxDocument());

  it('reads times from `date` with its offset, as UTC', () => {
    expect(byTitle(plan, 'Keynote: Kaffe & kod')).toMatchObject({ startsAt: '2026-03-28T08:00:00.000Z', endsAt: '2026-03-28T08:45:00.000Z' });
    // 2026-03-29 is the first day of summer time.
    expect(byTitle(plan, 'Söndag efter sommartidens början')).toMatchObject({ startsAt: '2026-03-29T07:00:00.000Z', endsAt: '2026-03-29T07:30:00.000Z' });
  });

  it('falls back to the day date, start and time_zone_name, rolling past midnight onto the next date', () => {
    expect(byTitle(plan, 'Podium: Framtidens arbetsplats')).toMatchObject({ startsAt: '2026-03-28T12:30:00.000Z', endsAt: '2026-03-28T13:30:00.000Z' });
    // 01:30 on 2026-03-29 is still winter time.
    expect(byTitle(plan, 'Nattföreläsning')).toMatchObject({ startsAt: '2026-03-29T00:30:00.000Z', endsAt: '2026-03-29T01:00:00.000Z' });
  });

  it('maps type loosely to kind and language to sv/en', () => {
    expect(byTitle(plan, 'Keynote: Kaffe & kod')).toMatchObject({ kind: 'keynote', language: 'sv' });
    expect(byTitle(plan, 'Kaffepaus').kind).toBe('break');
    expect(byTitle(plan, 'Podium: Framtidens arbetsplats')).toMatchObject({ kind: 'panel', language: 'en' });
    expect(byTitle(plan, 'Nattföreläsning').kind).toBe('workshop');
    expect(byTitle(plan, 'Söndag efter sommartidens början').kind).toBe('talk');
    expect(['Keynote', 'Workshop', 'Panel', 'Podium', 'break', 'Pause', 'Talk', 'Lightning talk', ''].map(kindFromType)).toEqual([
      'keynote',
      'workshop',
      'panel',
      'panel',
      'break',
      'break',
      'talk',
      'talk',
      'talk',
    ]);
  });

  it('keeps rooms in the order of the rooms list and falls back to the room key', () => {
    expect(plan.stages).toEqual([{ name: 'Aulan' }, { name: 'Sal B' }]);
    expect(byTitle(plan, 'Utan room-fält').stageName).toBe('Sal B');
  });

  it('takes track colours from the file and the palette for the rest', () => {
    expect(plan.tracks.map((t) => t.name)).toEqual(['Industri 4.0', 'Hållbar produktion', 'Ny track']);
    expect(plan.tracks[0]?.colour).toBe('#ff0000');
    for (const t of plan.tracks) expect(t.colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(byTitle(plan, 'Podium: Framtidens arbetsplats').trackName).toBe('Hållbar produktion');
    expect(byTitle(plan, 'Kaffepaus').trackName).toBeNull();
  });

  it('collects speakers once, keyed by code/id/guid, merging what later sessions know', () => {
    expect(plan.speakers).toEqual([
      { key: 'ANNA01', name: 'Anna Åberg', bio: 'VD på Volvo Cars.', organisation: 'Volvo Cars', photoUrl: 'https://pretalx.example.org/media/avatars/anna.jpg' },
      { key: '7', name: 'Björn Öst', bio: '', organisation: '', photoUrl: null },
      { key: '11111111-2222-4333-8444-555555555555', name: 'Märta Lind', bio: '', organisation: '', photoUrl: 'https://cdn.example.org/m.png' },
    ]);
    expect(byTitle(plan, 'Podium: Framtidens arbetsplats').speakerKeys).toEqual(['ANNA01', '7']);
  });

  it('joins abstract and description and keys sessions by guid, code or id', () => {
    expect(byTitle(plan, 'Keynote: Kaffe & kod')).toMatchObject({
      key: 'a1b2c3d4-0000-5000-8000-000000000001',
      abstract: 'Om <em>fika</em> och fabriker.\n\nLängre beskrivning.',
    });
    expect(byTitle(plan, 'Podium: Framtidens arbetsplats')).toMatchObject({ key: 'PODIUM', abstract: '' });
    expect(byTitle(plan, 'Nattföreläsning').key).toBe('104');
  });

  it('skips sessions it cannot place, saying why, and imports the rest', () => {
    expect(plan.sessions).toHaveLength(6);
    expect(plan.skipped).toEqual([
      { title: 'Ingen längd', reason: expect.stringMatching(/duration/) },
      { title: '(untitled)', reason: expect.stringMatching(/title/) },
    ]);
  });
});

describe('parseSchedule: hostile input', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', '{"schedule":{}}'],
    ['a number', 42],
    ['an array', [{ schedule: {} }]],
    ['no schedule', { foo: 1 }],
    ['schedule is a string', { schedule: 'x' }],
    ['conference missing', { schedule: { version: '1' } }],
    ['conference is an array', { schedule: { conference: [] } }],
    ['days is a string', { schedule: { conference: { days: 'monday' } } }],
    ['days is an object', { schedule: { conference: { days: { 0: {} } } } }],
    ['days is empty', { schedule: { conference: { days: [] } } }],
    ['days are junk', { schedule: { conference: { days: [null, 1, 'x', [], { rooms: [] }, { rooms: 'Aulan' }, { rooms: { A: 'x', B: 5, C: null } }] } } }],
  ])('%s gives {ok:false} with a message', (_name, input) => {
    const r = parseSchedule(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
  });

  it('turns wrongly typed fields into skipped rows, never a throw', () => {
    const good = { title: 'Bra pass', date: '2026-03-28T09:00:00+01:00', duration: '00:30', room: 'Aulan' };
    const doc = {
      schedule: {
        conference: {
          time_zone_name: 42,
          rooms: 'Aulan',
          tracks: [null, 5, { name: 7 }, { name: 'Spår', color: { r: 1 } }],
          days: [
            {
              date: '2026-03-28',
              rooms: {
                ['__proto__']: [{ ...good, room: undefined }],
                constructor: [{ ...good, title: 'Konstruktör' }],
                Aulan: [
                  good,
                  null,
                  'pass',
                  { ...good, title: 12 },
                  { ...good, title: ['a'] },
                  { ...good, date: 'igår', start: undefined },
                  { ...good, date: '2026-02-31T09:00:00+01:00' },
                  { ...good, date: '99999-01-01T00:00:00Z' },
                  { ...good, date: undefined, start: '09:00' },
                  { ...good, duration: '-00:30' },
                  { ...good, duration: '00:00' },
                  { ...good, duration: '999:00' },
                  { ...good, duration: { h: 1 } },
                  { ...good, duration: Number.NaN },
                  { ...good, room: 5, title: 'Rum från nyckeln' },
                  { ...good, title: 'Spår fel typ', track: 7, persons: 'Anna', language: ['sv'], type: null },
                  { ...good, title: 'Personer fel typ', persons: [null, 1, { name: { first: 'A' } }, { name: 'Ok', guid: 5, avatar: 'javascript:alert(1)' }] },
                ],
              },
            },
          ],
        },
      },
    };
    const plan = parsed(doc);
    expect(plan.sessions.map((s) => s.title)).toEqual(['Bra pass', 'Konstruktör', 'Bra pass', 'Rum från nyckeln', 'Spår fel typ', 'Personer fel typ']);
    expect(plan.sessions[0]?.stageName).toBe('__proto__');
    expect(byTitle(plan, 'Rum från nyckeln').stageName).toBe('Aulan');
    expect(byTitle(plan, 'Spår fel typ')).toMatchObject({ trackName: null, speakerKeys: [], kind: 'talk', language: 'en' });
    expect(plan.speakers).toEqual([{ key: '5', name: 'Ok', bio: '', organisation: '', photoUrl: null }]);
    expect(plan.tracks).toEqual([{ name: 'Spår', colour: expect.stringMatching(/^#[0-9a-f]{6}$/) }]);
    expect(plan.skipped).toHaveLength(13);
    for (const s of plan.skipped) {
      expect(typeof s.title).toBe('string');
      expect(s.reason.length).toBeGreaterThan(5);
    }
    expect(plan.skipped.find((s) => s.reason.includes('time_zone_name'))).toBeDefined();
  });

  it('refuses 10,000 sessions with a clear message', () => {
    const events = Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, title: `Pass ${i}`, date: '2026-03-28T09:00:00+01:00', duration: '00:30', room: 'Aulan' }));
    const r = parseSchedule({ schedule: { conference: { days: [{ date: '2026-03-28', rooms: { Aulan: events } }] } } });
    expect(r).toEqual({ ok: false, message: expect.stringContaining(String(IMPORT_LIMITS.sessions)) });
  });

  it('accepts exactly the session limit', () => {
    const events = Array.from({ length: IMPORT_LIMITS.sessions }, (_, i) => ({ id: i + 1, title: `Pass ${i}`, date: '2026-03-28T09:00:00+01:00', duration: '00:30', room: 'Aulan' }));
    expect(parsed({ schedule: { conference: { days: [{ rooms: { Aulan: events } }] } } }).sessions).toHaveLength(IMPORT_LIMITS.sessions);
  });

  it('caps long titles, abstracts and names', () => {
    const plan = parsed({
      schedule: {
        conference: {
          days: [
            {
              rooms: {
                ['R'.repeat(1000)]: [
                  {
                    title: `${'å'.repeat(199)}😀😀`,
                    abstract: 'x'.repeat(50_000),
                    date: '2026-03-28T09:00:00Z',
                    duration: '00:30',
                    persons: Array.from({ length: 200 }, (_, i) => ({ name: `Talare ${i}`, biography: 'b'.repeat(20_000) })),
                  },
                ],
              },
            },
          ],
        },
      },
    });
    const s = plan.sessions[0];
    expect(s?.title).toBe('å'.repeat(199));
    expect(s?.abstract).toHaveLength(IMPORT_LIMITS.abstract);
    expect(s?.stageName).toHaveLength(IMPORT_LIMITS.name);
    expect(s?.speakerKeys).toHaveLength(IMPORT_LIMITS.speakersPerSession);
    expect(plan.speakers[0]?.bio).toHaveLength(IMPORT_LIMITS.abstract);
  });

  it('never throws on random junk grafted onto a valid document', () => {
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const junk = (depth: number): unknown => {
      const k = Math.floor(rnd() * 9);
      if (depth > 2) return k % 2 ? 'x' : 1;
      return [null, true, -1, 1e308, '', '2026-13-45T99:99', '00:61', [junk(depth + 1)], { a: junk(depth + 1), title: junk(depth + 1) }][k];
    };
    const paths = ['title', 'date', 'start', 'duration', 'room', 'track', 'type', 'language', 'persons', 'abstract', 'guid', 'id', 'code', 'end'] as const;
    for (let i = 0; i < 500; i++) {
      const doc = pretalxDocument();
      const days: unknown[] = doc.schedule.conference.days;
      const day = days[0] as { rooms: { Aulan: Record<string, unknown>[] } };
      const ev = day.rooms.Aulan[i % day.rooms.Aulan.length];
      if (ev) ev[paths[i % paths.length] ?? 'title'] = junk(0);
      if (i % 7 === 0) (doc.schedule.conference as Record<string, unknown>).time_zone_name = junk(0);
      if (i % 11 === 0) (day as Record<string, unknown>).day_start = junk(0);
      expect(() => parseSchedule(doc)).not.toThrow();
    }
  });

  it('reports a throwing getter as {ok:false}', () => {
    const evil = {
      schedule: {
        conference: {
          get days(): unknown {
            throw new Error('boom');
          },
        },
      },
    };
    expect(parseSchedule(evil)).toEqual({ ok: false, message: expect.any(String) });
  });
});
