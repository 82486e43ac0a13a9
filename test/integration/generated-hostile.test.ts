/**
 * Hostile input generated from the routes (issue 11 §5): for every catalogued operation with a path, query,
 * header or body parameter (and every upload), malformed and hostile values derived from its OpenAPI schemas —
 * wrong types, missing and extra fields, 1 MB strings, unicode edge cases, odd numbers, SQL and HTML payloads,
 * path tricks, file names with folders and control characters — sent by a user who may call the route, so that
 * the validation layer is what answers. Generation is deterministic (a seeded PRNG picks each route's share).
 * Asserted for every answer: no 5xx; a 4xx says `error.code` and `error.message`, a validation error names the
 * field at fault; the message is Chinese by default and English with `accept-language: en-US`; and nothing was
 * written (row counts and row versions of every table, before and after each route and the whole run).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/platform/http.js';
import { can, type Permission } from '../../src/modules/org/org.policy.js';
import { testEngines } from '../support/databases.js';
import { login, multipartBody, startTestApp, type Client, type TestApp } from '../support/app.js';
import {
  mainVariant,
  routeCatalogue,
  sampleOf,
  sampleParams,
  typeOf,
  type CatalogueRoute,
  type JsonSchema,
  type ParamsSchema,
} from '../support/routes.js';
import { ACCESS_EXPECTATIONS, type AccessExpectation, type Who } from '../support/access-expectations.js';

/** An id no record has (within int4 too), and a version no record is at: what a write is aimed at so it never lands. */
const POISON_ID = 987_654_321;
const STALE = 999_999;
/** Requests per route, at most (the PRNG picks which when a route has more candidates). */
const ROUTE_BUDGET = 20;
const CJK = /[\u4e00-\u9fff]/;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const RAW = '@@raw@@';

/** mulberry32: the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = a;
    r = Math.imul(r ^ (r >>> 15), r | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hostile text: each is refused by the schema or, when it is fine text, must pass through without harm. */
const HOSTILE_TEXT: [string, string][] = [
  ['1 MB string', 'a'.repeat(1_000_000)],
  ['lone high surrogate', 'x\ud800y'],
  ['lone low surrogate', 'x\udc00y'],
  ['RTL override', 'abc\u202egnp.exe'],
  ['bidi isolates', '\u2066x\u2069\u200f'],
  ['zero-width', 'a\u200bb\u200c\u200d\ufeffc'],
  ['NUL', 'a\u0000b'],
  ['C0 control', 'a\u0007\u001bb'],
  ['line breaks', 'a\r\nb'],
  ['emoji', '🚧👨‍👩‍👧‍👦🇨🇳'],
  ['combining marks', `e${'\u0301'.repeat(60)}`],
  ['SQL', "' or 1=1 --"],
  ['SQL batch', "x'); drop table users; --"],
  ['HTML script', '<script>alert(1)</script>'],
  ['HTML attribute', '"><img src=x onerror=alert(1)>'],
  ['path traversal', '../../etc/passwd'],
  ['percent escapes', '%2e%2e%2f%00'],
  ['empty', ''],
  ['blanks', '   '],
  ['no-break space', '\u00a0'],
  ['fullwidth', 'ＡＢＣ１２３'],
  ['long CJK', '字'.repeat(5000)],
  ['format string', '%s%n{0}${x}'],
];
/** Numbers, as JSON values or raw JSON tokens (NaN and Infinity are not JSON: the parser must refuse them). */
const HOSTILE_NUMBERS: { label: string; value?: unknown; raw?: string; poisonSafe: boolean }[] = [
  { label: 'negative', value: -1, poisonSafe: true },
  { label: 'zero', value: 0, poisonSafe: false },
  { label: 'fraction', value: 1.5, poisonSafe: true },
  { label: 'int4 overflow', value: 2 ** 31, poisonSafe: true },
  { label: 'max safe integer', value: Number.MAX_SAFE_INTEGER, poisonSafe: true },
  { label: 'beyond safe integers', value: 2 ** 53 + 2, poisonSafe: true },
  { label: 'huge', value: 1e308, poisonSafe: true },
  { label: 'NaN token', raw: 'NaN', poisonSafe: true },
  { label: 'Infinity token', raw: 'Infinity', poisonSafe: true },
  { label: 'overflow to Infinity', raw: '1e309', poisonSafe: true },
  { label: 'overflow to -Infinity', raw: '-1e309', poisonSafe: true },
  { label: 'number as string', value: String(POISON_ID), poisonSafe: true },
  { label: 'hex string', value: '0x10', poisonSafe: true },
];
const WRONG_TYPES: Record<string, { label: string; value: unknown }[]> = {
  string: [
    { label: 'number for text', value: 12345 },
    { label: 'boolean for text', value: true },
    { label: 'array for text', value: ['x'] },
    { label: 'object for text', value: { x: 1 } },
  ],
  number: [
    { label: 'text for number', value: 'abc' },
    { label: 'boolean for number', value: true },
    { label: 'array for number', value: [1] },
    { label: 'object for number', value: {} },
  ],
  boolean: [
    { label: 'text for boolean', value: 'true' },
    { label: 'number for boolean', value: 1 },
    { label: 'object for boolean', value: {} },
  ],
  array: [
    { label: 'text for list', value: 'x' },
    { label: 'object for list', value: { 0: 'x' } },
    { label: 'null items', value: [null] },
    { label: 'nested lists', value: [[[[[[['x']]]]]]] },
  ],
  object: [
    { label: 'text for object', value: 'x' },
    { label: 'list for object', value: [] },
  ],
};
/** Query values (always text): odd numbers, odd booleans, payloads; a few as raw (already percent-encoded) text. */
const HOSTILE_QUERY: { label: string; raw: string }[] = [
  { label: 'empty', raw: '' },
  { label: 'NaN', raw: 'NaN' },
  { label: 'Infinity', raw: 'Infinity' },
  { label: '-Infinity', raw: '-Infinity' },
  { label: 'negative', raw: '-1' },
  { label: 'zero', raw: '0' },
  { label: 'overflow', raw: '1e309' },
  { label: 'fraction', raw: '1.5' },
  { label: '400 digits', raw: '9'.repeat(400) },
  { label: 'hex', raw: '0x3ade68b1' },
  { label: 'padded', raw: `%20${POISON_ID}%20` },
  { label: 'yes for boolean', raw: 'yes' },
  { label: 'SQL', raw: encodeURIComponent("' or 1=1 --") },
  { label: 'HTML', raw: encodeURIComponent('<script>alert(1)</script>') },
  { label: 'NUL', raw: '%00' },
  { label: 'invalid UTF-8', raw: '%ED%A0%80%FF' },
  { label: 'RTL override', raw: '%E2%80%AEabc' },
  { label: 'emoji', raw: encodeURIComponent('🚧') },
  { label: 'zero-width', raw: '%E2%80%8B' },
  { label: 'traversal', raw: '..%2F..%2Fetc%2Fpasswd' },
  { label: '1 MB', raw: 'a'.repeat(1_000_000) },
];
/** Path segments (raw, as they go in the URL): none of them names a record that exists. */
const HOSTILE_PATH: { label: string; raw: string }[] = [
  { label: 'text', raw: 'abc' },
  { label: 'negative', raw: '-1' },
  { label: 'zero', raw: '0' },
  { label: 'fraction', raw: `${POISON_ID}.5` },
  { label: 'exponent', raw: '9.87654321e8' },
  { label: 'hex', raw: '0x3ade68b1' },
  { label: 'padded', raw: `%20${POISON_ID}` },
  { label: 'plus sign', raw: `%2B${POISON_ID}` },
  { label: 'leading zero', raw: `0${POISON_ID}` },
  { label: 'NaN', raw: 'NaN' },
  { label: 'Infinity', raw: 'Infinity' },
  { label: 'very long id', raw: '9'.repeat(300) },
  { label: 'beyond safe integers', raw: '9007199254740993' },
  { label: 'dot-dot', raw: '%2e%2e' },
  { label: 'encoded traversal', raw: '..%2F..%2Fetc%2Fpasswd' },
  { label: 'raw traversal', raw: '../../etc/passwd' },
  { label: 'NUL', raw: `1%00` },
  { label: 'invalid UTF-8', raw: '%ED%A0%80' },
  { label: 'SQL', raw: encodeURIComponent("1' or '1'='1") },
  { label: 'emoji', raw: encodeURIComponent('🚧') },
  { label: 'prototype key', raw: '__proto__' },
  { label: 'constructor', raw: 'constructor' },
];
/** File names of an upload. */
const HOSTILE_FILE_NAMES: [string, string][] = [
  ['folders', '../../etc/passwd.png'],
  ['windows folders', '..\\..\\windows\\win.ini.png'],
  ['drive', 'C:\\Users\\x\\proof.png'],
  ['NUL', 'a\u0000b.png'],
  ['control characters', 'a\u0001\u001f\u007fb.png'],
  ['RTL override', 'proof\u202egnp.exe'],
  ['dot-dot only', '..'],
  ['empty', ''],
  ['1000 characters', `${'x'.repeat(1000)}.png`],
  ['emoji', '照片🚧.png'],
  ['quote', 'a"b.png'],
  ['header injection', 'a.png\r\nContent-Type: text/html'],
  ['combining marks', `e${'\u0301'.repeat(30)}.png`],
  ['lone surrogate', 'a\ud800.png'],
  ['percent escapes', '%2e%2e%2fproof.png'],
];

/** Extra poison of writes whose body has no id or version to aim at nothing. */
const POISON: Record<string, Record<string, unknown>> = {
  // Nobody of that name: the login is refused (and, for an unknown name, nothing but the audit entry is written).
  'POST /api/auth/login': { username: 'nobody-hostile' },
  // Not the caller's password: the change is refused.
  'POST /api/auth/password': { currentPassword: 'not-the-password' },
};

type Part = 'path' | 'query' | 'header' | 'body' | 'file' | 'request';

interface Request {
  path: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  /** The JSON body; `raw` replaces its `RAW` placeholder with a token (NaN …) after serialising. */
  body?: unknown;
  raw?: string;
  /** The body text as sent, instead of `body`. */
  rawBody?: string;
  contentType?: string;
  upload?: { fileName: string; mimeType: string; content: Buffer; fields: Record<string, string>; payload?: Buffer; contentType?: string };
}

interface Probe {
  label: string;
  part: Part;
  /** The field the probe breaks (null: the request as a whole). */
  field: string | null;
  request: Request;
  /** Hostile text the answer may echo (not counted as Chinese in the English message). */
  echo?: string;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Sets (or, with `remove`, deletes) the value at a dotted path, creating the containers on the way. */
function setAt(root: unknown, path: string[], value: unknown, remove = false): unknown {
  const top = (root ?? {}) as Record<string, unknown>;
  let cur: Record<string, unknown> = top;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      if (remove) delete cur[key];
      else cur[key] = value;
      return;
    }
    const next = cur[key];
    if (next === null || typeof next !== 'object') cur[key] = /^\d+$/.test(path[i + 1] ?? '') ? [] : {};
    cur = cur[key] as Record<string, unknown>;
  });
  return top;
}

/** A body field: its path, schema, whether it is required, and the container it sits in when nested. */
interface BodyField {
  path: string[];
  schema: JsonSchema;
  required: boolean;
  /** The top-level property holding a nested field (an object, or a list whose item 0 holds it). */
  container: { path: string[]; schema: JsonSchema } | null;
}

/** The fields of a body schema: top-level properties, and those of objects inside (arrays of objects by item 0). */
function bodyFields(schema: JsonSchema, prefix: string[] = [], container: BodyField['container'] = null): BodyField[] {
  const s = mainVariant(schema);
  const out: BodyField[] = [];
  const required = new Set(s.required ?? []);
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const path = [...prefix, name];
    out.push({ path, schema: prop, required: required.has(name), container });
    if (container) continue;
    const inner = mainVariant(prop);
    if (typeOf(inner) === 'object' && inner.properties) out.push(...bodyFields(inner, path, { path, schema: inner }));
    if (typeOf(inner) === 'array' && inner.items && typeOf(inner.items) === 'object')
      out.push(...bodyFields(inner.items, [...path, '0'], { path, schema: inner }));
  }
  return out;
}

/** The value at a dotted path, if any. */
const getAt = (root: unknown, path: string[]): unknown =>
  path.reduce<unknown>((cur, key) => (cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined), root);

describe.each(testEngines())('generated hostile input on $name', (engine) => {
  let t: TestApp;
  let catalogue: CatalogueRoute[];
  const clients = new Map<Role, Client>();
  let tables: string[] = [];
  let versioned: string[] = [];
  let before: Record<string, number>;
  const counts = new Map<string, number>();
  let total = 0;

  /** Row counts of every table, and the sum of row versions where rows carry one (an update moves it). */
  async function snapshot(): Promise<Record<string, number>> {
    const parts = [
      ...tables.map((name) => `(select count(*) from "${name}")::bigint as "rows:${name}"`),
      ...versioned.map((name) => `(select coalesce(sum(version), 0) from "${name}")::bigint as "version:${name}"`),
    ];
    const res = (await t.database.db.execute(sql.raw(`select ${parts.join(', ')}`))) as unknown as { rows: Record<string, unknown>[] };
    return Object.fromEntries(Object.entries(res.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
  }

  beforeAll(async () => {
    t = await startTestApp(engine, {}, { seed: 'demo' });
    catalogue = await routeCatalogue(t.app);
    for (const role of ROLES) clients.set(role, await login(t, role));
    const list = (query: string) => t.database.db.execute(sql.raw(query)) as unknown as Promise<{ rows: { table_name: string }[] }>;
    tables = (
      await list(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)
    ).rows
      .map((r) => r.table_name)
      // Refusals are audited on purpose (failed logins, wrong current passwords, refused bulk steps): the audit log
      // grows by design while nothing else may. No other table is left out.
      .filter((name) => name !== 'audit_log')
      .sort();
    versioned = (
      await list(`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'version'`)
    ).rows
      .map((r) => r.table_name)
      .sort();
    expect(tables.length).toBeGreaterThan(20);
    before = await snapshot();
  });
  afterAll(async () => t?.close());

  const mayCall = (who: Who, role: Role) =>
    who === 'public' || who === 'user' || (typeof who === 'string' ? can(role, who as Permission) : who.includes(role));

  /** The request every probe of a route starts from: well-formed, aimed at nothing (no such record, stale version). */
  function baseline(
    route: CatalogueRoute,
    exp: AccessExpectation,
  ): { request: Request; poisoned: Set<string>; bind: (name: string) => unknown } {
    const poisoned = new Set<string>();
    const extra = POISON[route.key] ?? {};
    const write = route.method !== 'GET';
    const bind = (name: string): unknown => {
      if (name in extra) return poisoned.add(name) && extra[name];
      if (name === 'version') return poisoned.add(name) && STALE;
      if (name === 'id' || /Id$/.test(name)) return poisoned.add(name) && POISON_ID;
      if (name === 'dryRun') return 'true';
      if (name === 'url') return 'https://example.invalid/hook';
      if (name === 'year') return 2025;
      if (name === 'action') return 'urge';
      return undefined;
    };
    const path = Object.fromEntries(
      route.pathParams.map((name) => [name, encodeURIComponent(String(sampleOf(route.path.properties[name] ?? {}, bind, name)))]),
    );
    const query = Object.entries(sampleParams(route.query, bind)).map(([k, v]) => [k, encodeURIComponent(String(v))] as [string, string]);
    const request: Request = { path, query, headers: {} };
    if (route.body) request.body = sampleOf(route.body, bind);
    if (exp.upload) {
      const content =
        exp.upload.content === 'png' ? PNG : exp.upload.content === 'digits' ? Buffer.from('123\n234\n345\n') : Buffer.from('junk');
      request.upload = { fileName: exp.upload.fileName, mimeType: exp.upload.mimeType, content, fields: { ...exp.upload.fields } };
      // A file that is no spreadsheet is what keeps an import from importing.
      if (exp.upload.content === 'junk') poisoned.add('file');
    }
    // A write with nothing to aim at nothing gets a field its strict body refuses, after its own fields are checked.
    if (write && poisoned.size === 0 && route.body && mainVariant(route.body).additionalProperties === false) {
      request.body = { ...(request.body as Record<string, unknown>), zzPoison: true };
      poisoned.add('zzPoison');
    }
    return { request, poisoned, bind };
  }

  /** Every probe of a route, before the budget: its parameters and fields broken one at a time, then the request as a whole. */
  function probesOf(route: CatalogueRoute, base: Request, poisoned: Set<string>, bind: (name: string) => unknown): Probe[] {
    const probes: Probe[] = [];
    const addProbe = (label: string, part: Part, field: string | null, change: (r: Request) => void, echo?: string) => {
      const request: Request = {
        ...clone({ ...base, upload: undefined }),
        upload: base.upload && { ...base.upload, fields: { ...base.upload.fields } },
      };
      change(request);
      probes.push({ label, part, field, request, ...(echo === undefined ? {} : { echo }) });
    };
    const add = addProbe;
    for (const name of route.pathParams) {
      const schema = route.path.properties[name] ?? {};
      for (const p of HOSTILE_PATH) add(`path ${name}: ${p.label}`, 'path', name, (r) => (r.path[name] = p.raw));
      for (const v of mainVariant(schema).enum ?? [])
        if (typeof v === 'string') add(`path ${name}: ${v} upper-cased`, 'path', name, (r) => (r.path[name] = v.toUpperCase()));
    }
    const queryFields = (params: ParamsSchema) => Object.keys(params.properties);
    for (const name of queryFields(route.query)) {
      const required = route.query.required.includes(name);
      if (required) add(`query ${name}: missing`, 'query', name, (r) => (r.query = r.query.filter(([k]) => k !== name)));
      for (const q of HOSTILE_QUERY)
        add(`query ${name}: ${q.label}`, 'query', name, (r) => {
          r.query = [...r.query.filter(([k]) => k !== name), [name, q.raw]];
        });
      add(`query ${name}: twice`, 'query', name, (r) => r.query.push([name, 'x'], [name, 'y']));
      add(`query ${name}: bracketed`, 'query', name, (r) => r.query.push([`${name}[a]`, 'x']));
    }
    if (queryFields(route.query).length) {
      add('query: prototype keys', 'query', null, (r) => r.query.push(['__proto__', 'x'], ['constructor[prototype][x]', '1']));
    }
    for (const name of Object.keys(route.headers.properties)) {
      for (const [label, value] of [
        ['short', 'ab'],
        ['long', '9'.repeat(400)],
        ['non-ASCII', 'ключ-ключ-ключ'],
        ['spaces', 'a b c d e f g h'],
        ['quoted garbage', 'W/"abc"'],
      ] as const)
        add(`header ${name}: ${label}`, 'header', name, (r) => (r.headers[name] = value));
    }
    if (route.body) {
      for (const f of bodyFields(route.body)) {
        const name = f.path.join('.');
        // A nested field is broken inside an otherwise valid container (an optional one is filled in first).
        const container = f.container;
        const filled =
          container && getAt(base.body, container.path) === undefined
            ? typeOf(container.schema) === 'array'
              ? [sampleOf(container.schema.items ?? {}, bind)]
              : sampleOf(container.schema, bind)
            : undefined;
        const add = (label: string, part: Part, field: string | null, change: (r: Request) => void, echo?: string) =>
          addProbe(
            label,
            part,
            field,
            (r) => {
              if (container && filled !== undefined) r.body = setAt(r.body, container.path, clone(filled));
              change(r);
            },
            echo,
          );
        const type = typeOf(f.schema) ?? 'string';
        const s = mainVariant(f.schema);
        const isPoison = poisoned.has(f.path.at(-1) ?? '');
        if (f.required) add(`body ${name}: missing`, 'body', name, (r) => (r.body = setAt(r.body, f.path, undefined, true)));
        add(`body ${name}: null`, 'body', name, (r) => (r.body = setAt(r.body, f.path, null)));
        for (const w of WRONG_TYPES[type === 'integer' ? 'number' : type] ?? [])
          if (!(isPoison && typeof w.value === 'string'))
            add(`body ${name}: ${w.label}`, 'body', name, (r) => (r.body = setAt(r.body, f.path, w.value)));
        if (type === 'string') {
          for (const [label, value] of HOSTILE_TEXT)
            add(`body ${name}: ${label}`, 'body', name, (r) => (r.body = setAt(r.body, f.path, value)), value);
          if (s.maxLength !== undefined && s.maxLength < 100_000)
            add(`body ${name}: one past the longest`, 'body', name, (r) => (r.body = setAt(r.body, f.path, 'x'.repeat(s.maxLength! + 1))));
          if (s.enum) add(`body ${name}: not an option`, 'body', name, (r) => (r.body = setAt(r.body, f.path, 'not-an-option')));
          if (s.format === 'date')
            for (const d of ['2026-02-30', '2026-13-01', '20261231', '2026-12-31T00:00:00Z', '0000-00-00'])
              add(`body ${name}: date ${d}`, 'body', name, (r) => (r.body = setAt(r.body, f.path, d)));
        }
        if (type === 'integer' || type === 'number')
          for (const n of HOSTILE_NUMBERS) {
            if (isPoison && !n.poisonSafe) continue;
            add(`body ${name}: ${n.label}`, 'body', name, (r) => {
              r.body = setAt(r.body, f.path, n.raw === undefined ? n.value : RAW);
              if (n.raw !== undefined) r.raw = n.raw;
            });
          }
        if (type === 'array' && s.maxItems !== undefined && s.maxItems <= 1000) {
          const item = sampleOf(s.items ?? {}, (k) => (k === 'id' || /Id$/.test(k) ? POISON_ID : k === 'version' ? STALE : undefined));
          add(
            `body ${name}: one item too many`,
            'body',
            name,
            (r) =>
              (r.body = setAt(
                r.body,
                f.path,
                Array.from({ length: s.maxItems! + 1 }, () => item),
              )),
          );
        }
      }
      const rawBodies: [string, string, string?][] = [
        ['a list', '[]'],
        ['null', 'null'],
        ['a string', '"x"'],
        ['a number', '1'],
        ['not JSON', '{"a":'],
        ['trailing comma', '{"a":1,}'],
        ['empty', ''],
        ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
        ['prototype pollution', '{"__proto__":{"polluted":true}}'],
        ['constructor pollution', '{"constructor":{"prototype":{"polluted":true}}}'],
        ['JSON as text/plain', JSON.stringify(base.body ?? {}), 'text/plain'],
        ['over the body limit', JSON.stringify({ x: 'a'.repeat(1_100_000) })],
      ];
      for (const [label, text, type] of rawBodies)
        add(`request: body ${label}`, 'request', null, (r) => {
          r.rawBody = text;
          if (type) r.contentType = type;
        });
      if (mainVariant(route.body).additionalProperties === false)
        add('body: an unknown field', 'body', 'zzExtra', (r) => (r.body = { ...(r.body as Record<string, unknown>), zzExtra: 1 }));
    }
    if (base.upload) {
      for (const [label, fileName] of HOSTILE_FILE_NAMES)
        add(`file name: ${label}`, 'file', 'file', (r) => r.upload && (r.upload.fileName = fileName), fileName);
      add('file: empty content', 'file', 'file', (r) => r.upload && (r.upload.content = Buffer.alloc(0)));
      add('file: wrong type', 'file', 'file', (r) => r.upload && (r.upload.mimeType = 'text/html'));
      add('file: none', 'file', 'file', (r) => {
        if (!r.upload) return;
        const { payload, contentType } = multipartBody(
          { fileName: 'x', mimeType: 'text/plain', content: Buffer.from('x') },
          r.upload.fields,
        );
        const text = payload
          .toString('latin1')
          .replace(/--[^\r\n]+\r\nContent-Disposition: form-data; name="file"[\s\S]*?(?=--[^\r\n]+--)/u, '');
        r.upload.payload = Buffer.from(text, 'latin1');
        r.upload.contentType = contentType;
      });
      add('file: two files', 'file', 'file', (r) => {
        if (!r.upload) return;
        const one = multipartBody({ fileName: 'a.png', mimeType: 'image/png', content: PNG }, r.upload.fields).payload.toString('latin1');
        const boundary = '----shiji-test-boundary';
        const file = one.slice(
          one.indexOf(`--${boundary}\r\nContent-Disposition: form-data; name="file"`),
          one.lastIndexOf(`--${boundary}--`),
        );
        r.upload.payload = Buffer.from(one.replace(`--${boundary}--`, `${file}--${boundary}--`), 'latin1');
        r.upload.contentType = `multipart/form-data; boundary=${boundary}`;
      });
      add('file: in another field', 'file', null, (r) => {
        if (!r.upload) return;
        const { payload, contentType } = multipartBody(r.upload, r.upload.fields);
        r.upload.payload = Buffer.from(payload.toString('latin1').replace('name="file"', 'name="other"'), 'latin1');
        r.upload.contentType = contentType;
      });
      add('file: an unknown text field', 'file', 'zzExtra', (r) => r.upload && (r.upload.fields.zzExtra = 'x'));
      add('file: a text field with NUL', 'file', 'note', (r) => r.upload && (r.upload.fields.note = 'a\u0000b'));
      add('file: eleven text fields', 'file', null, (r) => {
        if (r.upload) for (let i = 0; i < 11; i += 1) r.upload.fields[`f${i}`] = 'x';
      });
      add('file: a 20 kB text field', 'file', null, (r) => r.upload && (r.upload.fields.note = 'x'.repeat(20_000)));
      add('file: boundary missing', 'file', null, (r) => r.upload && (r.upload.contentType = 'multipart/form-data'));
      add('file: wrong boundary', 'file', null, (r) => r.upload && (r.upload.contentType = 'multipart/form-data; boundary=nope'));
      add('file: truncated', 'file', null, (r) => {
        if (!r.upload) return;
        const { payload, contentType } = multipartBody(r.upload, r.upload.fields);
        r.upload.payload = payload.subarray(0, payload.length - 20);
        r.upload.contentType = contentType;
      });
      add('file: sent as JSON', 'file', null, (r) => {
        r.upload = undefined;
        r.rawBody = '{"file":"x"}';
      });
    }
    return probes;
  }

  /** Sends a request as the client (anonymously for public routes), in the given locale (zh-CN when none). */
  function send(route: CatalogueRoute, client: Client | null, r: Request, locale?: string) {
    let url = route.url.replace(/:(\w+)/g, (_, name: string) => r.path[name] ?? '');
    if (r.query.length) url += `?${r.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}`;
    const headers: Record<string, string> = { ...r.headers };
    if (client) Object.assign(headers, { cookie: client.cookie, 'x-csrf-token': client.csrf });
    if (locale) headers['accept-language'] = locale;
    let payload: string | Buffer | undefined;
    if (r.upload) {
      const built = r.upload.payload
        ? { payload: r.upload.payload, contentType: r.upload.contentType ?? '' }
        : multipartBody(r.upload, r.upload.fields);
      payload = built.payload;
      headers['content-type'] = r.upload.contentType ?? built.contentType;
    } else if (r.rawBody !== undefined) {
      payload = r.rawBody;
      headers['content-type'] = r.contentType ?? 'application/json';
    } else if (r.body !== undefined) {
      payload = JSON.stringify(r.body);
      if (r.raw !== undefined) payload = payload.replace(`"${RAW}"`, r.raw);
      headers['content-type'] = 'application/json';
    }
    return t.app.inject({ method: route.method, url, headers, ...(payload === undefined ? {} : { payload }) });
  }

  it('covers the same routes as the access expectations', () => {
    expect(catalogue.map((r) => r.key).sort()).toEqual(Object.keys(ACCESS_EXPECTATIONS).sort());
  });

  const keys = Object.keys(ACCESS_EXPECTATIONS).sort();
  it.each(keys)(
    '%s: hostile input answers 4xx with a named field in both languages, and writes nothing',
    { timeout: 120_000 },
    async (key) => {
      const route = catalogue.find((r) => r.key === key);
      const exp = ACCESS_EXPECTATIONS[key];
      if (!route || !exp) throw new Error(`${key} is not catalogued`);
      const hasInput =
        route.pathParams.length > 0 ||
        Object.keys(route.query.properties).length > 0 ||
        !!route.body ||
        !!exp.upload ||
        Object.keys(route.headers.properties).length > 0;
      if (!hasInput || !route.documented) return;
      const role = ROLES.find((r) => mayCall(exp.who, r));
      if (!role) throw new Error(`nobody may call ${key}`);
      const client = exp.who === 'public' ? null : (clients.get(role) ?? null);
      const { request: base, poisoned, bind } = baseline(route, exp);
      const problems: string[] = [];
      const start = await snapshot();

      const first = await send(route, client, base);
      const firstError = first.statusCode >= 400 ? first.json<{ error?: { code?: string; field?: string } }>().error : undefined;
      if (route.method !== 'GET' && !exp.harmless && first.statusCode < 300)
        throw new Error(`${key}: the baseline request was not refused (${first.statusCode}): add a poison so that no probe can write`);
      if (firstError?.code === 'validation' && !poisoned.has((firstError.field ?? '').split('.').at(-1) ?? ''))
        throw new Error(`${key}: the baseline request is not schema-valid: ${first.body}`);
      const baselineField = firstError?.code === 'validation' ? firstError.field : undefined;

      const rnd = prng([...key].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0, 2166136261));
      const all = probesOf(route, base, poisoned, bind);
      // Each route's share: missing and unknown fields always, the rest drawn by the PRNG.
      const always = all.filter((p) => p.label.endsWith(': missing') || p.field === 'zzExtra');
      const rest = all.filter((p) => !always.includes(p));
      for (let i = rest.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rnd() * (i + 1));
        [rest[i], rest[j]] = [rest[j] as Probe, rest[i] as Probe];
      }
      const probes = [...always, ...rest].slice(0, Math.max(ROUTE_BUDGET, always.length));
      let sent = 1;
      for (const probe of probes) {
        const res = await send(route, client, probe.request);
        sent += 1;
        const where = `${key} — ${probe.label} → ${res.statusCode} ${res.body.slice(0, 240)}`;
        if (res.statusCode >= 500) {
          problems.push(`5xx: ${where}`);
          continue;
        }
        if (res.statusCode < 400) {
          if (route.method !== 'GET' && !exp.harmless) problems.push(`a hostile write was accepted: ${where}`);
          continue;
        }
        let error: { code?: unknown; message?: unknown; field?: unknown } | undefined;
        try {
          error = res.json<{ error?: typeof error }>().error;
        } catch {
          problems.push(`not JSON: ${where}`);
          continue;
        }
        if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.message) {
          problems.push(`no error.code and error.message: ${where}`);
          continue;
        }
        if (!CJK.test(error.message)) problems.push(`default (zh-CN) message not Chinese: ${where}`);
        if (error.code === 'validation') {
          const field = typeof error.field === 'string' ? error.field : '';
          const named = (f: string) => field.toLowerCase() === f.toLowerCase() || field.toLowerCase().startsWith(`${f.toLowerCase()}.`);
          if (!field) problems.push(`validation without a field: ${where}`);
          // The router refuses a path it cannot decode, or a parameter over its length limit, before any parameter is read.
          else if (
            probe.field !== null &&
            !(probe.part === 'path' && field === 'path') &&
            !named(probe.field) &&
            !(baselineField && named(baselineField))
          )
            problems.push(`names ${field}, not ${probe.field}: ${where}`);
        }
        const en = await send(route, client, probe.request, 'en-US');
        sent += 1;
        const enError = en.statusCode >= 400 ? en.json<{ error?: { code?: string; message?: string } }>().error : undefined;
        if (en.statusCode !== res.statusCode || enError?.code !== error.code)
          problems.push(`en-US answers ${en.statusCode} ${enError?.code ?? ''} instead: ${where}`);
        const enMessage = (enError?.message ?? '').split(probe.echo || '\u0000').join('');
        if (!enMessage || CJK.test(enMessage) || !/[A-Za-z]/.test(enMessage))
          problems.push(`en-US message not English (${enError?.message}): ${where}`);
      }
      counts.set(key, sent);
      total += sent;
      const end = await snapshot();
      const written = Object.keys(end).filter((k) => end[k] !== start[k]);
      expect(
        written.map((k) => `${k}: ${start[k]} → ${end[k]}`),
        `${key} wrote`,
      ).toEqual([]);
      expect(problems).toEqual([]);
    },
  );

  it('wrote nothing over the whole run (counts printed)', async () => {
    const after = await snapshot();
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual([]);
    const perRoute = [...counts.entries()].map(([k, n]) => `${n}\t${k}`).join('\n');
    console.log(`generated hostile input (${engine.name}): ${counts.size} routes with input, ${total} requests\n${perRoute}`);
    expect(total).toBeGreaterThan(1000);
  });
});
