import type { Agenda, Event, Poll, PollResults, PollResultsMessage, Question, Session, Speaker, Stage, Track } from '@samling/protocol';
import { defaultPollSettings, fromZoned } from '@samling/protocol';

const id = () => crypto.randomUUID();

export function makeEvent(over: Partial<Event> = {}): Event {
  return {
    id: id(),
    slug: 'smart-industri',
    name: 'Smart industri-dagarna',
    description: 'Den nationella konferensen om smart industri.',
    timeZone: 'Europe/Stockholm',
    startDate: '2026-11-24',
    endDate: '2026-11-25',
    defaultLanguage: 'sv',
    guestAccess: false,
    ...over,
  };
}

export const makeStage = (over: Partial<Stage> = {}): Stage => ({ id: id(), name: 'Stora scenen', position: 0, ...over });
export const makeTrack = (over: Partial<Track> = {}): Track => ({ id: id(), name: 'Digitalisering', colour: '#1f6feb', position: 0, ...over });
export const makeSpeaker = (over: Partial<Speaker> = {}): Speaker => ({
  id: id(),
  name: 'Anna Lind',
  title: 'Forskare',
  organisation: 'RISE',
  bio: '',
  photoUrl: null,
  ...over,
});

/** A session at local wall-clock times in Stockholm: `at('2026-11-24', '09:00', '09:45')`. */
export function makeSession(
  day: string,
  start: string,
  end: string,
  over: Partial<Session> = {},
  timeZone = 'Europe/Stockholm',
): Session {
  return {
    id: id(),
    title: `Session ${start}`,
    abstract: '',
    startsAt: fromZoned(day, start, timeZone).toISOString(),
    endsAt: fromZoned(day, end, timeZone).toISOString(),
    stageId: null,
    trackId: null,
    kind: 'talk',
    language: 'sv',
    status: 'scheduled',
    speakerIds: [],
    ...over,
  };
}

/** A small two-stage, two-track agenda with a break spanning both stages. */
export function makeAgenda() {
  const event = makeEvent();
  const big = makeStage({ name: 'Stora scenen', position: 0 });
  const small = makeStage({ name: 'Lilla scenen', position: 1 });
  const digital = makeTrack({ name: 'Digitalisering', colour: '#1f6feb', position: 0 });
  const green = makeTrack({ name: 'Hållbarhet', colour: '#2e7d32', position: 1 });
  const anna = makeSpeaker({ name: 'Anna Lind', organisation: 'RISE' });
  const omar = makeSpeaker({ name: 'Omar Said', organisation: 'Vinnova' });
  const day1 = '2026-11-24';
  const opening = makeSession(day1, '09:00', '09:45', { title: 'Öppning', stageId: big.id, trackId: digital.id, kind: 'keynote', speakerIds: [anna.id] });
  const robots = makeSession(day1, '09:00', '09:30', { title: 'Robotar i verkstaden', stageId: small.id, trackId: green.id, speakerIds: [omar.id] });
  const coffee = makeSession(day1, '09:45', '10:15', { title: 'Kaffe', kind: 'break' });
  const ai = makeSession(day1, '10:15', '11:00', { title: 'AI i produktionen', stageId: big.id, trackId: digital.id, abstract: 'Maskininlärning på fabriksgolvet.' });
  const circular = makeSession(day1, '10:15', '11:00', { title: 'Cirkulära flöden', stageId: small.id, trackId: green.id });
  const day2 = makeSession('2026-11-25', '13:00', '14:00', { title: 'Dag två', stageId: big.id, trackId: digital.id });
  const agenda: Agenda = {
    event,
    stages: [small, big],
    tracks: [green, digital],
    speakers: [anna, omar],
    sessions: [ai, opening, coffee, robots, circular, day2],
  };
  return { agenda, event, big, small, digital, green, anna, omar, opening, robots, coffee, ai, circular, day2 };
}

type Handler = (init: { body: unknown; url: string; method: string }) => { status?: number; body?: unknown } | undefined;

/**
 * Stubs fetch with handlers keyed "METHOD /path"; unmatched calls answer 404 NOT_FOUND.
 * Returns the list of calls made, for assertions.
 */
export function mockFetch(handlers: Record<string, Handler>) {
  const calls: { method: string; url: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchMock = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body, headers: (init.headers ?? {}) as Record<string, string> });
    const handler = handlers[`${method} ${url.split('?')[0]}`];
    const result = handler?.({ body, url, method }) ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: 'Not found' } } };
    const status = result.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(result.body ?? null), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetchMock, calls };
}

/** A poll on `sessionId`, open, with options labelled as given (statements for a scale). */
export function makePoll(over: Partial<Poll> & { labels?: string[] } = {}): Poll {
  const { labels = ['AI', 'Robotar', 'Digitala tvillingar'], ...rest } = over;
  const kind = rest.kind ?? 'single';
  const withOptions = kind !== 'wordcloud' && kind !== 'open';
  return {
    id: id(),
    sessionId: id(),
    kind,
    question: 'Vilken teknik påverkar er mest?',
    options: withOptions ? labels.map((label, position) => ({ id: id(), label, position })) : [],
    settings: { ...defaultPollSettings },
    status: 'open',
    closesAt: null,
    openedAt: '2026-11-24T09:00:00.000Z',
    resultsRevealed: false,
    correctOptionIds: null,
    position: 0,
    ...rest,
  };
}

/** Results of a single-choice (or multiple, quiz) poll: counts by option label. */
export function makeChoiceResults(poll: Poll, counts: number[], over: Partial<PollResultsMessage> = {}): PollResultsMessage {
  const voters = over.voters ?? counts.reduce((a, b) => a + b, 0);
  const options = poll.options.map((o, i) => ({ optionId: o.id, count: counts[i] ?? 0 }));
  const results: PollResults =
    poll.kind === 'quiz' ? { kind: 'quiz', voters, options, leaderboard: [] } : { kind: poll.kind === 'multiple' ? 'multiple' : 'single', voters, options };
  return { pollId: poll.id, version: 1, voters, results, final: false, ...over };
}

let questionSeq = 0;
export function makeQuestion(over: Partial<Question> = {}): Question {
  questionSeq++;
  return {
    id: id(),
    sessionId: id(),
    text: `Fråga ${questionSeq}`,
    author: 'Alva Deltagare',
    status: 'approved',
    answered: false,
    pinned: false,
    votes: 0,
    createdAt: new Date(Date.UTC(2026, 10, 24, 9, 0, questionSeq)).toISOString(),
    ...over,
  };
}
