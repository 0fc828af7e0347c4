/**
 * The repository behind OAI-PMH and the change feed: keeps `exchange_records` in step with the
 * public state of achievements and demands by following the audit log, and reads it in stable,
 * keyset-paged order.
 *
 * Why datestamps stay correct while records change: every sync runs in one transaction under a
 * transaction-scoped advisory lock (all processes on one database take turns), and stamps the
 * records it finds changed with max(now, newest datestamp + 1 ms). So a datestamp, once a reader
 * can see it, is later than every position already handed out: a record that changes moves behind
 * any cursor in flight and is delivered (again) later, never skipped. Each request syncs before it
 * reads, so a harvest sees every change committed before it started.
 */
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { organizationNames } from '../accounts/index.js';
import { changesSince, maxAuditId } from '../audit/index.js';
import * as q from './exchange.queries.js';
import type { ChangeFeedQuery, ChangePage } from './exchange.schemas.js';
import { oaiIdentifierOf } from './oai-protocol.js';
import {
  achievementEntry,
  demandEntry,
  hashOf,
  type PublicRecord,
  type RecordType,
  type RepositoryEntry,
} from './public-record.js';
import { TOKEN_TTL_MS, tokenKey } from './resumption-token.js';
import { enqueueChanges } from './webhooks.queries.js';
import { deliverDueWebhooks } from './webhooks.service.js';

export interface ExchangeDeps {
  db: Db;
  /** The platform secret; resumption tokens are signed with a key derived from it. */
  secret: string;
  /** KEHUI_ADMIN_EMAIL, shown by Identify. */
  adminEmail: string;
  /** KEHUI_PUBLIC_URL; without it, links use the request's own scheme and host. */
  publicUrl?: string | undefined;
  log?: { error(obj: unknown, msg: string): void } | undefined;
  /** Records per ListRecords page and identifiers per ListIdentifiers page (tests use small pages). */
  pageSizes?: { records?: number; identifiers?: number } | undefined;
  /** How often the background sync runs (ms); requests sync on their own as well. */
  pollMs?: number | undefined;
  tokenTtlMs?: number | undefined;
  /** The origin put in webhook payload links (KEHUI_PUBLIC_URL, or the local address). */
  webhookBaseUrl?: string | undefined;
  /** How often due webhook deliveries are sent (ms). */
  webhookPollMs?: number | undefined;
}

export interface ExchangeRuntime {
  db: Db;
  deps: ExchangeDeps;
  tokenKey: Buffer;
  pageSizes: { records: number; identifiers: number };
  tokenTtlMs: number;
  pollMs: number;
  /** Syncs of this process run one after another (the advisory lock orders them across processes). */
  queue: Promise<unknown>;
  /** Audit entries of the late window this process has already applied (id → when), not redone. */
  applied: Map<number, number>;
  timer: NodeJS.Timeout | null;
  webhookTimer: NodeJS.Timeout | null;
  stopped: boolean;
}

/** Audit entity types whose changes can change a public record. */
const FOLLOWED = ['achievement', 'demand', 'organization'];
/**
 * Audit ids are taken at insert and become visible at commit, so an entry can appear behind the
 * position already followed; entries of the last 30 s are looked at again (idempotent: a record
 * whose projection has not changed is left alone).
 */
const LATE_WINDOW_MS = 30_000;
const AUDIT_BATCH = 2000;
const RECONCILE_BATCH = 500;

export function createExchange(deps: ExchangeDeps): ExchangeRuntime {
  return {
    db: deps.db,
    deps,
    tokenKey: tokenKey(deps.secret),
    pageSizes: { records: deps.pageSizes?.records ?? 100, identifiers: deps.pageSizes?.identifiers ?? 500 },
    tokenTtlMs: deps.tokenTtlMs ?? TOKEN_TTL_MS,
    pollMs: deps.pollMs ?? 5000,
    queue: Promise.resolve(),
    applied: new Map(),
    timer: null,
    webhookTimer: null,
    stopped: false,
  };
}

/** Syncs now and then every `pollMs`, so datestamps follow changes closely even when nobody asks. */
export function startExchange(rt: ExchangeRuntime): void {
  const loop = async () => {
    try {
      await syncExchange(rt);
    } catch (err) {
      rt.deps.log?.error({ err }, 'exchange sync failed');
    }
    if (rt.stopped) return;
    rt.timer = setTimeout(loop, rt.pollMs);
    rt.timer.unref();
  };
  void loop();
  // Webhook deliveries (the outbox the sync writes), sent and retried by their own loop.
  const deliver = async () => {
    try {
      await deliverDueWebhooks({ db: rt.db, baseUrl: rt.deps.webhookBaseUrl ?? rt.deps.publicUrl ?? 'http://localhost' });
    } catch (err) {
      rt.deps.log?.error({ err }, 'webhook delivery failed');
    }
    if (rt.stopped) return;
    rt.webhookTimer = setTimeout(deliver, rt.deps.webhookPollMs ?? 2000);
    rt.webhookTimer.unref();
  };
  void deliver();
}

export async function stopExchange(rt: ExchangeRuntime): Promise<void> {
  rt.stopped = true;
  if (rt.timer) clearTimeout(rt.timer);
  if (rt.webhookTimer) clearTimeout(rt.webhookTimer);
  await rt.queue.catch(() => undefined);
}

function serialized<T>(rt: ExchangeRuntime, work: () => Promise<T>): Promise<T> {
  const next = rt.queue.then(work, work);
  rt.queue = next.catch(() => undefined);
  return next;
}

export interface SyncResult {
  /** Entries written (new or changed public records). */
  changed: number;
  /** True when this sync built the repository for the first time. */
  built: boolean;
}

/**
 * Brings the repository up to date with the audit log. The first sync on a database builds it from
 * every once-published record (their own last change as datestamp); later ones re-project the
 * records the log names.
 */
export function syncExchange(rt: ExchangeRuntime): Promise<SyncResult> {
  return serialized(rt, async () => {
    const applied: number[] = [];
    const result = await rt.db.transaction(async (tx) => {
      await q.lockSync(tx);
      const position = await q.selectSyncPosition(tx);
      if (position === null) {
        // The position is taken first: changes made during the build are looked at again after it.
        const start = await maxAuditId(tx);
        const changed = await reconcile(tx, 'historic');
        await q.saveSyncPosition(tx, start);
        return { changed, built: true };
      }
      const stamp = stamper(tx);
      let pos = position;
      let changed = 0;
      for (;;) {
        const entries = await changesSince(tx, pos, FOLLOWED, { lateWindowMs: LATE_WINDOW_MS, limit: AUDIT_BATCH });
        const fresh = entries.filter((e) => !rt.applied.has(e.id));
        const idsOf = (type: string) => [...new Set(fresh.filter((e) => e.entityType === type && e.entityId).map((e) => e.entityId as string))];
        const byOrg = await q.recordIdsOfOrganizations(tx, idsOf('organization'));
        changed += await refresh(tx, [...idsOf('achievement'), ...byOrg.achievementIds], [...idsOf('demand'), ...byOrg.demandIds], stamp);
        applied.push(...fresh.map((e) => e.id));
        const next = Math.max(pos, ...entries.map((e) => e.id));
        const done = entries.length < AUDIT_BATCH || next === pos;
        pos = next;
        if (done) break;
      }
      if (pos !== position) await q.saveSyncPosition(tx, pos);
      return { changed, built: false };
    });
    // Remembered only once committed; forgotten after the late window (they can no longer come back).
    const now = Date.now();
    for (const id of applied) rt.applied.set(id, now);
    for (const [id, at] of rt.applied) if (now - at > 2 * LATE_WINDOW_MS) rt.applied.delete(id);
    return result;
  });
}

/**
 * Re-projects every once-published record and writes those that changed (for data loaded without
 * audit entries, e.g. by a bulk SQL load). Safe to run at any time.
 */
export function reconcileExchange(rt: ExchangeRuntime): Promise<number> {
  return serialized(rt, () =>
    rt.db.transaction(async (tx) => {
      await q.lockSync(tx);
      return reconcile(tx, 'now');
    }),
  );
}

type Stamp = () => Promise<Date>;

/** The datestamp for this sync's changes: after every existing one, even if the clock stepped back. */
function stamper(tx: Db): Stamp {
  let value: Date | null = null;
  return async () => {
    if (!value) {
      const newest = await q.maxDatestamp(tx);
      value = new Date(Math.max(Date.now(), newest ? newest.getTime() + 1 : 0));
    }
    return value;
  };
}

async function namesFor(tx: Db, orgIds: (string | null)[]) {
  return organizationNames(tx, orgIds.filter((x): x is string => Boolean(x)));
}

async function entriesOf(tx: Db, achievementIds: string[], demandIds: string[]): Promise<RepositoryEntry[]> {
  const [a, d] = await Promise.all([q.selectAchievementsByIds(tx, achievementIds), q.selectDemandsByIds(tx, demandIds)]);
  return entriesFromRows(tx, a, d);
}

async function entriesFromRows(
  tx: Db,
  a: Awaited<ReturnType<typeof q.selectAchievementsByIds>>,
  d: Awaited<ReturnType<typeof q.selectDemandsByIds>>,
): Promise<RepositoryEntry[]> {
  const names = await namesFor(tx, [...a.map((r) => r.ownerOrganizationId), ...d.flatMap((r) => [r.enterpriseOrganizationId, r.claimantOrganizationId])]);
  return [...a.map((r) => achievementEntry(r, names)), ...d.map((r) => demandEntry(r, names))].filter((e): e is RepositoryEntry => e !== null);
}

function rowOf(e: RepositoryEntry, datestamp: Date): q.ExchangeInsert {
  return {
    recordId: e.id,
    recordType: e.recordType,
    datestamp,
    firstDatestamp: datestamp,
    isDeleted: e.isDeleted,
    keyField: e.keyField,
    regionCode: e.regionCode,
    cityCode: e.cityCode,
    contentHash: e.contentHash,
    metadata: e.record as unknown as Record<string, unknown>,
  };
}

/** Writes the entries whose projection differs from the stored one; returns how many. */
async function writeChanged(tx: Db, entries: RepositoryEntry[], datestampOf: (e: RepositoryEntry) => Promise<Date>): Promise<number> {
  const stored = await q.selectHashes(tx, entries.map((e) => e.id));
  const changed = entries.filter((e) => stored.get(e.id) !== e.contentHash);
  const rows: q.ExchangeInsert[] = [];
  for (const e of changed) rows.push(rowOf(e, await datestampOf(e)));
  await q.upsertEntries(tx, rows);
  // Webhook deliveries are written with the change itself: a committed change is never lost.
  await enqueueChanges(tx, rows, new Set(changed.filter((e) => !stored.has(e.id)).map((e) => e.id)));
  return rows.length;
}

async function refresh(tx: Db, achievementIds: string[], demandIds: string[], stamp: Stamp): Promise<number> {
  const aIds = [...new Set(achievementIds)];
  const dIds = [...new Set(demandIds)];
  if (!aIds.length && !dIds.length) return 0;
  const entries = await entriesOf(tx, aIds, dIds);
  let n = await writeChanged(tx, entries, stamp);
  // A record whose row is gone (records are archived or closed, not deleted; this is a safety net)
  // stays in the repository as deleted.
  const found = new Set(entries.map((e) => e.id));
  const vanished = (await q.selectIdsAmong(tx, [...aIds, ...dIds].filter((id) => !found.has(id)))).filter((r) => !r.isDeleted);
  if (vanished.length) {
    const datestamp = await stamp();
    const rows = vanished.map((r) => ({ ...r, datestamp, isDeleted: true, contentHash: hashOf(r.metadata as unknown as PublicRecord, true) }));
    await q.upsertEntries(tx, rows);
    await enqueueChanges(tx, rows, new Set());
    n += rows.length;
  }
  return n;
}

/** Full pass over the sources in id order. 'historic': first build, each record's own last change as datestamp. */
async function reconcile(tx: Db, mode: 'historic' | 'now'): Promise<number> {
  const stamp = stamper(tx);
  const datestampOf = mode === 'historic' ? async (e: RepositoryEntry) => e.changedAt : stamp;
  let n = 0;
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = await q.selectAchievementsAfter(tx, after, RECONCILE_BATCH);
    const published = rows.filter((r) => r.publishedAt !== null);
    if (published.length) n += await writeChanged(tx, await entriesFromRows(tx, published, []), datestampOf);
    const last = rows[rows.length - 1];
    if (!last || rows.length < RECONCILE_BATCH) break;
    after = last.id;
  }
  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const rows = await q.selectDemandsAfter(tx, after, RECONCILE_BATCH);
    const published = rows.filter((r) => r.publishedAt !== null);
    if (published.length) n += await writeChanged(tx, await entriesFromRows(tx, [], published), datestampOf);
    const last = rows[rows.length - 1];
    if (!last || rows.length < RECONCILE_BATCH) break;
    after = last.id;
  }
  return n;
}

// ---------- the change feed ----------

const CURSOR = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const SINCE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function cursorOf(p: q.Position): string {
  return `${p.datestamp.getTime()}.${p.id}`;
}

/** `since`: a cursor from a previous page (`next`), or a UTC time (changes at or after it). */
export function parseSince(since: string | undefined): { after: q.Position | null; from: Date | undefined } {
  if (since === undefined) return { after: null, from: undefined };
  const m = CURSOR.exec(since);
  if (m?.[1] && m[2]) return { after: { datestamp: new Date(Number(m[1])), id: m[2] }, from: undefined };
  if (SINCE_TIME.test(since) && !Number.isNaN(Date.parse(since))) return { after: null, from: new Date(since) };
  throw new AppError('validation_failed', 'since 应为上一页返回的 next 游标，或 UTC 时间（如 2026-01-01T00:00:00Z）', {
    errors: [{ path: 'query.since', message: 'since 应为 next 游标或 UTC 时间' }],
  });
}

/** The API address of a record (JSON). */
export function recordLink(siteUrl: string, recordType: RecordType, id: string): string {
  return `${siteUrl}/api/${recordType === 'achievement' ? 'achievements' : 'demands'}/${id}`;
}

/**
 * Changes to public records in datestamp order, each record once at its latest change: `created`
 * (public and unchanged since), `updated`, or `deleted` (archived, withdrawn, expired). Paging by
 * (datestamp, id) keeps it stable while records change: a record that changes after a page was
 * read reappears on a later page.
 */
export async function listChanges(rt: ExchangeRuntime, query: ChangeFeedQuery, siteUrl: string): Promise<ChangePage> {
  const { after, from } = parseSince(query.since);
  await syncExchange(rt);
  const rows = await q.listEntries(rt.db, { recordType: query.type, from }, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      type: r.recordType as RecordType,
      id: r.recordId,
      change: r.isDeleted ? ('deleted' as const) : r.datestamp.getTime() === r.firstDatestamp.getTime() ? ('created' as const) : ('updated' as const),
      datestamp: r.datestamp.toISOString(),
      link: recordLink(siteUrl, r.recordType as RecordType, r.recordId),
      oaiIdentifier: oaiIdentifierOf(r.recordType as RecordType, r.recordId),
      ...(query.records === 'true' ? { record: r.isDeleted ? null : r.metadata } : {}),
    })),
    next: last ? cursorOf({ datestamp: last.datestamp, id: last.recordId }) : (query.since ?? null),
    hasMore: rows.length > query.limit,
  };
}
