import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { actorOf, addRoute, parseFields, readUpload, sendDownload, sendInline, type Authenticator } from '../../platform/http.js';
import { addImportRoutes } from '../../platform/imports.js';
import { localDate } from '../../platform/time.js';
import { ZIdParams } from '../org/index.js';
import { actOnItem } from './commands/act-on-item.js';
import { addComment } from './commands/add-comment.js';
import { addEvidence } from './commands/add-evidence.js';
import { addMeasure } from './commands/add-measure.js';
import { bulkAct } from './commands/bulk-act.js';
import { createItem } from './commands/create-item.js';
import { importLedger } from './commands/import-ledger.js';
import { linkItems } from './commands/link-items.js';
import { unlinkItems } from './commands/unlink-items.js';
import { updateItem } from './commands/update-item.js';
import { updateMeasure } from './commands/update-measure.js';
import * as c from './ledger.contract.js';
import { exportLedger } from './ledger.excel.js';
import { assignees, getEvidenceFile, getItem, ledgerStats, listItems, similarItems } from './ledger.queries.js';
import { importTemplate } from './ledger.template.js';

/** Registers the ledger endpoints. */
export function registerLedgerRoutes(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator): void {
  const tags = ['ledger'];
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/ledger/items',
    summary: 'Put a problem or task on the ledger (出题)',
    tags,
    auth: 'user',
    status: 201,
    body: c.ZCreateItemRequest,
    headers: c.ZCreateItemHeaders,
    response: c.ZItemDetail,
    handler: ({ req, body, headers, principal }) =>
      createItem(deps, actorOf(req, principal), body, { idempotencyKey: headers['idempotency-key'] }),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/ledger/items',
    summary: 'The ledger in the caller’s scope, filtered, sorted and paged, with lights',
    tags,
    auth: 'user',
    query: c.ZListItemsQuery,
    response: c.ZItemPage,
    handler: ({ query, principal }) => listItems(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/ledger/export.xlsx',
    summary: 'The filtered ledger as an Excel file with the standard 台账 columns (streamed)',
    tags,
    auth: 'user',
    query: c.ZListItemsQuery,
    handler: async ({ reply, query, principal }) => {
      const stream = await exportLedger(deps, principal, query);
      const name = `问题台账-${localDate(deps.now())}.xlsx`;
      return sendDownload(reply, { asciiName: 'ledger.xlsx', fileName: name, content: stream });
    },
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/ledger/assignees',
    summary: 'Handlers a supervisor may assign items to, in scope (交办 picker)',
    tags,
    auth: 'user',
    query: c.ZAssigneeQuery,
    response: c.ZAssigneeList,
    handler: async ({ query, principal }) => ({ items: await assignees(deps, principal, query.q) }),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/ledger/import-template.xlsx',
    summary: 'The Excel template of the import: the 台账 columns, drop-down lists, instructions',
    tags,
    auth: 'user',
    handler: async ({ reply }) =>
      sendDownload(reply, { asciiName: 'ledger-template.xlsx', fileName: '问题台账导入模板.xlsx', content: await importTemplate() }),
  });
  addImportRoutes(app, deps, authenticate, {
    url: '/api/ledger/import',
    summary:
      'Import a filled template (multipart: file). Every row is checked; nothing is written unless all are valid. ?dryRun=true only checks.',
    tags,
    query: c.ZImportQuery,
    response: c.ZImportResult,
    run: ({ req, principal, query, file, locale }) =>
      importLedger(deps, actorOf(req, principal), file, { dryRun: query.dryRun ?? false, locale }),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/ledger/similar',
    summary: 'Open items in scope that look like a title/description being written (duplicate suggestions: jieba words + pg_trgm)',
    tags,
    auth: 'user',
    query: c.ZSimilarQuery,
    response: c.ZSimilarList,
    handler: async ({ query, principal }) => ({ items: await similarItems(deps, principal, query) }),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/ledger/stats',
    summary: 'Dashboard figures: counts by status, category, source and org, closure, on-time and rebound rates, red list, monthly trend',
    tags,
    auth: 'user',
    query: c.ZStatsQuery,
    response: c.ZLedgerStats,
    handler: ({ query, principal }) => ledgerStats(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/ledger/items/:id',
    summary: 'One item with its four lists, timeline and allowed steps',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZItemDetail,
    handler: ({ params, principal }) => getItem(deps, principal, params.id),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/ledger/items/:id/actions/:action',
    summary:
      'Take a step of the loop (assign, claim, start, request-closure, close, return, reject, reopen, urge, request-extension, decide-extension, recheck, merge)',
    tags,
    auth: 'user',
    params: c.ZActionParams,
    headers: c.ZIfMatchHeaders,
    body: c.ZActionRequest,
    response: c.ZItemDetail,
    handler: ({ req, params, headers, body, principal }) =>
      actOnItem(deps, actorOf(req, principal), params.id, params.action, body, { ifMatch: headers['if-match'] }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/ledger/items/:id/comments',
    summary: 'Comment on an item (意见/备注): anyone who may read it',
    tags,
    auth: 'user',
    status: 201,
    params: ZIdParams,
    body: c.ZCommentRequest,
    response: c.ZItemDetail,
    handler: ({ req, params, body, principal }) => addComment(deps, actorOf(req, principal), params.id, body),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/ledger/items/:id/links',
    summary: 'Link an item to a related one in scope (关联问题)',
    tags,
    auth: 'user',
    status: 201,
    params: ZIdParams,
    body: c.ZLinkRequest,
    response: c.ZItemDetail,
    handler: ({ req, params, body, principal }) => linkItems(deps, actorOf(req, principal), params.id, body),
  });
  addRoute(app, authenticate, {
    method: 'DELETE',
    url: '/api/ledger/items/:id/links/:targetId',
    summary: 'Remove a related-item link',
    tags,
    auth: 'user',
    params: c.ZLinkParams,
    response: c.ZItemDetail,
    handler: ({ req, params, principal }) => unlinkItems(deps, actorOf(req, principal), params.id, { targetId: params.targetId }),
  });
  addRoute(app, authenticate, {
    method: 'PATCH',
    url: '/api/ledger/items/:id',
    summary: 'Change an item’s fields; the version comes in the body or in If-Match (stale → 412)',
    tags,
    auth: 'user',
    params: ZIdParams,
    headers: c.ZIfMatchHeaders,
    body: c.ZUpdateItemRequest,
    response: c.ZItemDetail,
    handler: ({ req, params, headers, body, principal }) =>
      updateItem(deps, actorOf(req, principal), params.id, body, { ifMatch: headers['if-match'] }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/ledger/bulk-actions',
    summary: 'The same step on many items (bulk 催办 / 交办 / 不予受理) in one transaction: all or nothing',
    tags,
    auth: 'user',
    body: c.ZBulkActionRequest,
    response: c.ZBulkActionResult,
    handler: ({ req, body, principal }) => bulkAct(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/ledger/items/:id/evidence',
    summary: 'Upload an evidence file (multipart/form-data: file, optional measureId and note)',
    tags,
    auth: 'user',
    status: 201,
    params: ZIdParams,
    response: c.ZItemDetail,
    handler: async ({ req, params, principal }) => {
      const { file, fields } = await readUpload(req);
      const extra = parseFields(c.ZEvidenceFields, fields);
      return addEvidence(deps, actorOf(req, principal), params.id, { ...file, ...extra });
    },
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/ledger/items/:id/evidence/:evidenceId',
    summary: 'Download an evidence file',
    tags,
    auth: 'user',
    params: c.ZEvidenceParams,
    handler: async ({ reply, params, principal }) => {
      return sendInline(reply, await getEvidenceFile(deps, principal, params.id, params.evidenceId));
    },
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/ledger/items/:id/measures',
    summary: 'Add a measure',
    tags,
    auth: 'user',
    status: 201,
    params: ZIdParams,
    body: c.ZCreateMeasureRequest,
    response: c.ZItemDetail,
    handler: ({ req, params, body, principal }) => addMeasure(deps, actorOf(req, principal), params.id, body),
  });
  addRoute(app, authenticate, {
    method: 'PATCH',
    url: '/api/ledger/items/:id/measures/:measureId',
    summary: 'Change a measure (content, owner, due date, milestone, progress, completion note); version in the body or If-Match',
    tags,
    auth: 'user',
    params: c.ZMeasureParams,
    headers: c.ZIfMatchHeaders,
    body: c.ZUpdateMeasureRequest,
    response: c.ZItemDetail,
    handler: ({ req, params, headers, body, principal }) =>
      updateMeasure(deps, actorOf(req, principal), params.id, params.measureId, body, { ifMatch: headers['if-match'] }),
  });
}
