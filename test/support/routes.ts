/**
 * The route catalogue: every route the app registered, read from the app itself, so a test generated from it
 * covers each endpoint added later without anyone listing it. Two sources, cross-checked:
 * - Fastify's own route table (`printRoutes`), which knows every route, also those registered outside `addRoute`
 *   (the OpenAPI document itself, the Swagger UI);
 * - the OpenAPI document (`GET /api/openapi.json`, built from the `addRoute` specs), which adds each route's
 *   auth and its path, query, header and body schemas (JSON Schema, as Zod emits it).
 * Also here: a generator of a schema-valid sample of a JSON Schema (a well-formed request to start from).
 */
import type { FastifyInstance } from 'fastify';

/** The HTTP methods the catalogue holds (HEAD is left out: Fastify answers it from the GET route, without a body). */
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** One of them. */
export type Method = (typeof METHODS)[number];

/** The part of JSON Schema (draft 2020-12, as `z.toJSONSchema` writes it) the tests read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
}

/** An object schema assembled from OpenAPI parameters (path, query or header). */
export interface ParamsSchema {
  properties: Record<string, JsonSchema>;
  required: string[];
}

/** One registered route, with what the OpenAPI document says of it (when it is documented there). */
export interface CatalogueRoute {
  /** `METHOD /api/path/:param`, the key of the expectations table. */
  key: string;
  method: Method;
  /** The Fastify URL pattern (`/api/orgs/:id`). */
  url: string;
  /** Is it in the OpenAPI document (registered through `addRoute`)? */
  documented: boolean;
  /** `public` when the OpenAPI operation has no security requirement; `undocumented` when it is not in the document. */
  auth: 'public' | 'user' | 'undocumented';
  summary: string;
  /** The path parameters in URL order. */
  pathParams: string[];
  path: ParamsSchema;
  query: ParamsSchema;
  headers: ParamsSchema;
  /** The JSON body schema, when the route takes a JSON body. */
  body: JsonSchema | null;
}

/**
 * Every method and URL in Fastify's route table (HEAD aside). `printRoutes({ commonPrefix: false })` prints a tree whose
 * lines are `├── <segment> (<METHODS>)`, each segment appended to its parent's path; it is parsed back here, and
 * each route confirmed with `hasRoute`. (find-my-way prints a wildcard child of a shared static prefix beside
 * that prefix's other children without the prefix: `static/index.html` and `*` for `static/*`; the prefix is
 * taken back from the siblings, and kept only when `hasRoute` confirms it.)
 */
export function registeredRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const parsed: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.*)$/u.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    const [, segment = '', methods] = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(m[2] ?? '') ?? [];
    const url = (depth > 0 ? (stack[depth - 1] ?? '') : '') + segment;
    stack[depth] = url;
    stack.length = depth + 1;
    for (const method of methods ? methods.split(', ') : []) if (method !== 'HEAD') parsed.push({ method, url });
  }
  const known = (method: string, url: string) => app.hasRoute({ method: method as Method, url });
  return parsed.map(({ method, url }) => {
    if (known(method, url)) return { method, url };
    const star = url.lastIndexOf('*');
    const parent = url.slice(0, star);
    const prefixes = parsed
      .filter((r) => star >= 0 && r.url !== url && r.url.startsWith(parent))
      .flatMap((r) => {
        const rest = r.url.slice(parent.length);
        return [...rest.matchAll(/\//g)].map((slash) => rest.slice(0, (slash.index ?? 0) + 1));
      });
    const real = [...new Set(prefixes)].map((p) => `${parent}${p}*`).find((candidate) => known(method, candidate));
    if (!real) throw new Error(`parsed a route Fastify does not know: ${method} ${url}`);
    return { method, url: real };
  });
}

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}
interface OpenApiOperation {
  summary?: string;
  parameters?: OpenApiParameter[];
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

const paramsOf = (parameters: OpenApiParameter[], where: OpenApiParameter['in']): ParamsSchema => {
  const mine = parameters.filter((p) => p.in === where);
  return {
    properties: Object.fromEntries(mine.map((p) => [p.name, p.schema])),
    required: mine.filter((p) => p.required).map((p) => p.name),
  };
};

/**
 * The catalogue: every `/api/` route Fastify registered (HEAD aside), each with its OpenAPI operation when it has one.
 * Throws when the two sources disagree: a documented operation Fastify does not serve, or a parsed route it does not know.
 */
export async function routeCatalogue(app: FastifyInstance): Promise<CatalogueRoute[]> {
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/openapi.json answered ${res.statusCode}`);
  const doc = res.json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
  const operations = new Map<string, OpenApiOperation>();
  for (const [oaPath, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) operations.set(`${method.toUpperCase()} ${oaPath.replace(/\{(\w+)\}/g, ':$1')}`, op);

  const routes: CatalogueRoute[] = [];
  const seen = new Set<string>();
  for (const { method, url } of registeredRoutes(app)) {
    if (!url.startsWith('/api/')) continue;
    if (!(METHODS as readonly string[]).includes(method)) throw new Error(`unexpected method ${method} ${url}`);
    const key = `${method} ${url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const op = operations.get(key);
    const parameters = op?.parameters ?? [];
    routes.push({
      key,
      method: method as Method,
      url,
      documented: !!op,
      auth: !op ? 'undocumented' : op.security?.length ? 'user' : 'public',
      summary: op?.summary ?? '',
      pathParams: [...url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? ''),
      path: paramsOf(parameters, 'path'),
      query: paramsOf(parameters, 'query'),
      headers: paramsOf(parameters, 'header'),
      body: op?.requestBody?.content['application/json']?.schema ?? null,
    });
  }
  for (const key of operations.keys()) if (!seen.has(key)) throw new Error(`documented but not served: ${key}`);
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** Fills a URL pattern's parameters (each value URL-encoded unless `raw`). */
export function fillUrl(url: string, params: Record<string, string | number>, raw = false): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for :${name} of ${url}`);
    return raw ? String(value) : encodeURIComponent(String(value));
  });
}

/** A query string (`?a=1&b=x`) of the defined values. */
export function queryString(query: Record<string, unknown>): string {
  const pairs = Object.entries(query).filter(([, v]) => v !== undefined);
  return pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}` : '';
}

/** The non-null variant of a union, when the schema is one. */
export function mainVariant(schema: JsonSchema): JsonSchema {
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.find((v) => v.type !== 'null') ?? variants[0] ?? {};
  return schema;
}

/** The JSON type of a schema (`string`, `integer`, `object` …), the first non-null one of a union. */
export function typeOf(schema: JsonSchema): string | undefined {
  const s = mainVariant(schema);
  if (s.enum) return typeof s.enum[0] === 'number' ? 'number' : 'string';
  if (s.const !== undefined) return typeof s.const;
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  return s.type ?? (s.properties ? 'object' : undefined);
}

const STRING_CANDIDATES = ['abc', 'x', 'a1', 'abcdefgh', '1', '"1"', 'W/"1"', 'https://example.invalid/hook'];

/** A string the schema accepts (its enum, format, pattern and lengths), or throws when none of the candidates fits. */
function sampleString(s: JsonSchema, name: string): string {
  if (s.format === 'date') return '2026-12-31';
  if (s.format === 'date-time') return '2026-12-01T08:00:00.000Z';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.invalid/x';
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Infinity;
  const fits = (v: string) => v.length >= min && v.length <= max && (!s.pattern || new RegExp(s.pattern, 'u').test(v));
  const padded = 'x'.repeat(Math.max(min, 3));
  for (const v of [...STRING_CANDIDATES, padded]) if (fits(v)) return v;
  throw new Error(`no sample string for ${name} (${JSON.stringify(s)})`);
}

/** A number the schema accepts, as near its lower bound as it allows (1 when unbounded). */
function sampleNumber(s: JsonSchema, integer: boolean): number {
  let v = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0.5) : 1);
  if (s.maximum !== undefined && v > s.maximum) v = s.maximum;
  return integer ? Math.ceil(v) : v;
}

/**
 * A schema-valid sample: required properties only, plus any property `bind` has a value for (bound values
 * replace generated ones at every depth, e.g. `orgId` → a chosen org). Arrays get their minimum number of items.
 */
export function sampleOf(schema: JsonSchema, bind: (name: string) => unknown = () => undefined, name = ''): unknown {
  const bound = name ? bind(name) : undefined;
  if (bound !== undefined) return bound;
  const s = mainVariant(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.allOf?.[0]) return sampleOf(s.allOf[0], bind, name);
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [key, prop] of Object.entries(s.properties ?? {}))
        if (required.has(key) || bind(key) !== undefined) out[key] = sampleOf(prop, bind, key);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleOf(s.items ?? {}, bind, `${name}[]`));
    case 'string':
      return sampleString(s, name);
    case 'integer':
      return sampleNumber(s, true);
    case 'number':
      return sampleNumber(s, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/** A sample of an OpenAPI parameter set (path or query): required ones and bound ones. */
export function sampleParams(params: ParamsSchema, bind: (name: string) => unknown = () => undefined): Record<string, unknown> {
  return sampleOf({ type: 'object', properties: params.properties, required: params.required }, bind) as Record<string, unknown>;
}
