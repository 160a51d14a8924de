import { describe, expect, it } from 'vitest';
import { ErrorCodes, errorDetailsSchemas, errorSchema } from './errors.ts';

describe('errorSchema', () => {
  it('reads each code with the details that code carries', () => {
    const parsed = errorSchema.parse({ code: 'MUTED', message: 'Muted', details: { mutedUntil: '2026-10-24T10:00:00Z' } });
    expect(parsed.code === 'MUTED' && parsed.details?.mutedUntil).toBe('2026-10-24T10:00:00Z');
    expect(errorSchema.parse({ code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterSeconds: 3 } })).toEqual({ code: 'RATE_LIMITED', message: 'Slow down', details: { retryAfterSeconds: 3 } });
  });

  it('refuses details of the wrong shape, and drops details from a code that carries none', () => {
    expect(errorSchema.safeParse({ code: 'RATE_LIMITED', message: 'x', details: { retryAfterSeconds: 'soon' } }).success).toBe(false);
    expect(errorSchema.safeParse({ code: 'NO_SUCH_CODE', message: 'x' }).success).toBe(false);
    expect(errorSchema.parse({ code: 'FORBIDDEN', message: 'No', details: { secret: 1 } })).toEqual({ code: 'FORBIDDEN', message: 'No' });
  });

  it('declares details only for codes in the registry', () => {
    for (const code of Object.keys(errorDetailsSchemas)) expect(ErrorCodes).toHaveProperty(code);
  });
});
