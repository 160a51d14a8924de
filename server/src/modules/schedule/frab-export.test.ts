import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agendaSchema, type Session } from '@samling/protocol';
import { acronymFromSlug, toScheduleJson, toScheduleXml } from './frab-export.ts';
import { parseSchedule } from './frab-import.ts';
import { ids, makeAgenda, makeSession, makeSessions } from './schedule.fixtures.ts';
import { jsonSchemaErrors, validateJson, xmllint } from './schedule.validate.ts';

const opts = { baseUrl: 'https://samling.example.se', generatorVersion: '0.1.0' };
function expectValidJson(doc: object): void {
  expect(jsonSchemaErrors(doc)).toEqual([]);
}

function expectValidXml(xml: string): void {
  const r = xmllint(xml);
  expect(r.output).toContain('validates');
  expect(r.ok, r.output).toBe(true);
}

interface JsonEvent {
  guid: string;
  id: number;
  date: string;
  start: string;
  duration: string;
  room: string;
  slug: string;
  url: string;
  title: string;
  track: string | null;
  type: string;
  language: string;
  persons: { name: string; guid: string }[];
}
interface JsonDoc {
  schedule: {
    conference: {
      acronym: string;
      time_zone_name?: string;
      daysCount: number;
      tracks: { name: string; color: string }[];
      rooms: { name: string; guid: string }[];
      days: { index: number; date: string; day_start: string; day_end: string; rooms: Record<string, JsonEvent[]> }[];
    };
  };
}

const asDoc = (doc: object) => doc as JsonDoc;
const allEvents = (doc: JsonDoc) => doc.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());
const eventByGuid = (doc: JsonDoc, guid: string) => {
  const e = allEvents(doc).find((x) => x.guid === guid);
  if (!e) throw new Error(`no event ${guid}`);
  return e;
};

describe('fixture', () => {
  it('is a valid agenda', () => {
    expect(agendaSchema.safeParse(makeAgenda()).success).toBe(true);
  });
});

describe('toScheduleJson', () => {
  it('validates against the c3voc schedule.json schema', () => {
    expectValidJson(toScheduleJson(makeAgenda(), opts));
  });

  it('is rejected by the schema when broken, so the validation above means something', () => {
    const doc = asDoc(toScheduleJson(makeAgenda(), opts));
    doc.schedule.conference.acronym = 'smart-industri-dagarna-2026';
    expect(validateJson(doc)).toBe(false);
    const again = asDoc(toScheduleJson(makeAgenda(), opts));
    const first = again.schedule.conference.days[0]?.rooms['Stora scenen']?.[0];
    if (first) first.guid = 'not-a-uuid';
    expect(validateJson(again)).toBe(false);
  });

  it('derives an acronym the schema accepts from the dashed slug', () => {
    const doc = asDoc(toScheduleJson(makeAgenda(), opts));
    expect(doc.schedule.conference.acronym).toBe('smart_industri_dagarna_2026');
    for (const slug of ['abc', 'a-b-c', '2026', 'x-2026-a', 'smart-industri-dagarna-2026']) {
      expect(acronymFromSlug(slug)).toMatch(/^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/);
    }
  });

  it('groups sessions by local day and shows 09:00 on both sides of the daylight-saving change', () => {
    const doc = asDoc(toScheduleJson(makeAgenda(), opts));
    const [saturday, sunday] = doc.schedule.conference.days;
    expect(saturday?.date).toBe('2026-10-24');
    expect(sunday?.date).toBe('2026-10-25');
    expect(doc.schedule.conference.daysCount).toBe(2);

    const sat = eventByGuid(doc, ids.keynote);
    const sun = eventByGuid(doc, ids.sundayTalk);
    expect(sat).toMatchObject({ start: '09:00', date: '2026-10-24T09:00:00+02:00', duration: '01:00' });
    expect(sun).toMatchObject({ start: '09:00', date: '2026-10-25T09:00:00+01:00', duration: '00:45' });
    expect(saturday?.rooms['Stora scenen']?.map((e) => e.guid)).toContain(ids.keynote);
    expect(sunday?.rooms['Stora scenen']?.map((e) => e.guid)).toContain(ids.sundayTalk);
  });

  it('tells apart the two 02:30s of the repeated autumn hour', () => {
    const agenda = makeAgenda({
      sessions: [
        makeSession({ id: ids.keynote, title: 'Nattpass A', startsAt: '2026-10-25T00:30:00.000Z', endsAt: '2026-10-25T00:45:00.000Z' }),
        makeSession({ id: ids.sundayTalk, title: 'Nattpass B', startsAt: '2026-10-25T01:30:00.000Z', endsAt: '2026-10-25T01:45:00.000Z' }),
      ],
    });
    const doc = asDoc(toScheduleJson(agenda, opts));
    expect(eventByGuid(doc, ids.keynote).date).toBe('2026-10-25T02:30:00+02:00');
    expect(eventByGuid(doc, ids.sundayTalk).date).toBe('2026-10-25T02:30:00+01:00');
    expectValidJson(doc);
    expectValidXml(toScheduleXml(agenda, opts));
  });

  it('lists stages as rooms, tracks with colours, persons, type, language and a session URL', () => {
    const doc = asDoc(toScheduleJson(makeAgenda(), opts));
    const c = doc.schedule.conference;
    expect(c.time_zone_name).toBe('Europe/Stockholm');
    expect(c.rooms.map((r) => r.name)).toEqual(['Stora scenen', 'Lilla salen "Kupolen"', 'Övrigt']);
    expect(c.tracks).toEqual([
      { name: 'Industri 4.0', slug: 'industri-4-0', color: '#1f6feb' },
      { name: 'Hållbar produktion', slug: 'hallbar-produktion', color: '#2da44e' },
    ]);
    const talk = eventByGuid(doc, ids.dataTalk);
    expect(talk).toMatchObject({
      title: 'Från <b>data</b> till beslut – "smarta" fabriker',
      room: 'Lilla salen "Kupolen"',
      track: 'Industri 4.0',
      type: 'talk',
      language: 'sv',
      url: `https://samling.example.se/e/smart-industri-dagarna-2026/s/${ids.dataTalk}`,
    });
    expect(talk.persons.map((p) => p.name)).toEqual(['Björn Öst', 'Märta Lind']);
    expect(eventByGuid(doc, ids.workshop)).toMatchObject({ type: 'workshop', language: 'en' });
  });

  it('puts sessions without a stage (registration, lunch) in an "Övrigt" room instead of dropping them', () => {
    const doc = asDoc(toScheduleJson(makeAgenda(), opts));
    const saturday = doc.schedule.conference.days[0];
    expect(saturday?.rooms['Övrigt']?.map((e) => e.title)).toEqual(['Registrering & kaffe', 'Lunch']);
    const english = asDoc(toScheduleJson(makeAgenda({ event: { defaultLanguage: 'en' } }), opts));
    expect(english.schedule.conference.rooms.map((r) => r.name)).toContain('Other');
  });

  it('gives every session a stable, unique positive integer id and a unique slug', () => {
    const a = allEvents(asDoc(toScheduleJson(makeAgenda(), opts)));
    const b = allEvents(asDoc(toScheduleJson(makeAgenda({ sessions: makeSessions().slice(2) }), opts)));
    expect(new Set(a.map((e) => e.id)).size).toBe(a.length);
    expect(new Set(a.map((e) => e.slug)).size).toBe(a.length);
    for (const e of b) expect(e.id).toBe(a.find((x) => x.guid === e.guid)?.id);
    expect(a.every((e) => Number.isInteger(e.id) && e.id >= 1 && e.id < 2 ** 31)).toBe(true);
  });

  it('stays valid for awkward agendas: odd zones, colours and names, empty days, long sessions', () => {
    const agenda = makeAgenda({
      event: { slug: 'abc', timeZone: 'America/Argentina/Buenos_Aires', description: '', startDate: '2026-10-23', endDate: '2026-10-26' },
      tracks: [
        { id: ids.trackIndustri, name: 'ÅÄÖ', colour: 'red', position: 0 },
        { id: ids.trackHallbar, name: '4', colour: '#abc', position: 1 },
      ],
      stages: [
        { id: ids.stageStora, name: 'Scen', position: 0 },
        { id: ids.stageLilla, name: 'Scen', position: 1 },
      ],
      sessions: [
        ...makeSessions(),
        makeSession({ id: '4f8a0c52-7f3e-4a55-9b6e-1c2d3e4f5a6b', title: '', startsAt: '2026-10-26T10:00:00.000Z', endsAt: '2026-10-30T10:00:00.000Z', stageId: ids.stageLilla }),
        makeSession({ id: '5f8a0c52-7f3e-4a55-9b6e-1c2d3e4f5a6b', title: 'x\u000b\u0000y 🎉 ]]>', startsAt: '2026-11-02T10:00:00.000Z', endsAt: '2026-11-02T10:00:00.000Z' }),
      ],
    });
    const doc = toScheduleJson(agenda, opts);
    expectValidJson(doc);
    expectValidXml(toScheduleXml(agenda, opts));
    const c = asDoc(doc).schedule.conference;
    expect(c.rooms.map((r) => r.name)).toEqual(['Scen', 'Scen (2)', 'Övrigt']);
    // The session a week later is kept on a day of its own.
    expect(c.days.map((d) => d.date)).toEqual(['2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-11-02']);

    const etc = makeAgenda({ event: { timeZone: 'Etc/GMT+1' } });
    const etcDoc = asDoc(toScheduleJson(etc, opts));
    expect(etcDoc.schedule.conference.time_zone_name).toBeUndefined();
    expectValidJson(etcDoc);
  });

  it('stays valid with hundreds of sessions', () => {
    const sessions: Session[] = [];
    for (let i = 0; i < 400; i++) {
      const start = Date.UTC(2026, 9, 24, 6) + (i % 50) * 15 * 60_000 + (i >= 200 ? 86_400_000 : 0);
      sessions.push(
        makeSession({
          id: `${i.toString(16).padStart(8, '0')}-1111-4222-8333-${'4'.repeat(12)}`,
          title: `Pass ${i} – ${i % 2 ? 'Åtgärder & "mätning"' : '<script>'}`,
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 25 * 60_000).toISOString(),
          stageId: i % 3 === 0 ? ids.stageStora : i % 3 === 1 ? ids.stageLilla : null,
          trackId: i % 2 ? ids.trackHallbar : null,
          speakerIds: [ids.anna, ids.sven],
        }),
      );
    }
    const agenda = makeAgenda({ sessions });
    const doc = toScheduleJson(agenda, opts);
    expectValidJson(doc);
    expect(allEvents(asDoc(doc))).toHaveLength(400);
    expectValidXml(toScheduleXml(agenda, opts));
  });

  it('round-trips through the importer with the same sessions', () => {
    const agenda = makeAgenda();
    const result = parseSchedule(toScheduleJson(agenda, opts));
    if (!result.ok) throw new Error(result.message);
    const { plan } = result;
    expect(plan.skipped).toEqual([]);
    const stageName = new Map(agenda.stages.map((s) => [s.id, s.name]));
    const trackName = new Map(agenda.tracks.map((t) => [t.id, t.name]));
    const speakerName = new Map(agenda.speakers.map((s) => [s.id, s.name]));
    const importedSpeaker = new Map(plan.speakers.map((s) => [s.key, s]));
    const summary = (s: { title: string; startsAt: string; endsAt: string; stage: string; track: string | null; speakers: string[]; kind: string; language: string }) =>
      `${s.startsAt}|${s.endsAt}|${s.title}|${s.stage}|${s.track}|${s.speakers.join(',')}|${s.kind}|${s.language}`;

    const expected = agenda.sessions.map((s) =>
      summary({
        title: s.title,
        startsAt: new Date(s.startsAt).toISOString(),
        endsAt: new Date(s.endsAt).toISOString(),
        stage: (s.stageId && stageName.get(s.stageId)) || 'Övrigt',
        track: (s.trackId && trackName.get(s.trackId)) || null,
        speakers: s.speakerIds.map((id) => speakerName.get(id) ?? '?'),
        kind: s.kind,
        language: s.language,
      }),
    );
    const actual = plan.sessions.map((s) =>
      summary({
        title: s.title,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        stage: s.stageName,
        track: s.trackName,
        speakers: s.speakerKeys.map((k) => importedSpeaker.get(k)?.name ?? '?'),
        kind: s.kind,
        language: s.language,
      }),
    );
    expect(actual.sort()).toEqual(expected.sort());
    expect(plan.sessions.map((s) => s.key).sort()).toEqual(agenda.sessions.map((s) => s.id).sort());
    expect(plan.tracks).toEqual([
      { name: 'Industri 4.0', colour: '#1f6feb' },
      { name: 'Hållbar produktion', colour: '#2da44e' },
    ]);
    expect(importedSpeaker.get(ids.sven)).toMatchObject({ name: 'Sven "Svenne" Ek', organisation: 'Skogsindustrierna, Stockholm; Sverige' });
    expect(importedSpeaker.get(ids.anna)?.photoUrl).toBe('https://cdn.example.se/talare/anna-aberg.jpg');
  });

  it('refuses a base URL that is not absolute, since every session URL hangs on it', () => {
    expect(() => toScheduleJson(makeAgenda(), { ...opts, baseUrl: '/relative' })).toThrow(/baseUrl/);
  });
});

describe('toScheduleXml', () => {
  it('validates against the c3voc schedule.xml.xsd with xmllint', () => {
    expectValidXml(toScheduleXml(makeAgenda(), opts));
  });

  it('is rejected by xmllint when broken, so the validation above means something', () => {
    const xml = toScheduleXml(makeAgenda(), opts).replace('<duration>01:00</duration>', '<duration>an hour</duration>');
    expect(xmllint(xml).ok).toBe(false);
  });

  it('escapes markup, ampersands and quotes in text and attributes', () => {
    const xml = toScheduleXml(makeAgenda(), opts);
    expect(xml).toContain('<title>Från &lt;b&gt;data&lt;/b&gt; till beslut – "smarta" fabriker</title>');
    expect(xml).toContain('<title>Öppning: Industri 4.0 &amp; framtidens fabrik</title>');
    expect(xml).toContain('<room name="Lilla salen &quot;Kupolen&quot;"');
    expect(xml).toContain('<person guid="c5ad775f-1078-4626-8bae-4d3af0ade1f7">Sven "Svenne" Ek</person>');
    expect(xml).not.toContain('<b>');
  });

  it('writes 09:00 with the right offset on both sides of the daylight-saving change', () => {
    const xml = toScheduleXml(makeAgenda(), opts);
    expect(xml).toMatch(/<date>2026-10-24T09:00:00\+02:00<\/date>\s*<start>09:00<\/start>/);
    expect(xml).toMatch(/<date>2026-10-25T09:00:00\+01:00<\/date>\s*<start>09:00<\/start>/);
    expect(xml).toContain('<day index="2" date="2026-10-25" start="2026-10-25T09:00:00+01:00" end="2026-10-25T15:15:00+01:00">');
  });
});

describe('the vendored schemas', () => {
  // SHA-256 of the upstream files (their source and licence: schemas/README.md): the validators above
  // read this copy, so a changed or truncated copy must fail here rather than quietly validate less.
  const upstream = {
    'schedule.json.schema.json': '0f64db03e6a43b31ed109d358fecd1750a158488e44a2e52933a33a775208236',
    'schedule.xml.xsd': '8cc5f7aab933c87fb20a99220e618f5e069655ac2f3a75a8a0df845d7329e51c',
  };
  it('are the upstream files, unchanged', () => {
    for (const [file, digest] of Object.entries(upstream)) {
      expect(createHash('sha256').update(readFileSync(new URL(`./schemas/${file}`, import.meta.url))).digest('hex'), file).toBe(digest);
    }
  });
});
