import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to embedded PGlite under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toMatchObject({ kind: 'pglite' });
    expect(c.database.kind === 'pglite' && c.database.dataDir).toMatch(/data$/);
    expect(c.seedDemo).toBe(true);
  });

  it('switches to PostgreSQL with DATABASE_URL and makes cookies Secure behind https', () => {
    const c = loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/samling', PUBLIC_URL: 'https://samling.example.se' });
    expect(c.database).toEqual({ kind: 'postgresql', url: 'postgresql://u@db:5432/samling' });
    expect(c.seedDemo).toBe(false);
    expect(c.cookieSecure).toBe(true);
  });

  it('fails fast naming every bad key', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL/);
  });
});
