/**
 * Wall-clock ↔ instant conversion for IANA zones, using only Intl.
 * Server and client share it so a time typed in the event's zone means the same instant everywhere,
 * including across the daylight-saving changes.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instant`: `{ date: 'YYYY-MM-DD', time: 'HH:mm' }`. */
export function toZoned(instant: Date | string, timeZone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Stockholm: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant when the wall clock in `timeZone` shows `date` `time`.
 * A time skipped by a spring-forward gap resolves to the instant after the gap;
 * a repeated autumn hour resolves to its first occurrence.
 */
export function fromZoned(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Try the offsets in force a day either side; the first that maps back onto the wall clock wins.
  const candidates = [
    zoneOffsetMinutes(new Date(wall - 86_400_000), timeZone),
    zoneOffsetMinutes(new Date(wall + 86_400_000), timeZone),
  ].sort((a, b) => b - a);
  for (const offset of candidates) {
    const instant = new Date(wall - offset * 60_000);
    const back = toZoned(instant, timeZone);
    if (back.date === date && back.time === time.slice(0, 5)) return instant;
  }
  // In a gap: the wall time does not exist; move forward by the gap.
  return new Date(wall - Math.min(...candidates) * 60_000);
}

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The dates from `start` to `end` inclusive. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
}

/** First and last instant of the event: midnight at the start of its first day to midnight after its last, in its zone. */
export function eventBounds(event: { startDate: string; endDate: string; timeZone: string }): { start: Date; end: Date } {
  return {
    start: fromZoned(event.startDate, '00:00', event.timeZone),
    end: fromZoned(addDays(event.endDate, 1), '00:00', event.timeZone),
  };
}
