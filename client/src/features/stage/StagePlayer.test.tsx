import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { StageState } from '@samling/protocol';
import { StageConnection } from '../../media/stage-connection.ts';
import { resetStore, useStore } from '../../store/index.ts';
import { StagePlayer } from './StagePlayer.tsx';

// mediasoup-client needs WebRTC, which jsdom lacks: these tests drive the store as the media layer would and check
// what a viewer sees. The connection is a real, never-started StageConnection (its tracks are simply absent).
const stageId = crypto.randomUUID();
const sara = crypto.randomUUID();
const state = (over: Partial<StageState> = {}): StageState => ({ stageId, layout: 'speaker', onStage: [], backstage: [], ...over });
const ready = (s: StageState) => {
  useStore.getState().stageConnecting(stageId);
  useStore.getState().stageJoined({ stageId, routerRtpCapabilities: {}, iceServers: [], state: s, canProduce: false }, null);
};

let connection: StageConnection;
beforeEach(() => {
  resetStore();
  useStore.setState({ lang: 'sv' });
  connection = new StageConnection(stageId, { backstage: false });
});

describe('<StagePlayer>', () => {
  it('says it is connecting while the stage joins', () => {
    useStore.getState().stageConnecting(stageId);
    render(<StagePlayer stageId={stageId} connection={connection} />);
    expect(screen.getByText('Ansluter till scenen …')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Scenen live' }).getAttribute('aria-busy')).toBe('true');
  });

  it('says plainly when nobody is on stage', () => {
    ready(state());
    render(<StagePlayer stageId={stageId} connection={connection} />);
    expect(screen.getByText('Ingen är på scen just nu.')).toBeTruthy();
    expect(screen.queryAllByTestId('stage-video')).toHaveLength(0);
  });

  it('shows an error in Swedish or English with a retry', () => {
    useStore.getState().stageConnecting(stageId);
    useStore.getState().stageFailed(stageId, { code: 'UNAVAILABLE', message: 'no worker' });
    const { rerender } = render(<StagePlayer stageId={stageId} connection={connection} />);
    expect(screen.getByRole('alert').textContent).toContain('Scenen kunde inte visas.');
    expect(screen.getByRole('button', { name: 'Försök igen' })).toBeTruthy();
    act(() => useStore.setState({ lang: 'en' }));
    rerender(<StagePlayer stageId={stageId} connection={connection} />);
    expect(screen.getByRole('alert').textContent).toContain('The stage could not be shown.');
    act(() => useStore.getState().stageFailed(stageId, { code: 'BROWSER_UNSUPPORTED', message: '' }));
    expect(screen.getByRole('alert').textContent).toContain('This browser cannot show the stage.');
  });

  it('shows a received camera with its speaker’s name, per the layout', () => {
    ready(state({ onStage: [{ userId: sara, displayName: 'Sara Talare', producers: [{ id: 'cam', userId: sara, kind: 'video', source: 'camera', paused: false }] }] }));
    act(() => useStore.getState().stageFeedAdded(stageId, { consumerId: 'c1', producerId: 'cam', userId: sara, kind: 'video', source: 'camera' }));
    render(<StagePlayer stageId={stageId} connection={connection} />);
    expect(screen.getByLabelText('Kamera: Sara Talare').tagName).toBe('VIDEO');
    act(() => useStore.getState().stageFeedRemoved(stageId, 'c1'));
    expect(screen.queryByLabelText('Kamera: Sara Talare')).toBeNull();
  });

  it('says who is on stage without a picture, and who has muted themselves', () => {
    ready(state({ onStage: [{ userId: sara, displayName: 'Sara Talare', producers: [{ id: 'mic', userId: sara, kind: 'audio', source: 'microphone', paused: true }] }] }));
    render(<StagePlayer stageId={stageId} connection={connection} />);
    expect(screen.getByText('Sara Talare är på scen men sänder ingen bild just nu.')).toBeTruthy();
    expect(screen.getByText('Sara Talare har stängt av mikrofonen')).toBeTruthy();
  });

  it('announces in a live region whoever goes on stage', () => {
    ready(state());
    render(<StagePlayer stageId={stageId} connection={connection} />);
    act(() => useStore.getState().stageStateUpdated(state({ onStage: [{ userId: sara, displayName: 'Sara Talare', producers: [] }] }), null));
    const live = document.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).toBe('Sara Talare är nu på scen');
  });

  it('has a sound toggle and a full screen button', () => {
    ready(state());
    render(<StagePlayer stageId={stageId} connection={connection} />);
    fireEvent.click(screen.getByRole('button', { name: 'Stäng av ljud' }));
    expect(screen.getByRole('button', { name: 'Slå på ljud' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Helskärm' })).toBeTruthy();
  });
});
