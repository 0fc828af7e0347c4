/**
 * SQL of saved searches (保存的检索). Every read and write of a user's own rows carries the user id
 * in its WHERE clause: another user's search is simply not found.
 */
import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { users } from '../accounts/index.js';
import { savedSearches } from './matching.tables.js';

export type SavedSearchRow = typeof savedSearches.$inferSelect;
export type SavedSearchInsert = typeof savedSearches.$inferInsert;

export async function listOwn(db: Db, userId: string): Promise<SavedSearchRow[]> {
  return db.select().from(savedSearches).where(eq(savedSearches.userId, userId)).orderBy(desc(savedSearches.createdAt), desc(savedSearches.id));
}

export async function selectOwnForUpdate(db: Db, userId: string, id: string): Promise<SavedSearchRow | undefined> {
  const r = await db
    .select()
    .from(savedSearches)
    .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, userId)))
    .limit(1)
    .for('update');
  return r[0];
}

/**
 * Serializes one user's saved-search writes until the transaction ends, so the limit per user and
 * unique names hold under concurrent requests (also across processes on one PostgreSQL).
 */
export async function lockUser(tx: Db, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`kehui.saved_searches:${userId}`}))`);
}

export async function countOwn(db: Db, userId: string): Promise<number> {
  const r = await db.select({ n: count() }).from(savedSearches).where(eq(savedSearches.userId, userId));
  return r[0]?.n ?? 0;
}

export async function nameTaken(db: Db, userId: string, name: string, exceptId?: string): Promise<boolean> {
  const r = await db
    .select({ id: savedSearches.id })
    .from(savedSearches)
    .where(and(eq(savedSearches.userId, userId), eq(savedSearches.name, name), exceptId ? ne(savedSearches.id, exceptId) : undefined))
    .limit(1);
  return r.length > 0;
}

export async function insertSavedSearch(db: Db, values: SavedSearchInsert): Promise<SavedSearchRow> {
  const r = await db.insert(savedSearches).values(values).returning();
  const row = r[0];
  if (!row) throw new Error('insert saved_searches returned nothing');
  return row;
}

export async function updateOwn(db: Db, userId: string, id: string, set: Partial<SavedSearchInsert>): Promise<SavedSearchRow | undefined> {
  const r = await db
    .update(savedSearches)
    .set(set)
    .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, userId)))
    .returning();
  return r[0];
}

export async function deleteOwn(db: Db, userId: string, id: string): Promise<SavedSearchRow | undefined> {
  const r = await db
    .delete(savedSearches)
    .where(and(eq(savedSearches.id, id), eq(savedSearches.userId, userId)))
    .returning();
  return r[0];
}

// ---------- alerts ----------

/**
 * Saved searches with the alert on for one record type, of active users (the caller leaves out
 * those saved after a record appeared: the record was already there).
 */
export async function selectAlerting(db: Db, type: string): Promise<SavedSearchRow[]> {
  const rows = await db
    .select({ s: savedSearches })
    .from(savedSearches)
    .innerJoin(users, eq(users.id, savedSearches.userId))
    .where(and(eq(savedSearches.alert, 'on'), sql`${savedSearches.query}->>'type' = ${type}`, eq(users.status, 'active')))
    .orderBy(asc(savedSearches.createdAt), asc(savedSearches.id));
  return rows.map((r) => r.s);
}

export async function touchLastAlert(db: Db, id: string, at: Date): Promise<void> {
  await db.update(savedSearches).set({ lastAlertAt: at }).where(eq(savedSearches.id, id));
}
