import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { type Database, type Db, rowsOf } from './db.js';

/**
 * Logical backup of every table in the public schema as JSON lines, the same on PGlite and
 * PostgreSQL (so a backup of one restores into the other). Rows travel through row_to_json /
 * json_populate_recordset, which keeps every type exact (numeric digits, timestamps, arrays).
 * A `.gz` file name compresses.
 */
const FORMAT = 'kehui-backup/1';
const BATCH = 2000;

interface TableInfo {
  name: string;
  pk: string[];
}

async function tablesInDependencyOrder(db: Db): Promise<TableInfo[]> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`),
  ).map((r) => r.name);
  const fks = rowsOf<{ child: string; parent: string }>(
    await db.execute(sql`
      select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`),
  );
  const pks = rowsOf<{ name: string; col: string }>(
    await db.execute(sql`
      select t.relname as name, a.attname as col
      from pg_index i
      join pg_class t on t.oid = i.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      join lateral unnest(i.indkey) with ordinality as k(attnum, ord) on true
      join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
      where i.indisprimary and n.nspname = 'public'
      order by t.relname, k.ord`),
  );
  const strip = (s: string) => s.replace(/^public\./, '').replace(/"/g, '');
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of fks) if (strip(fk.child) === t && strip(fk.parent) !== t) visit(strip(fk.parent));
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered.map((name) => ({ name, pk: pks.filter((p) => p.name === name).map((p) => p.col) }));
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function migrationCount(db: Db): Promise<number> {
  return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`))[0]?.n ?? 0;
}

export async function backupDatabase(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const db = database.db;
  const out = createWriteStream(file);
  const sink = file.endsWith('.gz') ? createGzip() : null;
  if (sink) sink.pipe(out);
  const target = sink ?? out;
  const write = async (line: unknown) => {
    if (!target.write(`${JSON.stringify(line)}\n`)) await once(target, 'drain');
  };
  const tables = await tablesInDependencyOrder(db);
  let rows = 0;
  await write({ format: FORMAT, migrations: await migrationCount(db), createdAt: new Date().toISOString() });
  for (const t of tables) {
    await write({ table: t.name });
    // Without a primary key, the row's text is the order: stable, so a second backup is byte-identical.
    const order = t.pk.length ? t.pk.map(ident).join(', ') : 'row_to_json(t)::text';
    for (let offset = 0; ; offset += BATCH) {
      const batch = rowsOf<{ r: unknown }>(
        await db.execute(sql.raw(`select row_to_json(t) as r from ${ident(t.name)} t order by ${order} limit ${BATCH} offset ${offset}`)),
      );
      for (const b of batch) await write({ row: b.r });
      rows += batch.length;
      if (batch.length < BATCH) break;
    }
  }
  target.end();
  await once(out, 'finish');
  return { tables: tables.length, rows };
}

/** Replaces all data with the backup's, in one transaction: either all of it or none. */
export async function restoreDatabase(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const input = createReadStream(file);
  const lines = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? null : (JSON.parse(first.value) as { format?: string; migrations?: number });
  if (!header || header.format !== FORMAT) throw new Error(`${file} 不是科惠备份文件`);
  const db = database.db;
  const current = await migrationCount(db);
  if (header.migrations !== current) {
    throw new Error(`备份的数据库结构版本 (${header.migrations}) 与当前 (${current}) 不一致；请先用同一版本的科惠恢复`);
  }
  const tables = await tablesInDependencyOrder(db);
  let rows = 0;
  await db.transaction(async (tx) => {
    // The audit log refuses TRUNCATE except during a restore (migration 0001).
    await tx.execute(sql`select set_config('kehui.restore', 'on', true)`);
    await tx.execute(sql.raw(`truncate ${tables.map((t) => ident(t.name)).join(', ')} restart identity cascade`));
    let table: string | null = null;
    let pending: unknown[] = [];
    const flush = async () => {
      if (!table || pending.length === 0) return;
      await tx.execute(
        sql`insert into ${sql.raw(ident(table))} select * from json_populate_recordset(null::${sql.raw(ident(table))}, ${JSON.stringify(pending)}::json)`,
      );
      rows += pending.length;
      pending = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (!next.value) continue;
      const entry = JSON.parse(next.value) as { table?: string; row?: unknown };
      if (entry.table !== undefined) {
        await flush();
        if (!tables.some((t) => t.name === entry.table)) throw new Error(`备份中有未知的表 ${entry.table}`);
        table = entry.table;
      } else {
        pending.push(entry.row);
        if (pending.length >= 500) await flush();
      }
    }
    await flush();
    // Sequences continue after the restored ids.
    const seqs = rowsOf<{ tbl: string; col: string; seq: string }>(
      await tx.execute(sql`
        select c.table_name as tbl, c.column_name as col, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
        from information_schema.columns c
        where c.table_schema = 'public' and pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) is not null`),
    );
    for (const s of seqs) {
      await tx.execute(
        sql.raw(`select setval('${s.seq}', coalesce((select max(${ident(s.col)}) from ${ident(s.tbl)}), 0) + 1, false)`),
      );
    }
  });
  return { tables: tables.length, rows };
}
