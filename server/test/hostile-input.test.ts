// A corpus of hostile text on every text field of the HTTP API and the realtime commands: each value is either
// refused with a typed error or stored exactly as given (inert data: nothing is interpreted, nothing escapes).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toZoned } from '@samling/protocol';
import { RateLimiter } from '../src/realtime/rate-limit.ts';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { call, connectTo } from './realtime-harness.ts';

export const hostile = [
  '<script>alert("xss")</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE \"User\"; --",
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${process.exit(1)}',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  'Bank\u202Egnp.exe',
  'ze\u200Bro\u200Dwidth\uFEFF',
  'e\u0301 vs é — NFC/NFD',
  '🧨💥 emoji 👩‍👩‍👧',
  '%00%0d%0aSet-Cookie: x=1',
  'line\nbreak\r\nand\ttab',
  '\u0000nul',
  'A'.repeat(199),
];

describe('hostile input', () => {
  let t: TestApp;
  let base: string;
  let organiser: Client & { email: string };
  const slug = 'fientlig';
  let stageId: string;

  beforeAll(async () => {
    t = await startApp(backends.find((b) => b.name === 'pglite')!);
    base = await listen(t);
    t.app.realtime.limits.chat = new RateLimiter(1000, 1000);
    // The corpus goes through as fast as the server answers: more commands a second than one person may send.
    t.app.realtime.limits.commands = new RateLimiter(1000, 1000);
    organiser = await signedUp(t.app);
    const today = toZoned(new Date(), 'Europe/Stockholm').date;
    await organiser.post('/api/events', { slug, name: 'Fientlig', startDate: addDays(today, -1), endDate: addDays(today, 1) });
    stageId = (await organiser.post(`/api/events/${slug}/stages`, { name: 'Scen' })).json().id;
  });
  afterAll(async () => { await t?.close(); });

  it('stores hostile text in agenda fields exactly as given, or refuses it with a typed error', async () => {
    let hour = 0;
    for (const text of hostile) {
      const track = await organiser.post(`/api/events/${slug}/tracks`, { name: text, colour: '#123456' });
      const speaker = await organiser.post(`/api/events/${slug}/speakers`, { name: text, title: text, organisation: text, bio: text });
      const startsAt = new Date(Date.now() - 3_600_000 + hour * 60_000).toISOString();
      hour++;
      const session = await organiser.post(`/api/events/${slug}/sessions`, {
        title: text, abstract: text, startsAt, endsAt: new Date(Date.parse(startsAt) + 30_000).toISOString(), stageId: null,
      });
      for (const res of [track, speaker, session]) {
        if (res.statusCode >= 400) {
          expect(res.statusCode).toBe(400);
          expect(res.json().error.code).toBe('VALIDATION_FAILED');
        }
      }
      if (track.statusCode === 201) expect(track.json().name).toBe(text.trim());
      if (speaker.statusCode === 201) expect(speaker.json()).toMatchObject({ name: text.trim(), bio: text });
      if (session.statusCode === 201) expect(session.json().session).toMatchObject({ title: text.trim(), abstract: text });
    }
    // The exports carry the same text, escaped for their format, and still validate.
    const xml = await new Client(t.app).get(`/api/events/${slug}/schedule.xml`);
    expect(xml.statusCode).toBe(200);
    expect(xml.body).not.toContain('<script>');
    expect(xml.body).toContain('&lt;script&gt;');
    const ics = await new Client(t.app).get(`/api/events/${slug}/my-agenda.ics`);
    expect(ics.statusCode).toBe(401);
    expect((await new Client(t.app).get('/api/health')).statusCode).toBe(200);
  });

  it('stores hostile text in registration, invitations, the privacy notice and attendee imports exactly as given, or refuses it typed', async () => {
    const wrong: string[] = [];
    const check = (what: string, res: { statusCode: number; json(): { error?: { code: string } } }) => {
      if (res.statusCode >= 400 && (res.statusCode !== 400 || res.json().error?.code !== 'VALIDATION_FAILED')) wrong.push(`${what}: ${res.statusCode} ${res.json().error?.code}`);
      return res.statusCode < 300;
    };
    for (const [i, text] of hostile.entries()) {
      const invitation = await organiser.post(`/api/events/${slug}/invitations`, { label: text.slice(0, 100) });
      if (check('invitation', invitation) && invitation.json().label !== text.slice(0, 100).trim()) wrong.push(`invitation label changed: ${JSON.stringify(invitation.json().label)}`);
      const notice = await organiser.post(`/api/events/${slug}/privacy-notices`, { textSv: `Behandling av personuppgifter ${text}`, textEn: text });
      if (check('notice', notice) && notice.json().textEn !== text.trim()) wrong.push(`notice text changed: ${JSON.stringify(notice.json().textEn)}`);
      const version = (await organiser.get(`/api/events/${slug}/registration`)).json().notice.version;
      const person = new Client(t.app);
      const registered = await person.post(`/api/events/${slug}/register`, {
        displayName: text.slice(0, 100), organisation: text, consent: true, noticeVersion: version,
        account: { email: `fientlig-${i}@samling.test`, password: 'ett-langt-losenord-1' },
      });
      check('register', registered);
    }
    // An import with the same text in names and organisations: each row is added as written or rejected with a reason.
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const csvOf = (texts: [number, string][]) => ['email,name,organisation,role', ...texts.map(([i, text]) => [`import-${i}@samling.test`, quote(text), quote(text), 'attendee'].join(','))].join('\n');
    // A NUL anywhere refuses the whole request (typed) and adds nobody; without it, row by row.
    const withNul = await organiser.post(`/api/events/${slug}/attendees/import`, { csv: csvOf([...hostile.entries()]) });
    expect(withNul.statusCode).toBe(400);
    expect(withNul.json().error.code).toBe('VALIDATION_FAILED');
    expect((await organiser.get(`/api/events/${slug}/attendees`)).json().some((a: { email: string }) => a.email.startsWith('import-'))).toBe(false);
    const imported = await organiser.post(`/api/events/${slug}/attendees/import`, { csv: csvOf([...hostile.entries()].filter(([, text]) => !text.includes('\u0000'))) });
    expect(imported.statusCode, imported.body).toBe(200);
    const attendees = (await organiser.get(`/api/events/${slug}/attendees`)).json() as { email: string; displayName: string; organisation: string }[];
    const rejected = (imported.json().rejected as { email: string }[]).map((r) => r.email);
    for (const [i, text] of hostile.entries()) {
      // Registration sent the name cut to its 100-character limit; an import sends it whole (a longer one is a rejected row).
      for (const [email, sent] of [[`fientlig-${i}@samling.test`, text.slice(0, 100)], [`import-${i}@samling.test`, text]] as const) {
        const found = attendees.find((a) => a.email === email);
        if (found && found.displayName !== sent.trim()) wrong.push(`${email} name stored as ${JSON.stringify(found.displayName)}`);
        if (found && email.startsWith('import') && found.organisation !== text.trim()) wrong.push(`${email} organisation stored as ${JSON.stringify(found.organisation)}`);
      }
      const unaccounted = !attendees.some((a) => a.email === `import-${i}@samling.test`) && !rejected.includes(`import-${i}@samling.test`);
      if (!text.includes('\u0000') && unaccounted) wrong.push(`import row ${i} neither added nor reported`);
    }
    expect(wrong).toEqual([]);
    // Most of the corpus is ordinary text to a form: it must have gone in, not been refused wholesale.
    expect(attendees.filter((a) => a.email.startsWith('fientlig-')).length).toBeGreaterThanOrEqual(hostile.length - 2);
    expect(attendees.filter((a) => a.email.startsWith('import-')).length).toBeGreaterThanOrEqual(hostile.length - 3);
    expect((await new Client(t.app).get('/api/health')).statusCode).toBe(200);
  });

  it('keeps path traversal out of file names and URLs', async () => {
    const traversal = await new Client(t.app).get('/api/events/..%2F..%2Fetc%2Fpasswd');
    expect(traversal.statusCode).toBe(400);
    const dots = await new Client(t.app).get('/../../etc/passwd');
    expect(dots.body).not.toContain('root:');
    const s = (await new Client(t.app).get(`/api/events/${slug}`)).json().sessions[0];
    const file = await new Client(t.app).get(`/api/events/${slug}/sessions/${s.id}/session.ics`);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.ics"$/);
  });

  it('stores hostile chat messages and questions inert, with control characters removed', async () => {
    const session = (await organiser.post(`/api/events/${slug}/sessions`, {
      title: 'Live', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), stageId,
    })).json().session;
    await organiser.patch(`/api/events/${slug}/sessions/${session.id}`, { status: 'live' });
    const socket = await connectTo(base, { slug, cookie: organiser.cookie });
    await call(socket, 'room:join', { room: session.id });
    for (const text of hostile) {
      const sent = await call(socket, 'chat:send', { room: session.id, id: randomUUID(), text });
      if (sent.ok) {
        expect(sent.data.text).not.toMatch(/\u202E/);
        expect(sent.data.text.replace(/\s/g, '')).toBe(text.replace(/\u202E/g, '').trim().replace(/\s/g, ''));
      } else {
        expect(sent.error.code).toBe('VALIDATION_FAILED');
      }
      const asked = await call(socket, 'question:ask', { room: session.id, id: randomUUID(), text, anonymous: false });
      if (asked.ok) expect(asked.data.text).not.toMatch(/\u202E/);
      else expect(asked.error.code).toBe('VALIDATION_FAILED');
    }
    socket.close();
  });
});
