import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { SessionsEditor } from './SessionsEditor.tsx';
import type { AgendaView } from '../agenda/useAgenda.ts';

let fixture: ReturnType<typeof makeAgenda>;
let view: AgendaView;

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  fixture = makeAgenda();
  const a = fixture.agenda;
  view = {
    ...a,
    event: { ...a.event, startDate: '2026-10-24', endDate: '2026-10-26' },
    speakersById: Object.fromEntries(a.speakers.map((s) => [s.id, s])),
    tracksById: Object.fromEntries(a.tracks.map((t) => [t.id, t])),
  };
});
afterEach(() => vi.unstubAllGlobals());

function fillForm(form: HTMLElement) {
  const f = within(form);
  fireEvent.change(f.getByLabelText('Titel'), { target: { value: 'Ny session' } });
  fireEvent.change(f.getByLabelText('Dag'), { target: { value: '2026-10-25' } });
  fireEvent.change(f.getByLabelText('Starttid'), { target: { value: '09:00' } });
  fireEvent.change(f.getByLabelText('Sluttid'), { target: { value: '09:45' } });
  fireEvent.change(f.getByLabelText('Scen'), { target: { value: fixture.big.id } });
  fireEvent.change(f.getByLabelText('Spår'), { target: { value: fixture.digital.id } });
  fireEvent.click(f.getByRole('checkbox', { name: /Anna Lind/ }));
}

describe('the session form', () => {
  it('posts the times typed in the event’s zone as UTC instants (after the DST change)', async () => {
    const { fetchMock, calls } = mockFetch({
      'POST /api/events/smart-industri/sessions': ({ body }) => ({
        status: 201,
        body: { session: { ...(body as object), id: crypto.randomUUID(), status: 'scheduled', abstract: '', kind: 'talk', language: 'sv' }, warnings: [] },
      }),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<SessionsEditor agenda={view} />);
    const form = screen.getByRole('form', { name: 'Ny session' });
    fillForm(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Spara session' }));

    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toMatchObject({
      title: 'Ny session',
      startsAt: '2026-10-25T08:00:00.000Z',
      endsAt: '2026-10-25T08:45:00.000Z',
      stageId: fixture.big.id,
      trackId: fixture.digital.id,
      speakerIds: [fixture.anna.id],
    });
    expect(await screen.findByText('Ändringarna är sparade.')).toBeTruthy();
  });

  it('explains a stage double booking with the conflicting session and its time', async () => {
    const { fetchMock } = mockFetch({
      'POST /api/events/smart-industri/sessions': () => ({
        status: 409,
        body: {
          error: {
            code: 'STAGE_DOUBLE_BOOKED',
            message: 'Stage booked',
            details: { conflicts: [{ id: fixture.opening.id, title: 'Öppning', startsAt: '2026-10-25T09:00:00.000Z', endsAt: '2026-10-25T09:45:00.000Z' }] },
          },
        },
      }),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<SessionsEditor agenda={view} />);
    const form = screen.getByRole('form', { name: 'Ny session' });
    fillForm(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Spara session' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe('Scenen är redan bokad då: Öppning 10:00–10:45'));
  });

  it('lists validation issues by field label', async () => {
    const { fetchMock } = mockFetch({
      'POST /api/events/smart-industri/sessions': () => ({
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED', message: 'Invalid', details: { issues: [{ path: '/title', code: 'too_big', message: 'Too big' }] } } },
      }),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<SessionsEditor agenda={view} />);
    const form = screen.getByRole('form', { name: 'Ny session' });
    fillForm(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Spara session' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toContain('Titel är för långt eller för stort.'));
  });

  it('shows a speaker double booking as a polite warning after saving', async () => {
    const { fetchMock } = mockFetch({
      'POST /api/events/smart-industri/sessions': ({ body }) => ({
        status: 201,
        body: {
          session: { ...(body as object), id: crypto.randomUUID(), status: 'scheduled', abstract: '', kind: 'talk', language: 'sv' },
          warnings: [{ code: 'SPEAKER_DOUBLE_BOOKED', message: 'Anna is booked', speakerId: fixture.anna.id, sessionIds: [fixture.opening.id] }],
        },
      }),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<SessionsEditor agenda={view} />);
    const form = screen.getByRole('form', { name: 'Ny session' });
    fillForm(form);
    fireEvent.click(within(form).getByRole('button', { name: 'Spara session' }));
    const warning = await screen.findByText('Anna Lind talar redan samtidigt i: Öppning');
    expect(warning.closest('[role="status"]')).toBeTruthy();
  });

  it('refuses an empty title without calling the server', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    render(<SessionsEditor agenda={view} />);
    const form = screen.getByRole('form', { name: 'Ny session' });
    fireEvent.click(within(form).getByRole('button', { name: 'Spara session' }));
    expect(within(form).getByRole('alert').textContent).toBe('Fyll i Titel.');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
