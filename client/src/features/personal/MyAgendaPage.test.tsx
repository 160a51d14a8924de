import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { MyAgendaPage } from './MyAgendaPage.tsx';

let fixture: ReturnType<typeof makeAgenda>;
const user = { id: crypto.randomUUID(), email: 'a@samling.test', displayName: 'Anna', locale: null };

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  localStorage.setItem('samling.tz', 'Europe/Stockholm');
  fixture = makeAgenda();
});
afterEach(() => vi.unstubAllGlobals());

describe('<MyAgendaPage>', () => {
  it('asks a signed-out visitor to sign in', async () => {
    vi.stubGlobal('fetch', mockFetch({ 'GET /api/events/smart-industri': () => ({ body: fixture.agenda }) }).fetchMock);
    useStore.setState({ meState: { status: 'ready' } });
    render(<MyAgendaPage slug="smart-industri" />);
    expect(await screen.findByText('Logga in för att stjärnmärka sessioner och se ditt eget program.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Ladda ner kalenderfil (.ics)' })).toBeNull();
  });

  it('lists my starred sessions by day, with the calendar file', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch({
        'GET /api/events/smart-industri': () => ({ body: fixture.agenda }),
        'GET /api/events/smart-industri/me': () => ({ body: { role: 'attendee', starredSessionIds: [fixture.day2.id, fixture.ai.id] } }),
      }).fetchMock,
    );
    useStore.setState({ user, meState: { status: 'ready' } });
    render(<MyAgendaPage slug="smart-industri" />);
    const days = await screen.findAllByRole('heading', { level: 2 });
    expect(days.map((d) => d.textContent)).toEqual(['tisdag 24 november', 'onsdag 25 november']);
    expect(within(days[0]!.closest('section')!).getByRole('link', { name: 'AI i produktionen' })).toBeTruthy();
    expect(within(days[1]!.closest('section')!).getByRole('link', { name: 'Dag två' })).toBeTruthy();
    const ics = screen.getByRole('link', { name: 'Ladda ner kalenderfil (.ics)' });
    expect(ics.getAttribute('href')).toBe('/api/events/smart-industri/my-agenda.ics');
    expect(ics.hasAttribute('download')).toBe(true);
  });

  it('leads to the registration form when I am not a member', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch({
        'GET /api/events/smart-industri': () => ({ body: fixture.agenda }),
        'GET /api/events/smart-industri/me': () => ({ body: { role: null, starredSessionIds: [] } }),
        'GET /api/events/smart-industri/registration': () => ({
          body: { mode: 'invitation', capacity: null, attendees: 0, full: false, notice: { version: 1, textSv: 'Vi behandlar…', textEn: '', createdAt: '2026-01-01T00:00:00.000Z' } },
        }),
      }).fetchMock,
    );
    useStore.setState({ user, meState: { status: 'ready' } });
    render(<MyAgendaPage slug="smart-industri" />);
    const link = await screen.findByRole('link', { name: 'Jag har en inbjudningskod' });
    expect(link.getAttribute('href')).toBe('/e/smart-industri/register');
  });
});
