import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/context.js';
import { addRoute, type Authenticator } from '../../platform/http.js';
import { ZIdParams } from '../org/index.js';
import { actorOf } from '../../platform/http.js';
import * as c from './notify.contract.js';
import * as service from './notify.service.js';

/** Registers the notification and webhook endpoints. */
export function registerNotifyRoutes(app: FastifyInstance, deps: AppDeps, authenticate: Authenticator): void {
  const tags = ['notify'];
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/notifications',
    summary: 'The caller’s own notifications, newest first (?unread=true for unread only)',
    tags,
    auth: 'user',
    query: c.ZListNotificationsQuery,
    response: c.ZNotificationPage,
    handler: ({ query, principal }) => service.listNotifications(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/notifications/unread-count',
    summary: 'How many of the caller’s notifications are unread (the bell)',
    tags,
    auth: 'user',
    response: c.ZUnreadCount,
    handler: ({ principal }) => service.unreadCount(deps, principal),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/notifications/read-all',
    summary: 'Mark all of the caller’s notifications read',
    tags,
    auth: 'user',
    response: c.ZReadAllResult,
    handler: ({ principal }) => service.markAllRead(deps, principal),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/notifications/:id/read',
    summary: 'Mark one of the caller’s notifications read (404 for anyone else’s)',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZNotification,
    handler: ({ params, principal }) => service.markRead(deps, principal, params.id),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/notify/webhooks',
    summary: 'Group-robot webhooks of the orgs in the caller’s scope (system administrator)',
    tags,
    auth: 'user',
    response: c.ZWebhookList,
    handler: ({ principal }) => service.listWebhooks(deps, principal),
  });
  addRoute(app, authenticate, {
    method: 'PUT',
    url: '/api/notify/webhooks',
    summary: 'Set an org’s webhook (omit version to create, give the version read to update)',
    tags,
    auth: 'user',
    body: c.ZPutWebhookRequest,
    response: c.ZWebhook,
    handler: ({ req, body, principal }) => service.putWebhook(deps, actorOf(req, principal), body),
  });
  addRoute(app, authenticate, {
    method: 'GET',
    url: '/api/notify/deliveries',
    summary: 'Webhook deliveries in the caller’s scope with status, attempts and last error (?status=failed)',
    tags,
    auth: 'user',
    query: c.ZListDeliveriesQuery,
    response: c.ZDeliveryPage,
    handler: ({ query, principal }) => service.listDeliveries(deps, principal, query),
  });
  addRoute(app, authenticate, {
    method: 'POST',
    url: '/api/notify/deliveries/:id/retry',
    summary: 'Send a failed delivery again at the next pass, with a fresh round of attempts',
    tags,
    auth: 'user',
    params: ZIdParams,
    response: c.ZDelivery,
    handler: ({ req, params, principal }) => service.retryDelivery(deps, actorOf(req, principal), params.id),
  });
}
