import { describe, expect, it } from 'vitest';
import { packageOf } from './profile.ts';

describe('profile summaries', () => {
  it('names the package a script belongs to', () => {
    expect(packageOf('file:///work/main/node_modules/.pnpm/socket.io@4.8.4/node_modules/socket.io/dist/index.js')).toBe('socket.io');
    expect(packageOf('file:///work/main/node_modules/.pnpm/@prisma+client@7/node_modules/@prisma/client/runtime/client.js')).toBe('@prisma/client');
    expect(packageOf('file:///work/main/server/src/modules/polls/polls.service.ts')).toBe('app: modules/polls');
    expect(packageOf('node:internal/streams/writable')).toBe('node');
    expect(packageOf('')).toBe('(native / GC / idle)');
  });
});
