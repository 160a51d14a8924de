import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Film, FilmPlayback, StageFilm } from '@samling/protocol';
import { resetStore, useStore } from '../../../store/index.ts';

const sent: { name: string; payload: unknown }[] = [];
vi.mock('../../../realtime/commands.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  send: vi.fn(async (name: string, payload: { stageId: string }) => {
    sent.push({ name, payload });
    return current(payload.stageId);
  }),
}));
const films: Film[] = [{ id: crypto.randomUUID(), fileName: 'Intro <b>fet</b>.webm', mimeType: 'video/webm', size: 12_500_000, createdAt: new Date().toISOString() }];
vi.mock('../../../api.ts', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  call: vi.fn(async () => films),
}));

const { FilmStage, followPlayback } = await import('./FilmStage.tsx');
const { FilmControls } = await import('./FilmControls.tsx');
const { formatFilmTime, formatBytes } = await import('./useStageFilm.ts');

const stageId = crypto.randomUUID();
const assetId = films[0]!.id;
let version = 1;
const playback = (over: Partial<FilmPlayback> = {}): FilmPlayback => ({
  assetId, title: 'Intro <b>fet</b>.webm', mimeType: 'video/webm', playing: false, positionSeconds: 0, at: new Date().toISOString(), version, ...over,
});
const message = (p: FilmPlayback | null, v = ++version): StageFilm => ({ stageId, playback: p ? { ...p, version: v } : null, version: v, serverTime: new Date().toISOString() });
const current = (id: string): StageFilm => useStore.getState().stageFilms[id]?.film ?? message(null, 0);

/** Enough of a <video> for followPlayback. */
function fakeVideo(over: Partial<HTMLVideoElement> = {}) {
  const v = { readyState: 4, currentTime: 0, duration: 600, paused: true, ended: false, muted: false, ...over } as HTMLVideoElement & { plays: number };
  v.plays = 0;
  v.play = vi.fn(() => {
    v.plays++;
    (v as { paused: boolean }).paused = false;
    return Promise.resolve();
  });
  v.pause = vi.fn(() => {
    (v as { paused: boolean }).paused = true;
  });
  return v;
}

beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv', connection: { slug: 'ev', status: 'online', refusal: null } });
  sent.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('film slice', () => {
  it('keeps the newest version, also when an older fetch answers after a broadcast, and learns the clock offset', () => {
    const newer = message(playback({ playing: true }), 50);
    useStore.getState().filmReceived(newer, Date.parse(newer.serverTime) - 2000);
    useStore.getState().filmReceived(message(null, 0));
    useStore.getState().filmReceived(message(playback(), 40));
    const held = useStore.getState().stageFilms[stageId]!;
    expect(held.film.version).toBe(50);
    expect(held.clockOffsetMs).toBe(2000);
    useStore.getState().filmReceived(message(null, 51));
    expect(useStore.getState().stageFilms[stageId]!.film.playback).toBeNull();
  });
});

describe('followPlayback', () => {
  it('seeks only when more than half a second off, and plays', () => {
    const at = new Date(Date.now() - 10_000).toISOString();
    const v = fakeVideo({ currentTime: 19.8 });
    followPlayback(v, playback({ playing: true, positionSeconds: 10, at }), 0, () => {});
    expect(v.currentTime).toBe(19.8);
    expect(v.plays).toBe(1);
    const far = fakeVideo({ currentTime: 3 });
    followPlayback(far, playback({ playing: true, positionSeconds: 10, at }), 0, () => {});
    expect(far.currentTime).toBeCloseTo(20, 0);
  });

  it('uses the server clock offset, lands exactly when paused, and stops at the end', () => {
    const v = fakeVideo({ currentTime: 0, paused: false });
    followPlayback(v, playback({ playing: false, positionSeconds: 42.25 }), 0, () => {});
    expect(v.currentTime).toBe(42.25);
    expect(v.pause).toHaveBeenCalled();
    const skewed = fakeVideo();
    // The server's clock is 5 s ahead of ours: 5 s have passed there since `at` = its now.
    followPlayback(skewed, playback({ playing: true, positionSeconds: 0, at: new Date(Date.now() + 5000).toISOString() }), 5000, () => {});
    expect(skewed.currentTime).toBeLessThan(0.5);
    const end = fakeVideo({ duration: 30 });
    followPlayback(end, playback({ playing: true, positionSeconds: 100 }), 0, () => {});
    expect(end.currentTime).toBe(30);
  });

  it('mutes and tries again when the browser refuses autoplay with sound', async () => {
    const v = fakeVideo();
    v.play = vi.fn(() => (v.muted ? Promise.resolve() : Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' }))));
    const muted = vi.fn();
    followPlayback(v, playback({ playing: true }), 0, muted);
    await waitFor(() => expect(muted).toHaveBeenCalled());
    expect(v.muted).toBe(true);
    expect(v.play).toHaveBeenCalledTimes(2);
  });
});

describe('<FilmStage>', () => {
  it('shows nothing without a film, then the film as text with its state and a sound button', async () => {
    const { container } = render(<FilmStage slug="ev" stageId={stageId} />);
    await waitFor(() => expect(sent.some((s) => s.name === 'stage:film:get')).toBe(true));
    expect(container.querySelector('video')).toBeNull();
    act(() => useStore.getState().filmReceived(message(playback())));
    const video = container.querySelector('video')!;
    expect(video.getAttribute('src')).toBe(`/api/events/ev/films/${assetId}/file`);
    expect(screen.getByRole('heading', { name: 'Film: Intro <b>fet</b>.webm' })).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Filmen är pausad.');
    act(() => useStore.getState().filmReceived(message(playback({ playing: true }))));
    expect(screen.getByRole('status').textContent).toBe('Filmen spelas.');
    const sound = screen.getByRole('button', { name: 'Stäng av ljud' });
    fireEvent.click(sound);
    expect(screen.getByRole('button', { name: 'Slå på ljud' }).getAttribute('aria-pressed')).toBe('false');
    expect(video.muted).toBe(true);
  });
});

describe('<FilmControls>', () => {
  it('loads a chosen film, plays, pauses and stops it by commands, with the time as text', async () => {
    render(<FilmControls slug="ev" stageId={stageId} />);
    const load = await screen.findByRole('button', { name: 'Lägg på scenen' });
    expect((screen.getByRole('combobox', { name: 'Film' }) as HTMLSelectElement).value).toBe(assetId);
    act(() => useStore.getState().filmReceived(message(playback({ positionSeconds: 65 }))));
    act(() => useStore.getState().filmDurationKnown(assetId, 3725));
    fireEvent.click(load);
    await waitFor(() => expect(sent.at(-1)).toEqual({ name: 'stage:film:load', payload: { stageId, assetId } }));
    const slider = screen.getByRole('slider', { name: 'Position' });
    expect(slider.getAttribute('aria-valuetext')).toBe('1:05 av 1:02:05');
    fireEvent.click(screen.getByRole('button', { name: 'Spela' }));
    await waitFor(() => expect(sent.at(-1)?.name).toBe('stage:film:play'));
    act(() => useStore.getState().filmReceived(message(playback({ playing: true, positionSeconds: 65 }))));
    fireEvent.click(screen.getByRole('button', { name: 'Pausa' }));
    await waitFor(() => expect(sent.at(-1)?.name).toBe('stage:film:pause'));
    fireEvent.click(screen.getByRole('button', { name: 'Ta bort från scenen' }));
    await waitFor(() => expect(sent.at(-1)?.name).toBe('stage:film:stop'));
  });

  it('sends one seek when the slider comes to rest', async () => {
    act(() => useStore.getState().filmReceived(message(playback())));
    act(() => useStore.getState().filmDurationKnown(assetId, 600));
    render(<FilmControls slug="ev" stageId={stageId} />);
    const slider = await screen.findByRole('slider', { name: 'Position' });
    for (const v of [10, 20, 30, 120]) fireEvent.change(slider, { target: { value: String(v) } });
    await waitFor(() => expect(sent.filter((s) => s.name === 'stage:film:seek')).toEqual([{ name: 'stage:film:seek', payload: { stageId, positionSeconds: 120 } }]));
  });
});

describe('formatting', () => {
  it('writes times and sizes for people', () => {
    expect(formatFilmTime(0)).toBe('0:00');
    expect(formatFilmTime(65.9)).toBe('1:05');
    expect(formatFilmTime(3725)).toBe('1:02:05');
    expect(formatBytes(12_500_000, 'sv')).toBe('12,5 MB');
    expect(formatBytes(999, 'en')).toBe('999 B');
  });
});
