import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { syncRegions } from '../modules/regions/index.js';
import { openDatabase } from '../platform/db.js';

/**
 * Builds one migrated database per run that every test file copies: a PGlite data-directory
 * snapshot (a fresh initdb costs seconds), or a PostgreSQL template database.
 */
export const PG_TEMPLATE = 'kehui_test_template';

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_TEMPLATE} with (force)`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${PG_TEMPLATE}`;
    const db = await openDatabase({ databaseUrl: u.toString() });
    await db.migrate();
    await syncRegions(db.db);
    await db.close();
    project.provide('pgTemplate', PG_TEMPLATE);
    return;
  }
  const db = await openDatabase({ pgliteDir: 'memory://' });
  await db.migrate();
  await syncRegions(db.db);
  const snapshot = await db.dumpSnapshot?.();
  await db.close();
  if (!snapshot) return;
  const file = path.join(tmpdir(), `kehui-pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('pgliteSnapshot', file);
  // The run's teardown: each snapshot is ~40 MB.
  return () => rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    pgTemplate: string;
  }
}
