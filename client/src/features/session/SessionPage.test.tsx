import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { SessionPage } from './SessionPage.tsx';

let fixture: ReturnType<typeof makeAgenda>;

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  localStorage.setItem('samling.tz', 'Europe/Stockholm');
  fixture = makeAgenda();
  fixture.agenda.sessions = fixture.agenda.sessions.map((s) =>
    s.id === fixture.opening.id ? { ...s, abstract: 'Välkommen! <img src=x onerror=alert(1)>' } : s,
  );
  fixture.agenda.speakers = fixture.agenda.speakers.map((sp) => (sp.id === fixture.anna.id ? { ...sp, photoUrl: 'https://example.org/anna.jpg', bio: 'Forskar på robotar.' } : sp));
  vi.stubGlobal('fetch', mockFetch({ 'GET /api/events/smart-industri': () => ({ body: fixture.agenda }) }).fetchMock);
});
afterEach(() => vi.unstubAllGlobals());

describe('<SessionPage>', () => {
  it('shows the session with its time, stage, track, speakers and a calendar file', async () => {
    render(<SessionPage slug="smart-industri" id={fixture.opening.id} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Öppning' })).toBeTruthy();
    const facts = document.querySelector('.facts')!.textContent;
    expect(facts).toContain('tisdag 24 november, 09:00–09:45');
    expect(facts).toContain('Stora scenen');
    expect(facts).toContain('Digitalisering');
    expect(facts).toContain('Keynote');
    const ics = screen.getByRole('link', { name: 'Ladda ner kalenderfil (.ics)' });
    expect(ics.getAttribute('href')).toBe(`/api/events/smart-industri/sessions/${fixture.opening.id}/session.ics`);
    expect(ics.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('img', { name: 'Porträtt av Anna Lind' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Anna Lind' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stjärnmärk Öppning' })).toBeTruthy();
  });

  it('shows the abstract as text, never as HTML', async () => {
    render(<SessionPage slug="smart-industri" id={fixture.opening.id} />);
    expect(await screen.findByText('Välkommen! <img src=x onerror=alert(1)>')).toBeTruthy();
    expect(document.querySelectorAll('img')).toHaveLength(1);
  });

  it('says so when the session is not in the programme', async () => {
    render(<SessionPage slug="smart-industri" id={crypto.randomUUID()} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sessionen finns inte i programmet.' })).toBeTruthy();
  });
});
