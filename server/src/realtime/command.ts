import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { commands, errorInfo, type Ack, type CommandName, type CommandResult, type Commands, type ErrorInfo } from '@samling/protocol';
import { AppError } from '../errors.ts';
import { findNul } from '../inbound.ts';
import type { Actor } from '../modules/auth/actor.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RealtimeSocket } from './types.ts';

export interface CommandContext {
  actor: Actor;
  eventId: string;
  eventSlug: string;
  socket: RealtimeSocket;
}

export type CommandHandler<N extends CommandName> = (ctx: CommandContext, payload: z.output<Commands[N]['payload']>) => Promise<CommandResult<N>>;

// Plain objects, not AppErrors: a flood of refused commands must not pay for a stack trace each.
const fail = (error: ErrorInfo): Ack<never> => ({ ok: false, error });

/**
 * The one way a socket command is handled: it must come with an ack (without one there is nobody to answer, so it
 * is dropped), is rate-limited per user, parsed with its protocol schema (never cast), and answered
 * `{ ok, data }` or `{ ok: false, error }`. Errors that are not the user's become INTERNAL, without internals.
 */
export function onCommand<N extends CommandName>(
  socket: RealtimeSocket,
  name: N,
  handler: CommandHandler<N>,
  deps: { limiter: RateLimiter; log: FastifyBaseLogger },
): void {
  commandsOf(socket).set(name, { handler: handler as CommandHandler<CommandName>, deps });
}

interface Registered {
  handler: CommandHandler<CommandName>;
  deps: { limiter: RateLimiter; log: FastifyBaseLogger };
}

// One table and one listener per socket, however many commands: a socket of the crowd costs a few hundred bytes of
// command plumbing instead of a listener, a context and a closure per command.
const tables = new WeakMap<RealtimeSocket, Map<string, Registered>>();

function commandsOf(socket: RealtimeSocket): Map<string, Registered> {
  let table = tables.get(socket);
  if (table) return table;
  const commandsHere = (table = new Map());
  tables.set(socket, commandsHere);
  // Inbound arguments are untrusted whatever the typed map says: take them as unknown and parse.
  const raw = socket as unknown as { onAny(listener: (event: unknown, ...args: unknown[]) => void): void };
  raw.onAny((event, ...args) => {
    if (typeof event !== 'string') return;
    let command = commandsHere.get(event);
    if (!command && lazy.get(socket)?.(event)) command = commandsHere.get(event);
    if (command) run(socket, event as CommandName, command, args);
  });
  return commandsHere;
}

/** Per socket: registers the feature a command belongs to, on its first use; true if it did. */
const lazy = new WeakMap<RealtimeSocket, (command: string) => boolean>();

/**
 * Feature adapters (`chatSocket(socket, deps)` and the like) registered on a socket when it first sends one of their
 * commands, not when it connects: most of a crowd never touches the stage, moderation or the agenda, and a socket
 * then holds no handlers for them. Which commands belong to which feature is found once, on a stand-in socket.
 */
export function lazyFeatures(features: ((socket: RealtimeSocket) => void)[]): (socket: RealtimeSocket) => void {
  const featureOf = new Map<string, number>();
  features.forEach((register, i) => {
    const standIn = { id: '', data: {}, on() {}, once() {}, onAny() {} } as unknown as RealtimeSocket;
    register(standIn);
    for (const name of tables.get(standIn)?.keys() ?? []) featureOf.set(name, i);
  });
  return (socket) => {
    commandsOf(socket);
    let registered = 0; // a bit per feature
    lazy.set(socket, (command) => {
      const i = featureOf.get(command);
      if (i === undefined || registered & (1 << i)) return false;
      registered |= 1 << i;
      features[i]!(socket);
      return true;
    });
  };
}

function run(socket: RealtimeSocket, name: CommandName, { handler, deps }: Registered, args: unknown[]): void {
  const ack = args.at(-1);
  if (typeof ack !== 'function') return;
  const reply = (res: Ack<unknown>) => {
    try {
      ack(res);
    } catch {
      // The client's ack callback is not ours to fail on.
    }
  };
  if (args.length !== 2) return reply(fail(errorInfo('VALIDATION_FAILED', `${name} takes one payload and an ack`)));
  const wait = deps.limiter.take(socket.data.userId);
  if (wait > 0) return reply(fail(errorInfo('RATE_LIMITED', 'Too many requests; slow down', { retryAfterSeconds: wait })));
  const nul = findNul(args[0]);
  if (nul) return reply(fail(errorInfo('VALIDATION_FAILED', 'Text must not contain NUL characters', { issues: [{ path: nul, message: 'contains a NUL character' }] })));
  const parsed = commands[name].payload.safeParse(args[0]);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: '/' + i.path.join('/'), message: i.message, code: i.code }));
    return reply(fail(errorInfo('VALIDATION_FAILED', `Invalid ${name} payload`, { issues })));
  }
  // Made per command, not kept per socket: the data of a recovered or re-admitted socket is read as it is now.
  const ctx: CommandContext = {
    actor: { userId: socket.data.userId, authSessionId: socket.data.authSessionId },
    eventId: socket.data.eventId,
    eventSlug: socket.data.eventSlug,
    socket,
  };
  handler(ctx, parsed.data as never).then(
    (data) => reply({ ok: true, data }),
    (err: unknown) => {
      if (err instanceof AppError) return reply(fail(err.info()));
      deps.log.error({ err, command: name }, 'command failed');
      reply(fail(errorInfo('INTERNAL', 'Something went wrong on our side')));
    },
  );
}
