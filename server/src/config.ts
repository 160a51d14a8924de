import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { defaultWorkerBin } from './media/worker-bin.ts';

/** The repository root, for defaults that should not depend on the working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL; when absent Samling runs on embedded PGlite. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  SAMLING_DATA_DIR: z.string().default(path.join(repoRoot, 'data')),
  /** Largest film an organiser may upload; the database keeps sizes as 32-bit integers, hence the ceiling. */
  SAMLING_MAX_FILM_BYTES: z.coerce.number().int().min(1).max(2 ** 31 - 1).default(2_000_000_000),
  /** Seeds the demo event on first start; defaults to on for the embedded database. */
  SAMLING_DEMO: bool.optional(),
  SAMLING_DEMO_PASSWORD: z.string().min(10).optional(),
  /** Redis: with it, Socket.IO spans nodes (streams adapter) and viewer counts are cluster-wide. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Prefix of Samling's keys and stream in Redis, so several deployments (or test runs) can share one. */
  REDIS_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]{1,40}$/).default('samling'),
  /** Origins allowed to open a WebSocket, comma-separated; PUBLIC_URL's origin is always allowed. */
  ALLOWED_ORIGINS: z.string().optional(),
  /** The address people open, used in exports and links; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Cookies are Secure when PUBLIC_URL is https, unless this says otherwise. */
  COOKIE_SECURE: bool.optional(),
  /** Bearer token for GET /api/metrics; without it the endpoint does not exist. */
  SAMLING_METRICS_TOKEN: z.string().min(16).optional(),
  /** Socket.IO connection state recovery (a dropped connection gets what it missed); costs memory per broadcast. */
  SAMLING_CONNECTION_RECOVERY: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built client; served when present. */
  CLIENT_DIST: z.string().default(path.join(repoRoot, 'client/dist')),
  NODE_ENV: z.string().default('production'),
  /** mediasoup workers (one process each); default one per core. */
  MEDIASOUP_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
  /** The worker binary; default the one `scripts/build-mediasoup-worker.sh` builds into the cache. */
  MEDIASOUP_WORKER_BIN: z.string().min(1).optional(),
  /** Consumers on a stage's router before its new viewers go to another worker's router (piped). */
  MEDIASOUP_CONSUMERS_PER_ROUTER: z.coerce.number().int().min(1).max(100_000).default(400),
  /** Where WebRTC sockets listen; default 0.0.0.0 when RTC_ANNOUNCED_IP is set, otherwise loopback (development). */
  RTC_LISTEN_IP: z.union([z.ipv4(), z.ipv6()]).optional(),
  /** The address browsers reach the media on (the public IP behind NAT); needed when listening on 0.0.0.0. */
  RTC_ANNOUNCED_IP: z.union([z.ipv4(), z.ipv6(), z.hostname()]).optional(),
  RTC_MIN_PORT: z.coerce.number().int().min(1024).max(65_535).default(40_000),
  RTC_MAX_PORT: z.coerce.number().int().min(1024).max(65_535).default(49_999),
  /** ICE over TCP as a fallback where UDP is blocked. */
  RTC_TCP: bool.default(true),
  /** STUN/TURN servers handed to browsers, comma-separated (turn:turn.example.se:3478,turns:…). */
  TURN_URLS: z.string().regex(/^\s*(stuns?|turns?):[^\s,]+(\s*,\s*(stuns?|turns?):[^\s,]+)*\s*$/, 'comma-separated stun:, turn: or turns: URLs').optional(),
  /** The TURN server's shared secret (coturn `static-auth-secret`): browsers get time-limited credentials. */
  TURN_SECRET: z.string().min(8).optional(),
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(12 * 3600),
  /** OpenID Connect single sign-on: the issuer (its discovery document is at /.well-known/openid-configuration). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the provider sends people back; default PUBLIC_URL + /api/auth/oidc/callback. */
  OIDC_REDIRECT_URL: z.url().optional(),
  /** The sign-in button's text, e.g. "Logga in med Freja eID". */
  OIDC_LABEL: z.string().min(1).max(80).default('Logga in med e-legitimation'),
}).superRefine((e, ctx) => {
  if (e.RTC_MIN_PORT > e.RTC_MAX_PORT) ctx.addIssue({ code: 'custom', path: ['RTC_MAX_PORT'], message: 'must not be below RTC_MIN_PORT' });
  const anyAddress = e.RTC_LISTEN_IP === '0.0.0.0' || e.RTC_LISTEN_IP === '::';
  if (anyAddress && !e.RTC_ANNOUNCED_IP) ctx.addIssue({ code: 'custom', path: ['RTC_ANNOUNCED_IP'], message: 'required when RTC_LISTEN_IP listens on every address: browsers need an address to reach' });
  const turn = /(^|,)\s*turns?:/.test(e.TURN_URLS ?? '');
  if (turn && !e.TURN_SECRET) ctx.addIssue({ code: 'custom', path: ['TURN_SECRET'], message: 'required with turn: URLs (browsers get credentials made with it)' });
  if (e.TURN_SECRET && !turn) ctx.addIssue({ code: 'custom', path: ['TURN_URLS'], message: 'TURN_SECRET needs turn: URLs' });
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'required with OIDC_ISSUER' });
  if (!e.OIDC_ISSUER && e.OIDC_CLIENT_ID) ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'required with OIDC_CLIENT_ID' });
});

/** The stage's media: mediasoup workers and the WebRTC transports browsers connect to. */
export interface MediaConfig {
  workers: number;
  workerBin: string;
  consumersPerRouter: number;
  listenIp: string;
  announcedIp: string | undefined;
  minPort: number;
  maxPort: number;
  enableTcp: boolean;
  /** STUN/TURN servers for browsers; `secret` makes time-limited TURN credentials. */
  iceServers: { urls: string[]; secret: string | undefined; ttlSeconds: number };
}

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgresql'; url: string };
  /** Samling's own files (uploaded films in `films/`), whichever database. */
  dataDir: string;
  maxFilmBytes: number;
  redisUrl: string | undefined;
  redisPrefix: string;
  /** Origins a browser may open a realtime connection from. */
  allowedOrigins: string[];
  seedDemo: boolean;
  demoPassword: string | undefined;
  publicUrl: string;
  cookieSecure: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  metricsToken: string | undefined;
  connectionRecovery: boolean;
  clientDist: string;
  prettyLogs: boolean;
  media: MediaConfig;
  /** OpenID Connect single sign-on, or null when not configured. */
  oidc: OidcConfig | null;
}

/** Single sign-on with one OpenID Connect provider (authorization code flow with PKCE). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Null for a public client (PKCE only). */
  clientSecret: string | null;
  redirectUrl: string;
  label: string;
}

/** Reads the environment once; fails fast naming every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { kind: 'postgresql', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: path.resolve(e.SAMLING_DATA_DIR) },
    dataDir: path.resolve(e.SAMLING_DATA_DIR),
    maxFilmBytes: e.SAMLING_MAX_FILM_BYTES,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    connectionRecovery: e.SAMLING_CONNECTION_RECOVERY,
    allowedOrigins: [
      ...new Set([
        new URL(publicUrl).origin,
        `http://localhost:${e.PORT}`,
        `http://127.0.0.1:${e.PORT}`,
        ...(e.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean).map((o) => new URL(o).origin),
      ]),
    ],
    seedDemo: e.SAMLING_DEMO ?? !e.DATABASE_URL,
    demoPassword: e.SAMLING_DEMO_PASSWORD,
    publicUrl,
    cookieSecure: e.COOKIE_SECURE ?? publicUrl.startsWith('https:'),
    logLevel: e.LOG_LEVEL,
    metricsToken: e.SAMLING_METRICS_TOKEN,
    clientDist: path.resolve(e.CLIENT_DIST),
    prettyLogs: e.NODE_ENV === 'development' || Boolean(process.stdout.isTTY),
    media: {
      workers: e.MEDIASOUP_WORKERS ?? Math.max(1, os.availableParallelism()),
      workerBin: path.resolve(e.MEDIASOUP_WORKER_BIN ?? defaultWorkerBin(env)),
      consumersPerRouter: e.MEDIASOUP_CONSUMERS_PER_ROUTER,
      listenIp: e.RTC_LISTEN_IP ?? (e.RTC_ANNOUNCED_IP ? '0.0.0.0' : '127.0.0.1'),
      announcedIp: e.RTC_ANNOUNCED_IP,
      minPort: e.RTC_MIN_PORT,
      maxPort: e.RTC_MAX_PORT,
      enableTcp: e.RTC_TCP,
      iceServers: {
        urls: (e.TURN_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
        secret: e.TURN_SECRET,
        ttlSeconds: e.TURN_TTL_SECONDS,
      },
    },
    oidc: e.OIDC_ISSUER && e.OIDC_CLIENT_ID
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID,
          clientSecret: e.OIDC_CLIENT_SECRET ?? null,
          redirectUrl: e.OIDC_REDIRECT_URL ?? `${publicUrl}/api/auth/oidc/callback`,
          label: e.OIDC_LABEL,
        }
      : null,
  };
}
