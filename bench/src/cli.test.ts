import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError, usage } from './cli.ts';
import { parseOptions, specs } from './options.ts';

const s = {
  attendees: { type: 'number', default: 100, min: 2, integer: true, help: 'people' },
  url: { type: 'string', default: null, help: 'where' },
  db: { type: 'string', default: 'pglite', choices: ['pglite', 'postgres'], help: 'database' },
  pin: { type: 'boolean', default: true, help: 'pin' },
  scenarios: { type: 'list', default: ['a', 'b'], choices: ['a', 'b', 'c'], help: 'which' },
} as const;

describe('the command line', () => {
  it('gives the defaults when nothing is passed, and skips the separator pnpm passes on', () => {
    expect(parseArgs(s, ['--'])).toEqual({ help: false, attendees: 100, url: null, db: 'pglite', pin: true, scenarios: ['a', 'b'] });
  });

  it('reads values after a space or an equals sign, sizes like 10k, switches and their negation, lists', () => {
    const o = parseArgs(s, ['--attendees', '10k', '--url=http://127.0.0.1:3000', '--no-pin', '--scenarios', 'c,a', '--db', 'postgres']);
    expect(o).toMatchObject({ attendees: 10_000, url: 'http://127.0.0.1:3000', pin: false, scenarios: ['c', 'a'], db: 'postgres' });
  });

  it('refuses what it does not know, values out of range and missing values, naming the option', () => {
    expect(() => parseArgs(s, ['--atendees', '5'])).toThrow(new UsageError('unknown option --atendees'));
    expect(() => parseArgs(s, ['--attendees', '1'])).toThrow(/--attendees is at least 2/);
    expect(() => parseArgs(s, ['--attendees', '2.5'])).toThrow(/whole number/);
    expect(() => parseArgs(s, ['--attendees', 'many'])).toThrow(/needs a number/);
    expect(() => parseArgs(s, ['--url'])).toThrow(/--url needs a value/);
    expect(() => parseArgs(s, ['--url', '--pin'])).toThrow(/--url needs a value/);
    expect(() => parseArgs(s, ['--db', 'mysql'])).toThrow(/one of pglite, postgres/);
    expect(() => parseArgs(s, ['--scenarios', 'a,d'])).toThrow(/unknown d/);
    expect(() => parseArgs(s, ['stray'])).toThrow(/unexpected argument "stray"/);
  });

  it('lists every option of the harness in its help, with defaults', () => {
    const text = usage(specs, 'intro');
    for (const flag of ['--attendees N', '--url S', '--scenarios a,b', '--no-pin', '--vote-window N']) {
      expect(text.replace('--pin', '--no-pin')).toContain(flag);
    }
    expect(text).toContain('(default 100)');
  });

  it('takes the moderator password and metrics token from the environment when not given', () => {
    const o = parseOptions([], { SAMLING_DEMO_PASSWORD: 'secret-123', SAMLING_METRICS_TOKEN: 'tok' });
    expect(o.moderatorPassword).toBe('secret-123');
    expect(o.metricsToken).toBe('tok');
    expect(parseOptions(['--moderator-password', 'given'], { SAMLING_DEMO_PASSWORD: 'env' }).moderatorPassword).toBe('given');
  });
});
