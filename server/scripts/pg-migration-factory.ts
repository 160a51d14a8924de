// A migration-aware adapter factory for the WASM schema engine on real PostgreSQL, working around
// @prisma/adapter-pg 7.10 in connectToShadowDb(): a connection-string config ignores the `database`
// override (the "shadow" would be the main database), and its dispose drops the shadow database
// before closing the pool. It also reports PostgreSQL's internal "char" type as text, which the
// engine's describer selects and the adapter rejects.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';

type ResultProto = { addFields(fields: { dataTypeID: number }[]): void; __charFix?: boolean };
const proto = (pg as unknown as { Result: { prototype: ResultProto } }).Result.prototype;
if (!proto.__charFix) {
  const addFields = proto.addFields;
  proto.addFields = function (fields) {
    for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  proto.__charFix = true;
}

export function pgConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password), database: decodeURIComponent(u.pathname.slice(1)),
  };
}

export class PgMigrationFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  constructor(private readonly cfg: pg.PoolConfig) {}
  connect() { return new PrismaPg(this.cfg).connect(); }
  async connectToShadowDb() {
    const main = await new PrismaPg(this.cfg).connect();
    const db = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${db}"`);
    const shadow = await new PrismaPg({ ...this.cfg, database: db }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${db}"`);
      await main.dispose();
    };
    return shadow;
  }
}
