/**
 * Small helpers shared by the schedule exporters and the importer.
 */

/** Colours for tracks that come without one (or with one the formats cannot carry). */
export const TRACK_PALETTE = [
  '#1f6feb',
  '#2da44e',
  '#bf8700',
  '#cf222e',
  '#8250df',
  '#0a7ea4',
  '#bc4c00',
  '#6e7781',
] as const;

/** `#rrggbb` in lower case, or null when `value` is not a hex colour (the XSD only accepts six digits). */
export function normaliseColour(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v.toLowerCase();
  const short = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  return null;
}

export function paletteColour(index: number): string {
  return TRACK_PALETTE[index % TRACK_PALETTE.length] ?? TRACK_PALETTE[0];
}

/** True for an absolute http(s) URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Cuts `value` to at most `max` UTF-16 units without leaving half a surrogate pair at the end. */
export function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** Two digits, for clock and date parts. */
export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * Lower-case ASCII words joined by dashes. Swedish and other Latin letters are folded
 * ("Hållbar" → "hallbar") so that slugs stay readable instead of losing every å.
 */
export function slugify(value: string): string {
  const folded = value
    .toLowerCase()
    .replace(/[æœßøđłþ]/g, (c) => ({ æ: 'ae', œ: 'oe', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', þ: 'th' })[c] ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
