import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { AppDeps } from './platform/context.js';
import { packageRoot } from './platform/db.js';
import { MAX_FILE_BYTES } from './platform/files.js';
import { AppError } from './platform/errors.js';
import { addRoute, openApiDocument, type Authenticator } from './platform/http.js';
import { localeFrom } from './platform/i18n.js';
import { setTimeZone } from './platform/time.js';
import { authenticate, registerOrgRoutes, registerUserRoutes } from './modules/org/index.js';
import { registerLedgerRoutes } from './modules/ledger/index.js';
import { registerNotifyRoutes } from './modules/notify/index.js';
import { registerAssessmentRoutes } from './modules/assessment/index.js';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

/**
 * The Content-Security-Policy of every answer: only our own scripts; inline styles for Ant Design's CSS-in-JS;
 * images from us, data: (icons) and blob: (previews); PDFs in <object> from us; nobody else frames us.
 */
export const CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'self'"],
  'frame-src': ["'self'", 'blob:'],
  'worker-src': ["'self'", 'blob:'],
  'frame-ancestors': ["'self'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/** Fastify's limit on the length of one path parameter (its default). */
const MAX_PARAM_LENGTH = 100;

/** Options for building the app. */
export interface BuildOptions {
  /** Serve the built web client from dist/web (default: when it exists). */
  serveWeb?: boolean;
  logger?: boolean;
}

const packageVersion = (): string => (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

/** Maps any thrown error to the one JSON error shape. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) return new AppError('payload_too_large', { limit: '' });
  if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_FILES_LIMIT' || e.code === 'FST_PARTS_LIMIT')
    return new AppError('payload_too_large', { field: 'file', limit: MAX_FILE_BYTES });
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || e.statusCode === 415)
    return new AppError('unsupported_media_type', { type: '' });
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new AppError('validation', { field: 'body', reason: 'reason.required' });
  if (e.statusCode === 400) return new AppError('invalid_json', { field: 'body', detail: e.message ?? '' });
  return new AppError('internal');
}

/** Builds the Fastify app with every module's routes. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  setTimeZone(deps.config.timeZone);
  const app = Fastify({
    logger: options.logger ? { level: deps.config.logLevel } : false,
    bodyLimit: deps.config.bodyLimitBytes,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    trustProxy: deps.config.trustProxy,
    // The router's own refusals (a path that is not valid percent-encoded UTF-8, a path parameter over the
    // router's limit) in the one error shape and the caller's language, like every other refusal.
    frameworkErrors: (error, req, reply) => {
      const appError =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new AppError('validation', { field: 'path', reason: 'reason.too_long', max: MAX_PARAM_LENGTH })
          : error.code === 'FST_ERR_BAD_URL'
            ? new AppError('validation', { field: 'path', reason: 'reason.invalid' })
            : new AppError('internal');
      void (reply as unknown as FastifyReply).code(appError.status).send(appError.toBody(localeFrom(req.headers['accept-language'])));
    },
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    hsts: { maxAge: 31_536_000, includeSubDomains: false },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 10_000 } });

  app.setErrorHandler((error, req, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'internal') req.log.error(error);
    if (appError.code === 'payload_too_large' && appError.params.limit === '') appError.params.limit = deps.config.bodyLimitBytes;
    if (appError.code === 'unsupported_media_type') appError.params.type = req.headers['content-type'] ?? '';
    if (typeof appError.params.retryAfter === 'number') void reply.header('retry-after', String(appError.params.retryAfter));
    void reply.code(appError.status).send(appError.toBody(localeFrom(req.headers['accept-language'])));
  });
  app.setNotFoundHandler((req, reply) => {
    if (!req.url.startsWith('/api/') && options.serveWeb !== false && existsSync(join(packageRoot(), 'dist', 'web', 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    const error = new AppError('route_not_found', { method: req.method, url: req.url.split('?')[0] });
    return reply.code(404).send(error.toBody(localeFrom(req.headers['accept-language'])));
  });

  const auth: Authenticator = (req, reply, allowExpired) => authenticate(deps, req, reply, allowExpired);
  const version = packageVersion();

  addRoute(app, auth, {
    method: 'GET',
    url: '/api/health',
    summary: 'Liveness and the database in use',
    tags: ['platform'],
    auth: 'public',
    response: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string(), dbVersion: z.string() }),
    handler: async () => {
      await deps.database.db.execute(sql`select 1`);
      return { status: 'ok' as const, db: deps.database.kind, version, dbVersion: deps.database.version };
    },
  });
  registerOrgRoutes(app, deps, auth);
  registerUserRoutes(app, deps, auth);
  registerLedgerRoutes(app, deps, auth);
  registerNotifyRoutes(app, deps, auth);
  registerAssessmentRoutes(app, deps, auth);

  app.get('/api/openapi.json', async () => openApiDocument(version));
  await app.register(swagger, { mode: 'static', specification: { document: openApiDocument(version) as never } });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const webRoot = join(packageRoot(), 'dist', 'web');
  if (options.serveWeb !== false && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  return app;
}
