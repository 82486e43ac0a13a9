/** The two routes every Excel import has: the upload (all or nothing, 422 with every error) and its marked error file. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { AppError } from './errors.js';
import { addRoute, readUpload, sendDownload, type Authenticator, type Principal } from './http.js';
import { localeFrom, type Locale } from './i18n.js';
import { ImportRefused, readImportErrorFile } from './xlsx.js';
import type { AppDeps } from './context.js';

/** What an import route needs: where it lives, its query and answer, and the import itself. */
export interface ImportRoutes<Q, R> {
  url: string;
  summary: string;
  tags: string[];
  query: ZodType<Q>;
  response: ZodType<R>;
  run(args: {
    req: FastifyRequest;
    principal: Principal;
    query: Q;
    file: { fileName: string; content: Buffer };
    locale: Locale;
  }): Promise<R>;
}

/** Registers `POST url` (multipart .xlsx) and `GET url/errors/:id` (the refused file marked, for its uploader). */
export function addImportRoutes<Q, R>(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator, spec: ImportRoutes<Q, R>): void {
  addRoute(app, authenticate, {
    method: 'POST',
    url: spec.url,
    summary: spec.summary,
    tags: spec.tags,
    auth: 'user',
    query: spec.query,
    response: spec.response,
    handler: async ({ req, reply, query, principal }) => {
      const { file } = await readUpload(req);
      if (!/\.xlsx$/i.test(file.fileName)) throw new AppError('unsupported_media_type', { field: 'file', type: file.fileName });
      const locale = localeFrom(req.headers['accept-language']);
      try {
        return await spec.run({ req, principal, query, file, locale });
      } catch (error) {
        if (!(error instanceof ImportRefused)) throw error;
        return reply.code(422).send(error.body(locale, (id) => `${spec.url}/errors/${id}`));
      }
    },
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: `${spec.url}/errors/:id`,
    summary: 'The refused file with its errors marked (for the user who uploaded it)',
    tags: spec.tags,
    auth: 'user',
    params: z.object({ id: z.coerce.number().int().positive() }),
    handler: async ({ reply, params, principal }) => {
      const file = await readImportErrorFile(deps, principal, params.id);
      return sendDownload(reply, { asciiName: 'import-errors.xlsx', fileName: file.fileName, content: file.content });
    },
  });
}
