import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { users } from './accounts.tables.js';

/**
 * The session cache (KEHUI_SESSION_CACHE_MS, docs/adr/0007-session-cache.md): changes made through
 * this process take effect on the next request; on PostgreSQL a change the process did not make
 * (another server process, here a direct database update) is seen once the cache time has passed;
 * on PGlite, where this process is the only writer, entries have no time limit.
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

  it('a change this process did not make is seen within the cache time on PostgreSQL; on PGlite the entry has no time limit', async () => {
    const s = await signIn(t, 'broker@kehui.example.cn');
    expect((await userOf(s))?.id).toBe(s.userId);
    // As another server process would: straight to the database, past this process's queries.
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, s.userId));
    expect((await userOf(s))?.id, 'still the cached session').toBe(s.userId);
    await new Promise((r) => setTimeout(r, CACHE_MS + 50));
    if (t.database.kind === 'postgres') {
      expect(await userOf(s)).toBeNull();
      return;
    }
    // PGlite has one process (the data-directory lock): every change goes through it, and its own
    // writes invalidate at once, so the entry is not read again after the cache time…
    expect((await userOf(s))?.id, 'PGlite: kept past the cache time').toBe(s.userId);
    // …and the next account write of this process drops it (here: the operator's role change for
    // someone else; any account write invalidates every cached session).
    const other = await signIn(t, 'expert@kehui.example.cn');
    expect((await send(operator, 'PUT', `/api/users/${other.userId}/roles`, { roles: [{ role: 'expert', regionCode: null }] })).statusCode).toBe(200);
    expect(await userOf(s)).toBeNull();
  });
});
