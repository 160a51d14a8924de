import { describe, expect, it } from 'vitest';
import { datesBetween, eventBounds, fromZoned, isValidTimeZone, toZoned, zoneOffsetMinutes } from './time.ts';

const tz = 'Europe/Stockholm';

describe('wall clock ↔ instant in Europe/Stockholm', () => {
  it('maps 09:00 to 07:00Z in summer time and 08:00Z in winter time', () => {
    expect(fromZoned('2026-10-24', '09:00', tz).toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(fromZoned('2026-10-25', '09:00', tz).toISOString()).toBe('2026-10-25T08:00:00.000Z');
    expect(fromZoned('2026-03-29', '09:00', tz).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('resolves the repeated autumn hour to its first occurrence and the skipped spring hour forward', () => {
    expect(fromZoned('2026-10-25', '02:30', tz).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(toZoned(fromZoned('2026-03-29', '02:30', tz), tz)).toEqual({ date: '2026-03-29', time: '03:30' });
  });

  it('round-trips every quarter hour of the change days', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        if (date === '2026-03-29' && time >= '02:00' && time < '03:00') continue; // does not exist
        expect(toZoned(fromZoned(date, time, tz), tz)).toEqual({ date, time });
      }
    }
  });

  it('knows the offsets and the event bounds', () => {
    expect(zoneOffsetMinutes(new Date('2026-07-01T12:00:00Z'), tz)).toBe(120);
    expect(zoneOffsetMinutes(new Date('2026-12-01T12:00:00Z'), tz)).toBe(60);
    const b = eventBounds({ startDate: '2026-10-24', endDate: '2026-10-25', timeZone: tz });
    expect(b.start.toISOString()).toBe('2026-10-23T22:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(isValidTimeZone('Europe/Stockholm')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
