import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { makeEvent, mockFetch } from '../../test/factories.ts';
import { EventsPage } from './EventsPage.tsx';
import { NewEventPage } from './NewEventPage.tsx';

const user = { id: crypto.randomUUID(), email: 'organiser@samling.test', displayName: 'Olle', locale: null };

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  window.history.replaceState(null, '', '/new');
});
afterEach(() => vi.unstubAllGlobals());

function signIn() {
  useStore.setState({ user, memberships: [], meState: { status: 'ready' } });
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });

function fillForm() {
  type('Namn', 'Smart industri-dagarna 2027');
  type('Startdatum', '2027-11-23');
  type('Slutdatum', '2027-11-24');
}

describe('<NewEventPage>', () => {
  it('fills the address from the name until the organiser edits it', () => {
    signIn();
    render(<NewEventPage />);
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Skapa evenemang']);

    type('Namn', 'Smart industri-dagarna 2027');
    expect(field('Adress (slug)').value).toBe('smart-industri-dagarna-2027');
    type('Namn', 'Hållbar Öresund');
    expect(field('Adress (slug)').value).toBe('hallbar-oresund');

    type('Adress (slug)', 'oresund-2027');
    type('Namn', 'Hållbar Öresund 2027');
    expect(field('Adress (slug)').value).toBe('oresund-2027');
  });

  it('labels every control and starts in Stockholm', () => {
    signIn();
    render(<NewEventPage />);
    for (const label of ['Namn', 'Adress (slug)', 'Startdatum', 'Slutdatum', 'Tidszon', 'Språk för evenemanget', 'Beskrivning']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect(field('Tidszon').value).toBe('Europe/Stockholm');
    expect(field('Adress (slug)').getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Skapa evenemang' })).toBeTruthy();
  });

  it('shows SLUG_TAKEN in Swedish, marks the address and moves focus to it', async () => {
    const { fetchMock, calls } = mockFetch({
      'POST /api/events': () => ({ status: 409, body: { error: { code: 'SLUG_TAKEN', message: 'Another event already uses this address' } } }),
    });
    vi.stubGlobal('fetch', fetchMock);
    signIn();
    render(<NewEventPage />);
    fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Skapa evenemang' }));

    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Adressen används redan av ett annat evenemang.'));
    expect(calls[0]!.body).toEqual({
      name: 'Smart industri-dagarna 2027',
      slug: 'smart-industri-dagarna-2027',
      description: '',
      startDate: '2027-11-23',
      endDate: '2027-11-24',
      timeZone: 'Europe/Stockholm',
      defaultLanguage: 'sv',
    });
    const slug = field('Adress (slug)');
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    expect(slug.getAttribute('aria-describedby')).toContain(screen.getByRole('alert').id);
    await waitFor(() => expect(document.activeElement).toBe(slug));
  });

  it('refuses a missing name and an end before the start without calling the server', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    signIn();
    render(<NewEventPage />);
    fireEvent.click(screen.getByRole('button', { name: 'Skapa evenemang' }));
    expect(screen.getByRole('alert').textContent).toBe('Fyll i Namn.');
    await waitFor(() => expect(document.activeElement).toBe(field('Namn')));

    fillForm();
    type('Slutdatum', '2027-11-22');
    fireEvent.click(screen.getByRole('button', { name: 'Skapa evenemang' }));
    expect(screen.getByRole('alert').textContent).toBe('Slutdatumet kan inte vara före startdatumet.');
    await waitFor(() => expect(document.activeElement).toBe(field('Slutdatum')));
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('focuses the alert when no field is to blame', async () => {
    vi.stubGlobal('fetch', mockFetch({ 'POST /api/events': () => ({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Down' } } }) }).fetchMock);
    signIn();
    render(<NewEventPage />);
    fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Skapa evenemang' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('alert')));
    expect(screen.getByRole('alert').textContent).toBe('Tjänsten är inte tillgänglig just nu. Försök igen om en stund.');
  });

  it('reloads /api/auth/me and opens the new event’s editor', async () => {
    const event = makeEvent({ slug: 'smart-industri-dagarna-2027', name: 'Smart industri-dagarna 2027', startDate: '2027-11-23', endDate: '2027-11-24' });
    const { fetchMock, calls } = mockFetch({
      'POST /api/events': () => ({ status: 201, body: event }),
      'GET /api/auth/me': () => ({ body: { user, memberships: [{ eventSlug: event.slug, role: 'organiser' }] } }),
    });
    vi.stubGlobal('fetch', fetchMock);
    signIn();
    render(<NewEventPage />);
    fillForm();
    fireEvent.click(screen.getByRole('button', { name: 'Skapa evenemang' }));

    await waitFor(() => expect(window.location.pathname).toBe('/e/smart-industri-dagarna-2027/manage'));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/events', 'GET /api/auth/me']);
    expect(useStore.getState().memberships).toEqual([{ eventSlug: event.slug, role: 'organiser' }]);
    expect(useStore.getState().events[event.slug]).toEqual(event);
  });

  it('asks a signed-out visitor to sign in instead of showing the form', () => {
    useStore.setState({ meState: { status: 'ready' } });
    render(<NewEventPage />);
    expect(screen.getByText('Logga in för att skapa ett evenemang. Den som skapar ett evenemang blir dess arrangör.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Skapa evenemang' })).toBeNull();
  });
});

describe('<EventsPage>', () => {
  it('links signed-in people to "Skapa evenemang"', async () => {
    vi.stubGlobal('fetch', mockFetch({ 'GET /api/events': () => ({ body: [] }) }).fetchMock);
    const { unmount } = render(<EventsPage />);
    await screen.findByText('Det finns inga evenemang ännu.');
    expect(screen.queryByRole('link', { name: 'Skapa evenemang' })).toBeNull();
    unmount();

    signIn();
    render(<EventsPage />);
    expect(screen.getByRole('link', { name: 'Skapa evenemang' }).getAttribute('href')).toBe('/new');
  });
});
