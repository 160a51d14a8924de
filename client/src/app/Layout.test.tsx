import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { resetStore, useStore } from '../store/index.ts';
import { mockFetch } from '../test/factories.ts';
import { Layout } from './Layout.tsx';
import { resolveRoute } from './routes.tsx';

const user = { id: crypto.randomUUID(), email: 'olle@samling.test', displayName: 'Olle', locale: null };

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', user, memberships: [{ eventSlug: 'smart-industri', role: 'organiser' }], meState: { status: 'ready' } });
  window.history.replaceState(null, '', '/');
});
afterEach(() => vi.unstubAllGlobals());

function renderLayout() {
  return render(
    <Layout route={resolveRoute('/')}>
      <h1>Evenemang</h1>
    </Layout>,
  );
}

describe('sign out everywhere', () => {
  it('asks first, posts to the endpoint and shows the signed-out state', async () => {
    const { fetchMock, calls } = mockFetch({ 'POST /api/auth/signout-everywhere': () => ({ status: 204 }) });
    vi.stubGlobal('fetch', fetchMock);
    useStore.setState({ members: { 'smart-industri': [] }, audit: { 'smart-industri': { entries: [], hasMore: false } } });
    renderLayout();

    // Hidden in the account menu until asked for; "Logga ut" stays one click away.
    expect(screen.getByRole('button', { name: 'Logga ut' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Logga ut överallt' })).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Inloggad som Olle' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Logga ut överallt' }));
    const confirm = screen.getByRole('group', { name: 'Du loggas ut i alla webbläsare och enheter.' });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Avbryt' })));
    expect(calls).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Logga ut överallt' }));
    await waitFor(() => expect(useStore.getState().user).toBeNull());
    expect(confirm.isConnected).toBe(false);
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/auth/signout-everywhere']);
    expect(useStore.getState().memberships).toEqual([]);
    expect(useStore.getState().audit).toEqual({});

    const signIn = await screen.findByRole('link', { name: 'Logga in' });
    expect(screen.queryByRole('button', { name: /Logga ut/ })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(signIn));
    expect(screen.getByRole('status').textContent).toBe('Du är utloggad i alla webbläsare och enheter.');
  });

  it('cancels back to the menu, and Escape closes it', async () => {
    const { fetchMock, calls } = mockFetch({});
    vi.stubGlobal('fetch', fetchMock);
    renderLayout();
    const toggle = screen.getByRole('button', { name: 'Inloggad som Olle' });
    fireEvent.click(toggle);
    fireEvent.click(screen.getByRole('button', { name: 'Logga ut överallt' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Avbryt' }));
    const item = screen.getByRole('button', { name: 'Logga ut överallt' });
    await waitFor(() => expect(document.activeElement).toBe(item));
    fireEvent.keyDown(item, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
    expect(calls).toHaveLength(0);
    expect(useStore.getState().user).toEqual(user);
  });

  it('stays signed in and says why when the server cannot do it', async () => {
    vi.stubGlobal('fetch', mockFetch({ 'POST /api/auth/signout-everywhere': () => ({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'down' } } }) }).fetchMock);
    renderLayout();
    fireEvent.click(screen.getByRole('button', { name: 'Inloggad som Olle' }));
    fireEvent.click(screen.getByRole('button', { name: 'Logga ut överallt' }));
    fireEvent.click(screen.getByRole('button', { name: 'Logga ut överallt' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Tjänsten är inte tillgänglig just nu. Försök igen om en stund.');
    expect(useStore.getState().user).toEqual(user);
  });
});
