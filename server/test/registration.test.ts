// Joining an event: registration modes, invitations, capacity under concurrency, consent to versioned privacy
// notices, the organisers' member list with CSV import and export, and who may call which route. One suite,
// run against PGlite and PostgreSQL (the concurrency tests matter most on PostgreSQL, with its pool of connections).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toZoned, type AttendeeImportReport, type Invitation, type RegistrationInfo } from '@samling/protocol';
import { backends, Client, listen, signedUp, startApp, type TestApp } from './harness.ts';
import { connectTo, disconnected } from './realtime-harness.ts';
import { parseCsv } from '../src/modules/registration/attendees-csv.ts';

const PASSWORD = 'correct horse battery';
let slugCounter = 0;

describe.each(backends)('registration on $name', (backend) => {
  let t: TestApp;
  let organiser: Client & { email: string };
  const day = addDays(toZoned(new Date(), 'Europe/Stockholm').date, 3);

  /** A new event of the organiser's, with its registration settings. */
  async function newEvent(settings: { mode?: string; capacity?: number | null } = {}): Promise<string> {
    const slug = `anmalan-${++slugCounter}-${randomBytes(2).toString('hex')}`;
    expect((await organiser.post('/api/events', { slug, name: `Anmälan ${slugCounter}`, startDate: day, endDate: day })).statusCode).toBe(201);
    if (Object.keys(settings).length > 0) expect((await organiser.patch(`/api/events/${slug}/registration`, settings)).statusCode).toBe(200);
    return slug;
  }

  /** People with accounts and browser sessions made straight in the database: scrypt sign-ups would test hashing. */
  async function people(n: number): Promise<Client[]> {
    const users = Array.from({ length: n }, (_, i) => ({ id: randomUUID(), email: `p${i}-${randomBytes(4).toString('hex')}@example.se`, passwordHash: '!', displayName: `Person ${i}` }));
    await t.db.prisma.user.createMany({ data: users });
    const tokens = users.map(() => randomBytes(32).toString('base64url'));
    await t.db.prisma.authSession.createMany({
      data: users.map((u, i) => ({ userId: u.id, tokenHash: createHash('sha256').update(tokens[i]!).digest('hex'), expiresAt: new Date(Date.now() + 3_600_000) })),
    });
    return tokens.map((token) => {
      const c = new Client(t.app);
      c.cookie = `samling_session=${token}`;
      return c;
    });
  }

  const info = async (slug: string): Promise<RegistrationInfo> => (await new Client(t.app).get(`/api/events/${slug}/registration`)).json();
  const form = async (slug: string, extra: Record<string, unknown> = {}) => ({
    displayName: 'Anna Andersson', organisation: 'Trafikverket', consent: true, noticeVersion: (await info(slug)).notice.version, ...extra,
  });
  const invite = async (slug: string, body: Record<string, unknown> = {}): Promise<Invitation> => {
    const res = await organiser.post(`/api/events/${slug}/invitations`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const code = (res: { json(): { error?: { code: string } } }) => res.json().error?.code;

  beforeAll(async () => {
    t = await startApp(backend);
    organiser = await signedUp(t.app, 'Olga Organisatör');
  });
  afterAll(async () => { await t?.close(); });

  describe('modes', () => {
    it('open: any signed-in account registers with consent; the Consent row has the version and time', async () => {
      const slug = await newEvent();
      expect(await info(slug)).toMatchObject({ mode: 'open', capacity: null, attendees: 0, full: false, notice: { version: 1 } });
      expect((await info(slug)).notice.textSv).toContain('Behandling av personuppgifter');
      const [p] = await people(1);
      const before = Date.now();
      const res = await p!.post(`/api/events/${slug}/register`, await form(slug));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().myEvent).toMatchObject({ role: 'attendee', consentRequired: false });
      const consent = await t.db.prisma.consent.findFirstOrThrow({ where: { userId: res.json().user.id } });
      expect(consent.noticeVersion).toBe(1);
      expect(consent.consentedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const user = await t.db.prisma.user.findUniqueOrThrow({ where: { id: res.json().user.id } });
      expect(user).toMatchObject({ displayName: 'Anna Andersson', organisation: 'Trafikverket' });
      // Registering again is harmless: still one membership, no error.
      expect((await p!.post(`/api/events/${slug}/register`, await form(slug))).statusCode).toBe(200);
      expect((await info(slug)).attendees).toBe(1);
    });

    it('refuses without the ticked box, or with a notice version that is not the current one', async () => {
      const slug = await newEvent();
      const [p] = await people(1);
      expect(code(await p!.post(`/api/events/${slug}/register`, await form(slug, { consent: false })))).toBe('CONSENT_REQUIRED');
      const stale = await p!.post(`/api/events/${slug}/register`, await form(slug, { noticeVersion: 7 }));
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'NOTICE_OUTDATED', details: { currentVersion: 1 } });
      expect((await info(slug)).attendees).toBe(0);
    });

    it('signed out: creates the account and registers in one step, with the cookie set', async () => {
      const slug = await newEvent();
      const c = new Client(t.app);
      const email = `ny-${randomBytes(3).toString('hex')}@example.se`;
      const res = await c.post(`/api/events/${slug}/register`, await form(slug, { account: { email, password: PASSWORD } }));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().user).toMatchObject({ email, displayName: 'Anna Andersson' });
      expect((await c.get('/api/auth/me')).json().memberships).toEqual([{ eventSlug: slug, role: 'attendee' }]);
      // Without an account and without the account fields: sign in first.
      expect(code(await new Client(t.app).post(`/api/events/${slug}/register`, await form(slug)))).toBe('UNAUTHENTICATED');
      // The address is taken now, and a weak password is refused as at sign-up.
      expect(code(await new Client(t.app).post(`/api/events/${slug}/register`, await form(slug, { account: { email, password: PASSWORD } })))).toBe('EMAIL_TAKEN');
      expect(code(await new Client(t.app).post(`/api/events/${slug}/register`, await form(slug, { account: { email: `x${email}`, password: 'lösenord123' } })))).toBe('VALIDATION_FAILED');
    });

    it('closed: nobody new, neither by the form, the one-click join nor an invitation; no account is left behind', async () => {
      const slug = await newEvent();
      const inv = await invite(slug);
      await organiser.patch(`/api/events/${slug}/registration`, { mode: 'closed' });
      const [p] = await people(1);
      expect(code(await p!.post(`/api/events/${slug}/register`, await form(slug)))).toBe('REGISTRATION_CLOSED');
      expect(code(await p!.post(`/api/events/${slug}/register`, await form(slug, { invitationCode: inv.code })))).toBe('REGISTRATION_CLOSED');
      const join = await p!.post(`/api/events/${slug}/join`);
      expect(join.statusCode).toBe(403);
      expect(code(join)).toBe('REGISTRATION_CLOSED');
      const email = `stangt-${randomBytes(3).toString('hex')}@example.se`;
      expect(code(await new Client(t.app).post(`/api/events/${slug}/register`, await form(slug, { account: { email, password: PASSWORD } })))).toBe('REGISTRATION_CLOSED');
      expect(await t.db.prisma.user.findUnique({ where: { email } })).toBeNull();
    });

    it('invitation: needs a valid code (link or typed, any case and dashes) and grants the invitation’s role', async () => {
      const slug = await newEvent({ mode: 'invitation' });
      const [a, b, c] = await people(3);
      expect(code(await a!.post(`/api/events/${slug}/register`, await form(slug)))).toBe('INVITATION_REQUIRED');
      expect(code(await a!.post(`/api/events/${slug}/join`))).toBe('INVITATION_REQUIRED');
      expect(code(await a!.post(`/api/events/${slug}/register`, await form(slug, { invitationCode: 'ABCDEFGHJKMN' })))).toBe('INVITATION_INVALID');
      const inv = await invite(slug, { label: 'Talare', role: 'speaker' });
      expect(inv.url).toBe(`http://samling.test/e/${slug}/register?invitation=${inv.code}`);
      expect((await new Client(t.app).post(`/api/events/${slug}/invitations/check`, { code: inv.code.toLowerCase() })).json()).toEqual({ role: 'speaker', label: 'Talare' });
      const typed = `${inv.code.slice(0, 4)}-${inv.code.slice(4, 8)} ${inv.code.slice(8)}`.toLowerCase();
      const res = await a!.post(`/api/events/${slug}/register`, await form(slug, { invitationCode: typed }));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().myEvent.role).toBe('speaker');
      // A code of another event is unknown here.
      const other = await newEvent({ mode: 'invitation' });
      expect(code(await b!.post(`/api/events/${other}/register`, await form(other, { invitationCode: inv.code })))).toBe('INVITATION_INVALID');
      // Organisers cannot hand out organiser (or moderator) by link.
      expect((await organiser.post(`/api/events/${slug}/invitations`, { role: 'organiser' })).statusCode).toBe(400);
      const list: Invitation[] = (await organiser.get(`/api/events/${slug}/invitations`)).json();
      expect(list.find((i) => i.id === inv.id)).toMatchObject({ uses: 1, status: 'active' });
      const m = await t.db.prisma.membership.findFirstOrThrow({ where: { event: { slug }, role: 'speaker' } });
      expect(m.invitationId).toBe(inv.id);
      void c;
    });

    it('refuses expired and revoked invitations with their own codes', async () => {
      const slug = await newEvent({ mode: 'invitation' });
      const [a, b] = await people(2);
      expect((await organiser.post(`/api/events/${slug}/invitations`, { expiresAt: new Date(Date.now() - 60_000).toISOString() })).statusCode).toBe(400);
      const soon = await invite(slug, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
      await t.db.prisma.invitation.update({ where: { id: soon.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const expired = await a!.post(`/api/events/${slug}/register`, await form(slug, { invitationCode: soon.code }));
      expect(expired.statusCode).toBe(410);
      expect(code(expired)).toBe('INVITATION_EXPIRED');
      const inv = await invite(slug, { label: 'Återkallad' });
      const revoked = await organiser.post(`/api/events/${slug}/invitations/${inv.id}/revoke`);
      expect(revoked.json()).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
      expect(code(await b!.post(`/api/events/${slug}/register`, await form(slug, { invitationCode: inv.code })))).toBe('INVITATION_REVOKED');
      expect(code(await new Client(t.app).post(`/api/events/${slug}/invitations/check`, { code: inv.code }))).toBe('INVITATION_REVOKED');
      const audit = (await organiser.get(`/api/events/${slug}/audit`)).json().entries.map((e: { action: string }) => e.action);
      expect(audit).toEqual(expect.arrayContaining(['invitation.created', 'invitation.revoked', 'registration.updated']));
    });

    it('keeps the demo-style one-click join for open events, and it obeys the capacity', async () => {
      const slug = await newEvent({ capacity: 1 });
      const [a, b] = await people(2);
      expect((await a!.post(`/api/events/${slug}/join`)).json()).toMatchObject({ role: 'attendee', consentRequired: true, notice: { version: 1 } });
      const full = await b!.post(`/api/events/${slug}/join`);
      expect(full.statusCode).toBe(409);
      expect(code(full)).toBe('EVENT_FULL');
      // The member who joined without the form consents, and is not asked again.
      const given = await a!.post(`/api/events/${slug}/consent`, { noticeVersion: 1 });
      expect(given.json()).toMatchObject({ role: 'attendee', consentRequired: false });
      expect((await a!.get(`/api/events/${slug}/me`)).json().consentRequired).toBe(false);
    });
  });

  describe('under concurrency', () => {
    it('takes exactly N places when N+5 people register at once against capacity N', async () => {
      const N = 20;
      const slug = await newEvent({ capacity: N });
      const crowd = await people(N + 5);
      const body = await form(slug);
      const results = await Promise.all(crowd.map((p) => p.post(`/api/events/${slug}/register`, body)));
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(N);
      expect(results.filter((r) => r.statusCode !== 200).map(code)).toEqual(Array(5).fill('EVENT_FULL'));
      expect(await t.db.prisma.membership.count({ where: { event: { slug }, role: 'attendee' } })).toBe(N);
      expect(await info(slug)).toMatchObject({ attendees: N, full: true });
    });

    it('never uses an invitation more than its maximum, however many use it at once', async () => {
      const slug = await newEvent({ mode: 'invitation' });
      const inv = await invite(slug, { maxUses: 5 });
      const crowd = await people(15);
      const body = await form(slug, { invitationCode: inv.code });
      const results = await Promise.all(crowd.map((p) => p.post(`/api/events/${slug}/register`, body)));
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(5);
      expect(new Set(results.filter((r) => r.statusCode !== 200).map(code))).toEqual(new Set(['INVITATION_USED_UP']));
      expect((await t.db.prisma.invitation.findUniqueOrThrow({ where: { id: inv.id } })).uses).toBe(5);
      expect(await t.db.prisma.membership.count({ where: { event: { slug }, invitationId: inv.id } })).toBe(5);
      expect((await organiser.get(`/api/events/${slug}/invitations`)).json()[0]).toMatchObject({ uses: 5, status: 'usedUp' });
    });
  });

  describe('privacy notice versions', () => {
    it('keeps every version, and asks members who consented to an older one again', async () => {
      const slug = await newEvent();
      const [p] = await people(1);
      await p!.post(`/api/events/${slug}/register`, await form(slug));
      expect((await p!.get(`/api/events/${slug}/me`)).json().consentRequired).toBe(false);
      const v2 = await organiser.post(`/api/events/${slug}/privacy-notices`, { textSv: 'Ny text om personuppgifter.', textEn: 'New text about personal data.' });
      expect(v2.statusCode).toBe(201);
      expect(v2.json()).toMatchObject({ version: 2, textSv: 'Ny text om personuppgifter.' });
      // The same text again is not a new version.
      expect((await organiser.post(`/api/events/${slug}/privacy-notices`, { textSv: 'Ny text om personuppgifter.', textEn: 'New text about personal data.' })).json().version).toBe(2);
      expect((await organiser.get(`/api/events/${slug}/privacy-notices`)).json().map((n: { version: number }) => n.version)).toEqual([2, 1]);
      const me = (await p!.get(`/api/events/${slug}/me`)).json();
      expect(me).toMatchObject({ role: 'attendee', consentRequired: true, notice: { version: 2, textEn: 'New text about personal data.' } });
      expect(code(await p!.post(`/api/events/${slug}/consent`, { noticeVersion: 1 }))).toBe('NOTICE_OUTDATED');
      expect((await p!.post(`/api/events/${slug}/consent`, { noticeVersion: 2 })).json().consentRequired).toBe(false);
      const versions = (await t.db.prisma.consent.findMany({ where: { event: { slug } }, orderBy: { noticeVersion: 'asc' } })).map((c) => c.noticeVersion);
      expect(versions).toEqual([1, 2]);
      const list = (await organiser.get(`/api/events/${slug}/attendees`)).json();
      expect(list.find((a: { role: string }) => a.role === 'attendee')).toMatchObject({ consentVersion: 2, organisation: 'Trafikverket' });
      // The organiser who wrote the notice is never asked.
      expect((await organiser.get(`/api/events/${slug}/me`)).json().consentRequired).toBe(false);
      expect((await organiser.get(`/api/events/${slug}/audit`)).json().entries.map((e: { action: string }) => e.action)).toContain('privacy.noticePublished');
    });
  });

  describe('members', () => {
    it('lists members with organisation, registration time, consent version and invitation; removes them; keeps the last organiser', async () => {
      const slug = await newEvent();
      const [p] = await people(1);
      const reg = (await p!.post(`/api/events/${slug}/register`, await form(slug))).json();
      const list = (await organiser.get(`/api/events/${slug}/attendees`)).json();
      expect(list).toHaveLength(2);
      expect(list[1]).toMatchObject({ userId: reg.user.id, displayName: 'Anna Andersson', organisation: 'Trafikverket', role: 'attendee', consentVersion: 1, registeredAt: expect.any(String) });
      // Removed, their open connection to the event goes at once and cannot come back.
      const base = await listen(t);
      const socket = await connectTo(base, { slug, cookie: p!.cookie });
      const dropped = disconnected(socket);
      expect((await organiser.del(`/api/events/${slug}/members/${reg.user.id}`)).statusCode).toBe(204);
      expect(await dropped).toBe('io server disconnect');
      await expect(connectTo(base, { slug, cookie: p!.cookie })).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
      expect((await p!.get(`/api/events/${slug}/me`)).json().role).toBeNull();
      expect((await organiser.del(`/api/events/${slug}/members/${reg.user.id}`)).statusCode).toBe(404);
      const me = (await organiser.get('/api/auth/me')).json().user.id;
      const last = await organiser.del(`/api/events/${slug}/members/${me}`);
      expect(last.statusCode).toBe(409);
      expect(code(last)).toBe('LAST_ORGANISER');
      expect((await organiser.get(`/api/events/${slug}/audit`)).json().entries.map((e: { action: string }) => e.action)).toContain('member.removed');
    });
  });

  describe('CSV import and export', () => {
    const importCsv = async (slug: string, csv: string) => organiser.post(`/api/events/${slug}/attendees/import`, { csv });

    it('reads a hostile file (BOM, `;`, quotes, line breaks in quotes, formula cells) and reports every rejected row by line', async () => {
      const slug = await newEvent({ capacity: 4 });
      const existing = await signedUp(t.app, 'Finns Redan');
      await organiser.post(`/api/events/${slug}/members`, { email: existing.email, role: 'attendee' });
      const csv = '\uFEFF' + [
        'E-post;Namn;Organisation;Roll',
        'eva@example.se;Eva Ek;"Skatteverket; Solna";deltagare',
        '"olle@example.se";"Olle ""Ollie"" Ohlsson";"Rad ett',
        'rad två";talare',
        'inte-en-adress;Nils;;',
        'tom@example.se;;;',
        'okand@example.se;Okänd Roll;;kung',
        'arr@example.se;Arrangör;;organiser',
        'EVA@example.se;Eva Igen;;',
        `lang@example.se;${'x'.repeat(101)};;`,
        '=cmd@example.se;Formel;;',
        'formel@example.se;"=HYPERLINK(""http://evil.example"";""klicka"")";+46 8 123;',
        `${existing.email};Finns Redan;;talare`,
        '',
        'a1@example.se;A1;;',
        'a2@example.se;A2;;',
        'a3@example.se;A3;;',
      ].join('\r\n');
      const res = await importCsv(slug, csv);
      expect(res.statusCode, res.body).toBe(200);
      const report: AttendeeImportReport = res.json();
      expect(report.rejected).toEqual([
        { line: 5, email: 'inte-en-adress', reason: 'invalid_email' },
        { line: 6, email: 'tom@example.se', reason: 'missing_name' },
        { line: 7, email: 'okand@example.se', reason: 'unknown_role' },
        { line: 8, email: 'arr@example.se', reason: 'role_not_allowed' },
        { line: 9, email: 'eva@example.se', reason: 'duplicate_in_file' },
        { line: 10, email: 'lang@example.se', reason: 'too_long' },
        { line: 11, email: '=cmd@example.se', reason: 'invalid_email' },
        // Capacity 4: the existing attendee, Eva, formel and a1 fill it (Olle comes as a speaker, who takes no place).
        { line: 16, email: 'a2@example.se', reason: 'over_capacity' },
        { line: 17, email: 'a3@example.se', reason: 'over_capacity' },
      ]);
      expect(report).toMatchObject({ added: 4, updated: 1, unchanged: 0, accountsCreated: 4 });
      const olle = await t.db.prisma.user.findUniqueOrThrow({ where: { email: 'olle@example.se' } });
      expect(olle).toMatchObject({ displayName: 'Olle "Ollie" Ohlsson', organisation: 'Rad ett\r\nrad två', passwordHash: null });
      // Formula-looking cells are kept as text, not rejected.
      expect(await t.db.prisma.user.findUniqueOrThrow({ where: { email: 'formel@example.se' } })).toMatchObject({ displayName: '=HYPERLINK("http://evil.example";"klicka")', organisation: '+46 8 123' });
      const roles = Object.fromEntries((await organiser.get(`/api/events/${slug}/attendees`)).json().map((a: { email: string; role: string }) => [a.email, a.role]));
      expect(roles).toMatchObject({ 'eva@example.se': 'attendee', 'olle@example.se': 'speaker', [existing.email]: 'speaker' });
      // Importing the same file again changes nothing, but for the place the speaker freed: a2 takes it.
      const again: AttendeeImportReport = (await importCsv(slug, csv)).json();
      expect(again).toMatchObject({ added: 1, updated: 0, unchanged: 5 });
      expect(again.rejected.filter((r) => r.reason === 'over_capacity').map((r) => r.line)).toEqual([17]);
      expect((await organiser.get(`/api/events/${slug}/audit`)).json().entries.map((e: { action: string }) => e.action)).toContain('attendees.imported');
    });

    it('reads commas without BOM, LF endings, English headers in any order and a missing role column', async () => {
      const slug = await newEvent();
      const report: AttendeeImportReport = (await importCsv(slug, 'name,email\n"Berg, Bo",bo@example.se\nCarin,carin@example.se\n')).json();
      expect(report).toMatchObject({ added: 2, rejected: [] });
      expect(parseCsv('a,b\n"x\ny",z\n').records).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['x\ny', 'z'] }]);
    });

    it('refuses a file without the needed header, an unclosed quote, and an oversize body, with typed errors', async () => {
      const slug = await newEvent();
      expect(code(await importCsv(slug, 'foo;bar\n1;2'))).toBe('CSV_INVALID');
      expect(code(await importCsv(slug, ''))).toBe('CSV_INVALID');
      const unclosed = await importCsv(slug, 'email,name\n"a@example.se,A\n');
      expect(unclosed.json().error).toMatchObject({ code: 'CSV_INVALID', details: { line: 2 } });
      const big = await importCsv(slug, `email,name\n${'x'.repeat(2 * 1024 * 1024 + 10)}`);
      expect(big.statusCode).toBe(413);
      expect(code(big)).toBe('PAYLOAD_TOO_LARGE');
    });

    it('imports a 10,000-row file in one request, every row added (its speed is a benchmark matter, not asserted here)', async () => {
      const slug = await newEvent();
      const rows = Array.from({ length: 10_000 }, (_, i) => `person${i}.${slug}@example.se,Person ${i},Myndighet ${i % 50},`);
      const res = await importCsv(slug, ['email,name,organisation,role', ...rows].join('\n'));
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.json()).toMatchObject({ added: 10_000, accountsCreated: 10_000, rejected: [] });
      expect(await t.db.prisma.membership.count({ where: { event: { slug } } })).toBe(10_001);
    }, 120_000);

    it('exports the member list with defused formula cells, times in Stockholm, and a Swedish Excel flavour', async () => {
      const slug = await newEvent();
      await importCsv(slug, 'email,name,organisation\nformel2@example.se,=SUM(A1:A2),@Myndigheten\n');
      const [p] = await people(1);
      await p!.post(`/api/events/${slug}/register`, await form(slug, { displayName: 'Åsa Öberg', organisation: 'Länsstyrelsen, Skåne' }));
      const plain = await organiser.get(`/api/events/${slug}/attendees.csv`);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-type']).toMatch(/^text\/csv/);
      expect(plain.headers['content-disposition']).toContain(`${slug}-deltagare.csv`);
      expect(plain.body.startsWith('\uFEFF')).toBe(false);
      const lines = plain.body.split('\r\n');
      expect(lines[0]).toBe('Namn,E-post,Organisation,Roll,Anmäld (Europe/Stockholm),Samtycke (version)');
      expect(lines).toContain("'=SUM(A1:A2),formel2@example.se,'@Myndigheten,attendee," + lines.find((l) => l.includes('formel2'))!.split(',')[4] + ',');
      const asa = lines.find((l) => l.startsWith('Åsa Öberg'))!;
      expect(asa).toMatch(/^Åsa Öberg,p\d+-[0-9a-f]+@example\.se,"Länsstyrelsen, Skåne",attendee,\d{4}-\d{2}-\d{2} \d{2}:\d{2},1$/);
      const reg = await t.db.prisma.membership.findFirstOrThrow({ where: { event: { slug }, user: { displayName: 'Åsa Öberg' } } });
      const z = toZoned(reg.createdAt, 'Europe/Stockholm');
      expect(asa).toContain(`${z.date} ${z.time}`);
      const excel = await organiser.get(`/api/events/${slug}/attendees.csv?excel=1`);
      expect(excel.body.startsWith('\uFEFFNamn;E-post;Organisation;Roll;')).toBe(true);
      expect(excel.body).toContain('Åsa Öberg;');
      expect(excel.body).toContain(';"Länsstyrelsen, Skåne";');
      // What the export wrote, the import reads back (the Swedish headers included); organisers are never made in bulk.
      const back: AttendeeImportReport = (await importCsv(slug, excel.body)).json();
      expect(back).toMatchObject({ added: 0, updated: 0, unchanged: 2, rejected: [{ line: 2, reason: 'role_not_allowed' }] });
    });
  });
});
