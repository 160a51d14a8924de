// The harness's options. With none, it starts its own server on embedded PGlite and runs every scenario small.
import { parseArgs, type Parsed, type Specs } from './cli.ts';

export const SCENARIOS = ['ceiling', 'ramp', 'poll', 'chat', 'reconnect'] as const;

export const specs = {
  // Where
  url: { type: 'string', default: null, help: 'drive a running server at this address (loopback only) instead of starting one' },
  serverDir: { type: 'string', default: null, help: 'the server package to start (default this repository\'s server/); e.g. a snapshot of a commit' },
  db: { type: 'string', default: 'pglite', choices: ['pglite', 'postgres'], help: 'database of the server the harness starts' },
  nodes: { type: 'number', default: 1, min: 1, max: 4, integer: true, help: 'server nodes to start; more than one means PostgreSQL and Redis' },
  pgUrl: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres', help: 'PostgreSQL where the harness creates (and drops) its own database' },
  redisUrl: { type: 'string', default: 'redis://127.0.0.1:6379', help: 'Redis for several nodes; keys get a prefix of their own' },
  databaseUrl: { type: 'string', default: null, help: 'with --url: the server\'s database, to write attendees directly instead of signing them up' },
  event: { type: 'string', default: 'smart-industri-dagarna-2026', help: 'with --url: the event slug' },
  moderatorEmail: { type: 'string', default: 'moderator@samling.test', help: 'with --url: a moderator of the event' },
  moderatorPassword: { type: 'string', default: null, help: 'with --url: their password (default $SAMLING_DEMO_PASSWORD)' },
  metricsToken: { type: 'string', default: null, help: 'with --url: bearer token of GET /api/metrics (default $SAMLING_METRICS_TOKEN)' },
  serverPid: { type: 'number', default: null, integer: true, help: 'with --url: the server\'s pid, to read RSS and CPU from /proc' },
  // How big
  attendees: { type: 'number', default: 100, min: 2, max: 100_000, integer: true, help: 'attendees connected to the session\'s room' },
  probes: { type: 'number', default: 8, min: 1, max: 200, integer: true, help: 'of them, real socket.io-client sockets' },
  connectRate: { type: 'number', default: 2000, min: 1, help: 'connections started per second during the ramp (open loop)' },
  connectConcurrency: { type: 'number', default: 500, min: 1, integer: true, help: 'handshakes in flight at most' },
  idleSeconds: { type: 'number', default: 2, min: 1, max: 600, help: 'idle window after the ramp (event-loop delay at rest)' },
  voters: { type: 'number', default: null, min: 1, integer: true, help: 'attendees who vote (default all)' },
  voteWindow: { type: 'number', default: 2, min: 0.1, max: 600, help: 'seconds over which the votes of the poll burst are spread' },
  retryShare: { type: 'number', default: 0.1, min: 0, max: 1, help: 'share of votes sent twice with the same voteId (a retried emit)' },
  chatRate: { type: 'number', default: 20, min: 0.1, max: 10_000, help: 'chat messages per second' },
  chatSeconds: { type: 'number', default: 3, min: 1, max: 600, help: 'how long the chat runs at that rate' },
  floodDeliveries: { type: 'number', default: 20_000, min: 1000, help: 'deliveries aimed for in the chat flood (fan-out); at most 4 messages per attendee' },
  ceilingDeliveries: { type: 'number', default: 500_000, min: 1000, help: 'deliveries in the raw ws ceiling' },
  stormTimeout: { type: 'number', default: 30, min: 5, max: 600, help: 'seconds after a restart the reconnect storm is given' },
  reconnectBaseMs: { type: 'number', default: 500, min: 10, help: 'reconnect backoff base, as the web client' },
  reconnectCapMs: { type: 'number', default: 10_000, min: 100, help: 'reconnect backoff cap, as the web client' },
  // What and how
  scenarios: { type: 'list', default: [...SCENARIOS], choices: SCENARIOS, help: 'scenarios to run (always in the order of the default)' },
  pin: { type: 'boolean', default: true, help: 'pin the server to CPU 0 and the harness to CPU 1 with taskset; --no-pin leaves it to the kernel' },
  serverLogLevel: { type: 'string', default: 'warn', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], help: 'LOG_LEVEL of servers the harness starts' },
  profile: { type: 'boolean', default: false, help: 'CPU-profile the servers the harness starts and print where the time went (a killed process writes none: the storm restarts the profile)' },
  keep: { type: 'boolean', default: false, help: 'keep the temporary folder, database and Redis keys for a look afterwards' },
  repeat: { type: 'number', default: 1, min: 1, max: 9, integer: true, help: 'runs, each from scratch; the figures reported are the medians' },
  quiet: { type: 'boolean', default: false, help: 'no progress lines; only the table and the JSON line' },
} as const satisfies Specs;

export type Options = Parsed<typeof specs>;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Options {
  const o = parseArgs(specs, argv);
  o.moderatorPassword ??= env.SAMLING_DEMO_PASSWORD ?? null;
  o.metricsToken ??= env.SAMLING_METRICS_TOKEN ?? null;
  return o;
}
