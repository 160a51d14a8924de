import { describe, expect, it, vi } from 'vitest';
import { useStore } from '../store/index.ts';
import { makeAgenda } from '../test/factories.ts';
import { fail, makeMessage, makeSnapshot, ok, sockets } from '../test/fakeSocket.ts';
import { SLUG, connectAndJoin, setupRealtimeTests } from '../test/realtime.ts';
import { BURST_MS, startRealtime } from './bindings.ts';
import { ApiError } from '../api.ts';
import { CHAT_SEND_ATTEMPTS } from './commands.ts';
import { MAX_BURSTS } from '../features/room/room.slice.ts';

vi.mock('socket.io-client', () => import('../test/fakeSocket.ts'));

const store = () => useStore.getState();
const roomIds = (room: string) => store().rooms[room]?.messageIds ?? [];
const texts = (room: string) => roomIds(room).map((id) => store().chatMessages[id]!.text);

setupRealtimeTests({ after: () => vi.useRealTimers() });

describe('realtime bindings and the room slice', () => {
  it('replaces the room with the fresh snapshot after a reconnect that was not recovered, without duplicates', async () => {
    const [a, b, c, d] = [makeMessage({ text: 'a' }), makeMessage({ text: 'b' }), makeMessage({ text: 'c' }), makeMessage({ text: 'd' })];
    const socket = await connectAndJoin('lobby', makeSnapshot({ messages: [a, b, c], viewers: 3 }));
    expect(texts('lobby')).toEqual(['a', 'b', 'c']);

    // While away: c was deleted, d was posted, a moderator closed the chat.
    socket.handle('room:join', () => ok(makeSnapshot({ messages: [a, b, d], viewers: 7, chat: { open: false, slowModeSeconds: 0 } })));
    socket.serverDrop('transport close');
    expect(store().connection.status).toBe('reconnecting');
    await new Promise((r) => setTimeout(r, 800));
    expect(socket.connectCalls).toBe(2);
    socket.serverConnect({ recovered: false });
    await vi.waitFor(() => expect(store().connection.status).toBe('online'));

    expect(socket.sentNamed('room:join')).toEqual([{ room: 'lobby' }, { room: 'lobby' }]);
    expect(texts('lobby')).toEqual(['a', 'b', 'd']);
    expect(new Set(roomIds('lobby')).size).toBe(3);
    expect(store().chatMessages[c.id]).toBeUndefined();
    expect(store().rooms.lobby!.chat.open).toBe(false);
    expect(store().rooms.lobby!.viewers).toBe(7);

    // The broadcast of a message the snapshot already has changes nothing.
    socket.broadcast('chat:posted', d);
    expect(texts('lobby')).toEqual(['a', 'b', 'd']);
  });

  it('does not re-join after a recovered reconnect: the server kept the rooms', async () => {
    const socket = await connectAndJoin('lobby', makeSnapshot({ messages: [makeMessage({ text: 'a' })] }));
    socket.serverDrop('ping timeout');
    await new Promise((r) => setTimeout(r, 800));
    socket.serverConnect({ recovered: true });
    await vi.waitFor(() => expect(store().connection.status).toBe('online'));
    expect(socket.sentNamed('room:join')).toHaveLength(1);
    socket.broadcast('chat:posted', makeMessage({ text: 'missed while away' }));
    expect(texts('lobby')).toEqual(['a', 'missed while away']);
  });

  it('stores a message once whether it comes by ack, by broadcast, or both', async () => {
    const socket = await connectAndJoin('lobby', makeSnapshot());
    const mine = makeMessage({ text: 'hej' });
    socket.handle('chat:send', (payload) => ok({ ...mine, id: (payload as { id: string }).id }));
    await store().sendMessage('lobby', 'hej');
    const { id } = (socket.sentNamed('chat:send') as { id: string }[])[0]!;
    socket.broadcast('chat:posted', { ...mine, id });
    socket.broadcast('chat:posted', { ...mine, id });
    expect(texts('lobby')).toEqual(['hej']);

    socket.broadcast('chat:posted', makeMessage({ text: 'svar' }));
    expect(texts('lobby')).toEqual(['hej', 'svar']);
  });

  it('keeps messages in time order when a broadcast overtakes another', async () => {
    const socket = await connectAndJoin('lobby', makeSnapshot());
    const early = makeMessage({ text: 'early', createdAt: '2026-11-24T09:00:01.000Z' });
    const late = makeMessage({ text: 'late', createdAt: '2026-11-24T09:00:02.000Z' });
    socket.broadcast('chat:posted', late);
    socket.broadcast('chat:posted', early);
    expect(texts('lobby')).toEqual(['early', 'late']);
  });

  it('removes a deleted message, and unpins it', async () => {
    const a = makeMessage({ text: 'a' });
    const b = makeMessage({ text: 'b' });
    const socket = await connectAndJoin('lobby', makeSnapshot({ messages: [a, b], pinned: a }));
    socket.broadcast('chat:deleted', { room: 'lobby', messageId: a.id });
    expect(texts('lobby')).toEqual(['b']);
    expect(store().chatMessages[a.id]).toBeUndefined();
    expect(store().rooms.lobby!.pinned).toBeNull();
  });

  it('ignores broadcasts for rooms not joined and payloads that break the protocol', async () => {
    const socket = await connectAndJoin('lobby', makeSnapshot());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    socket.broadcast('chat:posted', makeMessage({ room: crypto.randomUUID() }));
    socket.broadcast('chat:posted', { id: 'not-a-uuid', room: 'lobby', text: '<b>x</b>' });
    expect(roomIds('lobby')).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('updates the agenda’s session status when a session goes live, so cards show it at once', async () => {
    const { opening } = makeAgenda();
    store().putEntity(SLUG, 'sessions', opening);
    const socket = await connectAndJoin(opening.id, makeSnapshot({ room: opening.id, session: { status: 'scheduled' } }));
    expect(store().sessions[opening.id]!.status).toBe('scheduled');

    socket.broadcast('session:statusChanged', { sessionId: opening.id, status: 'live' });
    expect(store().sessions[opening.id]!.status).toBe('live');
    expect(store().sessionStatuses[opening.id]).toBe('live');
    expect(store().rooms[opening.id]!.session).toEqual({ status: 'live' });
  });

  it('counts reactions and floats a capped number of emoji that disappear again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const socket = await connectAndJoin('lobby', makeSnapshot());
    socket.broadcast('reaction:counted', { room: 'lobby', counts: { '👍': 3, '🎉': 1 } });
    expect(store().rooms.lobby!.reactionTotals).toEqual({ '👍': 3, '🎉': 1 });
    expect(store().rooms.lobby!.bursts.map((b) => b.reaction).sort()).toEqual(['👍', '👍', '👍', '🎉'].sort());

    socket.broadcast('reaction:counted', { room: 'lobby', counts: { '❤️': 500, '👏': 500 } });
    const bursts = store().rooms.lobby!.bursts;
    expect(bursts).toHaveLength(MAX_BURSTS);
    expect(bursts.filter((b) => b.reaction === '❤️').length).toBe(bursts.filter((b) => b.reaction === '👏').length);
    expect(store().rooms.lobby!.reactionTotals['❤️']).toBe(500);

    await vi.advanceTimersByTimeAsync(BURST_MS + 10);
    expect(store().rooms.lobby!.bursts).toEqual([]);
  });

  it('tells a banned person at once and keeps them out', async () => {
    const socket = await connectAndJoin('lobby', makeSnapshot());
    socket.broadcast('moderation:banned', { reason: 'Spam' });
    expect(store().connection).toMatchObject({ status: 'refused', refusal: { code: 'BANNED' } });
    socket.serverDrop('io server disconnect');
    await new Promise((r) => setTimeout(r, 800));
    expect(socket.connectCalls).toBe(1);
  });

  it('retries chat:send on a lost answer with the same id, and turns an error ack into a typed error', async () => {
    const socket = await connectAndJoin('lobby', makeSnapshot());
    let calls = 0;
    socket.handle('chat:send', (payload) => {
      calls++;
      if (calls < CHAT_SEND_ATTEMPTS) throw new Error('operation has timed out');
      const p = payload as { id: string; text: string };
      return ok(makeMessage({ id: p.id, text: p.text }));
    });
    await store().sendMessage('lobby', 'till slut');
    const ids = (socket.sentNamed('chat:send') as { id: string }[]).map((p) => p.id);
    expect(ids).toHaveLength(CHAT_SEND_ATTEMPTS);
    expect(new Set(ids).size).toBe(1);
    expect(texts('lobby')).toEqual(['till slut']);

    socket.handle('chat:send', () => fail('SLOW_MODE', 'Slow mode', { retryAfterSeconds: 12 }));
    const error = await store().sendMessage('lobby', 'för tidigt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'SLOW_MODE', details: { retryAfterSeconds: 12 } });
    expect(socket.sentNamed('chat:send')).toHaveLength(CHAT_SEND_ATTEMPTS + 1);
  });

  it('does not retry other commands', async () => {
    const socket = await connectAndJoin('lobby', makeSnapshot());
    const error = await store().deleteMessage('lobby', crypto.randomUUID()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect(socket.sentNamed('chat:delete')).toHaveLength(1);
  });

  it('joins a room asked for before the connection is up once it is', async () => {
    const joining = store().joinRoom('lobby');
    startRealtime(SLUG);
    const socket = sockets[0]!;
    socket.handle('room:join', () => ok(makeSnapshot({ messages: [makeMessage({ text: 'hej' })] })));
    socket.serverConnect();
    await joining;
    await vi.waitFor(() => expect(texts('lobby')).toEqual(['hej']));
    expect(store().rooms.lobby!.status).toBe('joined');
  });
});
