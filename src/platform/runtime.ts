import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from './config.js';
import type { AppDeps } from './context.js';
import { createCryptoProvider } from './crypto.js';
import { migrateDatabase, openDatabase, type Database } from './db.js';
import { setTimeZone } from './time.js';

/** The master key: SHIJI_SECRET_KEY, or a key file created once in the data folder. */
export function masterKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  const dir = resolve(config.dataDir);
  const file = join(dir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** Opens the configured database, applies migrations and builds the service dependencies. */
export async function openRuntime(config: Config, options: { migrate?: boolean; database?: Database } = {}): Promise<AppDeps> {
  setTimeZone(config.timeZone);
  const database = options.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  if (options.migrate !== false) await migrateDatabase(database);
  return { database, config, crypto: createCryptoProvider(config.crypto, masterKey(config)), now: () => new Date() };
}
