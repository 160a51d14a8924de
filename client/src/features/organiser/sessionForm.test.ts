import { describe, expect, it } from 'vitest';
import { formToInput, sessionToForm, emptySessionForm, isWallTime } from './sessionForm.ts';
import { makeEvent, makeSession } from '../../test/factories.ts';

const event = makeEvent({ startDate: '2026-10-24', endDate: '2026-10-26' });
const at = (day: string, start: string, end: string) =>
  formToInput({ ...emptySessionForm(event), title: ' Öppning ', day, start, end }, 'Europe/Stockholm');

describe('formToInput', () => {
  it('reads 09:00 on 2026-10-25 in Stockholm as 08:00Z: the clocks went back that night', () => {
    expect(at('2026-10-25', '09:00', '09:45')).toMatchObject({ startsAt: '2026-10-25T08:00:00.000Z', endsAt: '2026-10-25T08:45:00.000Z' });
  });

  it('reads 09:00 on 2026-10-24 in Stockholm as 07:00Z: still summer time', () => {
    expect(at('2026-10-24', '09:00', '10:00')).toMatchObject({ startsAt: '2026-10-24T07:00:00.000Z', endsAt: '2026-10-24T08:00:00.000Z' });
  });

  it('trims the title and sends empty selects as null', () => {
    expect(at('2026-10-24', '09:00', '10:00')).toMatchObject({ title: 'Öppning', stageId: null, trackId: null, speakerIds: [] });
  });
});

describe('sessionToForm', () => {
  it('shows a saved session on the event’s wall clock', () => {
    const session = makeSession('2026-10-25', '09:00', '09:45');
    expect(sessionToForm(session, 'Europe/Stockholm')).toMatchObject({ day: '2026-10-25', start: '09:00', end: '09:45' });
  });
});

describe('isWallTime', () => {
  it('accepts HH:MM and rejects the rest', () => {
    expect(isWallTime('09:00')).toBe(true);
    expect(isWallTime('23:59')).toBe(true);
    expect(isWallTime('24:00')).toBe(false);
    expect(isWallTime('9')).toBe(false);
  });
});
