import { slugSchema } from '@samling/protocol';

/** Letters that do not decompose into a base letter and a mark. */
const spelledOut: Record<string, string> = { æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', đ: 'd', ł: 'l', þ: 'th' };

/** The longest slug the server accepts. */
export const SLUG_MAX_LENGTH = 64;

/**
 * A suggested address for an event name: lower case, å/ä → a and ö → o (any accent dropped),
 * every run of other characters → one dash, no dash at either end.
 * "Smart industri-dagarna 2027" → "smart-industri-dagarna-2027", "Hållbar Öresund" → "hallbar-oresund".
 */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[æøœßđłþ]/g, (c) => spelledOut[c] ?? c)
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/^-+|-+$/g, '');
}

/** Whether the server will accept the slug (same rule as the wire contract). */
export function isValidSlug(slug: string): boolean {
  return slugSchema.safeParse(slug).success;
}
