import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import type { Actor } from './context.js';
import { AppError } from './errors.js';
import { ROLES, SCOPES } from './access.values.js';

export { ROLES, SCOPES };
import { findUnstorableText, safeFileName } from './text.js';

/** A user's role. */
export type Role = (typeof ROLES)[number];
/** A user's data scope. */
export type Scope = (typeof SCOPES)[number];

/** The authenticated caller, as every route and policy sees it. */
export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  orgId: number;
  orgPath: string;
  tenantId: number;
  /** The cadre the account is linked to (so a 牵头领导 with an account is recognised), if any. */
  personId: number | null;
  via: 'session' | 'token';
  sessionDigest: string | null;
  passwordExpired: boolean;
}

/** What a route handler receives: validated input and the caller. */
export interface RouteContext<B, Q, P, H = unknown> {
  req: FastifyRequest;
  reply: FastifyReply;
  body: B;
  query: Q;
  params: P;
  headers: H;
  principal: Principal;
}

/** Who may call a route: anyone, or a logged-in user (optionally even with an expired password). */
export type RouteAuth = 'public' | 'user' | 'user-allow-expired';

/** A route described once: validation, OpenAPI and the handler come from the same schemas. */
export interface RouteSpec<B = unknown, Q = unknown, P = unknown, R = unknown, H = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  summary: string;
  tags: string[];
  auth: RouteAuth;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  params?: ZodType<P>;
  /** Request headers the route reads (other headers pass through). */
  headers?: ZodType<H>;
  response?: ZodType<R>;
  /** Status code of a successful answer (default 200). */
  status?: number;
  /** Returns the response body, or the reply itself when the handler sent it (files, streams). */
  handler(ctx: RouteContext<B, Q, P, H>): Promise<R | FastifyReply>;
}

/** Routes registered so far, for the OpenAPI document. */
const registry: RouteSpec<never, never, never, never>[] = [];

/** Reads the value at a path in an input object (to tell a missing field from a wrong one). */
function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const KNOWN_TYPES = new Set(['string', 'number', 'int', 'boolean', 'object', 'array', 'date', 'null', 'bigint', 'nan']);

/** Turns the first Zod issue into a validation error naming the field. */
export function zodToAppError(error: z.ZodError, input: unknown, prefix?: string): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError('validation', { field: prefix ?? 'body', reason: 'reason.invalid' });
  let path = issue.path.map(String);
  const params: Record<string, string | number> = {};
  let reason: string;
  switch (issue.code) {
    case 'invalid_type':
      reason = valueAt(input, issue.path) === undefined ? 'reason.required' : 'reason.invalid_type';
      // The expected type in words (文本, 数字 …) where the dictionary has it.
      params.expected = KNOWN_TYPES.has(issue.expected) ? `type.${issue.expected}` : issue.expected;
      break;
    case 'too_big':
      reason = issue.origin === 'string' || issue.origin === 'array' ? 'reason.too_long' : 'reason.too_big';
      params.max = Number(issue.maximum);
      break;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) reason = 'reason.required';
      else reason = issue.origin === 'string' || issue.origin === 'array' ? 'reason.too_short' : 'reason.too_small';
      params.min = Number(issue.minimum);
      break;
    case 'invalid_value':
      reason = 'reason.invalid_value';
      params.options = issue.values.map(String).join(', ');
      break;
    case 'invalid_format':
      reason = 'reason.invalid_format';
      break;
    case 'custom':
      reason = typeof issue.params?.reason === 'string' ? issue.params.reason : 'reason.invalid';
      break;
    case 'unrecognized_keys':
      reason = 'reason.unknown_keys';
      params.keys = issue.keys.join(', ');
      path = [...path, issue.keys[0] ?? ''];
      break;
    default:
      reason = 'reason.invalid';
  }
  const field = path.length ? path.join('.') : (prefix ?? 'body');
  return new AppError('validation', { field, reason, ...params });
}

/** Validates form fields (or any input) against a schema, naming the failing field. */
export function parseFields<T>(schema: ZodType<T>, input: unknown): T {
  return parseWith(schema, input, 'fields');
}

function parseWith<T>(schema: ZodType<T> | undefined, input: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(input ?? (where === 'body' ? undefined : {}));
  if (!result.success) throw zodToAppError(result.error, input, where);
  // The safety net behind the text schemas: NUL or a lone surrogate anywhere would make the database fail.
  const bad = findUnstorableText(result.data);
  if (bad) throw new AppError('validation', { field: bad.length ? bad.join('.') : where, reason: 'reason.control_chars' });
  return result.data;
}

/** The hook that authenticates a request, provided by the module that owns users. */
export type Authenticator = (req: FastifyRequest, reply: FastifyReply, allowExpired: boolean) => Promise<Principal>;

/** Registers a route: authenticate → validate → handler; records it for OpenAPI. */
export function addRoute<B, Q, P, R, H = unknown>(app: FastifyInstance, authenticate: Authenticator, spec: RouteSpec<B, Q, P, R, H>): void {
  registry.push(spec as unknown as RouteSpec<never, never, never, never>);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (req, reply) => {
      const principal =
        spec.auth === 'public' ? (null as unknown as Principal) : await authenticate(req, reply, spec.auth === 'user-allow-expired');
      const params = parseWith(spec.params, req.params, 'params');
      const query = parseWith(spec.query, req.query, 'query');
      const headers = parseWith(spec.headers, req.headers, 'headers');
      const body = parseWith(spec.body, req.body, 'body');
      const result = await spec.handler({ req, reply, body, query, params, headers, principal });
      if (reply.sent || result === reply) return reply;
      reply.code(spec.status ?? 200);
      return result ?? null;
    },
  });
}

function toJsonSchema(schema: ZodType, io: 'input' | 'output'): Record<string, unknown> {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
}

/** Builds the OpenAPI 3.1 document from every registered route's Zod schemas. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const seen = new Set<string>();
  for (const spec of registry) {
    const key = `${spec.method} ${spec.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const oaPath = spec.url.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', spec.params],
      ['query', spec.query],
      ['header', spec.headers],
    ] as const) {
      if (!schema) continue;
      const js = toJsonSchema(schema, 'input');
      const props = (js.properties ?? {}) as Record<string, unknown>;
      const required = new Set((js.required as string[] | undefined) ?? []);
      for (const [name, s] of Object.entries(props))
        parameters.push({ name, in: where, required: where === 'path' || required.has(name), schema: s });
    }
    const operation: Record<string, unknown> = {
      summary: spec.summary,
      tags: spec.tags,
      parameters,
      responses: {
        [String(spec.status ?? 200)]: {
          description: 'OK',
          ...(spec.response ? { content: { 'application/json': { schema: toJsonSchema(spec.response, 'output') } } } : {}),
        },
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (spec.auth !== 'public') operation.security = [{ session: [] }, { bearer: [] }];
    if (spec.body)
      operation.requestBody = { required: true, content: { 'application/json': { schema: toJsonSchema(spec.body, 'input') } } };
    paths[oaPath] = { ...(paths[oaPath] ?? {}), [spec.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Shiji 实绩 API', version },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'shiji_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
              required: ['code', 'message'],
            },
          },
        },
      },
    },
  };
}

/** Reads a multipart upload: exactly one file in the field `file`, and the text fields beside it. */
export async function readUpload(
  req: FastifyRequest,
): Promise<{ file: { fileName: string; mimeType: string; content: Buffer }; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', { field: 'file', type: req.headers['content-type'] ?? '' });
  const fields: Record<string, string> = {};
  let file: { fileName: string; mimeType: string; content: Buffer } | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file)
          throw new AppError('validation', { field: part.fieldname, reason: 'reason.unknown_keys', keys: part.fieldname });
        file = { fileName: safeFileName(part.filename), mimeType: part.mimetype, content: await part.toBuffer() };
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (error) {
    // The multipart parser's own failures (no or a wrong boundary, a body cut short) are the sender's: a 400, not a 500.
    // Limits (FST_* codes) and our own refusals keep their answers.
    if (error instanceof AppError || String((error as { code?: unknown }).code ?? '').startsWith('FST_')) throw error;
    throw new AppError('validation', { field: 'file', reason: 'reason.invalid' });
  }
  const badField = findUnstorableText(fields);
  if (badField) throw new AppError('validation', { field: badField.join('.'), reason: 'reason.control_chars' });
  if (!file) throw new AppError('validation', { field: 'file', reason: 'reason.required' });
  return { file, fields };
}

/** The media type of .xlsx files. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a stored file to open in the browser (an image or PDF shows in place), never sniffed as another type. */
export function sendInline(reply: FastifyReply, file: { fileName: string; mimeType: string; content: Buffer }): FastifyReply {
  return reply
    .header('content-type', file.mimeType)
    .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .send(file.content);
}

/** Sends a file to download: an ASCII fallback name and the real (Chinese) one, as every browser and WPS read them. */
export function sendDownload(
  reply: FastifyReply,
  file: { asciiName: string; fileName: string; content: unknown; type?: string },
): FastifyReply {
  return reply
    .header('content-type', file.type ?? XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(file.content);
}

/** The actor of a request, for the audit chain. */
export function actorOf(req: FastifyRequest, principal: Principal): Actor {
  return { principal, ip: req.ip };
}
