import { and, count, desc, eq, gt, gte, inArray, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { regionScopePrefix } from '../regions/index.js';
import { auditLog } from './audit.tables.js';

export type AuditInsert = typeof auditLog.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;

export async function insertAudit(db: Db, entry: AuditInsert): Promise<void> {
  await db.insert(auditLog).values(entry);
}

export interface AuditFilter {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  from?: Date;
  until?: Date;
  /** null = no region restriction (operator); else entries of these regions only. */
  regionScopes: string[] | null;
}

function whereOf(f: AuditFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.action) conds.push(like(auditLog.action, `${f.action.replace(/[%_\\]/g, '\\$&')}%`));
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.actorUserId) conds.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.until) conds.push(lt(auditLog.at, f.until));
  if (f.regionScopes !== null) {
    // Region scoping in SQL: a gov_admin sees entries of its province/city/county only.
    const scoped = f.regionScopes.map((s) => like(auditLog.regionCode, `${regionScopePrefix(s)}%`));
    conds.push(scoped.length ? or(...scoped) : eq(auditLog.id, -1));
  }
  return and(...conds);
}

export async function listAudit(db: Db, f: AuditFilter, page: number, pageSize: number) {
  const where = whereOf(f);
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Streams matching rows in id order, in batches, for the CSV export. */
export async function* iterateAudit(db: Db, f: AuditFilter, batch = 1000): AsyncGenerator<AuditRow[]> {
  let offset = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(whereOf(f))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(batch)
      .offset(offset);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    offset += batch;
  }
}

/**
 * Entries after `afterId` for some entity types, plus those written in the last few seconds: ids are
 * taken at insert but become visible at commit, so a transaction that committed late can carry a
 * smaller id than one already seen. Readers must treat entries idempotently.
 */
export async function selectChangesSince(db: Db, afterId: number, entityTypes: string[], lateWindowMs: number, limit: number) {
  const since = new Date(Date.now() - lateWindowMs);
  return db
    .select({ id: auditLog.id, entityType: auditLog.entityType, entityId: auditLog.entityId, action: auditLog.action, at: auditLog.at })
    .from(auditLog)
    .where(and(inArray(auditLog.entityType, entityTypes), or(gt(auditLog.id, afterId), gte(auditLog.at, since))))
    .orderBy(auditLog.id)
    .limit(limit);
}

export async function maxAuditId(db: Db): Promise<number> {
  const r = await db.select({ n: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
  return Number(r[0]?.n ?? 0);
}
