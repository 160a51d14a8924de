import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { RoomSnapshot } from '@samling/protocol';
import { fail, makeMessage, makeSnapshot, ok } from '../../test/fakeSocket.ts';
import { connectRealtime, setupRealtimeTests, swedishInStockholm } from '../../test/realtime.ts';
import { RoomPanel } from './RoomPanel.tsx';

vi.mock('socket.io-client', () => import('../../test/fakeSocket.ts'));

const me = crypto.randomUUID();
const alva = { id: me, displayName: 'Alva Deltagare' };
const bo = { id: crypto.randomUUID(), displayName: 'Bo Besökare' };

async function openRoom(snapshot: RoomSnapshot) {
  const socket = connectRealtime(snapshot);
  render(<RoomPanel room={snapshot.room} />);
  await screen.findByLabelText('Meddelande');
  return socket;
}

const log = () => screen.getByRole('region', { name: 'Meddelanden' });

setupRealtimeTests({ before: swedishInStockholm });

describe('<RoomPanel>', () => {
  it('shows the chat as an ordered list with author and time; only your own messages can be deleted', async () => {
    await openRoom(
      makeSnapshot({
        me: { userId: me, role: 'attendee', mutedUntil: null },
        messages: [
          makeMessage({ author: bo, text: 'Hej alla!', createdAt: '2026-11-24T09:05:00.000Z' }),
          makeMessage({ author: alva, text: 'Hej Bo', createdAt: '2026-11-24T09:06:00.000Z' }),
        ],
      }),
    );
    const items = within(log()).getAllByRole('listitem');
    expect(log().querySelector('ol')).not.toBeNull();
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Bo Besökare 10:05Hej alla!'),
      expect.stringContaining('Alva Deltagare (du) 10:06Hej Bo'),
    ]);
    expect(within(items[0]!).queryByRole('button')).toBeNull();
    expect(within(items[1]!).getByRole('button', { name: 'Ta bort' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Moderering' })).toBeNull();
    expect(screen.getByText('3 här just nu')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^Reagera med / }).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Reagera med 👍', 'Reagera med 👏', 'Reagera med ❤️', 'Reagera med 😂', 'Reagera med 😮', 'Reagera med 🎉',
    ]);
  });

  it('sends a message, counts characters, and shows slow mode with the seconds to wait', async () => {
    const socket = await openRoom(makeSnapshot({ me: { userId: me, role: 'attendee', mutedUntil: null } }));
    socket.handle('chat:send', (p) => ok(makeMessage({ ...(p as { id: string; text: string }), room: 'lobby', author: alva })));
    const field = screen.getByLabelText('Meddelande');
    fireEvent.change(field, { target: { value: 'Första frågan' } });
    expect(screen.getByText('13 av 1000 tecken')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Skicka' }));
    expect(await within(log()).findByText('Första frågan')).toBeTruthy();
    expect((field as HTMLTextAreaElement).value).toBe('');

    socket.handle('chat:send', () => fail('SLOW_MODE', 'Slow mode: wait 17 s', { retryAfterSeconds: 17 }));
    fireEvent.change(field, { target: { value: 'Andra frågan' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    const alert = await screen.findByText('Långsamt läge: vänta 17 sekunder innan du skickar nästa meddelande.');
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect((field as HTMLTextAreaElement).value).toBe('Andra frågan');
    expect(within(log()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('closes the composer when a moderator closes the chat, and opens it again', async () => {
    const socket = await openRoom(makeSnapshot({ me: { userId: me, role: 'attendee', mutedUntil: null } }));
    act(() => socket.broadcast('chat:configured', { room: 'lobby', chat: { open: false, slowModeSeconds: 0 } }));
    expect(screen.getByText('Chatten är stängd')).toBeTruthy();
    expect((screen.getByLabelText('Meddelande') as HTMLTextAreaElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Skicka' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => socket.broadcast('chat:configured', { room: 'lobby', chat: { open: true, slowModeSeconds: 30 } }));
    expect(screen.queryByText('Chatten är stängd')).toBeNull();
    expect((screen.getByLabelText('Meddelande') as HTMLTextAreaElement).disabled).toBe(false);
    expect(screen.getByText('Långsamt läge: ett meddelande per 30 sekunder.')).toBeTruthy();
  });

  it('reads out messages that arrive, but not the history nor your own', async () => {
    const socket = await openRoom(
      makeSnapshot({ me: { userId: me, role: 'attendee', mutedUntil: null }, messages: [makeMessage({ author: bo, text: 'Gammalt' })] }),
    );
    const announcer = screen.getByTestId('chat-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(log().getAttribute('aria-live')).toBeNull();
    expect(announcer.textContent).toBe('');
    act(() => socket.broadcast('chat:posted', makeMessage({ author: bo, text: 'Nytt!' })));
    act(() => socket.broadcast('chat:posted', makeMessage({ author: alva, text: 'Mitt eget' })));
    expect(announcer.textContent).toBe('Bo Besökare: Nytt!');
  });

  it('gives moderators per-message tools and chat controls; a ban asks first', async () => {
    const socket = await openRoom(
      makeSnapshot({ me: { userId: me, role: 'moderator', mutedUntil: null }, messages: [makeMessage({ author: bo, text: 'Köp billiga klockor' })] }),
    );
    socket.handle('chat:configure', (p) => ok({ open: true, slowModeSeconds: 0, ...(p as object) }));
    socket.handle('moderation:ban', () => ok({}));
    socket.handle('chat:delete', () => ok({}));
    const item = within(log()).getAllByRole('listitem')[0]!;
    for (const name of ['Ta bort', 'Fäst', 'Stäng av i 10 minuter', 'Stäng av från evenemanget']) {
      expect(within(item).getByRole('button', { name })).toBeTruthy();
    }

    fireEvent.click(within(item).getByRole('button', { name: 'Stäng av från evenemanget' }));
    expect(socket.sentNamed('moderation:ban')).toHaveLength(0);
    fireEvent.change(within(item).getByLabelText('Anledning (valfri, visas för personen)'), { target: { value: 'Spam' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Ja, stäng av' }));
    expect(await screen.findByText('Bo Besökare är avstängd från evenemanget.')).toBeTruthy();
    expect(socket.sentNamed('moderation:ban')).toEqual([{ userId: bo.id, reason: 'Spam' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Stäng chatten' }));
    expect(await screen.findByRole('button', { name: 'Öppna chatten' })).toBeTruthy();
    expect(screen.getByText('Chatten är stängd för deltagare. Som moderator kan du fortfarande skriva.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Långsamt läge'), { target: { value: '30' } });
    await vi.waitFor(() => expect(socket.sentNamed('chat:configure')).toEqual([{ room: 'lobby', open: false }, { room: 'lobby', slowModeSeconds: 30 }]));
    expect([...screen.getByLabelText<HTMLSelectElement>('Långsamt läge').options].map((o) => o.text)).toEqual(['Av', '5 s', '10 s', '30 s', '60 s']);

    fireEvent.click(within(item).getByRole('button', { name: 'Ta bort' }));
    await vi.waitFor(() => expect(within(log()).queryAllByRole('listitem')).toHaveLength(0));
  });

  it('loads older messages above the ones shown', async () => {
    const newest = makeMessage({ author: bo, text: 'Nyast' });
    const socket = await openRoom(makeSnapshot({ messages: [newest], hasMore: true }));
    socket.handle('chat:history', () => ok({ messages: [makeMessage({ author: bo, text: 'Äldst', createdAt: '2026-11-24T08:00:00.000Z' })], hasMore: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Ladda äldre meddelanden' }));
    await vi.waitFor(() => expect(within(log()).getAllByRole('listitem').map((li) => li.querySelector('.chat-text')!.textContent)).toEqual(['Äldst', 'Nyast']));
    expect(socket.sentNamed('chat:history')).toEqual([{ room: 'lobby', before: newest.id, limit: 50 }]);
    expect(screen.queryByRole('button', { name: 'Ladda äldre meddelanden' })).toBeNull();
  });
});
