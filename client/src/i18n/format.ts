import type { Language } from '@samling/protocol';
import { locales } from './translate.ts';

/** Noon UTC keeps a 'YYYY-MM-DD' on its own day whatever zone formats it. */
function dateAtNoon(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "tisdag 24 november" / "Tuesday 24 November". */
export function formatDay(date: string, lang: Language): string {
  return new Intl.DateTimeFormat(locales[lang], { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(dateAtNoon(date));
}

/** "24–26 november 2026" / "24–26 November 2026". */
export function formatDateRange(start: string, end: string, lang: Language): string {
  const f = new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return start === end ? f.format(dateAtNoon(start)) : f.formatRange(dateAtNoon(start), dateAtNoon(end));
}

/** "Smart, Panel och Workshop" style lists. */
export function formatList(items: string[], lang: Language): string {
  return new Intl.ListFormat(locales[lang], { style: 'long', type: 'conjunction' }).format(items);
}

/** "42 %" / "42%": a share 0–1 as a whole percentage. */
export function formatPercent(share: number, lang: Language): string {
  return new Intl.NumberFormat(locales[lang], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** "3,5" / "3.5": a number with at most `digits` decimals. */
export function formatDecimal(value: number, lang: Language, digits = 1): string {
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits }).format(value);
}
