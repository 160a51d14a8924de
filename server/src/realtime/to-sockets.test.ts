import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { broadcasts, type Question } from '@samling/protocol';
import type { DomainEvents } from '../domain-events.ts';
import { RoomBatcher } from './room-batcher.ts';
import { chatRoom, moderatorRoom, userRoom } from './rooms.ts';
import { deliver, toSockets, type Delivery } from './to-sockets.ts';
import type { IO } from './types.ts';

const eventId = randomUUID();
const sessionId = randomUUID();
const asker = randomUUID();
const row = <K extends keyof DomainEvents>(name: K, e: DomainEvents[K]): Delivery[] => toSockets[name]!(e);
const question = (status: Question['status']): Question => ({
  id: randomUUID(), sessionId, text: 'Hur?', author: null, status, answered: false, pinned: false, votes: 0, createdAt: new Date().toISOString(),
});

/** Each broadcast a delivery sends must parse with its protocol schema: the client drops anything else. */
function expectValidMessages(deliveries: Delivery[]): void {
  for (const d of deliveries) {
    if ('send' in d) expect(broadcasts[d.send.event].safeParse(d.send.data).success, d.send.event).toBe(true);
  }
}

describe('domain events to sockets', () => {
  it('shows an approved question to the room, a pending one to moderators and its asker, and takes a hidden one from the audience', () => {
    const approved = row('question.updated', { eventId, question: question('approved'), askerId: asker });
    expect(approved).toEqual([expect.objectContaining({ to: chatRoom(eventId, sessionId) })]);

    const pending = row('question.updated', { eventId, question: question('pending'), askerId: asker });
    expect(pending).toEqual([expect.objectContaining({ to: [moderatorRoom(eventId, sessionId), userRoom(eventId, asker)] })]);

    const hidden = row('question.updated', { eventId, question: question('hidden'), askerId: asker });
    expect(hidden.map((d) => ('send' in d ? [d.to, d.except ?? null, d.send.event] : d))).toEqual([
      [[moderatorRoom(eventId, sessionId)], null, 'question:updated'],
      [chatRoom(eventId, sessionId), moderatorRoom(eventId, sessionId), 'question:removed'],
    ]);
    expectValidMessages([...approved, ...pending, ...hidden]);
  });

  it('tells a banned person why before their connections drop', () => {
    const userId = randomUUID();
    const deliveries = row('member.banned', { eventId, userId, reason: 'Spam' });
    expect(deliveries).toEqual([
      { to: userRoom(eventId, userId), send: { event: 'moderation:banned', data: { reason: 'Spam' } } },
      { disconnect: userRoom(eventId, userId), close: true },
    ]);
    expectValidMessages(deliveries);
  });

  it('merges upvotes per room instead of sending one message per vote', () => {
    const questionId = randomUUID();
    expect(row('question.voted', { eventId, sessionId, questionId, votes: 4 })).toEqual([{ to: chatRoom(eventId, sessionId), questionVotes: { [questionId]: 4 } }]);
  });

  it('tells only the connections that lost their media that a stage restarted', () => {
    const stageId = randomUUID();
    const [lost] = row('stage.restarted', { eventId, stageId, connectionIds: ['a', 'b'] });
    expect(lost).toEqual({ to: ['a', 'b'], send: { event: 'stage:restarted', data: { stageId } } });
    // None lost: an empty list of rooms, which `deliver` sends to nobody (to Socket.IO it would mean everyone).
    expect(row('stage.restarted', { eventId, stageId, connectionIds: [] })).toEqual([expect.objectContaining({ to: [] })]);
  });
});

describe('deliver', () => {
  it('sends to the rooms named, and to nobody for an empty list of rooms', async () => {
    const http = createServer();
    const io: IO = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true });
    try {
      await new Promise<void>((resolve) => client.once('connect', resolve));
      const got: unknown[] = [];
      client.on('stage:restarted', (m: unknown) => got.push(m));
      const [socket] = await io.fetchSockets();
      const batcher = new RoomBatcher<Record<string, number>>(() => ({}), () => {});
      deliver(io, batcher, { to: [], send: { event: 'stage:restarted', data: { stageId: 'nobody' } } });
      deliver(io, batcher, { to: [socket!.id], send: { event: 'stage:restarted', data: { stageId: 'mine' } } });
      await expect.poll(() => got.length).toBe(1);
      // The empty delivery went out first: had it reached anyone, it would have arrived first.
      expect(got).toEqual([{ stageId: 'mine' }]);
    } finally {
      client.close();
      await io.close();
    }
  });
});
