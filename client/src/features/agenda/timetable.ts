import { toZoned, type Session, type Stage, type Track } from '@samling/protocol';
import { isOnNow } from './time.ts';

/** What the timetable's columns are. */
export type ColumnMode = 'stages' | 'tracks';

/** Grid row height, in minutes. */
export const SLOT_MINUTES = 5;
/** A time label every so many minutes. */
const LABEL_MINUTES = 30;
const MINUTE = 60_000;

/** Column key of sessions in track mode that have no track but are not breaks. */
export const NO_TRACK = '__no-track';
/** Column key of the one column shown when there are no stages (or tracks) at all. */
export const ALL_COLUMNS = '__all';

export interface TimetableColumn {
  key: string;
  /** Empty for the pseudo columns; the view names them. */
  name: string;
  lanes: number;
  /** First CSS grid column (the time labels are column 1). */
  gridStart: number;
}

export interface TimetableCard {
  session: Session;
  /** Null when the card spans every column (a break, or a session without a stage). */
  columnKey: string | null;
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
}

export interface TimetableLayout {
  columns: TimetableColumn[];
  /** Number of session grid columns (excluding the time column). */
  gridColumns: number;
  /** Number of SLOT_MINUTES rows (the header is row 1, slots start at row 2). */
  rows: number;
  cards: TimetableCard[];
  labels: { text: string; dateTime: string; rowStart: number; rowEnd: number }[];
}

/** Which column a session belongs to in a mode; null means it spans all columns. */
export function columnKeyOf(session: Session, mode: ColumnMode): string | null {
  if (mode === 'stages') return session.stageId;
  if (session.trackId) return session.trackId;
  return session.kind === 'break' ? null : NO_TRACK;
}

const byPosition = <T extends { position: number; name: string }>(a: T, b: T) =>
  a.position - b.position || a.name.localeCompare(b.name);

const startMs = (s: Session) => new Date(s.startsAt).getTime();
const endMs = (s: Session) => new Date(s.endsAt).getTime();
const byStart = (a: Session, b: Session) => startMs(a) - startMs(b) || endMs(a) - endMs(b) || a.title.localeCompare(b.title);

/** Greedy interval partitioning: overlapping sessions in one column get side-by-side lanes. */
function assignLanes(sessions: Session[]): { lanes: number; laneOf: Map<string, number>; spanOf: Map<string, number> } {
  const laneEnds: number[] = [];
  const laneOf = new Map<string, number>();
  const members: Session[][] = [];
  for (const s of [...sessions].sort(byStart)) {
    let lane = laneEnds.findIndex((end) => end <= startMs(s));
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = endMs(s);
    laneOf.set(s.id, lane);
    (members[lane] ??= []).push(s);
  }
  const lanes = Math.max(1, laneEnds.length);
  // A session widens over the lanes to its right that are free for its whole time.
  const spanOf = new Map<string, number>();
  for (const s of sessions) {
    const lane = laneOf.get(s.id)!;
    let span = 1;
    while (lane + span < lanes && !(members[lane + span] ?? []).some((o) => startMs(o) < endMs(s) && startMs(s) < endMs(o))) span++;
    spanOf.set(s.id, span);
  }
  return { lanes, laneOf, spanOf };
}

/** Places one day's sessions on a CSS grid: columns per stage (or track), rows per 5 minutes. */
export function layoutTimetable(input: {
  sessions: Session[];
  stages: Stage[];
  tracks: Track[];
  mode: ColumnMode;
  timeZone: string;
}): TimetableLayout {
  const { sessions, mode, timeZone } = input;
  const keyed = new Map<string, Session[]>();
  const spanning: Session[] = [];

  const known = mode === 'stages' ? [...input.stages].sort(byPosition) : [...input.tracks].sort(byPosition);
  const columnDefs: { key: string; name: string }[] = known.map((x) => ({ key: x.id, name: x.name }));
  const knownKeys = new Set(columnDefs.map((c) => c.key));
  for (const s of sessions) {
    const key = columnKeyOf(s, mode);
    if (key === NO_TRACK && !knownKeys.has(NO_TRACK)) {
      columnDefs.push({ key: NO_TRACK, name: '' });
      knownKeys.add(NO_TRACK);
    }
    if (key === null || !knownKeys.has(key)) spanning.push(s);
    else keyed.set(key, [...(keyed.get(key) ?? []), s]);
  }
  if (columnDefs.length === 0) columnDefs.push({ key: ALL_COLUMNS, name: '' });

  const columns: TimetableColumn[] = [];
  const cards: TimetableCard[] = [];
  let gridStart = 2;
  const laneInfo = new Map<string, ReturnType<typeof assignLanes>>();
  for (const def of columnDefs) {
    const info = assignLanes(keyed.get(def.key) ?? []);
    laneInfo.set(def.key, info);
    columns.push({ ...def, lanes: info.lanes, gridStart });
    gridStart += info.lanes;
  }
  const gridColumns = gridStart - 2;

  if (sessions.length === 0) return { columns, gridColumns, rows: 0, cards, labels: [] };

  // The grid starts at the half hour on or before the first session, on the event's wall clock.
  const first = Math.floor(Math.min(...sessions.map(startMs)) / MINUTE) * MINUTE;
  const [h, m] = toZoned(new Date(first), timeZone).time.split(':').map(Number) as [number, number];
  const dayStart = first - (((h * 60 + m) % LABEL_MINUTES) * MINUTE);
  const dayEnd = Math.max(...sessions.map(endMs));
  const rows = Math.max(1, Math.ceil((dayEnd - dayStart) / (SLOT_MINUTES * MINUTE)));
  const rowOf = (t: number, round: (x: number) => number) => 2 + round((t - dayStart) / (SLOT_MINUTES * MINUTE));

  const place = (s: Session, columnKey: string | null, colStart: number, colEnd: number) => {
    const rowStart = rowOf(startMs(s), Math.floor);
    cards.push({ session: s, columnKey, rowStart, rowEnd: Math.max(rowStart + 1, rowOf(endMs(s), Math.ceil)), colStart, colEnd });
  };
  for (const column of columns) {
    const info = laneInfo.get(column.key)!;
    for (const s of keyed.get(column.key) ?? []) {
      const colStart = column.gridStart + info.laneOf.get(s.id)!;
      place(s, column.key, colStart, colStart + info.spanOf.get(s.id)!);
    }
  }
  for (const s of spanning) place(s, null, 2, 2 + gridColumns);
  // Reading and tab order follow the clock, then the columns.
  cards.sort((a, b) => a.rowStart - b.rowStart || a.colStart - b.colStart);

  const labels: TimetableLayout['labels'] = [];
  const slotsPerLabel = LABEL_MINUTES / SLOT_MINUTES;
  for (let row = 0; row < rows; row += slotsPerLabel) {
    const at = new Date(dayStart + row * SLOT_MINUTES * MINUTE);
    labels.push({ text: toZoned(at, timeZone).time, dateTime: at.toISOString(), rowStart: 2 + row, rowEnd: 2 + Math.min(rows, row + slotsPerLabel) });
  }
  return { columns, gridColumns, rows, cards, labels };
}

/**
 * Which sessions are on now, and which is next in each column (a spanning session counts in every column).
 * "Next" is only marked on the day `now` falls on, in the event's zone.
 */
export function nowAndNext(
  sessions: Session[],
  mode: ColumnMode,
  now: Date,
  timeZone: string,
  day: string,
): { now: Set<string>; next: Set<string> } {
  const onNow = new Set(sessions.filter((s) => isOnNow(s, now)).map((s) => s.id));
  const next = new Set<string>();
  if (toZoned(now, timeZone).date !== day) return { now: onNow, next };
  const keys = new Set(sessions.map((s) => columnKeyOf(s, mode)).filter((k): k is string => k !== null));
  if (keys.size === 0) keys.add(ALL_COLUMNS);
  const t = now.getTime();
  for (const key of keys) {
    const upcoming = sessions
      .filter((s) => {
        const k = columnKeyOf(s, mode);
        return (k === key || k === null) && startMs(s) > t && s.status === 'scheduled';
      })
      .sort(byStart);
    const first = upcoming[0];
    if (!first) continue;
    for (const s of upcoming) if (startMs(s) === startMs(first)) next.add(s.id);
  }
  return { now: onNow, next };
}

/** Sessions grouped by their start time on the event's clock, for the narrow list. */
export function groupByStart(sessions: Session[], timeZone: string): { time: string; startsAt: string; sessions: Session[] }[] {
  const groups = new Map<string, { time: string; startsAt: string; sessions: Session[] }>();
  for (const s of [...sessions].sort(byStart)) {
    const group = groups.get(s.startsAt) ?? { time: toZoned(s.startsAt, timeZone).time, startsAt: s.startsAt, sessions: [] };
    group.sessions.push(s);
    groups.set(s.startsAt, group);
  }
  return [...groups.values()];
}

export { byStart as compareSessionsByStart };
