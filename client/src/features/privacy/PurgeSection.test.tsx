import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { EventPrivacy, PurgedCounts } from '@samling/protocol';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { ManagePage } from '../organiser/ManagePage.tsx';

const SLUG = 'smart-industri';
const user = { id: crypto.randomUUID(), email: 'olle@samling.test', displayName: 'Olle', locale: null };
const zero: PurgedCounts = { attendees: 0, speakers: 0, guests: 0, chatMessages: 0, questions: 0, questionUpvotes: 0, votes: 0, stars: 0, consents: 0, invitations: 0, mutes: 0, bans: 0 };
const pending: PurgedCounts = { ...zero, attendees: 212, guests: 40, chatMessages: 1304, questions: 57, votes: 880 };
const state = (over: Partial<EventPrivacy>): EventPrivacy => ({
  purgeableFrom: '2026-11-25T23:00:00.000Z', ended: true, purgedAt: null, purgedCounts: null, pending, ...over,
});

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', user, memberships: [{ eventSlug: SLUG, role: 'organiser' }], meState: { status: 'ready' } });
  window.history.replaceState(null, '', `/e/${SLUG}/manage?section=privacy`);
});
afterEach(() => vi.unstubAllGlobals());

function stub(privacy: EventPrivacy, purge: () => { status?: number; body?: unknown }) {
  const mock = mockFetch({
    [`GET /api/events/${SLUG}`]: () => ({ body: makeAgenda().agenda }),
    [`GET /api/events/${SLUG}/privacy`]: () => ({ body: privacy }),
    [`POST /api/events/${SLUG}/purge`]: purge,
  });
  vi.stubGlobal('fetch', mock.fetchMock);
  return mock;
}

const rows = (table: HTMLElement) => within(table).getAllByRole('row').map((r) => [within(r).getByRole('rowheader').textContent, within(r).getByRole('cell').textContent]);

describe('?section=privacy', () => {
  it('before the end says from when, and offers nothing to press', async () => {
    stub(state({ ended: false }), () => ({ status: 500 }));
    render(<ManagePage slug={SLUG} />);
    expect(await screen.findByText('Kan rensas från torsdag 26 november 00:00.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Personuppgifter');
    expect(screen.getByText(/^Finns kvar: evenemanget, programmet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Rensa personuppgifter' })).toBeNull();
  });

  it('after the end shows what would go, asks, purges and shows the counts kept', async () => {
    const purged = state({ purgedAt: '2026-11-27T08:00:00.000Z', purgedCounts: pending, pending: zero });
    const mock = stub(state({}), () => ({ body: purged }));
    render(<ManagePage slug={SLUG} />);
    const now = await screen.findByRole('table', { name: 'Just nu' });
    expect(rows(now)).toContainEqual(['Chattmeddelanden', '1304']);

    fireEvent.click(screen.getByRole('button', { name: 'Rensa personuppgifter' }));
    const confirm = screen.getByRole('group', { name: 'Rensa evenemangets personuppgifter? Det går inte att ångra.' });
    expect(mock.calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Rensa personuppgifter' }));

    const kept = await screen.findByRole('table', { name: 'Personuppgifter' });
    expect(rows(kept)).toContainEqual(['Deltagare', '212']);
    expect(rows(kept)).toContainEqual(['Röster', '880']);
    expect(screen.getByRole('status').textContent).toContain('Personuppgifterna rensades fredag 27 november 09:00.');
    expect(screen.queryByRole('button', { name: 'Rensa personuppgifter' })).toBeNull();
  });

  it('says why a purge was refused', async () => {
    stub(state({}), () => ({ status: 409, body: { error: { code: 'EVENT_NOT_ENDED', message: 'not yet' } } }));
    render(<ManagePage slug={SLUG} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Rensa personuppgifter' }));
    fireEvent.click(within(screen.getByRole('group')).getByRole('button', { name: 'Rensa personuppgifter' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Evenemanget har inte slutat än. Personuppgifterna kan rensas efter sista dagen.'));
  });

  it('speaks English', async () => {
    useStore.setState({ lang: 'en' });
    stub(state({}), () => ({ status: 500 }));
    render(<ManagePage slug={SLUG} />);
    expect(rows(await screen.findByRole('table', { name: 'Right now' }))).toContainEqual(['Guests', '40']);
    expect(screen.getByRole('button', { name: 'Purge personal data' })).toBeTruthy();
  });
});
