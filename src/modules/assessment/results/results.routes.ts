import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../../platform/context.js';
import { actorOf, addRoute, type Authenticator } from '../../../platform/http.js';
import { localeFrom } from '../../../platform/i18n.js';
import { ZIdParams } from '../../org/index.js';
import * as c from '../assessment.contract.js';
import { computeScheme } from './commands/compute-scheme.js';
import { feedbackToLedger } from './commands/feedback-to-ledger.js';
import { getOrgResult, getResults, radar, resultUseOf, whatIf } from './results.queries.js';

/** Registers the results endpoints: compute, ranking, breakdown, what-if, radar, 以考促改 and 结果运用. */
export function registerResultRoutes(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator): void {
  const tags = ['assessment'];
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/assessment/schemes/:id/compute',
    summary: 'Compute and store the results of a scheme for its whole zone',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZResults,
    handler: ({ req, params, principal }) =>
      computeScheme(deps, actorOf(req, principal), { schemeId: params.id, locale: localeFrom(req.headers['accept-language']) }),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/schemes/:id/results',
    summary: 'Ranking: the stored results of a scheme in the caller’s scope, each with its breakdown',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZResults,
    handler: ({ req, params, principal }) => getResults(deps, principal, params.id, localeFrom(req.headers['accept-language'])),
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
      getOrgResult(deps, principal, { schemeId: params.id, orgId: params.orgId }, localeFrom(req.headers['accept-language'])),
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
    handler: ({ params, body, principal }) => whatIf(deps, principal, params.id, body),
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
      feedbackToLedger(deps, actorOf(req, principal), {
        ...body,
        schemeId: params.id,
        orgId: params.orgId,
        locale: localeFrom(req.headers['accept-language']),
      }),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/result-use',
    summary: '结果运用: 优先使用 (excellent three years running) and 约谈 (bottom of the zone with serious open problems)',
    tags,
    auth: 'user',
    query: c.ZResultUseQuery,
    response: c.ZResultUse,
    handler: ({ req, query, principal }) => resultUseOf(deps, principal, query.year, localeFrom(req.headers['accept-language'])),
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
      radar(deps, principal, { schemeId: params.id, orgId: params.orgId }, localeFrom(req.headers['accept-language'])),
  });
}
