import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agenda } from '@samling/protocol';
import { seedDemo } from '../src/modules/demo/demo.seed.ts';
import { openDatabase } from '../src/db/database.ts';
import { backends, Client, startApp, type TestApp } from './harness.ts';

const pglite = backends.find((b) => b.name === 'pglite')!;

describe('the demo event', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(pglite); });
  afterAll(async () => { await t?.close(); });

  it('is created once, in Swedish, with four tracks, stages, about twenty sessions and one account per role', async () => {
    const first = await seedDemo(t.db.prisma, t.app.services, { password: 'demo-password-123', today: new Date('2026-11-24T10:00:00Z') });
    expect(first.created).toBe(true);
    const again = await seedDemo(t.db.prisma, t.app.services, { password: 'demo-password-123' });
    expect(again.created).toBe(false);

    const agenda: Agenda = (await new Client(t.app).get('/api/events/smart-industri-dagarna-2026')).json();
    expect(agenda.event).toMatchObject({ name: 'Smart industri-dagarna 2026', defaultLanguage: 'sv', startDate: '2026-11-24', endDate: '2026-11-25' });
    expect(agenda.tracks.map((x) => x.name)).toEqual(['Industri 4.0', 'Hållbar produktion', 'Kunskapslyft industri', 'Testbädd Sverige']);
    expect(agenda.stages.length).toBeGreaterThanOrEqual(2);
    expect(agenda.sessions.length).toBeGreaterThanOrEqual(18);
    expect(agenda.sessions.every((s) => s.kind === 'break' || s.speakerIds.length > 0)).toBe(true);
    expect(agenda.speakers.every((s) => s.organisation.length > 0)).toBe(true);

    for (const role of ['organiser', 'moderator', 'speaker', 'attendee']) {
      const c = new Client(t.app);
      const res = await c.post('/api/auth/signin', { email: `${role}@samling.test`, password: 'demo-password-123' });
      expect(res.statusCode).toBe(200);
      expect((await c.get('/api/auth/me')).json().memberships).toEqual([{ eventSlug: 'smart-industri-dagarna-2026', role }]);
    }
  });
});

describe('start-up', () => {
  it('applies migrations once and answers 503 on health when the database is gone', async () => {
    const t = await startApp(pglite);
    try {
      expect(t.db.appliedMigrations.length).toBeGreaterThan(0);
      expect((await new Client(t.app).get('/api/health')).statusCode).toBe(200);
      await t.db.close();
      const res = await new Client(t.app).get('/api/health');
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('UNAVAILABLE');
    } finally {
      await t.close();
    }
  });

  it('serves process metrics to whoever holds the metrics token', async () => {
    const t = await startApp(pglite, { SAMLING_METRICS_TOKEN: 'a-long-enough-secret-token' });
    try {
      expect((await new Client(t.app).get('/api/metrics')).statusCode).toBe(401);
      const res = await new Client(t.app).request('GET', '/api/metrics', undefined, { authorization: 'Bearer a-long-enough-secret-token' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ rssBytes: expect.any(Number), connections: 0, eventLoopDelayMs: { p99: expect.any(Number) } });
    } finally {
      await t.close();
    }
  });

  it('reopens an existing embedded database without reapplying anything', async () => {
    const storage = await pglite.create();
    try {
      const a = await openDatabase(storage.database);
      expect(a.appliedMigrations.length).toBeGreaterThan(0);
      await a.close();
      const b = await openDatabase(storage.database);
      expect(b.appliedMigrations).toEqual([]);
      await b.close();
    } finally {
      await storage.destroy();
    }
  });

  it('lets two nodes migrate the same PostgreSQL database at once', async () => {
    const pg = backends.find((b) => b.name === 'postgresql')!;
    const storage = await pg.create();
    try {
      const [a, b] = await Promise.all([openDatabase(storage.database), openDatabase(storage.database)]);
      expect([...a.appliedMigrations, ...b.appliedMigrations].length).toBe(a.appliedMigrations.length || b.appliedMigrations.length);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await storage.destroy();
    }
  });
});
