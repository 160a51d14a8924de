import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { AuditEntry } from '@samling/protocol';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { ManagePage } from './ManagePage.tsx';
import { formatAuditDetails } from './AuditLog.tsx';

const SLUG = 'smart-industri';
const user = { id: crypto.randomUUID(), email: 'olle@samling.test', displayName: 'Olle', locale: null };
let fixture: ReturnType<typeof makeAgenda>;

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: crypto.randomUUID(),
  at: '2026-11-24T08:05:00.000Z',
  actor: 'Olle',
  action: 'session.created',
  subject: 'Öppning',
  details: null,
  ...over,
});

// Newest first, as the server sends them.
const entries = [
  entry({ at: '2026-11-24T14:30:00.000Z', action: 'chat.configured', subject: '', details: { room: 'lobby', open: false, slowModeSeconds: 30 } }),
  entry({ at: '2026-11-24T08:05:00.000Z', action: 'member.role', subject: 'Maja', details: { email: 'maja@samling.test', role: 'moderator' } }),
  entry({ at: '2026-11-23T23:10:00.000Z', action: 'session.created', subject: '<b>Öppning</b>' }),
  entry({ at: '2026-11-23T22:00:00.000Z', action: 'future.thing', subject: 'X' }),
];

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', user, memberships: [{ eventSlug: SLUG, role: 'organiser' }], meState: { status: 'ready' } });
  // The viewer is in Stockholm; the event is in New York: the log follows the event.
  localStorage.setItem('samling.tz', 'Europe/Stockholm');
  fixture = makeAgenda();
  fixture.agenda.event.timeZone = 'America/New_York';
  window.history.replaceState(null, '', `/e/${SLUG}/manage?section=audit`);
});
afterEach(() => vi.unstubAllGlobals());

function stub(audit: () => { status?: number; body?: unknown }) {
  const mock = mockFetch({
    [`GET /api/events/${SLUG}`]: () => ({ body: fixture.agenda }),
    [`GET /api/events/${SLUG}/audit`]: audit,
  });
  vi.stubGlobal('fetch', mock.fetchMock);
  return mock;
}

describe('?section=audit', () => {
  it('lists the entries with translated actions and times in the event’s zone', async () => {
    stub(() => ({ body: { entries, hasMore: false } }));
    render(<ManagePage slug={SLUG} />);

    const table = await screen.findByRole('table', { name: 'Händelselogg, senaste först' });
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Händelselogg');
    expect(screen.getByRole('link', { name: 'Händelselogg' }).getAttribute('aria-current')).toBe('page');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Tid', 'Vem', 'Vad', 'Gäller', 'Detaljer']);

    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['tisdag 24 november 09:30', 'Olle', 'Ändrade chattens inställningar', '', 'room: lobby; open: false; slowModeSeconds: 30'],
      ['tisdag 24 november 03:05', 'Olle', 'Gav roll', 'Maja', 'email: maja@samling.test; role: moderator'],
      ['måndag 23 november 18:10', 'Olle', 'Skapade session', '<b>Öppning</b>', ''],
      ['måndag 23 november 17:00', 'Olle', 'future.thing', 'X', ''],
    ]);
    // Text from the data is never markup.
    expect(table.querySelector('b')).toBeNull();
    expect(table.querySelector('time')!.getAttribute('datetime')).toBe('2026-11-24T14:30:00.000Z');
    expect(screen.getByText(/America\/New_York/)).toBeTruthy();
  });

  it('speaks English too', async () => {
    useStore.setState({ lang: 'en' });
    stub(() => ({ body: { entries: entries.slice(1, 2), hasMore: true } }));
    render(<ManagePage slug={SLUG} />);
    const table = await screen.findByRole('table', { name: 'Audit log, newest first' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Who', 'What', 'Concerns', 'Details']);
    expect(within(table).getByText('Gave a role')).toBeTruthy();
    expect(within(table).getByText('Tuesday 24 November 03:05')).toBeTruthy();
    expect(screen.getByText('Showing the 1 latest entries.')).toBeTruthy();
  });

  it('shows an error with a retry, and "Uppdatera" fetches again', async () => {
    let fail = true;
    const { calls } = stub(() => (fail ? { status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } } : { body: { entries: entries.slice(0, 1), hasMore: false } }));
    render(<ManagePage slug={SLUG} />);
    expect(await screen.findByText('Ett fel uppstod hos oss. Försök igen om en stund.')).toBeTruthy();

    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Försök igen' }));
    expect(await screen.findByText('Ändrade chattens inställningar')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Uppdatera' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Loggen är uppdaterad.'));
    expect(calls.filter((c) => c.url.endsWith('/audit'))).toHaveLength(3);
  });

  it('says when nothing has been logged', async () => {
    stub(() => ({ body: { entries: [], hasMore: false } }));
    render(<ManagePage slug={SLUG} />);
    expect(await screen.findByText('Inget har loggats ännu.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('formatAuditDetails', () => {
  it('writes key: value pairs, lists and nested values compactly', () => {
    expect(formatAuditDetails(null)).toBe('');
    expect(formatAuditDetails({ speakerIds: ['a', 'b'], stageId: null, extra: { x: 1 } })).toBe('speakerIds: a, b; stageId: –; extra: {"x":1}');
    expect(formatAuditDetails({ description: 'x'.repeat(200) })).toBe(`description: ${'x'.repeat(79)}…`);
  });
});
