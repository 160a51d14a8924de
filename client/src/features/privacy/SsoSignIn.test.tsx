import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { mockFetch } from '../../test/factories.ts';
import { SignInPage } from '../auth/AuthPages.tsx';

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', user: null, memberships: [], meState: { status: 'ready' } });
});
afterEach(() => vi.unstubAllGlobals());

const providers = (oidc: { label: string } | null) => vi.stubGlobal('fetch', mockFetch({ 'GET /api/auth/providers': () => ({ body: { oidc } }) }).fetchMock);

describe('single sign-on on the sign-in page', () => {
  it('offers the provider’s button, coming back to where the person was going', async () => {
    providers({ label: 'Logga in med Freja eID' });
    window.history.replaceState(null, '', '/signin?next=%2Fe%2Fsmart%2Fmy');
    render(<SignInPage />);
    const link = await screen.findByRole('link', { name: 'Logga in med Freja eID' });
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/start?returnTo=%2Fe%2Fsmart%2Fmy');
  });

  it('shows no button when single sign-on is off', async () => {
    providers(null);
    window.history.replaceState(null, '', '/signin');
    render(<SignInPage />);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('link', { name: /Freja|e-legitimation/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Logga in' })).toBeTruthy();
  });

  it('says why the last attempt failed', async () => {
    providers({ label: 'Logga in med Freja eID' });
    window.history.replaceState(null, '', '/signin?ssoError=SSO_FAILED');
    render(<SignInPage />);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toContain('Inloggningen kunde inte slutföras.');
  });
});
