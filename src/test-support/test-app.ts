import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { buildApp } from '../app.js';
import { organizations } from '../modules/accounts/index.js';
import { DEMO_PASSWORD, seedAccountsDemo } from '../modules/accounts/demo-data.js';
import { syncRegions } from '../modules/regions/index.js';
import { loadConfig } from '../platform/config.js';
import { type Database, openDatabase } from '../platform/db.js';
import { buildSignupOrganization } from './fixtures.js';

/**
 * A real app on a real, fresh database for HTTP-level tests: PGlite in memory by default, or a
 * new database on the PostgreSQL server named by DATABASE_URL (the same suite runs on both).
 */
export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  database: Database;
  close(): Promise<void>;
}

export const TEST_DATABASE_URL = process.env.DATABASE_URL;

async function freshPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `kehui_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const template = inject('pgTemplate');
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (TEST_DATABASE_URL) {
    const fresh = await freshPostgres(TEST_DATABASE_URL);
    const database = await openDatabase({ databaseUrl: fresh.url });
    await database.migrate();
    await syncRegions(database.db);
    return { database, drop: fresh.drop };
  }
  // Start from the migrated snapshot made once per run by global-setup.ts.
  const snapshotFile = inject('pgliteSnapshot');
  const database = await openDatabase({
    pgliteDir: 'memory://',
    ...(snapshotFile ? { pgliteSnapshot: new Blob([readFileSync(snapshotFile)]) } : {}),
  });
  await database.migrate();
  await syncRegions(database.db);
  return { database, drop: async () => undefined };
}

/** `env`: more configuration (as environment variables) for this app. */
export async function createTestApp(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kehui-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    KEHUI_DEMO: '0',
    LOG_LEVEL: 'silent',
    // No search replicas unless a test asks (search.replicas.test.ts): a worker per app would slow every test.
    KEHUI_SEARCH_THREADS: '0',
    ...opts.env,
  });
  const { database, drop } = await openTestDatabase();
  if (opts.demo !== false) await database.db.transaction((tx) => seedAccountsDemo(tx));
  const app = await buildApp(config, database, { logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { DEMO_PASSWORD };

/**
 * A second app on the same database, with its own in-memory state (search index, caches): stands
 * for another server process of a province that scales out on one PostgreSQL.
 */
export async function createPeerApp(t: TestApp, opts: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kehui-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    KEHUI_DEMO: '0',
    LOG_LEVEL: 'silent',
    KEHUI_SEARCH_THREADS: '0',
    ...opts.env,
  });
  const app = await buildApp(config, t.database, { logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    database: t.database,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in client: the session cookie plus the CSRF token every change must echo. */
export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
}

export async function signIn(t: TestApp, login: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/signin', payload: { login, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${login} failed: ${res.statusCode} ${res.body}`);
  return sessionFrom(res);
}

export function sessionFrom(res: LightMyRequestResponse): Session {
  const cookies = res.cookies as { name: string; value: string }[];
  const session = cookies.find((c) => c.name === 'kehui_session');
  const csrf = cookies.find((c) => c.name === 'kehui_csrf');
  if (!session || !csrf) throw new Error('no session cookies in response');
  return {
    cookie: `kehui_session=${session.value}; kehui_csrf=${csrf.value}`,
    csrfToken: csrf.value,
    userId: (res.json() as { user: { id: string } }).user.id,
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends a request as a session (with its CSRF token on changes) or anonymously. */
export function call(t: TestApp, method: Method, url: string, opts: { as?: Session | null; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.as) {
    headers.cookie = opts.as.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = opts.as.csrfToken;
  }
  return t.app.inject({
    method,
    url,
    headers,
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
}

/** The demo accounts (accounts demo data) that tests act as, by the name tests give them. */
export const DEMO_LOGINS = {
  operator: 'operator@kehui.example.cn',
  govHubei: 'gov.hubei@kehui.example.cn',
  govWuhan: 'gov.wuhan@kehui.example.cn',
  govYichang: 'gov.yichang@kehui.example.cn',
  broker: 'broker@kehui.example.cn',
  lawyer: 'lawyer@kehui.example.cn',
  enterprise: 'enterprise.admin@kehui.example.cn',
  univ: 'univ.admin@kehui.example.cn',
  univMember: 'univ.member@kehui.example.cn',
} as const;
export type DemoActor = keyof typeof DEMO_LOGINS;

/** Signs in the named demo accounts, one after another. */
export async function signInDemo<K extends DemoActor>(t: TestApp, names: readonly K[]): Promise<Record<K, Session>> {
  const sessions: Partial<Record<K, Session>> = {};
  for (const name of names) sessions[name] = await signIn(t, DEMO_LOGINS[name]);
  return sessions as Record<K, Session>;
}

/** The id of a demo organization by its name. */
export async function orgIdByName(t: TestApp, name: string): Promise<string> {
  const r = await t.database.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name));
  const id = r[0]?.id;
  if (!id) throw new Error(`no demo organization ${name}`);
  return id;
}

/**
 * A new organization, signed up (`buildSignupOrganization(overrides)`) and verified by the
 * operator, with its admin's session.
 */
export async function createVerifiedOrganization(
  t: TestApp,
  operator: Session,
  overrides: Parameters<typeof buildSignupOrganization>[0] = {},
): Promise<{ session: Session; orgId: string }> {
  const signup = await call(t, 'POST', '/api/auth/signup-organization', { body: buildSignupOrganization(overrides) });
  expect(signup.statusCode, signup.body).toBe(201);
  const orgId = signup.json<{ organization: { id: string } }>().organization.id;
  expect((await call(t, 'POST', `/api/organizations/${orgId}/verify`, { as: operator })).statusCode).toBe(200);
  return { session: sessionFrom(signup), orgId };
}

/**
 * Polls until `check` holds (true) or `ms` have passed (false): for what follows a write
 * asynchronously, such as the search index or the alert follower.
 */
export async function within(ms: number, check: () => Promise<boolean>, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
