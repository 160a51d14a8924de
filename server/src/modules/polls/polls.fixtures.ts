/** Small hand-made polls and votes for the poll tests; ids are fixed so expected results can name them. */
import type { Ballot, Poll, PollKind, PollOption, PollSettings } from '@samling/protocol';
import { defaultPollSettings } from '@samling/protocol';
import type { StoredVote } from './tally.ts';

export const ids = {
  poll: '0d1f7c3e-6a4b-4a57-9a43-2f0b8d1c5e01',
  session: '0d1f7c3e-6a4b-4a57-9a43-2f0b8d1c5e02',
  a: 'a0000000-0000-4000-8000-000000000001',
  b: 'a0000000-0000-4000-8000-000000000002',
  c: 'a0000000-0000-4000-8000-000000000003',
  d: 'a0000000-0000-4000-8000-000000000004',
  unknown: 'ffffffff-0000-4000-8000-000000000000',
} as const;

/** Options a, b, c, deliberately listed out of position order to catch "array order" shortcuts. */
export function makeOptions(labels: [string, string, string] = ['Alfa', 'Beta', 'Gamma']): PollOption[] {
  return [
    { id: ids.b, label: labels[1], position: 1 },
    { id: ids.a, label: labels[0], position: 0 },
    { id: ids.c, label: labels[2], position: 2 },
  ];
}

export function makePoll(kind: PollKind, overrides: Partial<Omit<Poll, 'settings'>> & { settings?: Partial<PollSettings> } = {}): Poll {
  const { settings, ...rest } = overrides;
  return {
    id: ids.poll,
    sessionId: ids.session,
    kind,
    question: 'Vad tycker du?',
    options: kind === 'wordcloud' || kind === 'open' ? [] : makeOptions(),
    settings: { ...defaultPollSettings, ...settings },
    status: 'open',
    closesAt: null,
    openedAt: '2026-10-24T09:00:00.000Z',
    resultsRevealed: false,
    correctOptionIds: null,
    position: 0,
    ...rest,
  };
}

let counter = 0;

/** A vote; participant and id are unique unless given, createdAt is seconds after 09:00Z. */
export function vote(ballot: Ballot, extra: Partial<Omit<StoredVote, 'ballot'>> & { second?: number } = {}): StoredVote {
  counter += 1;
  const { second = counter, ...rest } = extra;
  const n = String(counter).padStart(12, '0');
  return {
    id: `b0000000-0000-4000-8000-${n}`,
    participantId: `c0000000-0000-4000-8000-${n}`,
    name: null,
    ballot,
    createdAt: new Date(Date.parse('2026-10-24T09:00:00.000Z') + second * 1000),
    ...rest,
  };
}
