import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAudit, verifyAudit } from '../../platform/audit.js';
import type { AppDeps } from '../../platform/context.js';
import { addRoute, type Authenticator } from '../../platform/http.js';
import * as authService from './auth.service.js';
import * as c from './org.contract.js';
import { actorOf } from '../../platform/http.js';
import { authorize } from './org.service.js';
import * as securityService from './security.service.js';
import * as userService from './user.service.js';

/** Registers login/session/token, user admin, security settings and audit endpoints. */
export function registerUserRoutes(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator): void {
  const cookieBase = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    // Secure whenever the browser reached us over TLS (through a trusted proxy, as its X-Forwarded-Proto says), or as configured.
    secure: deps.config.secureCookies === 'auto' ? req.protocol === 'https' : deps.config.secureCookies,
  });

  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/auth/login',
    summary: 'Log in with username and password; sets the session cookie',
    tags: ['auth'],
    auth: 'public',
    body: c.ZLoginRequest,
    response: c.ZLoginResponse,
    handler: async ({ req, reply, body }) => {
      const result = await authService.login(deps, { ...body, ip: req.ip, deviceCookie: req.cookies[authService.DEVICE_COOKIE] });
      reply.setCookie(authService.SESSION_COOKIE, result.token, { ...cookieBase(req), maxAge: deps.config.sessionAbsoluteHours * 3600 });
      reply.setCookie(authService.DEVICE_COOKIE, result.deviceCookie, { ...cookieBase(req), maxAge: 365 * 86400 });
      return { user: await authService.presentMe(deps, result.principal), csrfToken: result.csrfToken };
    },
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/auth/me',
    summary: 'The logged-in user and the session’s CSRF token',
    tags: ['auth'],
    auth: 'user-allow-expired',
    response: c.ZSessionInfo,
    handler: async ({ principal }) => ({
      user: await authService.presentMe(deps, principal),
      csrfToken: await authService.csrfOf(deps, principal),
    }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/auth/logout',
    summary: 'End the session',
    tags: ['auth'],
    auth: 'user-allow-expired',
    response: c.ZOk,
    handler: async ({ req, reply, principal }) => {
      await authService.logout(deps, actorOf(req, principal));
      reply.clearCookie(authService.SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/auth/password',
    summary: 'Change one’s own password',
    tags: ['auth'],
    auth: 'user-allow-expired',
    body: c.ZChangePasswordRequest,
    response: c.ZOk,
    handler: async ({ req, body, principal }) => {
      await authService.changePassword(deps, actorOf(req, principal), body);
      return { ok: true as const };
    },
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/auth/tokens',
    summary: 'One’s API tokens',
    tags: ['auth'],
    auth: 'user',
    response: c.ZApiTokenList,
    handler: async ({ principal }) => ({ items: await authService.listTokens(deps, principal) }),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/auth/tokens',
    summary: 'Create an API token (the secret is shown once)',
    tags: ['auth'],
    auth: 'user',
    status: 201,
    body: c.ZCreateTokenRequest,
    response: c.ZCreatedToken,
    handler: ({ req, body, principal }) => authService.createToken(deps, actorOf(req, principal), body.name),
  });
  addRoute(app, authenticate, {
    method: 'DELETE',
    url: '/api/auth/tokens/:id',
    summary: 'Revoke an API token',
    tags: ['auth'],
    auth: 'user',
    params: c.ZIdParams,
    response: c.ZOk,
    handler: async ({ req, params, principal }) => {
      await authService.revokeToken(deps, actorOf(req, principal), params.id);
      return { ok: true as const };
    },
  });

  const tags = ['users'];
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/users',
    summary: 'Users in the caller’s scope',
    tags,
    auth: 'user',
    query: c.ZListUsersQuery,
    response: c.ZUserList,
    handler: ({ query, principal }) => userService.listUsers(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/users/:id',
    summary: 'One user',
    tags,
    auth: 'user',
    params: c.ZIdParams,
    response: c.ZUser,
    handler: ({ params, principal }) => userService.getUser(deps, principal, params.id),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/users',
    summary: 'Create a user (must change the password at first login)',
    tags,
    auth: 'user',
    status: 201,
    body: c.ZCreateUserRequest,
    response: c.ZUser,
    handler: ({ req, body, principal }) => userService.createUser(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'PATCH',
    url: '/api/users/:id',
    summary: 'Change a user’s name or org',
    tags,
    auth: 'user',
    params: c.ZIdParams,
    body: c.ZUpdateUserRequest,
    response: c.ZUser,
    handler: ({ req, params, body, principal }) => userService.updateUser(deps, actorOf(req, principal), params.id, body),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/users/:id/role',
    summary: 'Set a user’s role and data scope (security administrator)',
    tags,
    auth: 'user',
    params: c.ZIdParams,
    body: c.ZSetRoleRequest,
    response: c.ZUser,
    handler: ({ req, params, body, principal }) => userService.setUserRole(deps, actorOf(req, principal), params.id, body),
  });
  for (const action of ['lock', 'unlock', 'disable', 'enable'] as const) {
    addRoute(app, authenticate, {
      method: 'POST',
      url: `/api/users/:id/${action}`,
      summary: `${action[0]?.toUpperCase()}${action.slice(1)} a user`,
      tags,
      auth: 'user',
      params: c.ZIdParams,
      body: c.ZVersionRequest,
      response: c.ZUser,
      handler: ({ req, params, body, principal }) => userService.switchUser(deps, actorOf(req, principal), params.id, body.version, action),
    });
  }
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/users/:id/reset-password',
    summary: 'Reset a user’s password',
    tags,
    auth: 'user',
    params: c.ZIdParams,
    body: c.ZResetPasswordRequest,
    response: c.ZUser,
    handler: ({ req, params, body, principal }) => userService.resetUserPassword(deps, actorOf(req, principal), params.id, body),
  });

  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/security/settings',
    summary: 'Security settings in force (security administrator)',
    tags: ['security'],
    auth: 'user',
    response: c.ZSecuritySettings,
    handler: ({ principal }) => securityService.getSecuritySettings(deps, principal),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/security/settings',
    summary: 'Change lockout and session limits (security administrator)',
    tags: ['security'],
    auth: 'user',
    body: c.ZUpdateSecuritySettingsRequest,
    response: c.ZSecuritySettings,
    handler: ({ req, body, principal }) => securityService.updateSecuritySettings(deps, actorOf(req, principal), body),
  });

  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/audit',
    summary: 'Read the audit log (auditor)',
    tags: ['audit'],
    auth: 'user',
    query: c.ZAuditQuery,
    response: c.ZAuditPage,
    handler: async ({ query, principal }) => {
      authorize(principal, 'audit.read');
      const page = await listAudit(deps.database.db, {
        actorName: query.actor,
        action: query.action,
        outcome: query.outcome,
        targetType: query.targetType,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        page: query.page,
        pageSize: query.pageSize,
      });
      return {
        total: page.total,
        items: page.items.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actorName: r.actorName,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          ip: r.ip,
          outcome: r.outcome,
          detail: r.detail,
          hash: r.hash,
        })),
      };
    },
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/audit/verify',
    summary: 'Verify the audit hash chain (auditor)',
    tags: ['audit'],
    auth: 'user',
    response: c.ZAuditVerify,
    handler: async ({ principal }) => {
      authorize(principal, 'audit.read');
      const result = await verifyAudit(deps.database.db, deps.crypto);
      return { ...result, algorithm: deps.crypto.hashAlgorithm };
    },
  });
}
