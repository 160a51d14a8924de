import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, for defaults that should not depend on the working directory. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL; when absent Samling runs on embedded PGlite. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  SAMLING_DATA_DIR: z.string().default(path.join(repoRoot, 'data')),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The built client; served when present. */
  CLIENT_DIST: z.string().default(path.join(repoRoot, 'client/dist')),
  NODE_ENV: z.string().default('production'),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgresql'; url: string };
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
  clientDist: string;
  prettyLogs: boolean;
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
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
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
  };
}
