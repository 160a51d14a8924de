// The production compose file gives the stage's WebRTC what it needs: an announced address and a published port range
// that is the very range the media workers use.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const compose = parse(fs.readFileSync(path.resolve(here, '../../docker-compose.yml'), 'utf8'));

/** `${NAME:?message}` and `${NAME:-default}` as compose fills them in from `vars`. */
const substitute = (value: string, vars: Record<string, string>) =>
  value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_m, name: string, fallback?: string) => vars[name] ?? fallback ?? '');

describe('docker-compose.yml: the stage', () => {
  const server = compose.services.server;
  const env: Record<string, string> = Object.fromEntries(
    Object.entries(server.environment as Record<string, string>).map(([k, v]) => [
      k,
      substitute(String(v), { RTC_ANNOUNCED_IP: '203.0.113.7', POSTGRES_PASSWORD: 'x', PUBLIC_URL: 'https://samling.example.se', TURN_SECRET: 'en-hemlighet-för-turn' }),
    ]),
  );

  it('publishes the media workers’ whole port range for UDP and TCP', () => {
    const config = loadConfig(env).media;
    const range = `${config.minPort}-${config.maxPort}`;
    expect(server.ports).toEqual(expect.arrayContaining([`${range}:${range}/udp`, `${range}:${range}/tcp`]));
    expect(config.enableTcp).toBe(true);
  });

  it('announces the public address it is given and listens on every address', () => {
    expect(server.environment.RTC_ANNOUNCED_IP).toMatch(/^\$\{RTC_ANNOUNCED_IP:\?/); // required, no made-up default
    const config = loadConfig(env).media;
    expect(config.announcedIp).toBe('203.0.113.7');
    expect(config.listenIp).toBe('0.0.0.0');
  });
});
