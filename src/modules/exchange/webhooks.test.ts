import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, orgIdByName, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { publishAchievement, publishDemand } from './exchange.fixtures.js';
import { MAX_ATTEMPTS, verifySignature } from './webhook-rules.js';
import { deliverDueWebhooks } from './webhooks.service.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; event: string; replay: boolean; cursor: string; item: { type: string; id: string; change: string; link: string } };
}

/** A real HTTP receiver on a free port: answers `failFirst` requests with 500, then 204. */
class Receiver {
  received: Received[] = [];
  attempts = 0;
  server: Server;
  /** While true, every request is answered 500. */
  failing = false;
  constructor(public failFirst = 0) {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        this.attempts++;
        if (this.failing || this.attempts <= this.failFirst) {
          res.statusCode = 500;
          res.end('boom');
          return;
        }
        this.received.push({ headers: req.headers, body, json: JSON.parse(body) as Received['json'] });
        res.statusCode = 204;
        res.end();
      });
    });
  }
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let t: TestApp;
let member: Session;
let admin: Session;
let operator: Session;
let enterprise: Session;
let broker: Session;
const receivers: Receiver[] = [];
const BASE = 'https://kehui.example.cn';
let clock = Date.now();

/** Syncs the repository (a feed request does), then sends due deliveries at a clock moved past any backoff. */
async function pump(rounds = 1) {
  expect((await call(t, 'GET', '/api/exchange/changes?limit=1')).statusCode).toBe(200);
  for (let i = 0; i < rounds; i++) {
    clock += 7 * 3600_000;
    await deliverDueWebhooks({ db: t.database.db, baseUrl: BASE, timeoutMs: 30_000 }, new Date(clock), 500);
  }
}

async function until(cond: () => boolean, what: string) {
  for (let i = 0; i < 100 && !cond(); i++) await pump();
  expect(cond(), what).toBe(true);
}

async function newReceiver(failFirst = 0) {
  const r = new Receiver(failFirst);
  receivers.push(r);
  return { r, url: await r.listen() };
}

async function giveToken(as: Session) {
  const res = await call(t, 'POST', '/api/auth/tokens', { as, body: { name: '推送', scopes: ['read'] } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ token: string }>().token;
}

async function subscribe(as: Session, body: Record<string, unknown>) {
  const res = await call(t, 'POST', '/api/exchange/webhooks', { as, body: { name: '合作方推送', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; secret: string }>();
}

beforeAll(async () => {
  t = await createTestApp();
  member = await signIn(t, 'univ.member@kehui.example.cn');
  admin = await signIn(t, 'univ.admin@kehui.example.cn');
  operator = await signIn(t, 'operator@kehui.example.cn');
  enterprise = await signIn(t, 'enterprise.admin@kehui.example.cn');
  broker = await signIn(t, 'broker@kehui.example.cn');
}, 120_000);

afterAll(async () => {
  await t?.close();
  for (const r of receivers) await r.close();
});

describe('POST /api/exchange/webhooks', () => {
  it('is open to partners holding an API token only, and shows the secret once', async () => {
    const refused = await call(t, 'POST', '/api/exchange/webhooks', { as: enterprise, body: { name: 'x', url: 'https://p.example/h' } });
    expect(refused.statusCode).toBe(403);
    await giveToken(enterprise);
    const created = await subscribe(enterprise, { url: 'https://p.example/h', sets: ['keyField:new_materials'] });
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const read = await call(t, 'GET', `/api/exchange/webhooks/${created.id}`, { as: enterprise });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(created.secret);
    // Others do not see it; the operator sees every subscription.
    expect((await call(t, 'GET', `/api/exchange/webhooks/${created.id}`, { as: broker })).statusCode).toBe(404);
    const all = await call(t, 'GET', '/api/exchange/webhooks', { as: operator });
    expect(all.json<{ items: { id: string }[] }>().items.map((s) => s.id)).toContain(created.id);
    const mine = await call(t, 'GET', '/api/exchange/webhooks', { as: broker });
    expect(mine.json<{ total: number }>().total).toBe(0);
    expect((await call(t, 'PATCH', `/api/exchange/webhooks/${created.id}`, { as: enterprise, body: { isActive: false } })).json<{ isActive: boolean }>().isActive).toBe(false);
  });

  it('lists every bad field: URL scheme and unknown sets', async () => {
    const res = await call(t, 'POST', '/api/exchange/webhooks', { as: enterprise, body: { name: 'x', url: 'ftp://p.example/h', sets: ['city:12'] } });
    expect(res.statusCode).toBe(400);
    const bad = await call(t, 'POST', '/api/exchange/webhooks', { as: enterprise, body: { name: 'x', url: 'https://p.example/h', sets: ['city:12', 'nope nope'] } });
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['sets.0', 'sets.1']);
  });

  it('lets the operator subscribe for a partner organization; others may not', async () => {
    const orgId = await orgIdByName(t, '江城理工大学');
    const { r, url } = await newReceiver();
    await giveToken(broker);
    const denied = await call(t, 'POST', '/api/exchange/webhooks', { as: broker, body: { name: 'x', url, partnerOrganizationId: orgId } });
    expect(denied.statusCode).toBe(403);
    const sub = await subscribe(operator, { url, partnerOrganizationId: orgId, recordTypes: ['demand'] });
    const demandId = await publishDemand(t, { enterprise, operator });
    await until(() => r.received.some((x) => x.json.item.id === demandId), 'the demand is pushed');
    expect(r.received.every((x) => x.json.item.type === 'demand')).toBe(true);
    expect((await call(t, 'PATCH', `/api/exchange/webhooks/${sub.id}`, { as: operator, body: { isActive: false } })).statusCode).toBe(200);
  });
});

describe('webhook delivery', () => {
  it('POSTs each change, signed over timestamp.body, and retries after 500s until it is accepted', async () => {
    const { r, url } = await newReceiver(2);
    const sub = await subscribe(enterprise, { url, recordTypes: ['achievement'] });
    const id = await publishAchievement(t, { member, admin, operator });
    await until(() => r.received.some((x) => x.json.item.id === id), 'delivered after the retries');
    expect(r.attempts).toBeGreaterThanOrEqual(3);
    const got = r.received.find((x) => x.json.item.id === id);
    if (!got) throw new Error('not received');
    expect(verifySignature(sub.secret, got.headers['x-kehui-signature'] as string, got.headers['x-kehui-timestamp'] as string, got.body)).toBe(true);
    expect(verifySignature('whsec_other', got.headers['x-kehui-signature'] as string, got.headers['x-kehui-timestamp'] as string, got.body)).toBe(false);
    expect(got.json.event).toBe('record.created');
    expect(got.json.item.link).toBe(`${BASE}/api/achievements/${id}`);
    expect(got.headers['x-kehui-delivery']).toBe(got.json.id);
    const deliveries = await call(t, 'GET', `/api/exchange/webhooks/${sub.id}/deliveries`, { as: enterprise });
    const row = deliveries.json<{ items: { recordId: string; status: string; attempts: number; lastStatus: number }[] }>().items.find((d) => d.recordId === id);
    expect(row).toMatchObject({ status: 'delivered', lastStatus: 204 });
    expect(row?.attempts).toBeGreaterThanOrEqual(3);

    // An archive is a deletion, pushed too; nothing is delivered twice.
    expect((await call(t, 'POST', `/api/achievements/${id}/archive`, { as: operator })).statusCode).toBe(200);
    await until(() => r.received.some((x) => x.json.item.id === id && x.json.event === 'record.deleted'), 'deletion pushed');
    await pump(3);
    const ids = r.received.map((x) => x.json.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks a delivery dead after MAX_ATTEMPTS, and a replay from a position delivers again (dead ones too)', async () => {
    const { r, url } = await newReceiver();
    r.failing = true;
    const sub = await subscribe(enterprise, { url, recordTypes: ['achievement'] });
    const first = await publishAchievement(t, { member, admin, operator });
    await pump(MAX_ATTEMPTS + 1);
    const dead = await call(t, 'GET', `/api/exchange/webhooks/${sub.id}/deliveries?status=dead`, { as: enterprise });
    const deadItems = dead.json<{ items: { recordId: string; attempts: number; cursor: string }[] }>().items;
    expect(deadItems.map((d) => d.recordId)).toEqual([first]);
    expect(deadItems[0]?.attempts).toBe(MAX_ATTEMPTS);
    expect(r.received).toHaveLength(0);
    r.failing = false;

    const second = await publishAchievement(t, { member, admin, operator });
    await until(() => r.received.some((x) => x.json.item.id === second), 'the receiver is back');
    expect(r.received.map((x) => x.json.item.id)).toEqual([second]);

    // Replay from just before the dead change: it and everything after it, once each.
    const cursor = deadItems[0]?.cursor ?? '';
    const [ms] = cursor.split('.');
    const replay = await call(t, 'POST', `/api/exchange/webhooks/${sub.id}/replay`, { as: enterprise, body: { since: `${Number(ms) - 1}.ffffffff-ffff-ffff-ffff-ffffffffffff`, includeDead: true } });
    expect(replay.statusCode, replay.body).toBe(200);
    expect(replay.json()).toEqual({ queued: 2, revived: 1 });
    await until(() => r.received.filter((x) => x.json.replay).length === 2, 'replayed');
    expect(r.received.filter((x) => x.json.replay).map((x) => x.json.item.id).sort()).toEqual([first, second].sort());
    expect(r.received.filter((x) => x.json.item.id === first && !x.json.replay)).toHaveLength(1);
    // Someone else's subscription cannot be replayed.
    expect((await call(t, 'POST', `/api/exchange/webhooks/${sub.id}/replay`, { as: broker, body: {} })).statusCode).toBe(404);
  });
});
