import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { Linkified, safeHref, splitLinks } from './linkify.tsx';

const renderText = (text: string) => render(<p data-testid="text"><Linkified text={text} newTabNote="(öppnas i ny flik)" /></p>).container;

describe('linkify', () => {
  it('links http(s) addresses only, opening in a new tab without referrer or endorsement', () => {
    const el = renderText('Se https://example.org/program?dag=1. Inte javascript:alert(1), data:text/html,x eller ftp://example.org. Och HTTP://EXAMPLE.SE');
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org/program?dag=1', 'http://example.se/']);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer nofollow ugc');
    }
    expect(links[0]!.textContent).toBe('https://example.org/program?dag=1 (öppnas i ny flik)');
    expect(el.textContent).toContain('Inte javascript:alert(1), data:text/html,x eller ftp://example.org.');
  });

  it('keeps HTML as visible text, never as elements', () => {
    const el = renderText('<script>alert(1)</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">klicka</a>');
    expect(el.querySelector('script')).toBeNull();
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('a')).toBeNull();
    expect(el.textContent).toBe('<script>alert(1)</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">klicka</a>');
  });

  it('leaves sentence punctuation out of the address but keeps balanced parentheses', () => {
    expect(splitLinks('(se https://sv.wikipedia.org/wiki/Fika_(dryck))')).toEqual([
      { text: '(se ' },
      { text: 'https://sv.wikipedia.org/wiki/Fika_(dryck)', href: 'https://sv.wikipedia.org/wiki/Fika_(dryck)' },
      { text: ')' },
    ]);
    expect(splitLinks('Länk: https://samling.se!').map((p) => p.href ?? null)).toEqual([null, 'https://samling.se/', null]);
  });

  it('refuses anything that is not http(s)', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('https://')).toBeNull();
    expect(safeHref('https://example.org')).toBe('https://example.org/');
  });
});
