import { asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { regions } from './regions.tables.js';

export type RegionRow = typeof regions.$inferSelect;

export async function countRegions(db: Db): Promise<number> {
  const r = await db.select({ n: count() }).from(regions);
  return r[0]?.n ?? 0;
}

export async function upsertRegions(db: Db, rows: RegionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(regions)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: regions.code,
        set: { name: sql`excluded.name`, level: sql`excluded.level`, parentCode: sql`excluded.parent_code` },
      });
  }
}

export async function selectRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const r = await db.select().from(regions).where(eq(regions.code, code)).limit(1);
  return r[0];
}

export async function selectChildren(db: Db, parentCode: string | null) {
  // Written out in SQL: inside a sub-select Drizzle renders ${regions.code} unqualified, which would bind to c.
  const child = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`;
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level, parentCode: regions.parentCode, hasChildren: child })
    .from(regions)
    .where(parentCode === null ? isNull(regions.parentCode) : eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code));
}

export async function selectAllRegions(db: Db): Promise<RegionRow[]> {
  return db.select().from(regions).orderBy(asc(regions.code));
}
