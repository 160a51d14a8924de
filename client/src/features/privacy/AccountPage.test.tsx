import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AccountSummary } from '@samling/protocol';
import { resetStore, useStore } from '../../store/index.ts';
import { mockFetch } from '../../test/factories.ts';
import { AccountDeletedNotice, AccountPage } from './AccountPage.tsx';

const user = { id: crypto.randomUUID(), email: 'alva@myndighet.se', displayName: 'Alva', locale: null };
const summary = (over: Partial<AccountSummary> = {}): AccountSummary => ({
  email: user.email, displayName: user.displayName, isGuest: false, hasPassword: true, signedInAt: new Date().toISOString(), ...over,
});

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', user, memberships: [], meState: { status: 'ready' } });
  window.history.replaceState(null, '', '/account');
});
afterEach(() => vi.unstubAllGlobals());

function stub(account: AccountSummary, remove: (body: unknown) => { status?: number; body?: unknown }) {
  const mock = mockFetch({
    'GET /api/me': () => ({ body: account }),
    'DELETE /api/me': ({ body }) => remove(body),
    'POST /api/auth/signout': () => ({ status: 204 }),
  });
  vi.stubGlobal('fetch', mock.fetchMock);
  return mock;
}

describe('Mina uppgifter', () => {
  it('asks a signed-out visitor to sign in', () => {
    useStore.setState({ user: null });
    render(<AccountPage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Mina uppgifter');
    expect(screen.getByText('Logga in för att se dina uppgifter.')).toBeTruthy();
  });

  it('offers the download and explains what stays after a deletion', async () => {
    stub(summary(), () => ({ status: 204 }));
    render(<AccountPage />);
    const link = await screen.findByRole('link', { name: 'Ladda ner mina uppgifter (JSON)' });
    expect(link.getAttribute('href')).toBe('/api/me/data');
    expect(link.hasAttribute('download')).toBe(true);
    expect(screen.getByText(/visas som skrivna av ”borttagen användare”/)).toBeTruthy();
    expect(screen.getByLabelText('Ditt lösenord').getAttribute('type')).toBe('password');
  });

  it('says a wrong password, keeps the person signed in, and deletes with the right one', async () => {
    const mock = stub(summary(), (body) => ((body as { password: string }).password === 'rätt lösenord'
      ? { status: 204 }
      : { status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: 'Wrong password' } } }));
    render(<AccountPage />);
    const field = await screen.findByLabelText('Ditt lösenord');
    const submit = screen.getByRole('button', { name: 'Radera mitt konto' });

    fireEvent.click(submit);
    expect((await screen.findByRole('alert')).textContent).toContain('Ditt lösenord');
    expect(mock.calls.some((c) => c.method === 'DELETE')).toBe(false);

    fireEvent.change(field, { target: { value: 'fel' } });
    fireEvent.click(submit);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Fel lösenord.'));
    expect(useStore.getState().user).not.toBeNull();

    fireEvent.change(field, { target: { value: 'rätt lösenord' } });
    fireEvent.click(submit);
    await waitFor(() => expect(window.location.pathname + window.location.search).toBe('/?kontoRaderat=1'));
    expect(mock.calls.filter((c) => c.method === 'DELETE').at(-1)!.body).toEqual({ password: 'rätt lösenord' });
    expect(useStore.getState().user).toBeNull();
  });

  it('asks an account without a password for the phrase, and passes on the need to sign in again', async () => {
    const mock = stub(summary({ hasPassword: false }), () => ({ status: 403, body: { error: { code: 'RECENT_SIGN_IN_REQUIRED', message: 'Sign in again' } } }));
    render(<AccountPage />);
    const field = await screen.findByLabelText('Skriv ”radera mitt konto” för att bekräfta');
    expect(field.getAttribute('type')).toBe('text');
    expect(screen.getByText(/Har det gått mer än 15 minuter/)).toBeTruthy();
    fireEvent.change(field, { target: { value: 'radera' } });
    fireEvent.click(screen.getByRole('button', { name: 'Radera mitt konto' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Skriv frasen exakt som den står.');
    expect(mock.calls.some((c) => c.method === 'DELETE')).toBe(false);

    fireEvent.change(field, { target: { value: 'Radera mitt konto' } });
    fireEvent.click(screen.getByRole('button', { name: 'Radera mitt konto' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Logga in igen först'));
    expect(mock.calls.find((c) => c.method === 'DELETE')!.body).toEqual({ confirmation: 'Radera mitt konto' });
  });

  it('speaks English, and a guest is not told about signing in again', async () => {
    useStore.setState({ lang: 'en' });
    stub(summary({ isGuest: true, hasPassword: false }), () => ({ status: 204 }));
    render(<AccountPage />);
    expect(await screen.findByRole('link', { name: 'Download my data (JSON)' })).toBeTruthy();
    expect(screen.getByLabelText('Type “radera mitt konto” to confirm')).toBeTruthy();
    expect(screen.queryByText(/sign in again first/)).toBeNull();
  });

  it('tells the start page the account is gone', async () => {
    window.history.replaceState(null, '', '/?kontoRaderat=1');
    render(<AccountDeletedNotice />);
    expect((await screen.findByRole('status')).textContent).toBe('Ditt konto är raderat. Du är utloggad.');
  });
});
