import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgs, users } from '../org/org.table.js';
import { ledgerItems } from '../ledger/ledger.table.js';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** In-app notifications (站内消息): one row per recipient. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id),
    /** What happened: `yellow`, `red` or `red_again` (see notify.rules.ts). */
    kind: text('kind').notNull(),
    itemId: ref('item_id').references(() => ledgerItems.id),
    /** Item code and title at the time of sending. */
    title: text('title').notNull(),
    /** The message in zh-CN (the web client renders `kind` + `params` in the reader's language). */
    body: text('body').notNull(),
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: stamp('created_at').notNull(),
    readAt: stamp('read_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`read_at is null`),
  ],
);

/** Reminders sent per item, kind and day: the unique key is the claim that makes a pass idempotent. */
export const ledgerReminders = pgTable(
  'ledger_reminders',
  {
    tenantId: ref('tenant_id').notNull(),
    itemId: ref('item_id')
      .notNull()
      .references(() => ledgerItems.id),
    /** `yellow` or `red`. */
    kind: text('kind').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    /** The deadline the reminder warned of: a yellow reminder is sent once per deadline, so an extended item is warned again. */
    deadline: date('deadline', { mode: 'string' }),
    createdAt: stamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.kind, t.sentOn] })],
);

/** A group robot (WeCom / DingTalk) per org; reminders of the org's subtree go to the nearest enabled one. */
export const orgWebhooks = pgTable(
  'org_webhooks',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    url: text('url').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: stamp('created_at').notNull(),
    updatedAt: stamp('updated_at').notNull(),
    updatedBy: ref('updated_by').references(() => users.id),
  },
  (t) => [uniqueIndex('org_webhooks_org_uq').on(t.orgId)],
);

/** Outgoing webhook messages with their retry state. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    tenantId: ref('tenant_id').notNull(),
    /** The org whose webhook this goes to. */
    orgId: ref('org_id')
      .notNull()
      .references(() => orgs.id),
    webhookId: ref('webhook_id')
      .notNull()
      .references(() => orgWebhooks.id),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** `pending`, `delivered` or `failed`. */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: stamp('next_attempt_at'),
    lastError: text('last_error'),
    lastStatus: integer('last_status'),
    createdAt: stamp('created_at').notNull(),
    deliveredAt: stamp('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_org_idx').on(t.tenantId, t.orgId, t.id),
  ],
);
