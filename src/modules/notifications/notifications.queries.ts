import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { userRoles, users } from '../accounts/index.js';
import { ancestorsOf } from '../regions/index.js';
import { emailOutbox, notificationPreferences, notifications } from './notifications.tables.js';

export type NotificationRow = typeof notifications.$inferSelect;

export interface NewNotification {
  kind: string;
  title: string;
  body?: string | undefined;
  link?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  dedupeKey?: string | undefined;
  /** Also e-mail it (now, or in the daily digest, as each recipient chose). */
  email?: boolean | undefined;
}

/** One row per recipient; a repeated dedupe key for the same user is skipped. Returns the rows written. */
export async function insertNotifications(db: Db, userIds: string[], n: NewNotification): Promise<{ id: string; userId: string }[]> {
  if (!userIds.length) return [];
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
  return db.insert(notifications).values(rows).onConflictDoNothing().returning({ id: notifications.id, userId: notifications.userId });
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
export async function memberIdsOf(db: Db, organizationId: string | string[], adminsOnly = false): Promise<string[]> {
  const ofOrganization = Array.isArray(organizationId) ? inArray(users.organizationId, organizationId) : eq(users.organizationId, organizationId);
  if (Array.isArray(organizationId) && !organizationId.length) return [];
  const base = db.selectDistinct({ id: users.id }).from(users);
  const rows = adminsOnly
    ? await base.innerJoin(userRoles, eq(userRoles.userId, users.id)).where(and(ofOrganization, eq(users.status, 'active'), eq(userRoles.role, 'org_admin')))
    : await base.where(and(ofOrganization, eq(users.status, 'active')));
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


// ---- e-mail ----

export type EmailMode = 'instant' | 'daily' | 'off';
export type OutboxRow = typeof emailOutbox.$inferSelect;

/** Each user's preference row, created with the default (instant) and a fresh unsubscribe token when missing. */
export async function preferencesOf(db: Db, userIds: string[]): Promise<Map<string, { emailMode: EmailMode; unsubscribeToken: string }>> {
  if (!userIds.length) return new Map();
  await db
    .insert(notificationPreferences)
    .values(userIds.map((userId) => ({ userId, unsubscribeToken: randomBytes(24).toString('base64url') })))
    .onConflictDoNothing();
  const rows = await db.select().from(notificationPreferences).where(inArray(notificationPreferences.userId, userIds));
  return new Map(rows.map((r) => [r.userId, { emailMode: r.emailMode as EmailMode, unsubscribeToken: r.unsubscribeToken }]));
}

export async function setEmailMode(db: Db, userId: string, emailMode: EmailMode, at: Date) {
  await preferencesOf(db, [userId]);
  await db.update(notificationPreferences).set({ emailMode, updatedAt: at }).where(eq(notificationPreferences.userId, userId));
}

/** Turns e-mail off for the holder of an unsubscribe token; null when the token is unknown. */
export async function unsubscribeByToken(db: Db, token: string, at: Date): Promise<string | null> {
  const rows = await db
    .update(notificationPreferences)
    .set({ emailMode: 'off', updatedAt: at })
    .where(eq(notificationPreferences.unsubscribeToken, token))
    .returning({ userId: notificationPreferences.userId });
  return rows[0]?.userId ?? null;
}

export async function emailsOf(db: Db, userIds: string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.status, 'active')));
  return new Map(rows.filter((r) => r.email).map((r) => [r.id, r.email as string]));
}

export async function enqueueEmails(db: Db, rows: (typeof emailOutbox.$inferInsert)[]): Promise<number> {
  if (!rows.length) return 0;
  const written = await db.insert(emailOutbox).values(rows).onConflictDoNothing().returning({ id: emailOutbox.id });
  return written.length;
}

export async function markDigestPending(db: Db, notificationIds: string[]) {
  if (!notificationIds.length) return;
  await db.update(notifications).set({ digestPending: true }).where(inArray(notifications.id, notificationIds));
}

/**
 * Claims due rows for this process: their next attempt moves 5 minutes ahead (a lease), so other
 * processes on the same PostgreSQL skip them (SKIP LOCKED) and a crash mid-send only delays a retry.
 */
export async function claimDueEmails(db: Db, now: Date, limit: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'pending'), lte(emailOutbox.nextAttemptAt, now)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({ nextAttemptAt: new Date(now.getTime() + 5 * 60_000) })
    .where(inArray(emailOutbox.id, due))
    .returning();
}

export async function updateOutbox(db: Db, id: string, set: Partial<typeof emailOutbox.$inferInsert>) {
  await db.update(emailOutbox).set(set).where(eq(emailOutbox.id, id));
}

export async function emailModeOf(db: Db, userId: string): Promise<EmailMode> {
  const rows = await db.select({ m: notificationPreferences.emailMode }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return (rows[0]?.m as EmailMode | undefined) ?? 'instant';
}

/** Users on the daily digest with notices waiting, and whose last digest is older than `before`. */
export async function digestCandidates(db: Db, before: Date) {
  const rows = await db
    .select({ n: notifications, mode: notificationPreferences.emailMode, last: notificationPreferences.lastDigestAt, token: notificationPreferences.unsubscribeToken })
    .from(notifications)
    .innerJoin(notificationPreferences, eq(notificationPreferences.userId, notifications.userId))
    .where(and(eq(notifications.digestPending, true), eq(notificationPreferences.emailMode, 'daily')))
    .orderBy(asc(notifications.createdAt));
  return rows.filter((r) => r.last === null || r.last < before);
}

export async function finishDigest(db: Db, userId: string, notificationIds: string[], at: Date) {
  await db.update(notifications).set({ digestPending: false }).where(inArray(notifications.id, notificationIds));
  await db.update(notificationPreferences).set({ lastDigestAt: at }).where(eq(notificationPreferences.userId, userId));
}
