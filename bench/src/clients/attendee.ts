// What every simulated attendee offers the scenarios, whether a light crowd client or a real socket.io-client probe.
import { errorInfo, type Ack, type CommandName, type CommandPayload, type CommandResult, type PollResultsMessage } from '@samling/protocol';

/** The broadcasts the scenarios time. Every attendee reports them through the one `Listener` set on the crowd. */
export interface Listener {
  chat?(a: Attendee, text: string, at: number): void;
  results?(a: Attendee, msg: Pick<PollResultsMessage, 'pollId' | 'version' | 'voters' | 'final'> & { results: unknown }, at: number): void;
  presence?(a: Attendee, viewers: number, at: number): void;
}

/** Lifecycle of a connection, for the ramp and the reconnect storm. */
export interface LifecycleHooks {
  /** Connected (and rooms re-joined when the connection was not recovered): the attendee is back in the room. */
  online?(a: Attendee, info: { recovered: boolean; first: boolean; at: number; connectedAt: number }): void;
  offline?(a: Attendee, at: number): void;
  /** A reconnect attempt starts (after its backoff). */
  attempt?(a: Attendee, at: number): void;
  /** A reconnect gave up, or the server refused for good. */
  failed?(a: Attendee, reason: string, at: number): void;
}

export interface ReconnectPolicy {
  baseMs: number;
  capMs: number;
  /** No attempt starts after this time (performance.now()): every loop is bounded. */
  until: number;
}

/**
 * The web client's own backoff (client/src/realtime/connection.ts): exponential up to the cap, then jittered
 * ×0.5–1.5, so a storm of returning clients is shaped as real browsers would shape it.
 */
export function reconnectDelay(attempt: number, p: Pick<ReconnectPolicy, 'baseMs' | 'capMs'>, random = Math.random): number {
  const capped = Math.min(p.capMs, p.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(capped * (0.5 + random()));
}

export interface Attendee {
  readonly index: number;
  readonly kind: 'crowd' | 'probe' | 'moderator';
  /** Which server node it talks to (0 unless several). */
  readonly node: number;
  readonly online: boolean;
  /** Connects once; rejects with the refusal or a timeout. */
  connect(timeoutMs: number): Promise<{ recovered: boolean }>;
  call<N extends CommandName>(name: N, payload: CommandPayload<N>, timeoutMs?: number): Promise<Ack<CommandResult<N>>>;
  /** Marks the attendee online (after re-joining its rooms unless `recovered`) and tells the lifecycle hooks. */
  settle(recovered: boolean, connectedAt: number): Promise<void>;
  /** From now on, reconnect after a dropped connection (and re-join `rooms` when not recovered). */
  keepAlive(policy: ReconnectPolicy, rooms: string[]): void;
  close(): void;
}

/** Routes broadcasts and lifecycle changes of all attendees to whichever scenario is listening. */
export class Router {
  listener: Listener = {};
  hooks: LifecycleHooks = {};
}

const timeouts = new WeakSet<object>();

/** An ack that never came, in the ack's own shape so callers handle one kind of answer (`isTimeout` tells it apart). */
export const timedOut = (name: string, ms: number): Ack<never> => {
  const error = errorInfo('INTERNAL', `${name}: no ack within ${ms} ms (timeout)`);
  timeouts.add(error);
  return { ok: false, error };
};

/** Whether a failed ack's error is one `timedOut` made, not the server's answer. */
export const isTimeout = (error: object): boolean => timeouts.has(error);
