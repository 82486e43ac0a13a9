import { z } from 'zod';
import { NOTIFICATION_KINDS, isWebhookUrl } from './notify.rules.js';
import { DELIVERY_STATUSES } from './notify.values.js';

export { DELIVERY_STATUSES };

const ZPage = z.coerce.number().int().min(1).max(100000).default(1);
const ZPageSize = z.coerce.number().int().min(1).max(200).default(20);

/** One in-app notification. */
export const ZNotification = z.object({
  id: z.number(),
  kind: z.enum(NOTIFICATION_KINDS),
  itemId: z.number().nullable(),
  title: z.string(),
  body: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZListNotificationsQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: ZPage,
  pageSize: ZPageSize,
});
export const ZNotificationPage = z.object({ total: z.number(), unread: z.number(), items: z.array(ZNotification) });
export const ZUnreadCount = z.object({ count: z.number() });
export const ZReadAllResult = z.object({ updated: z.number() });

/** An org's group-robot webhook. */
export const ZWebhook = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type TWebhook = z.infer<typeof ZWebhook>;
export const ZWebhookList = z.object({ items: z.array(ZWebhook) });

export const ZPutWebhookRequest = z.strictObject({
  orgId: z.number().int().positive(),
  url: z.string().trim().min(1).max(1000).refine(isWebhookUrl, { error: 'must be an http:// or https:// URL' }),
  enabled: z.boolean(),
  /** The version read; omit to create the org's first webhook. */
  version: z.number().int().positive().optional(),
});
export type TPutWebhookRequest = z.infer<typeof ZPutWebhookRequest>;

/** One webhook message and its retry state. */
export const ZDelivery = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastStatus: z.number().nullable(),
  content: z.string(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});
export type TDelivery = z.infer<typeof ZDelivery>;
export const ZListDeliveriesQuery = z.object({ status: z.enum(DELIVERY_STATUSES).optional(), page: ZPage, pageSize: ZPageSize });
export const ZDeliveryPage = z.object({ total: z.number(), items: z.array(ZDelivery) });
