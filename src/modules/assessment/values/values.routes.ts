import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../platform/context.js';
import { actorOf, addRoute, readUpload, sendDownload, sendInline, type Authenticator } from '../../../platform/http.js';
import { addImportRoutes } from '../../../platform/imports.js';
import * as c from '../assessment.contract.js';
import { attachEvidence } from './commands/attach-evidence.js';
import { importValues } from './commands/import-values.js';
import { putInputs } from './commands/put-inputs.js';
import { putValues } from './commands/put-values.js';
import { removeEvidence } from './commands/remove-evidence.js';
import { verifyFigure } from './commands/verify-figure.js';
import { valuesTemplate } from './values.excel.js';
import { evidenceFile, getFigure, trend, valueGrid } from './values.queries.js';

/** Registers the figures endpoints (一表同享): the grid, one figure and its evidence, verification, Excel, inputs, trends. */
export function registerValueRoutes(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator): void {
  const tags = ['assessment'];
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/values',
    summary: 'The data-entry grid: orgs × indicators of a year (by scheme or zone), with third-party and satisfaction scores',
    tags,
    auth: 'user',
    query: c.ZValuesQuery,
    response: c.ZValueGrid,
    handler: ({ query, principal }) => valueGrid(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/assessment/values',
    summary: 'Save figures of the grid (all or nothing; null clears a cell)',
    tags,
    auth: 'user',
    body: c.ZPutValuesRequest,
    response: c.ZSaved,
    handler: ({ req, body, principal }) => putValues(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/values/figure',
    summary: 'One figure with its source, evidence and verification',
    tags,
    auth: 'user',
    query: c.ZFigureQuery,
    response: c.ZValueCell,
    handler: ({ query, principal }) => getFigure(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/values/evidence',
    summary: 'Attach 佐证材料 to a figure (multipart: file; ?year&orgId&indicatorId), replacing any earlier file',
    tags,
    auth: 'user',
    status: 201,
    query: c.ZFigureQuery,
    response: c.ZValueCell,
    handler: async ({ req, query, principal }) => {
      const { file } = await readUpload(req);
      return attachEvidence(deps, actorOf(req, principal), { key: query, file });
    },
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/values/evidence',
    summary: 'Download the evidence of a figure',
    tags,
    auth: 'user',
    query: c.ZFigureQuery,
    handler: async ({ reply, query, principal }) => {
      return sendInline(reply, await evidenceFile(deps, principal, query));
    },
  });
  addRoute(app, authenticate, {
    method: 'DELETE',
    url: '/api/assessment/values/evidence',
    summary: 'Detach the evidence from a figure',
    tags,
    auth: 'user',
    query: c.ZFigureQuery,
    response: c.ZValueCell,
    handler: ({ req, query, principal }) => removeEvidence(deps, actorOf(req, principal), query),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/values/verification',
    summary: 'Mark a figure verified against its source (核实), or back to reported; refused while an integrity flag on it is open',
    tags,
    auth: 'user',
    body: c.ZVerifyRequest,
    response: c.ZValueCell,
    handler: ({ req, body, principal }) => verifyFigure(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/values/template.xlsx',
    summary: 'The fill-in template: the caller’s units × the scheme’s indicators, with the figures already in the system',
    tags,
    auth: 'user',
    query: c.ZValuesFileQuery,
    handler: async ({ reply, query, principal }) =>
      sendDownload(reply, {
        asciiName: 'figures.xlsx',
        fileName: `${query.year}年考核数据填报.xlsx`,
        content: await valuesTemplate(deps, principal, query),
      }),
  });
  addImportRoutes(app, deps, authenticate, {
    url: '/api/assessment/values/import',
    summary: 'Import a filled template (multipart: file): every cell checked, all or nothing; ?dryRun=true only checks',
    tags,
    query: c.ZValuesFileQuery,
    response: c.ZValuesImportResult,
    run: ({ req, principal, query, file, locale }) =>
      importValues(deps, actorOf(req, principal), { file, year: query.year, dryRun: query.dryRun ?? false, locale }),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/assessment/inputs',
    summary: 'Save 第三方评估 or 群众满意度 scores (0–100)',
    tags,
    auth: 'user',
    body: c.ZPutInputsRequest,
    response: c.ZSaved,
    handler: ({ req, body, principal }) => putInputs(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/trend',
    summary: 'An org’s figures of one indicator over the years beside its zone’s median',
    tags,
    auth: 'user',
    query: c.ZTrendQuery,
    response: c.ZTrend,
    handler: ({ query, principal }) => trend(deps, principal, query),
  });
}
