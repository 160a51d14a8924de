import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { AgendaPage } from './AgendaPage.tsx';

let fixture: ReturnType<typeof makeAgenda>;

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  localStorage.setItem('samling.tz', 'Europe/Stockholm');
  window.history.replaceState(null, '', '/e/smart-industri');
  fixture = makeAgenda();
  const { fetchMock } = mockFetch({
    'GET /api/events/smart-industri': () => ({ body: fixture.agenda }),
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** 09:35 in Stockholm on the first day: the opening is on, coffee is next. */
const now = new Date('2026-11-24T08:35:00Z');

async function renderAgenda(at = now) {
  render(<AgendaPage slug="smart-industri" now={at} />);
  return screen.findByRole('heading', { level: 1, name: 'Smart industri-dagarna' });
}

const slotOf = (title: string) => within(screen.getByTestId('timetable')).getByRole('link', { name: title }).closest<HTMLElement>('.timetable-slot')!;
const shownTitles = () =>
  within(screen.getByRole('tabpanel'))
    .queryAllByRole('heading', { level: 3 })
    .concat(within(screen.getByRole('tabpanel')).queryAllByRole('heading', { level: 4 }))
    .map((h) => h.textContent)
    .filter((t) => t && !/^\d\d:\d\d$/.test(t) && !/november/.test(t));

describe('<AgendaPage> on a wide screen', () => {
  it('shows day tabs in Swedish, the first day selected', async () => {
    await renderAgenda(new Date('2026-11-01T10:00:00Z'));
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['tisdag 24 november', 'onsdag 25 november']);
    expect(tabs[0]).toHaveProperty('ariaSelected', 'true');
  });

  it('puts sessions in their stage columns and time rows', async () => {
    await renderAgenda();
    const headers = [...document.querySelectorAll('.timetable-column-header')].map((h) => h.textContent);
    expect(headers).toEqual(['Stora scenen', 'Lilla scenen']);
    expect(slotOf('Öppning').style.gridColumn).toBe('2 / 3');
    expect(slotOf('Öppning').style.gridRow).toBe('2 / 11');
    expect(slotOf('Robotar i verkstaden').style.gridColumn).toBe('3 / 4');
    expect(slotOf('Kaffe').style.gridColumn).toBe('2 / 4');
    expect(slotOf('AI i produktionen').style.gridRow).toBe('17 / 26');
  });

  it('marks the running session "Nu" and the next one "Härnäst"', async () => {
    await renderAgenda();
    expect(within(slotOf('Öppning')).getByText('Nu')).toBeTruthy();
    expect(within(slotOf('Kaffe')).getByText('Härnäst')).toBeTruthy();
    expect(within(slotOf('AI i produktionen')).queryByText('Härnäst')).toBeNull();
    expect(within(slotOf('Robotar i verkstaden')).queryByText('Nu')).toBeNull();
    const summary = screen.getByRole('region', { name: 'Just nu' });
    expect(within(summary).getAllByRole('listitem').map((li) => li.textContent?.split(' · ')[0])).toEqual(['Nu Öppning', 'Härnäst Kaffe']);
  });

  it('switches to tracks as columns', async () => {
    await renderAgenda();
    fireEvent.click(screen.getByRole('button', { name: 'Spår' }));
    const headers = [...document.querySelectorAll('.timetable-column-header')].map((h) => h.textContent);
    expect(headers).toEqual(['Digitalisering', 'Hållbarhet']);
    expect(screen.getByRole('button', { name: 'Spår' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('narrows the sessions by track', async () => {
    await renderAgenda();
    expect(shownTitles()).toHaveLength(5);
    const chip = screen.getByRole('button', { name: 'Hållbarhet' });
    fireEvent.click(chip);
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(shownTitles()).toEqual(['Robotar i verkstaden', 'Cirkulära flöden']);
    expect(screen.getByText('2 av 5 sessioner visas.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Visa alla spår' }));
    expect(shownTitles()).toHaveLength(5);
  });

  it('narrows the sessions by a search over titles, abstracts, speakers and organisations', async () => {
    await renderAgenda();
    const search = screen.getByRole('searchbox', { name: 'Sök' });
    fireEvent.change(search, { target: { value: 'vinnova' } });
    expect(shownTitles()).toEqual(['Robotar i verkstaden']);
    fireEvent.change(search, { target: { value: 'Maskininlärning' } });
    expect(shownTitles()).toEqual(['AI i produktionen']);
    fireEvent.change(search, { target: { value: 'anna lind' } });
    expect(shownTitles()).toEqual(['Öppning']);
    fireEvent.change(search, { target: { value: 'finns inte' } });
    expect(screen.getByText('Inga sessioner matchar din sökning eller dina filter.')).toBeTruthy();
  });

  it('moves between days with the arrow keys', async () => {
    await renderAgenda();
    const [first, second] = screen.getAllByRole('tab');
    act(() => first!.focus());
    fireEvent.keyDown(first!, { key: 'ArrowRight' });
    expect(second).toHaveProperty('ariaSelected', 'true');
    expect(document.activeElement).toBe(second);
    expect(shownTitles()).toEqual(['Dag två']);
    expect(window.location.search).toBe('?day=2026-11-25');
  });

  it('offers the schedule downloads', async () => {
    await renderAgenda();
    expect(screen.getByRole('link', { name: 'Programmet som XML (frab)' }).getAttribute('href')).toBe('/api/events/smart-industri/schedule.xml');
    expect(screen.getByRole('link', { name: 'Programmet som JSON' }).getAttribute('href')).toBe('/api/events/smart-industri/schedule.json');
  });
});

describe('<AgendaPage> on a narrow screen', () => {
  it('lists sessions grouped by start time instead of the grid', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('max-width'),
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    await renderAgenda();
    expect(screen.queryByTestId('timetable')).toBeNull();
    const list = screen.getByTestId('session-list');
    expect(within(list).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['09:00', '09:45', '10:15']);
    expect(screen.queryByRole('button', { name: 'Spår' })).toBeNull();
  });
});

describe('<AgendaPage> while loading and on errors', () => {
  it('says it is loading, then offers a retry on failure', async () => {
    let fail = true;
    const { fetchMock } = mockFetch({
      'GET /api/events/smart-industri': () => (fail ? { status: 503, body: { error: { code: 'UNAVAILABLE', message: 'db down' } } } : { body: fixture.agenda }),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<AgendaPage slug="smart-industri" now={now} />);
    expect(screen.getByRole('status').textContent).toContain('Laddar…');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Tjänsten är inte tillgänglig just nu.');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Smart industri-dagarna' })).toBeTruthy();
  });
});
