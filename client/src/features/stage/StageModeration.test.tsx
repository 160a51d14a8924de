import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import type { StageState } from '@samling/protocol';
import { fail, makeSnapshot, ok } from '../../test/fakeSocket.ts';
import { connectRealtime, setupRealtimeTests, swedishInStockholm } from '../../test/realtime.ts';
import { StageModeration } from './StageModeration.tsx';

vi.mock('socket.io-client', () => import('../../test/fakeSocket.ts'));

const stageId = crypto.randomUUID();
const sara = crypto.randomUUID();
const olle = crypto.randomUUID();
const state = (over: Partial<StageState> = {}): StageState => ({ stageId, layout: 'speaker', onStage: [], backstage: [], ...over });

setupRealtimeTests({ before: swedishInStockholm });

describe('<StageModeration>', () => {
  it('lists who is backstage and on stage, and puts on and takes off by user id', async () => {
    const socket = connectRealtime(makeSnapshot(), { 'stage:putOnStage': () => ok(state()), 'stage:takeOffStage': () => ok(state()) });
    render(
      <StageModeration
        state={state({
          onStage: [{ userId: olle, displayName: 'Olle Ordförande', producers: [] }],
          backstage: [{ userId: sara, displayName: 'Sara Talare' }, { userId: olle, displayName: 'Olle Ordförande' }],
        })}
      />,
    );
    // Someone already on stage is not offered again.
    expect(screen.queryByRole('button', { name: 'Sätt Olle Ordförande på scen' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sätt Sara Talare på scen' }));
    await vi.waitFor(() => expect(socket.sentNamed('stage:putOnStage')).toEqual([{ stageId, userId: sara }]));
    fireEvent.click(screen.getByRole('button', { name: 'Ta av Olle Ordförande från scen' }));
    await vi.waitFor(() => expect(socket.sentNamed('stage:takeOffStage')).toEqual([{ stageId, userId: olle }]));
  });

  it('chooses the layout from a labelled group, and says why when it is refused', async () => {
    const socket = connectRealtime(makeSnapshot(), { 'stage:setLayout': () => fail('FORBIDDEN') });
    render(<StageModeration state={state()} />);
    expect(screen.getByRole('group', { name: 'Layout för publiken' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'En talare' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: 'Rutnät' }));
    await vi.waitFor(() => expect(socket.sentNamed('stage:setLayout')).toEqual([{ stageId, layout: 'grid' }]));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Det gick inte: /);
    // Refused: the choice goes back to what the server has.
    expect((screen.getByRole('radio', { name: 'En talare' }) as HTMLInputElement).checked).toBe(true);
  });
});
