import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { users } from './accounts.tables.js';

/**
 * The session cache (KEHUI_SESSION_CACHE_MS, docs/adr/0007-session-cache.md): changes made through
 * this process take effect on the next request; on PostgreSQL a change another server process makes
 * (here a direct database update and the notice its commit would send) is seen when the notice
 * arrives, or within the cache time if the process stops hearing notices; on PGlite, where this
 * process is the only writer, entries have no time limit.
 */
const CACHE_MS = 400;
let t: TestApp;
let operator: Session;

beforeAll(async () => {
  t = await createTestApp({ env: { KEHUI_SESSION_CACHE_MS: String(CACHE_MS) } });
  operator = await signIn(t, 'operator@kehui.example.cn');
});
afterAll(() => t.close());

const me = (s: Session) => t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: s.cookie } });
const userOf = async (s: Session) => (await me(s)).json<{ user: { id: string; roles: { role: string }[] } | null }>().user;
const send = (s: Session, method: 'POST' | 'PUT', url: string, payload: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });

describe('resolved sessions reused for KEHUI_SESSION_CACHE_MS', () => {
  it('signing out ends the session at once', async () => {
    const s = await signIn(t, 'expert@kehui.example.cn');
    expect((await userOf(s))?.id).toBe(s.userId);
    expect((await send(s, 'POST', '/api/auth/signout', {})).statusCode).toBe(200);
    expect(await userOf(s)).toBeNull();
  });

  it('a role change and a disabled account made through this process apply to the next request', async () => {
    const s = await signIn(t, 'lawyer@kehui.example.cn');
    const before = (await userOf(s))?.roles.map((r) => r.role) ?? [];
    expect(before.length).toBeGreaterThan(0);
    const roles = await send(operator, 'PUT', `/api/users/${s.userId}/roles`, { roles: [{ role: 'expert', regionCode: null }] });
    expect(roles.statusCode, roles.body).toBe(200);
    expect((await userOf(s))?.roles.map((r) => r.role)).toEqual(['expert']);
    const disabled = await send(operator, 'POST', `/api/users/${s.userId}/status`, { status: 'disabled' });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(await userOf(s)).toBeNull();
  });

  it('on PGlite (the only writer) keeps an entry past the cache time, until the next account write of the process', async () => {
    if (t.database.kind !== 'pglite') return;
    // Nothing but this process can write on PGlite: a direct change is not looked for.
    const s = await disabledBehindTheProcess('broker@kehui.example.cn');
    // Any account write of this process drops every cached session (here a role change for someone else).
    const other = await signIn(t, 'expert@kehui.example.cn');
    expect((await send(operator, 'PUT', `/api/users/${other.userId}/roles`, { roles: [{ role: 'expert', regionCode: null }] })).statusCode).toBe(200);
    expect(await userOf(s)).toBeNull();
  });

  it("on PostgreSQL follows other processes' account changes by their notices, and falls back to the cache time without them", async () => {
    if (t.database.kind !== 'postgres') return;
    // Another process's change: its write (not seen without a notice), then the notice its commit sends.
    const s = await disabledBehindTheProcess('broker@kehui.example.cn');
    await t.database.db.execute(sql`select pg_notify('kehui_accounts', '')`);
    expect(await waitFor(async () => (await userOf(s)) === null), 'dropped on the notice').toBe(true);

    // The listening connection is lost: cached sessions are dropped and the cache time applies again.
    const s2 = await signIn(t, 'univ.member@kehui.example.cn');
    expect((await userOf(s2))?.id).toBe(s2.userId);
    await t.database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen kehui_accounts'`,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect((await userOf(s2))?.id, 'read again, cached under the cache time').toBe(s2.userId);
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, s2.userId));
    expect(await waitFor(async () => (await userOf(s2)) === null, CACHE_MS + 300), 'seen within the cache time').toBe(true);
  });
});

/**
 * Signs in, then disables the account straight in the database, past this process's queries, and
 * waits past the cache time: the session still resolves from the cache.
 */
async function disabledBehindTheProcess(login: string): Promise<Session> {
  const s = await signIn(t, login);
  expect((await userOf(s))?.id).toBe(s.userId);
  await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, s.userId));
  await new Promise((r) => setTimeout(r, CACHE_MS + 50));
  expect((await userOf(s))?.id, 'still cached past the cache time').toBe(s.userId);
  return s;
}

async function waitFor(check: () => Promise<boolean>, ms = 2000): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
