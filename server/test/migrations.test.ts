import { describe, expect, it } from 'vitest';
import { pendingMigrationSql } from '../scripts/migrate-create.ts';

describe('prisma/migrations', () => {
  it('cover everything schema.prisma declares (run `migrate:create NAME` after changing the schema)', async () => {
    expect(await pendingMigrationSql()).toBe('');
  });
});
