import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { actorOf, addRoute, type Authenticator } from '../../platform/http.js';
import * as c from './org.contract.js';
import * as orgService from './org.service.js';

/** Registers the org and people endpoints. */
export function registerOrgRoutes(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator): void {
  const tags = ['org'];
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/orgs',
    summary: 'List the organisations in the caller’s scope (flat, tree order)',
    tags,
    auth: 'user',
    query: c.ZListOrgsQuery,
    response: c.ZOrgList,
    handler: async ({ query, principal }) => ({ items: await orgService.listOrgs(deps, principal, query) }),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/orgs/:id',
    summary: 'One organisation',
    tags,
    auth: 'user',
    params: c.ZIdParams,
    response: c.ZOrg,
    handler: ({ params, principal }) => orgService.getOrg(deps, principal, params.id),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/orgs',
    summary: 'Create an organisation under a parent',
    tags,
    auth: 'user',
    status: 201,
    body: c.ZCreateOrgRequest,
    response: c.ZOrg,
    handler: ({ req, body, principal }) => orgService.createOrg(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'PATCH',
    url: '/api/orgs/:id',
    summary: 'Rename or re-describe an organisation',
    tags,
    auth: 'user',
    params: c.ZIdParams,
    body: c.ZUpdateOrgRequest,
    response: c.ZOrg,
    handler: ({ req, params, body, principal }) => orgService.updateOrg(deps, actorOf(req, principal), params.id, body),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/orgs/:id/move',
    summary: 'Move an organisation and its subtree under another parent',
    tags,
    auth: 'user',
    params: c.ZIdParams,
    body: c.ZMoveOrgRequest,
    response: c.ZOrg,
    handler: ({ req, params, body, principal }) => orgService.moveOrg(deps, actorOf(req, principal), params.id, body),
  });
  for (const [action, isActive] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    addRoute(app, authenticate, {
      method: 'POST',
      url: `/api/orgs/:id/${action}`,
      summary: isActive ? 'Reactivate an organisation' : 'Deactivate an organisation',
      tags,
      auth: 'user',
      params: c.ZIdParams,
      body: c.ZVersionRequest,
      response: c.ZOrg,
      handler: ({ req, params, body, principal }) =>
        orgService.setOrgActive(deps, actorOf(req, principal), params.id, body.version, isActive),
    });
  }

  const peopleTags = ['people'];
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/people',
    summary: 'Search cadres by name or pinyin initials, by org (subtree), principal flag',
    tags: peopleTags,
    auth: 'user',
    query: c.ZListPeopleQuery,
    response: c.ZPersonPage,
    handler: ({ query, principal }) => orgService.listPeople(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/people/:id',
    summary: 'One cadre (contact masked)',
    tags: peopleTags,
    auth: 'user',
    params: c.ZIdParams,
    response: c.ZPerson,
    handler: ({ params, principal }) => orgService.getPerson(deps, principal, params.id),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/people/:id/contact',
    summary: 'A cadre’s decrypted contact (every read is audited)',
    tags: peopleTags,
    auth: 'user',
    params: c.ZIdParams,
    response: c.ZPersonContact,
    handler: ({ req, params, principal }) => orgService.readPersonContact(deps, actorOf(req, principal), params.id),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/people',
    summary: 'Add a cadre',
    tags: peopleTags,
    auth: 'user',
    status: 201,
    body: c.ZCreatePersonRequest,
    response: c.ZPerson,
    handler: ({ req, body, principal }) => orgService.createPerson(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'PATCH',
    url: '/api/people/:id',
    summary: 'Change a cadre',
    tags: peopleTags,
    auth: 'user',
    params: c.ZIdParams,
    body: c.ZUpdatePersonRequest,
    response: c.ZPerson,
    handler: ({ req, params, body, principal }) => orgService.updatePerson(deps, actorOf(req, principal), params.id, body),
  });
}
