import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { actorOf, addRoute, type Authenticator } from '../../platform/http.js';
import { ZIdParams } from '../org/index.js';
import * as c from './assessment.contract.js';
import { createIndicator } from './indicators/commands/create-indicator.js';
import { updateIndicator } from './indicators/commands/update-indicator.js';
import { listIndicators } from './indicators/indicators.queries.js';
import { registerIntegrityRoutes } from './integrity/integrity.routes.js';
import { registerResultRoutes } from './results/results.routes.js';
import { createScheme } from './schemes/commands/create-scheme.js';
import { updateScheme } from './schemes/commands/update-scheme.js';
import { getScheme, listSchemes } from './schemes/schemes.queries.js';
import { registerValueRoutes } from './values/values.routes.js';

/** Registers the 实绩考核 and 数据核查 endpoints: the library and schemes here, then results, figures and integrity. */
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
    handler: async ({ query, principal }) => ({ items: await listIndicators(deps, principal, query) }),
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
    handler: ({ req, body, principal }) => createIndicator(deps, actorOf(req, principal), body),
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
    handler: ({ req, params, body, principal }) => updateIndicator(deps, actorOf(req, principal), { id: params.id, changes: body }),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/schemes',
    summary: 'Assessment schemes by year and zone (差异化考核)',
    tags,
    auth: 'user',
    query: c.ZSchemeQuery,
    response: c.ZSchemeList,
    handler: async ({ query, principal }) => ({ items: await listSchemes(deps, principal, query) }),
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
    handler: ({ req, body, principal }) => createScheme(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/assessment/schemes/:id',
    summary: 'One scheme',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZScheme,
    handler: ({ params, principal }) => getScheme(deps, principal, params.id),
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
    handler: ({ req, params, body, principal }) => updateScheme(deps, actorOf(req, principal), { id: params.id, scheme: body }),
  });
  registerResultRoutes(app, deps, authenticate);
  registerValueRoutes(app, deps, authenticate);
  registerIntegrityRoutes(app, deps, authenticate);
}
