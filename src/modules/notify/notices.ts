import type { Db } from '../../platform/db.js';
import * as repo from './notify.repository.js';
import type { NotificationKind } from './notify.rules.js';

/** One in-app notice to one user, from another module (e.g. a login throttle told to the security administrators). */
export interface Notice {
  tenantId: number;
  userId: number;
  kind: NotificationKind;
  title: string;
  /** The zh-CN text; the web client renders `kind` + `params` in the reader's language. */
  body: string;
  params: Record<string, string | number | null>;
}

/** Sends in-app notices, in the caller's transaction. */
export async function sendNotices(db: Db, notices: Notice[], now: Date): Promise<void> {
  if (notices.length > 0)
    await repo.createNotifications(
      db,
      notices.map((n) => ({ ...n, itemId: null, createdAt: now })),
    );
}
