import { createHmac } from 'node:crypto';
import type { IceServer } from '@samling/protocol';
import type { MediaConfig } from '../../config.ts';

/**
 * The STUN/TURN servers a browser is given. TURN credentials are the time-limited kind coturn checks with
 * `use-auth-secret` (the "TURN REST API" draft): username `<expiry unix seconds>:<userId>`, password
 * base64(HMAC-SHA1(secret, username)). Nobody holds a password that works for long or for someone else.
 */
export function iceServersFor(userId: string, config: MediaConfig['iceServers'], now = Date.now()): IceServer[] {
  const stun = config.urls.filter((u) => u.startsWith('stun'));
  const turn = config.urls.filter((u) => u.startsWith('turn'));
  const servers: IceServer[] = [];
  if (stun.length > 0) servers.push({ urls: stun });
  if (turn.length > 0 && config.secret) {
    const username = `${Math.floor(now / 1000) + config.ttlSeconds}:${userId}`;
    const credential = createHmac('sha1', config.secret).update(username).digest('base64');
    servers.push({ urls: turn, username, credential });
  }
  return servers;
}
