import {
  commands,
  errorSchema,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type ErrorCode,
} from '@samling/protocol';
import { ApiError, isApiError } from '../api.ts';
import { activeConnection, type RealtimeSocket } from './connection.ts';

/** How long a command waits for its ack (and, before sending, for the connection to be online). */
export const COMMAND_TIMEOUT_MS = 8000;
/** A chat message is tried this many times, always with the same id, so the server stores it once. */
export const CHAT_SEND_ATTEMPTS = 3;
/**
 * Commands that carry a client-made id the server recognises (a message, a vote, a question): a lost answer is
 * retried with the same payload, so the thing is stored once. Every other command is sent once.
 */
const RETRIED: ReadonlySet<CommandName> = new Set<CommandName>(['chat:send', 'poll:vote', 'question:ask']);

// The typed maps check each call site; inside this one generic function the per-name overloads cannot be resolved.
type AnyEmitter = { emitWithAck(name: string, payload: unknown): Promise<unknown> };

/** Sends one command on `socket` and unwraps its ack; the result is parsed with the command's schema. */
export async function request<N extends CommandName>(
  socket: RealtimeSocket,
  name: N,
  payload: CommandPayload<N>,
  timeoutMs = COMMAND_TIMEOUT_MS,
): Promise<CommandResult<N>> {
  let ack: unknown;
  try {
    ack = await (socket.timeout(timeoutMs) as unknown as AnyEmitter).emitWithAck(name, payload);
  } catch (e) {
    // Timed out, or the connection dropped before the answer came: the command may or may not have happened.
    throw new ApiError(0, 'NETWORK', e instanceof Error ? e.message : 'No answer');
  }
  if (typeof ack !== 'object' || ack === null || !('ok' in ack)) throw new ApiError(0, 'BAD_RESPONSE', `Unexpected ack for ${name}`);
  if (ack.ok !== true) {
    const error = errorSchema.safeParse((ack as { error?: unknown }).error);
    if (!error.success) throw new ApiError(0, 'BAD_RESPONSE', `Unexpected error ack for ${name}`);
    throw new ApiError(0, error.data.code, error.data.message, error.data.details);
  }
  const parsed = commands[name].result.safeParse((ack as { data?: unknown }).data);
  if (!parsed.success) throw new ApiError(0, 'BAD_RESPONSE', `Unexpected result for ${name}`);
  return parsed.data as CommandResult<N>;
}

/**
 * Sends a command on the event's connection once it is online, and returns the ack's data or throws ApiError.
 * Commands with a client-made id (`chat:send`, `poll:vote`, `question:ask`) are retried on a lost answer with the
 * same payload (the same id), which the server recognises.
 */
export async function send<N extends CommandName>(name: N, payload: CommandPayload<N>): Promise<CommandResult<N>> {
  const attempts = RETRIED.has(name) ? CHAT_SEND_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt++) {
    const connection = activeConnection();
    if (!connection) throw new ApiError(0, 'NETWORK', 'Not connected');
    let socket: RealtimeSocket;
    try {
      socket = await connection.whenOnline(COMMAND_TIMEOUT_MS);
    } catch (refusal) {
      const r = refusal as { code?: ErrorCode; message?: string } | null;
      throw r?.code ? new ApiError(0, r.code, r.message ?? '') : new ApiError(0, 'NETWORK', 'Not connected');
    }
    try {
      return await request(socket, name, payload);
    } catch (e) {
      if (attempt >= attempts || !isApiError(e) || e.code !== 'NETWORK') throw e;
    }
  }
}
