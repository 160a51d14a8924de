import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { mockFetch } from '../../test/factories.ts';
import { StarButton } from './StarButton.tsx';

const slug = 'smart-industri';
const sessionId = crypto.randomUUID();
const user = { id: crypto.randomUUID(), email: 'a@samling.test', displayName: 'Anna', locale: null };

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  window.history.replaceState(null, '', `/e/${slug}`);
});
afterEach(() => vi.unstubAllGlobals());

describe('<StarButton>', () => {
  it('stars and unstars, keeping its name and reporting the state with aria-pressed', async () => {
    const { fetchMock, calls } = mockFetch({
      [`PUT /api/events/${slug}/stars/${sessionId}`]: () => ({ body: { role: 'attendee', starredSessionIds: [sessionId] } }),
      [`DELETE /api/events/${slug}/stars/${sessionId}`]: () => ({ body: { role: 'attendee', starredSessionIds: [] } }),
    });
    vi.stubGlobal('fetch', fetchMock);
    useStore.setState({ user, myEvents: { [slug]: { role: 'attendee', starredSessionIds: [] } } });
    render(<StarButton slug={slug} sessionId={sessionId} title="Öppning" />);

    const button = screen.getByRole('button', { name: 'Stjärnmärk Öppning' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('true'));
    expect(screen.getByRole('button', { name: 'Stjärnmärk Öppning' })).toBe(button);
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('aria-pressed')).toBe('false'));
    expect(calls.map((c) => c.method)).toEqual(['PUT', 'DELETE']);
  });

  it('joins the event first when I am not a member yet', async () => {
    const { fetchMock, calls } = mockFetch({
      [`POST /api/events/${slug}/join`]: () => ({ body: { role: 'attendee', starredSessionIds: [] } }),
      [`PUT /api/events/${slug}/stars/${sessionId}`]: () => ({ body: { role: 'attendee', starredSessionIds: [sessionId] } }),
    });
    vi.stubGlobal('fetch', fetchMock);
    useStore.setState({ user, myEvents: { [slug]: { role: null, starredSessionIds: [] } } });
    render(<StarButton slug={slug} sessionId={sessionId} title="Öppning" />);
    fireEvent.click(screen.getByRole('button', { name: 'Stjärnmärk Öppning' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Stjärnmärk Öppning' }).getAttribute('aria-pressed')).toBe('true'));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([`POST /api/events/${slug}/join`, `PUT /api/events/${slug}/stars/${sessionId}`]);
    expect(useStore.getState().memberships).toEqual([{ eventSlug: slug, role: 'attendee' }]);
  });

  it('sends a signed-out visitor to sign in, and back here afterwards', () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    render(<StarButton slug={slug} sessionId={sessionId} title="Öppning" />);
    fireEvent.click(screen.getByRole('button', { name: 'Stjärnmärk Öppning' }));
    expect(window.location.pathname + window.location.search).toBe(`/signin?next=${encodeURIComponent(`/e/${slug}`)}`);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('announces a failure', async () => {
    const { fetchMock } = mockFetch({
      [`PUT /api/events/${slug}/stars/${sessionId}`]: () => ({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'no' } } }),
    });
    vi.stubGlobal('fetch', fetchMock);
    useStore.setState({ user, myEvents: { [slug]: { role: 'attendee', starredSessionIds: [] } } });
    render(<StarButton slug={slug} sessionId={sessionId} title="Öppning" />);
    fireEvent.click(screen.getByRole('button', { name: 'Stjärnmärk Öppning' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Stjärnmärkningen kunde inte sparas. Du har inte behörighet att göra det här.');
  });
});
