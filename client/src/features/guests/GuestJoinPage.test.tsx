import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { GuestJoinPage } from './GuestJoinPage.tsx';

let fixture: ReturnType<typeof makeAgenda>;
const guest = { id: crypto.randomUUID(), email: 'guest-x@guests.samling.invalid', displayName: 'Gunnel i salen', locale: null };

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', meState: { status: 'ready' } });
  fixture = makeAgenda();
  window.history.replaceState(null, '', '/join?code=123456');
});
afterEach(() => vi.unstubAllGlobals());

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Gå med' }));
  });
}

describe('<GuestJoinPage>', () => {
  it('takes the code from the QR link, posts code and name, and opens the live session', async () => {
    let joined = false;
    const live = { ...fixture.opening, status: 'live' as const };
    const { fetchMock, calls } = mockFetch({
      'POST /api/guest/join': () => {
        joined = true;
        return { status: 201, body: { eventSlug: fixture.event.slug } };
      },
      'GET /api/auth/me': () =>
        joined ? { body: { user: guest, memberships: [{ eventSlug: fixture.event.slug, role: 'guest' }] } } : { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'x' } } },
      [`GET /api/events/${fixture.event.slug}`]: () => ({ body: { ...fixture.agenda, sessions: fixture.agenda.sessions.map((s) => (s.id === live.id ? live : s)) } }),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<GuestJoinPage />);
    const code = screen.getByLabelText('Kod') as HTMLInputElement;
    expect(code.value).toBe('123456');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    fireEvent.change(screen.getByLabelText('Ditt namn'), { target: { value: ' Gunnel i salen ' } });
    await submit();
    await vi.waitFor(() => expect(window.location.pathname).toBe(`/e/${fixture.event.slug}/s/${live.id}`));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ code: '123456', displayName: 'Gunnel i salen' });
    expect(useStore.getState().user?.displayName).toBe('Gunnel i salen');
  });

  it('checks the code before sending and words the server’s refusals', async () => {
    let answer: { status: number; body: unknown } = { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Event with this code' } } };
    const { fetchMock, calls } = mockFetch({ 'POST /api/guest/join': () => answer });
    vi.stubGlobal('fetch', fetchMock);
    window.history.replaceState(null, '', '/join');
    render(<GuestJoinPage />);
    fireEvent.change(screen.getByLabelText('Kod'), { target: { value: '12 34' } });
    expect((screen.getByLabelText('Kod') as HTMLInputElement).value).toBe('1234');
    fireEvent.change(screen.getByLabelText('Ditt namn'), { target: { value: 'Gunnel' } });
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('Koden består av sex siffror.');
    expect(screen.getByLabelText('Kod').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Kod'), { target: { value: '654321' } });
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('Koden stämmer inte med något evenemang som tar emot gäster just nu. Kontrollera koden och försök igen.');

    answer = { status: 429, body: { error: { code: 'RATE_LIMITED', message: 'Too many', details: { retryAfterSeconds: 42 } } } };
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('För många försök. Vänta 42 sekunder och försök igen.');
    expect(window.location.pathname).toBe('/join');
  });
});
