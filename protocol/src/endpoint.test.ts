import { describe, expect, it } from 'vitest';
import { api, pathTo } from './api.ts';

describe('pathTo', () => {
  it('fills the path from the endpoint, encoded, and appends the query fields that are set', () => {
    expect(pathTo(api.sessionIcs, { slug: 'höst 2026', id: '8d9d0c8e-6a37-4d3c-9b59-1d1f4f8f3a11' })).toBe(
      '/api/events/h%C3%B6st%202026/sessions/8d9d0c8e-6a37-4d3c-9b59-1d1f4f8f3a11/session.ics',
    );
    expect(pathTo(api.attendeesCsv, { slug: 'host' })).toBe('/api/events/host/attendees.csv');
    expect(pathTo(api.attendeesCsv, { slug: 'host' }, { excel: '1' })).toBe('/api/events/host/attendees.csv?excel=1');
    expect(pathTo(api.oidcStart, {}, { returnTo: undefined })).toBe('/api/auth/oidc/start');
    expect(pathTo(api.oidcStart, {}, { returnTo: '/e/host?tab=a&b' })).toBe('/api/auth/oidc/start?returnTo=%2Fe%2Fhost%3Ftab%3Da%26b');
  });
});

describe('the endpoint table', () => {
  const entries = Object.entries(api);

  it('names in each path exactly the params its schema parses', () => {
    for (const [name, e] of entries) {
      const inPath = [...e.path.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]).sort();
      const declared = Object.keys((e.params as unknown as { shape: object }).shape).sort();
      expect(inPath, name).toEqual(declared);
    }
  });

  it('answers a redirect with 302 or 303, and everything else with a 2xx', () => {
    for (const [name, e] of entries) {
      if (e.produces === 'redirect') expect([302, 303], name).toContain(e.status);
      else expect([200, 201, 204], name).toContain(e.status);
    }
  });

  it('has one entry per method and path', () => {
    const routes = entries.map(([, e]) => `${e.method} ${e.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });
});
