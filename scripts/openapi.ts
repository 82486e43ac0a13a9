// The OpenAPI snapshot: builds the app (no listening, an in-memory database, default settings), takes the document it
// serves at /api/openapi.json and writes it to docs/openapi.json with every object's keys sorted, 2-space indented,
// with a trailing newline. `npm run openapi` regenerates it; with --check (part of `npm run check`) it only compares.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { createCryptoProvider } from '../src/platform/crypto.js';
import { openDatabase, packageRoot } from '../src/platform/db.js';

const SNAPSHOT = join(packageRoot(), 'docs', 'openapi.json');

/** The same value with the keys of every object in code-point order (arrays keep their order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** The served OpenAPI document as the snapshot text. */
async function currentDocument(): Promise<string> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const config = loadConfig({});
    const deps = { database, config, crypto: createCryptoProvider(config.crypto, '00'.repeat(32)), now: () => new Date() };
    const app = await buildApp(deps, { serveWeb: false });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}: ${res.body}`);
      return `${JSON.stringify(sortKeys(res.json()), null, 2)}\n`;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

/** What differs between two documents, one line an operation (+ new, - gone, ~ changed), at most `limit` lines. */
function differences(before: string, after: string, limit = 12): string[] {
  type Doc = { paths?: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  const operations = (doc: Doc) => {
    const map = new Map<string, string>();
    for (const [path, item] of Object.entries(doc.paths ?? {}))
      for (const [method, op] of Object.entries(item)) map.set(`${method.toUpperCase()} ${path}`, JSON.stringify(op));
    return map;
  };
  let a: Doc;
  try {
    a = JSON.parse(before) as Doc;
  } catch {
    return ['  (the committed file is not valid JSON)'];
  }
  const b = JSON.parse(after) as Doc;
  const lines: string[] = [];
  const [oa, ob] = [operations(a), operations(b)];
  for (const [key, op] of ob)
    if (!oa.has(key)) lines.push(`  + ${key}`);
    else if (oa.get(key) !== op) lines.push(`  ~ ${key}`);
  for (const key of oa.keys()) if (!ob.has(key)) lines.push(`  - ${key}`);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (key !== 'paths' && JSON.stringify(a[key]) !== JSON.stringify(b[key])) lines.push(`  ~ ${key}`);
  if (lines.length === 0) lines.push('  (same content, different formatting)');
  return lines.length > limit ? [...lines.slice(0, limit), `  … and ${lines.length - limit} more`] : lines;
}

const check = process.argv.includes('--check');
const text = await currentDocument();
if (check) {
  const committed = existsSync(SNAPSHOT) ? readFileSync(SNAPSHOT, 'utf8') : null;
  if (committed !== text) {
    if (committed === null) console.error('docs/openapi.json is missing: run npm run openapi');
    else console.error(['docs/openapi.json is stale: run npm run openapi', ...differences(committed, text)].join('\n'));
    process.exitCode = 1;
  } else {
    console.log('openapi: docs/openapi.json matches the routes');
  }
} else {
  writeFileSync(SNAPSHOT, text);
  console.log(`openapi: wrote docs/openapi.json (${Object.keys((JSON.parse(text) as { paths: object }).paths).length} paths)`);
}
