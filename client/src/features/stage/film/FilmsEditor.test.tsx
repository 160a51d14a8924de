import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Film } from '@samling/protocol';
import { resetStore, useStore } from '../../../store/index.ts';

const film = (name: string, size = 2_000_000): Film => ({ id: crypto.randomUUID(), fileName: name, mimeType: 'video/webm', size, createdAt: new Date().toISOString() });
let stored: Film[] = [];
const calls: string[] = [];
vi.mock('../../../api.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  call: vi.fn(async (name: string, opts: { params: { id?: string } }) => {
    calls.push(name);
    if (name === 'deleteFilm') stored = stored.filter((f) => f.id !== opts.params.id);
    return name === 'listFilms' ? stored : null;
  }),
}));
const { FilmsEditor } = await import('./FilmsEditor.tsx');

/** An XMLHttpRequest the test answers by hand. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  body: FormData | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  upload = { onprogress: null as ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader() {}
  send(body: FormData) {
    this.body = body;
    FakeXhr.last = this;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  stored = [film('Öppning.webm', 12_500_000)];
  calls.length = 0;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

describe('<FilmsEditor>', () => {
  it('uploads with a progress bar, lists the film with its size, and deletes after confirming', async () => {
    render(<FilmsEditor slug="ev" />);
    const list = await screen.findByRole('list');
    expect(within(list).getByText('Öppning.webm')).toBeTruthy();
    expect(within(list).getByText('(12,5 MB)')).toBeTruthy();

    const file = new File([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3])], '../../<script>.webm', { type: 'video/webm' });
    fireEvent.change(screen.getByLabelText('Filmfil'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Ladda upp' }));
    const xhr = FakeXhr.last!;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/events/ev/films');
    expect((xhr.body!.get('file') as File).name).toBe('../../<script>.webm');
    act(() => xhr.upload.onprogress!({ loaded: 3, total: 4, lengthComputable: true }));
    const bar = screen.getByRole('progressbar', { name: 'Laddar upp' });
    expect(bar.getAttribute('value')).toBe('75');
    const uploaded = film('<script>.webm', 4);
    act(() => xhr.answer(201, uploaded));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('”<script>.webm” är uppladdad.'));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(within(screen.getByRole('list')).getByText('<script>.webm')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Ta bort Öppning.webm' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ta bort' }));
    await waitFor(() => expect(within(screen.getByRole('list')).queryByText('Öppning.webm')).toBeNull());
    expect(calls).toContain('deleteFilm');
  });

  it('says why an upload was refused', async () => {
    render(<FilmsEditor slug="ev" />);
    await screen.findByRole('list');
    fireEvent.change(screen.getByLabelText('Filmfil'), { target: { files: [new File(['<html>'], 'film.mp4', { type: 'video/mp4' })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Ladda upp' }));
    act(() => FakeXhr.last!.answer(415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'A film must be an MP4 or WebM video' } }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Filen är inte en film i MP4 eller WebM. Kontrollera filen och försök igen.'));
    fireEvent.click(screen.getByRole('button', { name: 'Ladda upp' }));
    act(() => FakeXhr.last!.answer(413, { error: { code: 'PAYLOAD_TOO_LARGE', message: 'too large', details: { maxBytes: 2_000_000_000 } } }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Filmen är större än servern tar emot (högst 2 GB).'));
  });
});
