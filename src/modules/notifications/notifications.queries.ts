import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { userRoles, users } from '../accounts/index.js';
import { ancestorsOf } from '../regions/index.js';
import { notifications } from './notifications.tables.js';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NewNotification {
  kind: string;
  title: string;
  body?: string | undefined;
  link?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  dedupeKey?: string | undefined;
}

/** One row per recipient; a repeated dedupe key for the same user is skipped. Returns rows written. */
export async function insertNotifications(db: Db, userIds: string[], n: NewNotification): Promise<number> {
  if (!userIds.length) return 0;
  const rows = [...new Set(userIds)].map((userId) => ({
    userId,
    kind: n.kind,
    title: n.title,
    body: n.body ?? '',
    link: n.link ?? null,
    entityType: n.entityType ?? null,
    entityId: n.entityId ?? null,
    dedupeKey: n.dedupeKey ?? null,
  }));
  const written = await db.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id });
  return written.length;
}

/** Active users holding gov_admin for the region itself or any region containing it. */
export async function govAdminIdsFor(db: Db, regionCode: string): Promise<string[]> {
  const scopes = [regionCode, ...ancestorsOf(regionCode)];
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'gov_admin'), inArray(userRoles.regionCode, scopes), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/** Active users holding a role without region (e.g. every operator). */
export async function userIdsWithRole(db: Db, role: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, role), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/** Active members of an organization (optionally only its admins). */
export async function memberIdsOf(db: Db, organizationId: string, adminsOnly = false): Promise<string[]> {
  const base = db.selectDistinct({ id: users.id }).from(users);
  const rows = adminsOnly
    ? await base
        .innerJoin(userRoles, eq(userRoles.userId, users.id))
        .where(and(eq(users.organizationId, organizationId), eq(users.status, 'active'), eq(userRoles.role, 'org_admin')))
    : await base.where(and(eq(users.organizationId, organizationId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

export async function listForUser(db: Db, userId: string, opts: { unreadOnly: boolean; limit: number; offset: number }) {
  const where = opts.unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const [items, [total], [unread]] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(opts.limit).offset(opts.offset),
    db.select({ n: count() }).from(notifications).where(where),
    db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  return { items, total: total?.n ?? 0, unread: unread?.n ?? 0 };
}

/** Marks the user's own notifications read (all when `ids` is null); returns how many changed. */
export async function markRead(db: Db, userId: string, ids: string[] | null, at: Date): Promise<number> {
  const own = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(ids ? and(own, inArray(notifications.id, ids)) : own)
    .returning({ id: notifications.id });
  return rows.length;
}

