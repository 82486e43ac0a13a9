import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { addRoute, parseFields, readUpload, sendDownload, sendInline, type Authenticator } from '../../platform/http.js';
import { localeFrom } from '../../platform/i18n.js';
import { ZIdParams } from '../org/org.contract.js';
import { actorOf } from '../../platform/http.js';
import * as c from './assessment.contract.js';
import { analyseDigits } from './assessment.digits.js';
import * as service from './assessment.service.js';
import { importValues, valuesTemplate } from './assessment.excel.js';
import { addImportRoutes } from '../../platform/imports.js';

/** Registers the 实绩考核 and 数据核查 endpoints. */
export function registerAssessmentRoutes(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator): void {
  const tags = ['assessment'];
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/indicators',
    summary: 'The indicator library (指标库)',
    tags,
    auth: 'user',
    query: c.ZIndicatorQuery,
    response: c.ZIndicatorList,
    handler: async ({ query, principal }) => ({ items: await service.listIndicators(deps, principal, query) }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/indicators',
    summary: 'Add an indicator',
    tags,
    auth: 'user',
    status: 201,
    body: c.ZCreateIndicatorRequest,
    response: c.ZIndicator,
    handler: ({ req, body, principal }) => service.createIndicator(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'PATCH',
    url: '/api/assessment/indicators/:id',
    summary: 'Change an indicator (version-checked)',
    tags,
    auth: 'user',
    params: ZIdParams,
    body: c.ZUpdateIndicatorRequest,
    response: c.ZIndicator,
    handler: ({ req, params, body, principal }) => service.updateIndicator(deps, actorOf(req, principal), params.id, body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/schemes',
    summary: 'Assessment schemes by year and zone (差异化考核)',
    tags,
    auth: 'user',
    query: c.ZSchemeQuery,
    response: c.ZSchemeList,
    handler: async ({ query, principal }) => ({ items: await service.listSchemes(deps, principal, query) }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/schemes',
    summary: 'Create a scheme: weights sum to 100 (the gap is named otherwise)',
    tags,
    auth: 'user',
    status: 201,
    body: c.ZSchemeRequest,
    response: c.ZScheme,
    handler: ({ req, body, principal }) => service.createScheme(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/schemes/:id',
    summary: 'One scheme',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZScheme,
    handler: ({ params, principal }) => service.getScheme(deps, principal, params.id),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/assessment/schemes/:id',
    summary: 'Change a scheme; once it has results the change makes a new edition and the old results stay',
    tags,
    auth: 'user',
    params: ZIdParams,
    body: c.ZSchemeRequest,
    response: c.ZScheme,
    handler: ({ req, params, body, principal }) => service.updateScheme(deps, actorOf(req, principal), params.id, body),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/schemes/:id/compute',
    summary: 'Compute and store the results of a scheme for its whole zone',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZResults,
    handler: ({ req, params, principal }) =>
      service.computeScheme(deps, actorOf(req, principal), params.id, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/schemes/:id/results',
    summary: 'Ranking: the stored results of a scheme in the caller’s scope, each with its breakdown',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZResults,
    handler: ({ req, params, principal }) => service.getResults(deps, principal, params.id, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/schemes/:id/results/:orgId',
    summary: 'One org’s result: every point explained (indicator, value, method, sub-score, weight, contribution, deductions)',
    tags,
    auth: 'user',
    params: c.ZResultParams,
    response: c.ZOrgResult,
    handler: ({ req, params, principal }) =>
      service.getOrgResult(deps, principal, params.id, params.orgId, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/schemes/:id/what-if',
    summary: 'What-if: other weights, ranks before and after; nothing is saved',
    tags,
    auth: 'user',
    params: ZIdParams,
    body: c.ZWhatIfRequest,
    response: c.ZWhatIf,
    handler: ({ params, body, principal }) => service.whatIf(deps, principal, params.id, body),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/schemes/:id/results/:orgId/feedback',
    summary: '以考促改: put the org’s assessment feedback on the ledger (source assessment_feedback)',
    tags,
    auth: 'user',
    status: 201,
    params: c.ZResultParams,
    body: c.ZToLedgerRequest,
    response: c.ZToLedgerResult,
    handler: ({ req, params, body, principal }) =>
      service.feedbackToLedger(deps, actorOf(req, principal), params.id, params.orgId, body, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/result-use',
    summary: '结果运用: 优先使用 (excellent three years running) and 约谈 (bottom of the zone with serious open problems)',
    tags,
    auth: 'user',
    query: c.ZResultUseQuery,
    response: c.ZResultUse,
    handler: ({ req, query, principal }) => service.resultUseOf(deps, principal, query.year, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/values',
    summary: 'The data-entry grid: orgs × indicators of a year (by scheme or zone), with third-party and satisfaction scores',
    tags,
    auth: 'user',
    query: c.ZValuesQuery,
    response: c.ZValueGrid,
    handler: ({ query, principal }) => service.valueGrid(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/assessment/values',
    summary: 'Save figures of the grid (all or nothing; null clears a cell)',
    tags,
    auth: 'user',
    body: c.ZPutValuesRequest,
    response: c.ZSaved,
    handler: ({ req, body, principal }) => service.putValues(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/values/figure',
    summary: 'One figure with its source, evidence and verification',
    tags,
    auth: 'user',
    query: c.ZFigureQuery,
    response: c.ZValueCell,
    handler: ({ query, principal }) => service.getFigure(deps, principal, query),
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
      return service.attachEvidence(deps, actorOf(req, principal), query, file);
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
      return sendInline(reply, await service.evidenceFile(deps, principal, query));
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
    handler: ({ req, query, principal }) => service.removeEvidence(deps, actorOf(req, principal), query),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/values/verification',
    summary: 'Mark a figure verified against its source (核实), or back to reported; refused while an integrity flag on it is open',
    tags,
    auth: 'user',
    body: c.ZVerifyRequest,
    response: c.ZValueCell,
    handler: ({ req, body, principal }) => service.verifyFigure(deps, actorOf(req, principal), body),
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
      importValues(deps, actorOf(req, principal), file, { year: query.year, dryRun: query.dryRun ?? false, locale }),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/assessment/inputs',
    summary: 'Save 第三方评估 or 群众满意度 scores (0–100)',
    tags,
    auth: 'user',
    body: c.ZPutInputsRequest,
    response: c.ZSaved,
    handler: ({ req, body, principal }) => service.putInputs(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/trend',
    summary: 'An org’s figures of one indicator over the years beside its zone’s median',
    tags,
    auth: 'user',
    query: c.ZTrendQuery,
    response: c.ZTrend,
    handler: ({ query, principal }) => service.trend(deps, principal, query.orgId, query.indicatorId),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/schemes/:id/radar/:orgId',
    summary: 'One org’s sub-scores against its zone’s median (radar chart)',
    tags,
    auth: 'user',
    params: c.ZResultParams,
    response: c.ZRadar,
    handler: ({ req, params, principal }) =>
      service.radar(deps, principal, params.id, params.orgId, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/leader-changes',
    summary: 'Years in which an org’s principal changed (the jump check looks at them on their own)',
    tags,
    auth: 'user',
    response: c.ZLeaderChanges,
    handler: async ({ principal }) => ({ items: await service.listLeaderChanges(deps, principal) }),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/assessment/leader-changes',
    summary: 'Record (or with remove: true delete) a leader-change year of an org in scope',
    tags,
    auth: 'user',
    body: c.ZLeaderChangeRequest,
    response: c.ZLeaderChanges,
    handler: async ({ req, body, principal }) => ({ items: await service.setLeaderChange(deps, actorOf(req, principal), body) }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/integrity/run',
    summary: '数据核查: run every check over the figures up to a year; flags are stored, a rerun never duplicates',
    tags,
    auth: 'user',
    body: c.ZIntegrityRunRequest,
    response: c.ZIntegrityRun,
    handler: ({ req, body, principal }) => service.runIntegrity(deps, actorOf(req, principal), body.year),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/integrity/flags',
    summary: 'Integrity flags in scope: what was tested, on which numbers, the statistic, the threshold, why it fired',
    tags,
    auth: 'user',
    query: c.ZFlagQuery,
    response: c.ZFlagPage,
    handler: ({ req, query, principal }) => service.listFlags(deps, principal, query, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/integrity/flags/:id/refer',
    summary: 'Put a flag on the ledger for human verification (source integrity_check)',
    tags,
    auth: 'user',
    status: 201,
    params: ZIdParams,
    body: c.ZToLedgerRequest,
    response: c.ZToLedgerResult,
    handler: ({ req, params, body, principal }) =>
      service.referFlag(deps, actorOf(req, principal), params.id, body, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/integrity/flags/:id/dismiss',
    summary: 'Dismiss a flag with a note (checked and explained)',
    tags,
    auth: 'user',
    params: ZIdParams,
    body: c.ZDismissRequest,
    response: c.ZFlag,
    handler: ({ req, params, body, principal }) =>
      service.dismissFlag(deps, actorOf(req, principal), params.id, body.note, localeFrom(req.headers['accept-language'])),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/integrity/digits',
    summary: 'Digit analysis (Benford) of an uploaded column: multipart file (txt, csv or xlsx), fields test and column',
    tags,
    auth: 'user',
    response: c.ZDigits,
    handler: async ({ req, principal }) => {
      service.assertMayAnalyse(principal);
      const { file, fields } = await readUpload(req);
      const opts = parseFields(c.ZDigitsFields, fields);
      return analyseDigits(file, opts.test, opts.column);
    },
  });
}
