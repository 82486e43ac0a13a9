import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db.js';
import { PG_TEMPLATE, TEMPLATE_FILE, withDatabase } from '../global-setup.js';

/** A database engine the integration tests run on. */
export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database; `close` drops it. */
  open(): Promise<Database>;
}

const pgliteEngine: TestEngine = {
  name: 'pglite',
  open: async () => openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(TEMPLATE_FILE)]) }),
};

function postgresEngine(url: string): TestEngine {
  return {
    name: 'postgres',
    async open() {
      const name = `shiji_t_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
      await admin.end();
      const database = await openDatabase({ databaseUrl: withDatabase(url, name), maxConnections: 20 });
      return {
        ...database,
        async close() {
          await database.close();
          const dropper = new pg.Client({ connectionString: url });
          await dropper.connect();
          await dropper.query(`drop database if exists ${name} with (force)`);
          await dropper.end();
        },
      };
    },
  };
}

/** PGlite always; the PostgreSQL server too when TEST_DATABASE_URL is set. */
export function testEngines(): TestEngine[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [pgliteEngine, postgresEngine(url)] : [pgliteEngine];
}
