import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { mockFetch } from '../../test/factories.ts';
import { Layout } from '../../app/Layout.tsx';
import { resolveRoute } from '../../app/routes.tsx';

const user = { id: crypto.randomUUID(), email: 'alva@myndighet.se', displayName: 'Alva', locale: null };

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', user, memberships: [], meState: { status: 'ready' } });
  window.history.replaceState(null, '', '/');
});
afterEach(() => vi.unstubAllGlobals());

describe('the way to Mina uppgifter', () => {
  it('is in the account menu and opens /account with the page', async () => {
    vi.stubGlobal('fetch', mockFetch({
      'GET /api/me': () => ({ body: { email: user.email, displayName: 'Alva', isGuest: false, hasPassword: true, signedInAt: new Date().toISOString() } }),
    }).fetchMock);
    const { rerender } = render(<Layout route={resolveRoute('/')}><h1>Evenemang</h1></Layout>);
    expect(screen.queryByRole('link', { name: 'Mina uppgifter' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Inloggad som Alva' }));
    fireEvent.click(screen.getByRole('link', { name: 'Mina uppgifter' }));
    expect(window.location.pathname).toBe('/account');
    // The menu closes behind the link.
    expect(screen.getByRole('button', { name: 'Inloggad som Alva' }).getAttribute('aria-expanded')).toBe('false');

    const route = resolveRoute('/account');
    expect(route.name).toBe('account');
    rerender(<Layout route={route}>{route.render()}</Layout>);
    await waitFor(() => expect(screen.getByRole('link', { name: 'Ladda ner mina uppgifter (JSON)' })).toBeTruthy());
  });
});
