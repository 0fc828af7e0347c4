import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { seedAccountsDemo } from '../modules/accounts/demo-data.js';
import { recordAudit } from '../modules/audit/index.js';
import { openTestDatabase } from '../test-support/test-app.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { systemContext } from './auth.js';
import { rowsOf } from './db.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kehui-backup-'));
const body = (file: string) => readFileSync(file, 'utf8').split('\n').slice(1).join('\n');
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const c of cleanups) await c();
  rmSync(dir, { recursive: true, force: true });
});

describe('kehui backup / restore', () => {
  it('round-trips every table exactly, audit log included', async () => {
    const a = await openTestDatabase();
    cleanups.push(async () => {
      await a.database.close();
      await a.drop();
    });
    await a.database.db.transaction((tx) => seedAccountsDemo(tx));
    await recordAudit(a.database.db, systemContext('backup-test'), {
      action: 'test.entry',
      entityType: 'test',
      after: { 金额: '1234567.89', nested: { list: [1, 2, 3] } },
    });
    const first = path.join(dir, 'a.jsonl');
    const r1 = await backupDatabase(a.database, first);
    expect(r1.rows).toBeGreaterThan(150);

    const b = await openTestDatabase();
    cleanups.push(async () => {
      await b.database.close();
      await b.drop();
    });
    await restoreDatabase(b.database, first);
    const second = path.join(dir, 'b.jsonl.gz');
    await backupDatabase(b.database, second);
    const { gunzipSync } = await import('node:zlib');
    const secondText = gunzipSync(readFileSync(second)).toString('utf8').split('\n').slice(1).join('\n');
    expect(secondText).toBe(body(first));

    // The audit sequence continues after the restored ids.
    await recordAudit(b.database.db, systemContext('after-restore'), { action: 'test.after', entityType: 'test' });
    const ids = rowsOf<{ id: number }>(await b.database.db.execute(sql`select id::int as id from audit_log order by id desc limit 2`));
    expect(ids[0]?.id).toBe((ids[1]?.id ?? 0) + 1);
  });

  it('refuses a file that is not a Kehui backup and leaves the data untouched', async () => {
    const a = await openTestDatabase();
    cleanups.push(async () => {
      await a.database.close();
      await a.drop();
    });
    await a.database.db.transaction((tx) => seedAccountsDemo(tx));
    const bogus = path.join(dir, 'bogus.jsonl');
    (await import('node:fs')).writeFileSync(bogus, '{"hello":1}\n');
    await expect(restoreDatabase(a.database, bogus)).rejects.toThrow(/不是科惠备份文件/);
    const n = rowsOf<{ n: number }>(await a.database.db.execute(sql`select count(*)::int as n from users`))[0]?.n;
    expect(n).toBe(10);
  });

  it('rolls back completely when a restore fails halfway', async () => {
    const a = await openTestDatabase();
    cleanups.push(async () => {
      await a.database.close();
      await a.drop();
    });
    await a.database.db.transaction((tx) => seedAccountsDemo(tx));
    const good = path.join(dir, 'good.jsonl');
    await backupDatabase(a.database, good);
    const broken = path.join(dir, 'broken.jsonl');
    const lines = readFileSync(good, 'utf8').split('\n');
    lines.splice(lines.length - 2, 0, '{"table":"no_such_table"}');
    (await import('node:fs')).writeFileSync(broken, lines.join('\n'));
    await expect(restoreDatabase(a.database, broken)).rejects.toThrow();
    const n = rowsOf<{ n: number }>(await a.database.db.execute(sql`select count(*)::int as n from organizations`))[0]?.n;
    expect(n).toBe(36);
  });
});
