import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Config } from '../config.ts';
import { singleNode, type NodeSync } from '../node-sync.ts';
import type { IO } from './types.ts';

export interface SocketServer {
  io: IO;
  /** With several nodes, their shared Redis (the adapter's streams, cluster-wide viewer counts); null for a node alone. */
  redis: Redis | null;
  /** The other nodes, as the services see them: over the adapter with Redis, nobody without. */
  sync: NodeSync;
}

/**
 * Socket.IO on the HTTP server, before the services exist (they take its `sync`): options, the Origin check and,
 * with Redis, the streams adapter that carries broadcasts and node-to-node messages to every node.
 */
export async function createSocketServer(http: HttpServer, config: Config): Promise<SocketServer> {
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 }) : null;
  if (redis) await redis.connect();
  const io: IO = new Server(http, {
    path: '/socket.io',
    serveClient: false,
    // Commands are small; a chat line is 1,000 characters. Anything near this is not a client of ours.
    maxHttpBufferSize: 64 * 1024,
    // Browsers always send Origin on a WebSocket; a page from elsewhere must not ride the user's cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || config.allowedOrigins.includes(origin));
    },
    ...(config.connectionRecovery ? { connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false } } : {}),
    // Messages are small JSON; compressing them per socket costs more memory and CPU than it saves on the wire.
    perMessageDeflate: false,
    httpCompression: false,
    ...(redis ? { adapter: createAdapter(redis, { streamName: `${config.redisPrefix}:socket.io`, sessionKeyPrefix: `${config.redisPrefix}:sio:session:` }) } : {}),
  });
  return { io, redis, sync: redis ? adapterSync(io) : singleNode };
}

/** Node-to-node messages as Socket.IO server-side events: the adapter hands each to every other node. */
function adapterSync(io: IO): NodeSync {
  // The typed maps cannot pair a generic name with its message inside one function; InterServerEvents is derived
  // from NodeMessages, so the pairs the callers' types allow are the pairs the maps allow.
  const untyped = io as unknown as { serverSideEmit(name: string, message: unknown): void; on(name: string, handler: (message: never) => void): void };
  return {
    publish: (name, message) => untyped.serverSideEmit(name, message),
    on: (name, handler) => untyped.on(name, handler),
  };
}
