import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { recordAudit } from '../audit/index.js';
import * as q from './notifications.queries.js';
import type { NewNotification, NotificationRow } from './notifications.queries.js';

export type { NewNotification };

/**
 * Sends an in-app notification to users (inside the caller's transaction, so a notice exists
 * exactly when the change that caused it does). Idempotent per user with `dedupeKey`.
 */
export function notify(db: Db, userIds: string[], n: NewNotification): Promise<number> {
  return q.insertNotifications(db, userIds, n);
}

/** Notifies the gov_admins responsible for a region (its own and every enclosing level). */
export async function notifyRegionGovAdmins(db: Db, regionCode: string, n: NewNotification): Promise<number> {
  return q.insertNotifications(db, await q.govAdminIdsFor(db, regionCode), n);
}

/** Notifies the active members of an organization (only its admins with `adminsOnly`). */
export async function notifyOrganization(db: Db, organizationId: string, n: NewNotification, adminsOnly = false): Promise<number> {
  return q.insertNotifications(db, await q.memberIdsOf(db, organizationId, adminsOnly), n);
}

export async function notifyOperators(db: Db, n: NewNotification): Promise<number> {
  return q.insertNotifications(db, await q.userIdsWithRole(db, 'operator'), n);
}

const out = (r: NotificationRow) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  entityType: r.entityType,
  entityId: r.entityId,
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

/** A user reads only their own notifications (the user id comes from the session, never the request). */
export async function listMine(db: Db, actor: Actor, p: { page: number; pageSize: number; unread: boolean }) {
  const r = await q.listForUser(db, actor.userId, { unreadOnly: p.unread, limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
  return { items: r.items.map(out), total: r.total, unread: r.unread, page: p.page, pageSize: p.pageSize };
}

export async function markMineRead(db: Db, ctx: RequestContext & { actor: Actor }, ids: string[] | null) {
  return db.transaction(async (tx) => {
    const changed = await q.markRead(tx, ctx.actor.userId, ids, new Date());
    if (changed > 0) await recordAudit(tx, ctx, { action: 'notification.read', entityType: 'notification', entityId: ids?.length === 1 ? ids[0] : null, after: { count: changed } });
    return changed;
  });
}
