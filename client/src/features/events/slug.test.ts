import { describe, expect, it } from 'vitest';
import { isValidSlug, slugify } from './slug.ts';

describe('slugify', () => {
  it('turns an event name into an address', () => {
    expect(slugify('Smart industri-dagarna 2027')).toBe('smart-industri-dagarna-2027');
    expect(slugify('Hållbar Öresund')).toBe('hallbar-oresund');
    expect(slugify('Åsa & Ängel: mötet')).toBe('asa-angel-motet');
  });

  it('collapses runs of other characters and trims dashes at the ends', () => {
    expect(slugify('  --Café  --  Ærø!! ')).toBe('cafe-aero');
    expect(slugify('!!!')).toBe('');
  });

  it('stays within 64 characters without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(63)} b`);
    expect(slug).toBe('a'.repeat(63));
    expect(isValidSlug(slugify('Konferens '.repeat(20)))).toBe(true);
  });

  it('produces addresses the server accepts', () => {
    expect(isValidSlug(slugify('Smart industri-dagarna 2027'))).toBe(true);
    expect(isValidSlug('ab')).toBe(false);
    expect(isValidSlug('Stora-bokstäver')).toBe(false);
    expect(isValidSlug('dubbla--streck')).toBe(false);
  });
});
