/**
 * Webhooks (推送订阅): partners are told of every change of the public repository they subscribed
 * to. Deliveries are queued by the sync in the transaction of the change (webhooks.queries.ts
 * `enqueueChanges`), leased by a delivery loop, POSTed with an HMAC signature, retried with capped
 * exponential backoff, `dead` after MAX_ATTEMPTS and delivered again by a replay.
 */
import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError, fieldError } from '../../platform/errors.js';
import type { Page } from '../../platform/http/pagination.js';
import { organizationNames } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { cursorOf, parseSince, recordLink } from './exchange.service.js';
import { oaiIdentifierOf } from './oai-protocol.js';
import type { RecordType } from './public-record.js';
import {
  afterFailure,
  DELIVERY_HEADER,
  EVENT_HEADER,
  invalidSets,
  isAcceptableUrl,
  newSecret,
  SIGNATURE_HEADER,
  signatureOf,
  TIMESTAMP_HEADER,
} from './webhook-rules.js';
import * as q from './webhooks.queries.js';
import { canCreateForOrganization, canManageWebhook, webhookActions } from './webhooks.policy.js';
import type { CreateWebhookInput, DeliveryQuery, ReplayWebhookInput, UpdateWebhookInput, WebhookOut } from './webhooks.schemas.js';

type Ctx = RequestContext & { actor: Actor };

function checkInput(input: { url?: string | undefined; sets?: string[] | undefined }) {
  if (input.url !== undefined && !isAcceptableUrl(input.url)) throw fieldError('url', '推送地址应为 http(s) 网址，且不含用户名和密码');
  const bad = invalidSets(input.sets ?? []);
  if (bad.length) {
    throw new AppError('validation_failed', `集合格式不正确：${bad.join('、')}`, {
      errors: bad.map((s) => ({ path: `sets.${(input.sets ?? []).indexOf(s)}`, message: `集合 ${s} 不存在或格式不正确（见 OAI-PMH 集合说明）` })),
    });
  }
}

function present(actor: Actor, s: q.SubscriptionRow, counts: Record<string, number> | undefined): WebhookOut {
  return {
    id: s.id,
    name: s.name,
    url: s.url,
    ownerUserId: s.ownerUserId,
    partnerOrganizationId: s.partnerOrganizationId,
    recordTypes: s.recordTypes,
    sets: s.sets,
    isActive: s.isActive,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    counts: { pending: counts?.pending ?? 0, delivered: counts?.delivered ?? 0, dead: counts?.dead ?? 0 },
    allowedActions: webhookActions(actor, s),
  };
}

/** One the caller may manage, or not_found (others' subscriptions are not revealed). */
async function manageable(db: Db, actor: Actor, id: string): Promise<q.SubscriptionRow> {
  const s = await q.selectSubscription(db, id);
  if (!s || !canManageWebhook(actor, s)) throw new AppError('not_found', '推送订阅不存在');
  return s;
}

/**
 * Creates a subscription; the secret is in this answer only. A partner must hold an API token (the
 * feed and webhooks are the machine interface); the operator may create one for a partner organization.
 */
export async function createWebhook(db: Db, ctx: Ctx, input: CreateWebhookInput): Promise<WebhookOut & { secret: string }> {
  checkInput(input);
  const forOrg = input.partnerOrganizationId;
  if (forOrg) {
    if (!canCreateForOrganization(ctx.actor)) throw new AppError('forbidden', '只有平台运营可以为合作机构创建推送订阅');
    if (!(await organizationNames(db, [forOrg])).has(forOrg)) throw fieldError('partnerOrganizationId', '机构不存在');
  } else if (ctx.actor.via !== 'token' && !(await q.hasActiveApiToken(db, ctx.actor.userId, new Date()))) {
    throw new AppError('forbidden', '请先创建 API 令牌：推送订阅只向持有 API 令牌的合作方开放');
  }
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const row = await q.insertSubscription(tx, {
      name: input.name,
      url: input.url,
      secret,
      ownerUserId: forOrg ? null : ctx.actor.userId,
      partnerOrganizationId: forOrg ?? null,
      recordTypes: input.recordTypes,
      sets: input.sets,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'webhook.created',
      entityType: 'webhook_subscription',
      entityId: row.id,
      after: { name: row.name, url: row.url, recordTypes: row.recordTypes, sets: row.sets, partnerOrganizationId: row.partnerOrganizationId },
    });
    return { ...present(ctx.actor, row, undefined), secret };
  });
}

export async function listWebhooks(db: Db, actor: Actor, p: { page: number; pageSize: number }): Promise<Page<WebhookOut>> {
  const scope = { ownerUserId: canCreateForOrganization(actor) ? null : actor.userId };
  const r = await q.listSubscriptions(db, scope, p.pageSize, (p.page - 1) * p.pageSize);
  const counts = await q.deliveryCounts(db, r.items.map((s) => s.id));
  return { items: r.items.map((s) => present(actor, s, counts.get(s.id))), total: r.total, page: p.page, pageSize: p.pageSize };
}

export async function getWebhook(db: Db, actor: Actor, id: string): Promise<WebhookOut> {
  const s = await manageable(db, actor, id);
  return present(actor, s, (await q.deliveryCounts(db, [id])).get(id));
}

export async function updateWebhook(db: Db, ctx: Ctx, id: string, input: UpdateWebhookInput): Promise<WebhookOut> {
  checkInput(input);
  return db.transaction(async (tx) => {
    const before = await manageable(tx, ctx.actor, id);
    const after = await q.updateSubscription(tx, id, input);
    if (!after) throw new AppError('not_found', '推送订阅不存在');
    await recordAudit(tx, ctx, {
      action: 'webhook.updated',
      entityType: 'webhook_subscription',
      entityId: id,
      before: { name: before.name, url: before.url, recordTypes: before.recordTypes, sets: before.sets, isActive: before.isActive },
      after: input,
    });
    return present(ctx.actor, after, (await q.deliveryCounts(tx, [id])).get(id));
  });
}

export async function listWebhookDeliveries(db: Db, actor: Actor, id: string, query: DeliveryQuery) {
  await manageable(db, actor, id);
  const r = await q.listDeliveries(db, id, query.status, query.pageSize, (query.page - 1) * query.pageSize);
  return {
    items: r.items.map((d) => ({
      id: d.id,
      recordType: d.recordType,
      recordId: d.recordId,
      change: d.change,
      datestamp: d.datestamp.toISOString(),
      cursor: cursorOf({ datestamp: d.datestamp, id: d.recordId }),
      status: d.status as 'pending' | 'delivered' | 'dead',
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      isReplay: d.isReplay,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
    total: r.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Replay: delivers again every change after a position (a change-feed cursor or a UTC time; absent =
 * all), each record at its latest state; with `includeDead`, dead deliveries go back in the queue.
 */
export async function replayWebhook(db: Db, ctx: Ctx, id: string, input: ReplayWebhookInput): Promise<{ queued: number; revived: number }> {
  const { after, from } = parseSince(input.since);
  // A time means "changes at or after it": the position just before it.
  const position = after ?? (from ? { datestamp: new Date(from.getTime() - 1), id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' } : null);
  return db.transaction(async (tx) => {
    const sub = await manageable(tx, ctx.actor, id);
    const now = new Date();
    const queued = await q.enqueueReplay(tx, sub, position, now);
    const revived = input.includeDead ? await q.reviveDead(tx, id, now) : 0;
    await recordAudit(tx, ctx, { action: 'webhook.replayed', entityType: 'webhook_subscription', entityId: id, after: { since: input.since ?? null, queued, revived } });
    return { queued, revived };
  });
}

// ---------- delivery ----------

export interface WebhookDeliveryDeps {
  db: Db;
  /** The site's origin for the links in payloads. */
  baseUrl: string;
  timeoutMs?: number | undefined;
  /** The lease on a claimed delivery (another process retries it after this if we crash). */
  leaseMs?: number | undefined;
}

/** The JSON body a partner receives (one change). */
export function payloadOf(d: q.DeliveryRow, baseUrl: string) {
  const type = d.recordType as RecordType;
  return {
    id: d.id,
    event: `record.${d.change}`,
    subscriptionId: d.subscriptionId,
    replay: d.isReplay,
    cursor: cursorOf({ datestamp: d.datestamp, id: d.recordId }),
    item: {
      type,
      id: d.recordId,
      change: d.change,
      datestamp: d.datestamp.toISOString(),
      link: recordLink(baseUrl, type, d.recordId),
      oaiIdentifier: oaiIdentifierOf(type, d.recordId),
    },
  };
}

/**
 * Sends due deliveries: a 2xx answer is delivered; anything else (status, timeout, refused
 * connection) is recorded and retried later, or the delivery is dead after MAX_ATTEMPTS.
 */
export async function deliverDueWebhooks(deps: WebhookDeliveryDeps, now = new Date(), limit = 50): Promise<{ delivered: number; failed: number; dead: number }> {
  const out = { delivered: 0, failed: 0, dead: 0 };
  const claimed = await q.claimDueDeliveries(deps.db, now, limit, deps.leaseMs ?? 5 * 60_000);
  await Promise.all(
    claimed.map(async ({ delivery: d, sub }) => {
      const body = JSON.stringify(payloadOf(d, deps.baseUrl));
      const timestamp = Math.floor(Date.now() / 1000);
      const attempts = d.attempts + 1;
      let status: number | null = null;
      let error: string | null = null;
      try {
        const res = await fetch(sub.url, {
          method: 'POST',
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Kehui-Webhooks/1.0',
            [SIGNATURE_HEADER]: signatureOf(sub.secret, timestamp, body),
            [TIMESTAMP_HEADER]: String(timestamp),
            [DELIVERY_HEADER]: d.id,
            [EVENT_HEADER]: `record.${d.change}`,
          },
        });
        status = res.status;
        await res.body?.cancel().catch(() => undefined);
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (err) {
        error = err instanceof Error && err.name === 'TimeoutError' ? '超时' : err instanceof Error ? err.message.slice(0, 300) : String(err);
      }
      if (error === null) {
        await q.recordAttempt(deps.db, d.id, d.attempts, { status: 'delivered', attempts, lastStatus: status, lastError: null, deliveredAt: new Date() });
        out.delivered++;
        return;
      }
      const next = afterFailure(attempts, now);
      await q.recordAttempt(deps.db, d.id, d.attempts, { status: next.status, attempts, lastStatus: status, lastError: error, nextAttemptAt: next.nextAttemptAt });
      if (next.status === 'dead') out.dead++;
      else out.failed++;
    }),
  );
  return out;
}
