import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { RegistrationInfo } from '@samling/protocol';
import { resetStore, useStore } from '../../store/index.ts';
import { makeAgenda, mockFetch } from '../../test/factories.ts';
import { RegisterPage } from './RegisterPage.tsx';
import { ImportReport } from './AttendeesPanel.tsx';

let fixture: ReturnType<typeof makeAgenda>;
let slug: string;
const notice = { version: 2, textSv: 'Behandling av personuppgifter – Testdagarna\n\nVi sparar ditt namn.', textEn: 'Processing of personal data', createdAt: '2026-11-01T09:00:00.000Z' };
const info = (over: Partial<RegistrationInfo> = {}): RegistrationInfo => ({ mode: 'open', capacity: null, attendees: 3, full: false, notice, ...over });
const person = { id: crypto.randomUUID(), email: 'ny@example.se', displayName: 'Nina Ny', locale: null };
const unauthenticated = { status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'x' } } };

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', meState: { status: 'ready' } });
  fixture = makeAgenda();
  slug = fixture.event.slug;
  window.history.replaceState(null, '', `/e/${slug}/register`);
});
afterEach(() => vi.unstubAllGlobals());

function routes(extra: Record<string, (req: { body: unknown }) => { status?: number; body?: unknown }> = {}, registration = info()) {
  return mockFetch({
    [`GET /api/events/${slug}`]: () => ({ body: fixture.agenda }),
    [`GET /api/events/${slug}/registration`]: () => ({ body: registration }),
    'GET /api/auth/me': () => unauthenticated,
    ...extra,
  });
}
const submit = async () => act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Anmäl mig' })); });

describe('<RegisterPage>', () => {
  it('shows the notice text in a focusable region and a link to the whole notice, and creates the account with consent', async () => {
    let registered = false;
    const { fetchMock, calls } = routes({
      [`POST /api/events/${slug}/register`]: () => {
        registered = true;
        return { body: { user: person, myEvent: { role: 'attendee', starredSessionIds: [], consentRequired: false } } };
      },
      'GET /api/auth/me': () => (registered ? { body: { user: person, memberships: [{ eventSlug: slug, role: 'attendee' }] } } : unauthenticated),
    });
    vi.stubGlobal('fetch', fetchMock);
    render(<RegisterPage slug={slug} />);
    const region = await screen.findByRole('region', { name: 'Behandling av personuppgifter' });
    expect(region.textContent).toContain('Vi sparar ditt namn.');
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(screen.getByRole('link', { name: 'Läs hela informationen om personuppgifter' }).getAttribute('href')).toBe(`/e/${slug}/register/notice`);
    fireEvent.change(screen.getByLabelText('Namn'), { target: { value: ' Nina Ny ' } });
    fireEvent.change(screen.getByLabelText('Organisation (frivilligt)'), { target: { value: 'Skolverket' } });
    fireEvent.change(screen.getByLabelText('E-post'), { target: { value: 'ny@example.se' } });
    fireEvent.change(screen.getByLabelText('Lösenord'), { target: { value: 'ett långt lösenord' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /godkänner den/ }));
    await submit();
    await vi.waitFor(() => expect(window.location.pathname).toBe(`/e/${slug}`));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      displayName: 'Nina Ny', organisation: 'Skolverket', consent: true, noticeVersion: 2, account: { email: 'ny@example.se', password: 'ett långt lösenord' },
    });
    expect(useStore.getState().myEvents[slug]?.role).toBe('attendee');
  });

  it('refuses to send without the ticked box and ties each error to its field', async () => {
    const { fetchMock, calls } = routes();
    vi.stubGlobal('fetch', fetchMock);
    render(<RegisterPage slug={slug} />);
    await screen.findByRole('region', { name: 'Behandling av personuppgifter' });
    fireEvent.change(screen.getByLabelText('Namn'), { target: { value: 'Nina' } });
    fireEvent.change(screen.getByLabelText('E-post'), { target: { value: 'inte en adress' } });
    await submit();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    const email = screen.getByLabelText('E-post');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toBe('Skriv en giltig e-postadress.');
    const box = screen.getByRole('checkbox', { name: /godkänner den/ });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toBe('Kryssa i att du godkänner behandlingen av personuppgifter.');
    await vi.waitFor(() => expect(document.activeElement).toBe(email));
  });

  it('reads the invitation from the link, says what it grants, and words a used-up invitation beside the code', async () => {
    window.history.replaceState(null, '', `/e/${slug}/register?invitation=ABCD-EFGH-JKMN`);
    const { fetchMock, calls } = routes({
      [`POST /api/events/${slug}/invitations/check`]: () => ({ body: { role: 'speaker', label: 'Talare dag 1' } }),
      [`POST /api/events/${slug}/register`]: () => ({ status: 409, body: { error: { code: 'INVITATION_USED_UP', message: 'x' } } }),
    }, info({ mode: 'invitation' }));
    vi.stubGlobal('fetch', fetchMock);
    useStore.setState({ user: person });
    render(<RegisterPage slug={slug} />);
    expect(await screen.findByText(/Inbjudan gäller. Du anmäls som talare./)).toBeTruthy();
    expect((screen.getByLabelText('Inbjudningskod') as HTMLInputElement).value).toBe('ABCD-EFGH-JKMN');
    // Signed in: no account fields.
    expect(screen.queryByLabelText('Lösenord')).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: /godkänner den/ }));
    await submit();
    expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/register'))?.body).toMatchObject({ invitationCode: 'ABCDEFGHJKMN', displayName: 'Nina Ny' });
    const code = screen.getByLabelText('Inbjudningskod');
    await vi.waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(code.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toBe('Inbjudan har redan använts så många gånger som den får.');
  });

  it('says so when the event is closed or full, without a form', async () => {
    vi.stubGlobal('fetch', routes({}, info({ mode: 'closed' })).fetchMock);
    const { unmount } = render(<RegisterPage slug={slug} />);
    expect(await screen.findByText('Anmälan till evenemanget är stängd.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Anmäl mig' })).toBeNull();
    unmount();
    vi.stubGlobal('fetch', routes({}, info({ capacity: 3, full: true })).fetchMock);
    render(<RegisterPage slug={slug} />);
    expect(await screen.findByText('Evenemanget är fullbokat.')).toBeTruthy();
  });

  it('shows the new notice and unticks the box when it changed while the form was open', async () => {
    let current = info();
    const { fetchMock } = routes({
      [`GET /api/events/${slug}/registration`]: () => ({ body: current }),
      [`POST /api/events/${slug}/register`]: () => {
        current = info({ notice: { ...notice, version: 3, textSv: 'Version tre av texten.' } });
        return { status: 409, body: { error: { code: 'NOTICE_OUTDATED', message: 'x', details: { currentVersion: 3 } } } };
      },
    });
    vi.stubGlobal('fetch', fetchMock);
    useStore.setState({ user: person });
    render(<RegisterPage slug={slug} />);
    await screen.findByRole('region', { name: 'Behandling av personuppgifter' });
    fireEvent.click(screen.getByRole('checkbox', { name: /godkänner den/ }));
    await submit();
    expect(await screen.findByText('Version tre av texten.')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: /godkänner den/ }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByRole('alert').textContent).toContain('Informationen om personuppgifter har ändrats.');
  });
});

describe('<ImportReport>', () => {
  it('lists every rejected row with its line and a worded reason', () => {
    useStore.setState({ lang: 'sv' });
    render(<ImportReport report={{ added: 2, updated: 0, unchanged: 1, accountsCreated: 2, rejected: [
      { line: 3, email: 'inte-en-adress', reason: 'invalid_email' },
      { line: 9, email: 'eva@example.se', reason: 'duplicate_in_file' },
      { line: 12, email: 'a3@example.se', reason: 'over_capacity' },
    ] }} />);
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['3', 'inte-en-adress', 'Ogiltig e-postadress'],
      ['9', 'eva@example.se', 'Finns redan tidigare i filen'],
      ['12', 'a3@example.se', 'Inga platser kvar'],
    ]);
    expect(screen.getByRole('heading', { name: 'Avvisade rader' })).toBeTruthy();
  });
});
