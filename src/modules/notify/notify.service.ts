import type { SQL } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http.js';
import {
  activeUserIds,
  activeUsersOfPeople,
  authorize,
  isOrgInScope,
  orgScopeCondition,
  principalUsersOf,
  requireScopedOrg,
} from '../org/index.js';
import { localDate } from '../../platform/time.js';
import { WARN_DAYS } from '../ledger/index.js';
import type { TDelivery, TNotification, TPutWebhookRequest, TWebhook } from './notify.contract.js';
import * as repo from './notify.repository.js';
import {
  deliveryOutcome,
  maskUrl,
  nextAttemptAfterFailure,
  packLines,
  reminderDays,
  reminderDue,
  reminderLightOf,
  reminderText,
  textPayload,
  type ReminderKind,
  type ReminderFacts,
} from './notify.rules.js';
import { orgWebhooks, webhookDeliveries } from './notify.table.js';

/** Items handled per batch (one transaction each): PGlite runs one query at a time, so passes stay short. */
const BATCH = 100;
/** Deliveries attempted per pass. */
const DELIVERY_BATCH = 20;
/** How long one attempt may take. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** What a reminder pass did. */
export interface ReminderPassResult {
  reminders: number;
  notifications: number;
  deliveries: number;
}

/** Ids of the orgs on a materialised path `/1/4/17/`, root first. */
function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/**
 * One reminder pass over every tenant: finds open yellow and red items whose reminder is due (see
 * `reminderDue`), claims (item, light, day) so that no second pass or server sends it again, and in the
 * same transaction notifies the handler, the principals of the responsible org and the lead leader (each
 * through the user linked to the person), and queues one message per webhook for the nearest enabled
 * webhook of the responsible org or its ancestors.
 */
export async function runReminders(deps: AppDeps, now: Date, options: { maxItems?: number } = {}): Promise<ReminderPassResult> {
  const today = localDate(now);
  const repeatDays = deps.config.reminderRepeatDays;
  const maxItems = options.maxItems ?? 2000;
  const result: ReminderPassResult = { reminders: 0, notifications: 0, deliveries: 0 };
  let afterId = 0;
  let seen = 0;
  while (seen < maxItems) {
    const candidates = await repo.findReminderCandidates(deps.database.db, {
      today,
      warnDays: WARN_DAYS,
      repeatDays,
      afterId,
      limit: Math.min(BATCH, maxItems - seen),
    });
    if (candidates.length === 0) break;
    seen += candidates.length;
    afterId = candidates[candidates.length - 1]?.id ?? afterId;
    const due = candidates
      .map((c) => ({ c, kind: reminderDue(c.light, { lastYellowOn: c.lastYellowOn, lastRedOn: c.lastRedOn }, today, repeatDays) }))
      .filter((d): d is { c: repo.ReminderCandidate; kind: ReminderKind } => d.kind !== null);
    if (due.length === 0) continue;
    const batch = await deps.database.db.transaction(async (tx) => {
      const claimed = await repo.claimReminders(
        tx,
        due.map((d) => ({
          tenantId: d.c.tenantId,
          itemId: d.c.id,
          kind: reminderLightOf(d.kind),
          sentOn: today,
          deadline: d.c.deadline,
          createdAt: now,
        })),
      );
      const won = new Set(claimed.map((r) => `${r.itemId}:${r.kind}`));
      const sending = due.filter((d) => won.has(`${d.c.id}:${reminderLightOf(d.kind)}`));
      if (sending.length === 0) return { reminders: 0, notifications: 0, deliveries: 0 };

      const principals = await principalUsersOf(
        tx,
        sending.map((d) => d.c.responsibleOrgId),
      );
      const leaders = await activeUsersOfPeople(
        tx,
        sending.map((d) => d.c.leadLeaderId).filter((id): id is number => id !== null),
      );
      const handlers = await activeUserIds(
        tx,
        sending.map((d) => d.c.handlerUserId).filter((id): id is number => id !== null),
      );
      const webhooks = await repo.findEnabledWebhooks(
        tx,
        sending.flatMap((d) => pathIds(d.c.orgPath)),
      );
      const webhookByOrg = new Map(webhooks.map((w) => [w.orgId, w]));

      const notes: Parameters<typeof repo.createNotifications>[1] = [];
      const lines = new Map<number, { tenantId: number; orgId: number; lines: string[] }>();
      for (const { c, kind } of sending) {
        const facts: ReminderFacts = {
          code: c.code,
          title: c.title,
          deadline: c.deadline ?? '',
          orgName: c.orgName,
          days: c.deadline ? reminderDays(kind, c.deadline, today) : 0,
        };
        const body = reminderText(kind, facts, 'zh-CN');
        const recipients = new Set<number>();
        if (c.handlerUserId !== null && handlers.has(c.handlerUserId)) recipients.add(c.handlerUserId);
        for (const p of principals) if (p.orgId === c.responsibleOrgId) recipients.add(p.userId);
        for (const l of leaders) if (l.personId === c.leadLeaderId) recipients.add(l.userId);
        for (const userId of recipients) {
          notes.push({
            tenantId: c.tenantId,
            userId,
            kind,
            itemId: c.id,
            title: `${c.code} ${c.title}`,
            body,
            params: { ...facts },
            createdAt: now,
          });
        }
        // The nearest enabled webhook on the way from the responsible org up to the root.
        const hook = pathIds(c.orgPath)
          .reverse()
          .map((id) => webhookByOrg.get(id))
          .find((w) => w !== undefined);
        if (hook) {
          const entry = lines.get(hook.id) ?? { tenantId: c.tenantId, orgId: hook.orgId, lines: [] };
          entry.lines.push(body);
          lines.set(hook.id, entry);
        }
      }
      await repo.createNotifications(tx, notes);
      const deliveries = [...lines.entries()].flatMap(([webhookId, e]) =>
        packLines(e.lines).map((content) => ({
          tenantId: e.tenantId,
          orgId: e.orgId,
          webhookId,
          payload: { ...textPayload(content) },
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        })),
      );
      await repo.createDeliveries(tx, deliveries);
      return { reminders: sending.length, notifications: notes.length, deliveries: deliveries.length };
    });
    result.reminders += batch.reminders;
    result.notifications += batch.notifications;
    result.deliveries += batch.deliveries;
  }
  return result;
}

/** The fetch the deliveries are sent with (injected in tests). */
export type FetchFn = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

/** What a delivery pass did. */
export interface DeliveryPassResult {
  delivered: number;
  retrying: number;
  failed: number;
}

/**
 * Sends the webhook messages due by `now`: a POST of the JSON payload with a 10 s timeout. A 2xx answer
 * without a non-zero `errcode` is delivered; anything else is retried after 1 min, 5 min, 30 min, 2 h and
 * 12 h, then the delivery is `failed` (listed for the system administrator, who may retry it).
 */
export async function deliverWebhooks(deps: AppDeps, now: Date, fetchFn: FetchFn): Promise<DeliveryPassResult> {
  const db = deps.database.db;
  const result: DeliveryPassResult = { delivered: 0, retrying: 0, failed: 0 };
  const due = await repo.findDueDeliveries(db, now, DELIVERY_BATCH);
  for (const d of due) {
    // Lease it past the timeout so that a second server does not send it at the same time.
    if (!(await repo.leaseDelivery(db, d.id, now, new Date(now.getTime() + WEBHOOK_TIMEOUT_MS * 6)))) continue;
    const attempts = d.attempts + 1;
    let outcome: { ok: true; status: number } | { ok: false; status: number | null; error: string };
    if (!d.enabled) {
      outcome = { ok: false, status: null, error: 'webhook disabled' };
    } else {
      try {
        const res = await fetchFn(d.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(d.payload),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        const text = await res.text().catch(() => '');
        const verdict = deliveryOutcome(res.status, text);
        outcome = verdict.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: verdict.error };
      } catch (error) {
        const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
        // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a certificate error…) is in its cause.
        const reason = e.cause?.code ?? e.cause?.errors?.[0]?.code ?? e.cause?.message;
        const message =
          e.name === 'TimeoutError'
            ? `timeout after ${WEBHOOK_TIMEOUT_MS / 1000} s`
            : `${e.message ?? String(error)}${reason ? ` (${reason})` : ''}`;
        outcome = { ok: false, status: null, error: message.slice(0, 500) };
      }
    }
    if (outcome.ok) {
      await repo.updateDelivery(db, d.id, {
        status: 'delivered',
        attempts,
        lastStatus: outcome.status,
        lastError: null,
        nextAttemptAt: null,
        deliveredAt: now,
      });
      result.delivered += 1;
    } else {
      const next = d.enabled ? nextAttemptAfterFailure(attempts, now) : null;
      await repo.updateDelivery(db, d.id, {
        status: next ? 'pending' : 'failed',
        attempts,
        lastStatus: outcome.status,
        lastError: outcome.error,
        nextAttemptAt: next,
      });
      if (next) result.retrying += 1;
      else result.failed += 1;
    }
  }
  return result;
}

function presentNotification(row: repo.NotificationRow): TNotification {
  return {
    id: row.id,
    kind: row.kind as TNotification['kind'],
    itemId: row.itemId,
    title: row.title,
    body: row.body,
    params: row.params,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The caller's own notifications, newest first, with the unread count. */
export async function listNotifications(
  deps: AppDeps,
  principal: Principal,
  query: { unread?: boolean | undefined; page: number; pageSize: number },
) {
  const db = deps.database.db;
  const page = await repo.findNotifications(db, principal.userId, {
    unread: query.unread === true,
    page: query.page,
    pageSize: query.pageSize,
  });
  return { total: page.total, unread: await repo.countUnread(db, principal.userId), items: page.items.map(presentNotification) };
}

/** How many of the caller's notifications are unread. */
export async function unreadCount(deps: AppDeps, principal: Principal): Promise<{ count: number }> {
  return { count: await repo.countUnread(deps.database.db, principal.userId) };
}

/** Marks one of the caller's notifications read; 404 for anyone else's. */
export async function markRead(deps: AppDeps, principal: Principal, id: number): Promise<TNotification> {
  const row = await repo.markRead(deps.database.db, principal.userId, id, deps.now());
  if (!row) throw notFound('entity.notification');
  return presentNotification(row);
}

/** Marks all of the caller's notifications read. */
export async function markAllRead(deps: AppDeps, principal: Principal): Promise<{ updated: number }> {
  return { updated: await repo.markAllRead(deps.database.db, principal.userId, deps.now()) };
}

function presentWebhook(row: repo.WebhookRow, orgName: string): TWebhook {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    url: row.url,
    enabled: row.enabled,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function scopeOf(principal: Principal, column: typeof orgWebhooks.orgId | typeof webhookDeliveries.orgId): SQL {
  return orgScopeCondition(principal, column);
}

/** Webhooks of the orgs in the caller's scope (system administrator). */
export async function listWebhooks(deps: AppDeps, principal: Principal): Promise<{ items: TWebhook[] }> {
  authorize(principal, 'notify.manage');
  const rows = await repo.findWebhooks(deps.database.db, scopeOf(principal, orgWebhooks.orgId));
  return { items: rows.map((r) => presentWebhook(r, r.orgName)) };
}

/** Sets an org's webhook: creates it when `version` is omitted, otherwise updates that version. Audited. */
export async function putWebhook(deps: AppDeps, actor: Actor, input: TPutWebhookRequest): Promise<TWebhook> {
  const { principal } = actor;
  authorize(principal, 'notify.manage');
  const db = deps.database.db;
  const org = await requireScopedOrg(db, principal, input.orgId, 'orgId');
  const now = deps.now();
  return db.transaction(async (tx) => {
    const existing = await repo.findWebhookByOrg(tx, input.orgId);
    let row: repo.WebhookRow | undefined;
    if (input.version === undefined) {
      if (existing) throw new AppError('version_conflict');
      row = await repo.createWebhook(tx, {
        tenantId: org.tenantId,
        orgId: input.orgId,
        url: input.url,
        enabled: input.enabled,
        createdAt: now,
        updatedAt: now,
        updatedBy: principal.userId,
      });
    } else {
      if (!existing) throw new AppError('version_conflict');
      row = await repo.updateWebhook(tx, existing.id, input.version, {
        url: input.url,
        enabled: input.enabled,
        updatedBy: principal.userId,
        updatedAt: now,
      });
    }
    if (!row) throw new AppError('version_conflict');
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        existing ? 'notify.webhook.update' : 'notify.webhook.create',
        { type: 'org', id: input.orgId },
        {
          url: maskUrl(input.url),
          enabled: input.enabled,
          ...(existing ? { previousUrl: maskUrl(existing.url), previousEnabled: existing.enabled } : {}),
        },
      ),
    );
    return presentWebhook(row, org.name);
  });
}

function presentDelivery(row: repo.DeliveryRow & { orgName: string }): TDelivery {
  const payload = row.payload as { text?: { content?: unknown } };
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    status: row.status as TDelivery['status'],
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    lastError: row.lastError,
    lastStatus: row.lastStatus,
    content: typeof payload.text?.content === 'string' ? payload.text.content : '',
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** Webhook deliveries of the orgs in the caller's scope, newest first (system administrator). */
export async function listDeliveries(
  deps: AppDeps,
  principal: Principal,
  query: { status?: string | undefined; page: number; pageSize: number },
): Promise<{ total: number; items: TDelivery[] }> {
  authorize(principal, 'notify.manage');
  const page = await repo.findDeliveries(deps.database.db, scopeOf(principal, webhookDeliveries.orgId), query);
  return { total: page.total, items: page.items.map(presentDelivery) };
}

/** Sends a failed (or pending) delivery again at the next pass, with a fresh round of attempts. Audited. */
export async function retryDelivery(deps: AppDeps, actor: Actor, id: number): Promise<TDelivery> {
  const { principal } = actor;
  authorize(principal, 'notify.manage');
  const db = deps.database.db;
  const found = await repo.findDelivery(db, id);
  if (!found || !(await isOrgInScope(db, principal, found.orgId))) throw notFound('entity.delivery');
  if (found.status === 'delivered') throw new AppError('unprocessable', { field: 'status', reason: 'reason.already_delivered' });
  const now = deps.now();
  return db.transaction(async (tx) => {
    const row = await repo.updateDelivery(tx, id, { status: 'pending', attempts: 0, nextAttemptAt: now });
    if (!row) throw notFound('entity.delivery');
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'notify.delivery.retry',
        { type: 'webhook_delivery', id },
        { previousStatus: found.status, previousAttempts: found.attempts },
      ),
    );
    return presentDelivery({ ...row, orgName: found.orgName });
  });
}
