import { describe, expect, it } from 'vitest';
import { makeAgenda, makeSession, makeStage } from '../../test/factories.ts';
import { ALL_COLUMNS, NO_TRACK, groupByStart, layoutTimetable, nowAndNext } from './timetable.ts';

const tz = 'Europe/Stockholm';
const day1 = '2026-11-24';

function setup() {
  const a = makeAgenda();
  const sessions = a.agenda.sessions.filter((s) => s.startsAt.startsWith(day1));
  return { ...a, sessions };
}

describe('layoutTimetable', () => {
  it('puts stages in position order as columns, after the time column', () => {
    const { agenda, sessions, big, small } = setup();
    const layout = layoutTimetable({ sessions, stages: agenda.stages, tracks: agenda.tracks, mode: 'stages', timeZone: tz });
    expect(layout.columns.map((c) => [c.key, c.gridStart])).toEqual([
      [big.id, 2],
      [small.id, 3],
    ]);
    expect(layout.gridColumns).toBe(2);
  });

  it('places each session in its stage column and 5-minute rows from the first half hour', () => {
    const { agenda, sessions, opening, robots, ai } = setup();
    const layout = layoutTimetable({ sessions, stages: agenda.stages, tracks: agenda.tracks, mode: 'stages', timeZone: tz });
    const card = (id: string) => layout.cards.find((c) => c.session.id === id)!;
    // Opening 09:00–09:45 on the big stage: rows 2 (09:00) to 11 (09:45).
    expect(card(opening.id)).toMatchObject({ colStart: 2, colEnd: 3, rowStart: 2, rowEnd: 11 });
    // Robots 09:00–09:30 on the small stage.
    expect(card(robots.id)).toMatchObject({ colStart: 3, colEnd: 4, rowStart: 2, rowEnd: 8 });
    // AI 10:15–11:00 on the big stage: 75 minutes after 09:00 is row 2 + 15.
    expect(card(ai.id)).toMatchObject({ colStart: 2, rowStart: 17, rowEnd: 26 });
    expect(layout.rows).toBe(24);
    expect(layout.labels.map((l) => l.text)).toEqual(['09:00', '09:30', '10:00', '10:30']);
  });

  it('lets a session without a stage (the coffee break) span every column', () => {
    const { agenda, sessions, coffee } = setup();
    const layout = layoutTimetable({ sessions, stages: agenda.stages, tracks: agenda.tracks, mode: 'stages', timeZone: tz });
    expect(layout.cards.find((c) => c.session.id === coffee.id)).toMatchObject({ columnKey: null, colStart: 2, colEnd: 4, rowStart: 11, rowEnd: 17 });
  });

  it('orders cards by time, then column, so tabbing follows the clock', () => {
    const { agenda, sessions } = setup();
    const layout = layoutTimetable({ sessions, stages: agenda.stages, tracks: agenda.tracks, mode: 'stages', timeZone: tz });
    expect(layout.cards.map((c) => c.session.title)).toEqual(['Öppning', 'Robotar i verkstaden', 'Kaffe', 'AI i produktionen', 'Cirkulära flöden']);
  });

  it('uses tracks as columns when asked', () => {
    const { agenda, sessions, digital, green, opening, robots } = setup();
    const layout = layoutTimetable({ sessions, stages: agenda.stages, tracks: agenda.tracks, mode: 'tracks', timeZone: tz });
    expect(layout.columns.map((c) => c.key)).toEqual([digital.id, green.id]);
    expect(layout.cards.find((c) => c.session.id === opening.id)?.colStart).toBe(2);
    expect(layout.cards.find((c) => c.session.id === robots.id)?.colStart).toBe(3);
  });

  it('gives overlapping sessions of one track side-by-side lanes', () => {
    const { agenda, digital } = setup();
    const a = makeSession(day1, '09:00', '10:00', { trackId: digital.id, stageId: agenda.stages[0]!.id });
    const b = makeSession(day1, '09:30', '10:30', { trackId: digital.id, stageId: agenda.stages[1]!.id });
    const c = makeSession(day1, '10:30', '11:00', { trackId: digital.id });
    const layout = layoutTimetable({ sessions: [a, b, c], stages: agenda.stages, tracks: agenda.tracks, mode: 'tracks', timeZone: tz });
    expect(layout.columns[0]).toMatchObject({ key: digital.id, lanes: 2, gridStart: 2 });
    expect(layout.columns[1]).toMatchObject({ gridStart: 4 });
    const card = (id: string) => layout.cards.find((x) => x.session.id === id)!;
    expect([card(a.id).colStart, card(a.id).colEnd]).toEqual([2, 3]);
    expect([card(b.id).colStart, card(b.id).colEnd]).toEqual([3, 4]);
    // Nothing beside it: the later session takes the column's full width.
    expect([card(c.id).colStart, card(c.id).colEnd]).toEqual([2, 4]);
  });

  it('collects track-less talks in a "no track" column, while breaks still span', () => {
    const { agenda, coffee } = setup();
    const loose = makeSession(day1, '11:00', '11:30', { title: 'Utan spår' });
    const layout = layoutTimetable({ sessions: [coffee, loose], stages: agenda.stages, tracks: agenda.tracks, mode: 'tracks', timeZone: tz });
    expect(layout.columns.map((c) => c.key)).toContain(NO_TRACK);
    expect(layout.cards.find((c) => c.session.id === loose.id)?.columnKey).toBe(NO_TRACK);
    expect(layout.cards.find((c) => c.session.id === coffee.id)?.columnKey).toBeNull();
  });

  it('still has one column when the event has no stages', () => {
    const s = makeSession(day1, '09:00', '09:30');
    const layout = layoutTimetable({ sessions: [s], stages: [], tracks: [], mode: 'stages', timeZone: tz });
    expect(layout.columns).toEqual([{ key: ALL_COLUMNS, name: '', lanes: 1, gridStart: 2 }]);
    expect(layout.cards[0]).toMatchObject({ colStart: 2, colEnd: 3 });
  });

  it('starts the grid at the half hour before an off-grid first session', () => {
    const stage = makeStage();
    const s = makeSession(day1, '08:50', '09:10', { stageId: stage.id });
    const layout = layoutTimetable({ sessions: [s], stages: [stage], tracks: [], mode: 'stages', timeZone: tz });
    expect(layout.labels[0]!.text).toBe('08:30');
    expect(layout.cards[0]).toMatchObject({ rowStart: 6, rowEnd: 10 });
  });
});

describe('nowAndNext', () => {
  it('marks what is on now and the next session in each column', () => {
    const { sessions, opening, robots, coffee, ai, circular } = setup();
    // 09:35: the opening runs (until 09:45), the small stage is free (robots ended 09:30).
    const now = new Date('2026-11-24T08:35:00Z');
    const marks = nowAndNext(sessions, 'stages', now, tz, day1);
    expect([...marks.now]).toEqual([opening.id]);
    // The coffee break (spanning) comes next in both columns.
    expect([...marks.next]).toEqual([coffee.id]);
    expect(marks.next.has(robots.id) || marks.next.has(ai.id) || marks.next.has(circular.id)).toBe(false);
  });

  it('marks the next session per stage after the break', () => {
    const { sessions, coffee, ai, circular } = setup();
    const now = new Date('2026-11-24T08:50:00Z'); // 09:50, during coffee
    const marks = nowAndNext(sessions, 'stages', now, tz, day1);
    expect([...marks.now]).toEqual([coffee.id]);
    expect(new Set(marks.next)).toEqual(new Set([ai.id, circular.id]));
  });

  it('marks nothing as next on another day', () => {
    const { sessions } = setup();
    const marks = nowAndNext(sessions, 'stages', new Date('2026-11-23T08:00:00Z'), tz, day1);
    expect(marks.next.size).toBe(0);
    expect(marks.now.size).toBe(0);
  });

  it('treats a session marked live as on now, whatever the clock says', () => {
    const { sessions, ai } = setup();
    const live = sessions.map((s) => (s.id === ai.id ? { ...s, status: 'live' as const } : s));
    expect(nowAndNext(live, 'stages', new Date('2026-11-24T07:00:00Z'), tz, day1).now.has(ai.id)).toBe(true);
  });
});

describe('groupByStart', () => {
  it('groups the narrow list by start time on the event clock', () => {
    const { sessions } = setup();
    expect(groupByStart(sessions, tz).map((g) => [g.time, g.sessions.length])).toEqual([
      ['09:00', 2],
      ['09:45', 1],
      ['10:15', 2],
    ]);
  });
});
