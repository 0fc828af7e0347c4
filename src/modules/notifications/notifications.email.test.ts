import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailText, startSmtpServer, testMailer } from '../../test-support/smtp-server.js';
import { call, createTestApp, type Session, signIn, type TestApp } from '../../test-support/test-app.js';
import { users } from '../accounts/index.js';
import { deliverDue, digestTimeOn, notify, queueDailyDigests, retryDelayMs } from './notifications.service.js';
import { emailOutbox } from './notifications.tables.js';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let enterprise: Session;
let enterpriseId: string;
let brokerId: string;
const BASE = 'https://kehui.example.cn';

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtpServer();
  enterprise = await signIn(t, 'enterprise.admin@kehui.example.cn');
  const id = async (email: string) => (await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? '';
  enterpriseId = await id('enterprise.admin@kehui.example.cn');
  brokerId = await id('broker@kehui.example.cn');
});
afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe('notification e-mail', () => {
  it('is delivered through a real SMTP server with the link and a one-click unsubscribe', async () => {
    const db = t.database.db;
    await notify(db, [enterpriseId], { kind: 'test', title: '您的需求有新的推荐成果', body: '共 3 项成果与“激光熔覆”相符。', link: '/demands/abc', email: true, dedupeKey: 'mail-1' });
    const r = await deliverDue({ db, mailer: testMailer(smtp.port), baseUrl: BASE });
    expect(r).toEqual({ sent: 1, failed: 0, cancelled: 0 });
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual(['enterprise.admin@kehui.example.cn']);
    const text = mailText(mail?.raw ?? '');
    expect(text).toContain('共 3 项成果与“激光熔覆”相符。');
    expect(text).toContain(`${BASE}/demands/abc`);
    expect(mail?.raw.replace(/\r?\n\s+/g, " ")).toMatch(/List-Unsubscribe: <https:\/\/kehui\.example\.cn\/api\/notifications\/unsubscribe\?token=/);
    // Delivered once: a second round sends nothing.
    expect((await deliverDue({ db, mailer: testMailer(smtp.port), baseUrl: BASE })).sent).toBe(0);
  });

  it('survives an SMTP server that is down: the message waits, is retried with backoff, then delivered', async () => {
    const db = t.database.db;
    await notify(db, [brokerId], { kind: 'test', title: '新需求待认领', link: '/demands/x', email: true, dedupeKey: 'mail-down' });
    const down = await startSmtpServer();
    const deadPort = down.port;
    await down.close();
    const now = new Date();
    const failed = await deliverDue({ db, mailer: testMailer(deadPort), baseUrl: BASE }, now);
    expect(failed.failed).toBe(1);
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, 'mail-down'));
    expect(row?.status).toBe('pending');
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).not.toContain('broker@kehui.example.cn');
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(now.getTime() + retryDelayMs(1) - 5);
    // Not due yet: nothing is sent even with a working server.
    expect((await deliverDue({ db, mailer: testMailer(smtp.port), baseUrl: BASE }, now)).sent).toBe(0);
    const later = new Date(now.getTime() + retryDelayMs(1) + 1000);
    expect((await deliverDue({ db, mailer: testMailer(smtp.port), baseUrl: BASE }, later)).sent).toBe(1);
    expect(smtp.received.at(-1)?.to).toEqual(['broker@kehui.example.cn']);
  });

  it('is not sent to a user who unsubscribed, even when queued before', async () => {
    const db = t.database.db;
    await notify(db, [enterpriseId], { kind: 'test', title: '排队中的通知', email: true, dedupeKey: 'mail-unsub' });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, 'mail-unsub'));
    const token = /token=([\w-]+)/.exec(row?.textBody ?? '')?.[1];
    const page = await t.app.inject({ method: 'GET', url: `/api/notifications/unsubscribe?token=${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('您已退订');
    const before = smtp.received.length;
    expect((await deliverDue({ db, mailer: testMailer(smtp.port), baseUrl: BASE })).cancelled).toBe(1);
    // New notices: in-app only.
    await notify(db, [enterpriseId], { kind: 'test', title: '退订后的通知', email: true, dedupeKey: 'mail-after' });
    await deliverDue({ db, mailer: testMailer(smtp.port), baseUrl: BASE });
    expect(smtp.received.length).toBe(before);
    const prefs = await call(t, 'GET', '/api/notifications/preferences', { as: enterprise });
    expect(prefs.json()).toEqual({ emailMode: 'off', hasEmail: true });
    const bad = await t.app.inject({ method: 'GET', url: '/api/notifications/unsubscribe?token=nope-nope-nope' });
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain('退订链接无效');
  });

  it('collects notices into one daily digest after 08:00 Asia/Shanghai', async () => {
    const db = t.database.db;
    const set = await call(t, 'PUT', '/api/notifications/preferences', { as: enterprise, body: { emailMode: 'daily' } });
    expect(set.json()).toEqual({ emailMode: 'daily', hasEmail: true });
    const bad = await call(t, 'PUT', '/api/notifications/preferences', { as: enterprise, body: { emailMode: 'hourly' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('邮件通知方式');
    await notify(db, [enterpriseId], { kind: 'test', title: '摘要一', email: true, dedupeKey: 'digest-1' });
    await notify(db, [enterpriseId], { kind: 'test', title: '摘要二', email: true, dedupeKey: 'digest-2' });
    // 07:59 in Shanghai: too early; 08:01: one digest; again the same day: none.
    const eight = digestTimeOn(new Date());
    expect(await queueDailyDigests(db, new Date(eight.getTime() - 60_000))).toBe(0);
    expect(await queueDailyDigests(db, new Date(eight.getTime() + 60_000))).toBe(1);
    expect(await queueDailyDigests(db, new Date(eight.getTime() + 120_000))).toBe(0);
    const before = smtp.received.length;
    await deliverDue({ db, mailer: testMailer(smtp.port), baseUrl: BASE }, new Date(eight.getTime() + 180_000));
    // Other notices may fall due in the same delivery (depending on the hour the test runs): the
    // digest is the message that carries the first notice, and it carries the second one too.
    const texts = smtp.received.slice(before).map((m) => mailText(m.raw));
    expect(texts.filter((text) => text.includes('摘要一'))).toHaveLength(1);
    expect(texts.find((text) => text.includes('摘要一'))).toContain('摘要二');
  });

  it('08:00 Asia/Shanghai is 00:00 UTC of the Shanghai date', () => {
    expect(digestTimeOn(new Date('2026-11-28T15:59:00Z')).toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(digestTimeOn(new Date('2026-11-28T16:01:00Z')).toISOString()).toBe('2026-11-29T00:00:00.000Z');
  });
});
