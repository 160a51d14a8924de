export * from './errors.ts';
export * from './time.ts';
export * from './agenda.ts';
export * from './auth.ts';
export * from './api.ts';

/** Bumped when a wire shape changes incompatibly; travels in the socket handshake. */
export const PROTOCOL_VERSION = 1;
