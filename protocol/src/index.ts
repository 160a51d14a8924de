export * from './errors.ts';
export * from './time.ts';
export * from './agenda.ts';
export * from './auth.ts';
export * from './api.ts';
export * from './polls.ts';
export * from './media.ts';
export * from './realtime.ts';
