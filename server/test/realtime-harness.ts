// Real socket.io-client connections to a listening Samling, for realtime integration tests.
import { io as connect, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION, type Ack, type ClientToServerEvents, type CommandName, type CommandPayload, type CommandResult,
  type ServerToClientEvents,
} from '@samling/protocol';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  cookie?: string;
  slug: string;
  protocolVersion?: number;
  origin?: string;
  reconnection?: boolean;
}

/** Connects and resolves with the socket, or rejects with the server's typed refusal (`err.data`). */
export function connectTo(baseUrl: string, o: ConnectOptions): Promise<ClientSocket> {
  const socket: ClientSocket = connect(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: o.reconnection ?? false,
    reconnectionDelay: 100,
    extraHeaders: { ...(o.cookie ? { cookie: o.cookie } : {}), ...(o.origin ? { origin: o.origin } : {}) },
    auth: { protocolVersion: o.protocolVersion ?? PROTOCOL_VERSION, eventSlug: o.slug },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Sends a command and returns its ack. */
export async function call<N extends CommandName>(socket: ClientSocket, name: N, payload: CommandPayload<N>): Promise<Ack<CommandResult<N>>> {
  // Generous: the suite runs files in parallel on two cores, and a burst test queues hundreds of commands.
  const timed = socket.timeout(30_000) as unknown as { emitWithAck(n: N, p: CommandPayload<N>): Promise<Ack<CommandResult<N>>> };
  return timed.emitWithAck(name, payload);
}

/** Sends a command that must succeed, and returns its data. */
export async function ok<N extends CommandName>(socket: ClientSocket, name: N, payload: CommandPayload<N>): Promise<CommandResult<N>> {
  const res = await call(socket, name, payload);
  if (!res.ok) throw new Error(`${name} failed: ${res.error.code} ${res.error.message}`);
  return res.data;
}

/** Resolves with the next payload of `event` that satisfies `match`. */
export function next<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      (socket as unknown as Socket).off(event as string, listener);
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      (socket as unknown as Socket).off(event as string, listener);
      resolve(payload);
    };
    (socket as unknown as Socket).on(event as string, listener);
  });
}

/** Collects every payload of `event` from now on. */
export function collect<E extends keyof ServerToClientEvents>(socket: ClientSocket, event: E): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  (socket as unknown as Socket).on(event as string, (p: Parameters<ServerToClientEvents[E]>[0]) => seen.push(p));
  return seen;
}

export const disconnected = (socket: ClientSocket) => new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
