import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Link, matchPath, safeNext } from './router.tsx';
import { resolveRoute } from './routes.tsx';

describe('matchPath', () => {
  it('matches patterns and decodes params', () => {
    expect(matchPath('/e/:slug/s/:id', '/e/smart-industri/s/abc')).toEqual({ slug: 'smart-industri', id: 'abc' });
    expect(matchPath('/e/:slug', '/e/smart-industri/')).toEqual({ slug: 'smart-industri' });
    expect(matchPath('/e/:slug', '/e/smart-industri/my')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
  });
});

describe('resolveRoute', () => {
  it('finds each page', () => {
    expect(['/', '/new', '/e/x-y', '/e/x-y/s/1', '/e/x-y/my', '/e/x-y/manage', '/signin', '/signup', '/nope/nope'].map((p) => resolveRoute(p).name)).toEqual([
      'events', 'newEvent', 'agenda', 'session', 'my', 'manage', 'signIn', 'signUp', 'notFound',
    ]);
    expect(resolveRoute('/e/x-y/my').slug).toBe('x-y');
  });
});

describe('safeNext', () => {
  it('only follows same-site paths', () => {
    expect(safeNext('/e/x/my')).toBe('/e/x/my');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});

describe('<Link>', () => {
  it('navigates with the history API on a plain click', () => {
    window.history.replaceState(null, '', '/');
    render(<Link to="/e/smart-industri">Program</Link>);
    fireEvent.click(screen.getByRole('link', { name: 'Program' }));
    expect(window.location.pathname).toBe('/e/smart-industri');
  });
});
