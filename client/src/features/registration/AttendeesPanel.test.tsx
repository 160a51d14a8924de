import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { mockFetch } from '../../test/factories.ts';
import { ImportAttendees } from './AttendeesPanel.tsx';
import { ConsentPrompt } from './ConsentPrompt.tsx';

const slug = 'smart-industri';
beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', meState: { status: 'ready' } });
});
afterEach(() => vi.unstubAllGlobals());

describe('<ImportAttendees>', () => {
  it('sends the file as text, sums up the report and lists the rejected rows, moving focus to them', async () => {
    const { fetchMock, calls } = mockFetch({
      [`POST /api/events/${slug}/attendees/import`]: () => ({
        body: { added: 2, updated: 1, unchanged: 0, accountsCreated: 2, rejected: [{ line: 4, email: 'x', reason: 'invalid_email' }] },
      }),
    });
    vi.stubGlobal('fetch', fetchMock);
    const onImported = vi.fn();
    render(<ImportAttendees slug={slug} onImported={onImported} />);
    // Nothing chosen: said, nothing sent.
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Importera' })); });
    expect(screen.getByRole('alert').textContent).toBe('Välj en CSV-fil först.');
    expect(calls).toHaveLength(0);
    const csv = '\uFEFFe-post;namn\r\neva@example.se;Eva\r\n';
    fireEvent.change(screen.getByLabelText('CSV-fil'), { target: { files: [new File([csv], 'deltagare.csv', { type: 'text/csv' })] } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Importera' })); });
    expect(calls[0]?.body).toEqual({ csv: expect.stringContaining('eva@example.se;Eva') });
    expect(await screen.findByText('2 tillagda, 1 uppdaterade, 0 oförändrade, 1 avvisade.')).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')[1]!.textContent).toBe('4xOgiltig e-postadress');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Avvisade rader' })));
    expect(onImported).toHaveBeenCalled();
  });

  it('words a file the server cannot read', async () => {
    vi.stubGlobal('fetch', mockFetch({ [`POST /api/events/${slug}/attendees/import`]: () => ({ status: 400, body: { error: { code: 'CSV_INVALID', message: 'x' } } }) }).fetchMock);
    render(<ImportAttendees slug={slug} onImported={() => {}} />);
    fireEvent.change(screen.getByLabelText('CSV-fil'), { target: { files: [new File(['a;b'], 'x.csv')] } });
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Importera' })); });
    expect(screen.getByRole('alert').textContent).toContain('Filen kunde inte läsas som CSV.');
  });
});

describe('<ConsentPrompt>', () => {
  it('shows the new version and records consent to exactly that version', async () => {
    const { fetchMock, calls } = mockFetch({
      [`POST /api/events/${slug}/consent`]: () => ({ body: { role: 'attendee', starredSessionIds: [], consentRequired: false } }),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<ConsentPrompt slug={slug} notice={{ version: 3, textSv: 'Tredje versionen.', textEn: '', createdAt: '2026-11-20T10:00:00.000Z' }} />);
    expect(screen.getByRole('heading', { name: 'Godkänn behandling av personuppgifter' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Godkänn behandling av personuppgifter' }).textContent).toBe('Tredje versionen.');
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Jag godkänner' })); });
    expect(calls[0]?.body).toEqual({ noticeVersion: 3 });
    expect(await screen.findByText('Tack, ditt godkännande är sparat.')).toBeTruthy();
    expect(useStore.getState().myEvents[slug]?.consentRequired).toBe(false);
  });
});
