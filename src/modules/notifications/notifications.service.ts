import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import type { Mailer } from '../../platform/mailer.js';
import { recordAudit } from '../audit/index.js';
import * as q from './notifications.queries.js';
import type { EmailMode, NewNotification, NotificationRow } from './notifications.queries.js';

export type { EmailMode, NewNotification };

/** Placeholder for the site address in stored e-mail text, filled in at delivery (KEHUI_PUBLIC_URL). */
export const BASE_URL = '{{baseUrl}}';

/**
 * Sends an in-app notification to users (inside the caller's transaction, so a notice exists
 * exactly when the change that caused it does). Idempotent per user with `dedupeKey`. With
 * `email`, each new recipient also gets it by e-mail as they chose: now (outbox), in the daily
 * digest, or not at all. Returns how many notices were written.
 */
export async function notify(db: Db, userIds: string[], n: NewNotification): Promise<number> {
  const written = await q.insertNotifications(db, userIds, n);
  if (n.email && written.length) await emailFor(db, written, n);
  return written.length;
}

async function emailFor(db: Db, written: { id: string; userId: string }[], n: NewNotification) {
  const ids = written.map((w) => w.userId);
  const [prefs, addresses] = await Promise.all([q.preferencesOf(db, ids), q.emailsOf(db, ids)]);
  const instant: Parameters<typeof q.enqueueEmails>[1] = [];
  const digest: string[] = [];
  for (const w of written) {
    const to = addresses.get(w.userId);
    const pref = prefs.get(w.userId);
    if (!to || !pref || pref.emailMode === 'off') continue;
    if (pref.emailMode === 'daily') {
      digest.push(w.id);
      continue;
    }
    instant.push({
      userId: w.userId,
      toAddress: to,
      subject: `【科惠】${n.title}`,
      textBody: composeText([{ title: n.title, body: n.body ?? '', link: n.link ?? null }], pref.unsubscribeToken),
      kind: n.kind,
      dedupeKey: n.dedupeKey ? `${n.dedupeKey}` : `notification:${w.id}`,
    });
  }
  await q.enqueueEmails(db, instant);
  await q.markDigestPending(db, digest);
}

function composeText(items: { title: string; body: string; link: string | null }[], unsubscribeToken: string): string {
  const parts = items.map((i) => [i.title, i.body, i.link ? `查看：${BASE_URL}${i.link}` : ''].filter(Boolean).join('\n'));
  return [
    ...parts.flatMap((p) => [p, '']),
    '——',
    '科惠 · 湖北省技术转移公共服务平台',
    `不再接收邮件通知：${BASE_URL}/api/notifications/unsubscribe?token=${unsubscribeToken}`,
  ].join('\n');
}

/** Notifies the gov_admins responsible for a region (its own and every enclosing level). */
export async function notifyRegionGovAdmins(db: Db, regionCode: string, n: NewNotification): Promise<number> {
  return notify(db, await q.govAdminIdsFor(db, regionCode), n);
}

/**
 * Notifies the active members of an organization (only its admins with `adminsOnly`), or of several
 * at once: one query for the members and one insert, however many organizations.
 */
export async function notifyOrganization(db: Db, organizationId: string | string[], n: NewNotification, adminsOnly = false): Promise<number> {
  return notify(db, await q.memberIdsOf(db, organizationId, adminsOnly), n);
}

export async function notifyOperators(db: Db, n: NewNotification): Promise<number> {
  return notify(db, await q.userIdsWithRole(db, 'operator'), n);
}

// ---- delivery ----

/** Backoff after the n-th failed attempt: 30 s doubling, at most an hour. Never given up. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryDeps {
  db: Db;
  mailer: Mailer | null;
  baseUrl: string;
}

/**
 * Sends the outbox rows that are due. A failure is recorded (attempts, last error without the
 * address) and retried later; a row whose recipient has turned e-mail off meanwhile is cancelled.
 */
export async function deliverDue(deps: DeliveryDeps, now = new Date(), limit = 20): Promise<{ sent: number; failed: number; cancelled: number }> {
  const out = { sent: 0, failed: 0, cancelled: 0 };
  if (!deps.mailer) return out;
  for (const row of await q.claimDueEmails(deps.db, now, limit)) {
    if (row.userId && row.kind !== 'digest' && (await q.emailModeOf(deps.db, row.userId)) === 'off') {
      await q.updateOutbox(deps.db, row.id, { status: 'cancelled' });
      out.cancelled++;
      continue;
    }
    const token = /unsubscribe\?token=([\w-]+)/.exec(row.textBody)?.[1];
    try {
      await deps.mailer.send({
        to: row.toAddress,
        subject: row.subject,
        text: row.textBody.replaceAll(BASE_URL, deps.baseUrl),
        ...(token ? { headers: { 'List-Unsubscribe': `<${deps.baseUrl}/api/notifications/unsubscribe?token=${token}>` } } : {}),
      });
      await q.updateOutbox(deps.db, row.id, { status: 'sent', sentAt: new Date(), attempts: row.attempts + 1, lastError: null });
      out.sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const message = err instanceof Error ? err.message.replaceAll(row.toAddress, '<收件人>').slice(0, 300) : String(err);
      await q.updateOutbox(deps.db, row.id, { attempts, lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) });
      out.failed++;
    }
  }
  return out;
}

/** 08:00 Asia/Shanghai of the day `now` falls on (in Shanghai), as a UTC instant. */
export function digestTimeOn(now: Date): Date {
  const shanghai = new Date(now.getTime() + 8 * 3600_000);
  return new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate(), 0, 0, 0));
}

/**
 * Daily digests: after 08:00 Asia/Shanghai, one message per user on the daily digest with notices
 * waiting, unless that user already had today's. Returns how many digests were queued.
 */
export async function queueDailyDigests(db: Db, now = new Date()): Promise<number> {
  const at = digestTimeOn(now);
  if (now < at) return 0;
  const rows = await q.digestCandidates(db, at);
  const byUser = new Map<string, typeof rows>();
  for (const r of rows) byUser.set(r.n.userId, [...(byUser.get(r.n.userId) ?? []), r]);
  const addresses = await q.emailsOf(db, [...byUser.keys()]);
  let queued = 0;
  for (const [userId, list] of byUser) {
    await db.transaction(async (tx) => {
      const to = addresses.get(userId);
      const token = list[0]?.token ?? '';
      if (to) {
        const day = at.toISOString().slice(0, 10);
        queued += await q.enqueueEmails(tx, [
          {
            userId,
            toAddress: to,
            subject: `【科惠】每日通知摘要（${list.length} 条）`,
            textBody: composeText(
              list.map((r) => ({ title: r.n.title, body: r.n.body, link: r.n.link })),
              token,
            ),
            kind: 'digest',
            dedupeKey: `digest:${day}`,
            // Due when composed (`now`), not at the database clock: the digest of a past 08:00 run
            // (a catch-up, or a test's clock) is sent by the delivery that follows it.
            nextAttemptAt: now,
          },
        ]);
      }
      await q.finishDigest(
        tx,
        userId,
        list.map((r) => r.n.id),
        now,
      );
    });
  }
  return queued;
}

/** Runs delivery and digests every `intervalMs` until stopped; errors are logged, never thrown. */
export function startEmailDelivery(deps: DeliveryDeps & { log: { warn(obj: unknown, msg?: string): void } }, intervalMs = 5_000): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await queueDailyDigests(deps.db);
      await deliverDue(deps);
    } catch (err) {
      deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'e-mail delivery round failed');
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

// ---- the user's side ----

const out = (r: NotificationRow) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  entityType: r.entityType,
  entityId: r.entityId,
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

/** A user reads only their own notifications (the user id comes from the session, never the request). */
export async function listMine(db: Db, actor: Actor, p: { page: number; pageSize: number; unread: boolean }) {
  const r = await q.listForUser(db, actor.userId, { unreadOnly: p.unread, limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
  return { items: r.items.map(out), total: r.total, unread: r.unread, page: p.page, pageSize: p.pageSize };
}

export async function markMineRead(db: Db, ctx: RequestContext & { actor: Actor }, ids: string[] | null) {
  return db.transaction(async (tx) => {
    const changed = await q.markRead(tx, ctx.actor.userId, ids, new Date());
    if (changed > 0) await recordAudit(tx, ctx, { action: 'notification.read', entityType: 'notification', entityId: ids?.length === 1 ? ids[0] : null, after: { count: changed } });
    return changed;
  });
}

export async function myPreferences(db: Db, actor: Actor) {
  const p = (await q.preferencesOf(db, [actor.userId])).get(actor.userId);
  const hasEmail = (await q.emailsOf(db, [actor.userId])).has(actor.userId);
  return { emailMode: p?.emailMode ?? 'instant', hasEmail };
}

export async function setMyPreferences(db: Db, ctx: RequestContext & { actor: Actor }, emailMode: EmailMode) {
  await db.transaction(async (tx) => {
    await q.setEmailMode(tx, ctx.actor.userId, emailMode, new Date());
    await recordAudit(tx, ctx, { action: 'notification.preferences', entityType: 'user', entityId: ctx.actor.userId, after: { emailMode } });
  });
  return myPreferences(db, ctx.actor);
}

/** One-click unsubscribe from an e-mail link; false for an unknown token. */
export async function unsubscribe(db: Db, ctx: RequestContext, token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await q.unsubscribeByToken(tx, token, new Date());
    if (userId) await recordAudit(tx, ctx, { action: 'notification.unsubscribed', entityType: 'user', entityId: userId, after: { emailMode: 'off' } });
    return userId !== null;
  });
}
