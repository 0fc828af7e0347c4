/**
 * Alerts (提醒) when records appear: saved searches with the alert on hear of new records that
 * match them, and enterprises hear of a newly published achievement that matches one of their
 * open demands. Both follow the audit log like the search index does (every server process runs
 * the follower; dedupe keys make each alert exactly once however many processes or rounds see
 * the change), and both match against the search index, so they wait until this process's index
 * has applied the change: a record is matched only as the public sees it.
 */
import type { Db } from '../../platform/db.js';
import { changesSince, maxAuditId } from '../audit/index.js';
import { notify, notifyOrganization } from '../notifications/index.js';
import { candidatesFor, type DocType, hasApplied, isSearchable, publicListItems, type SearchRuntime, scoreRecord } from '../search/index.js';
import { type ComponentScore, scoreMatch } from './match-scoring.js';
import * as mq from './matching.queries.js';
import { demandFeaturesOf, demandText, LABELS, weightsInForce } from './matching.service.js';
import * as sq from './saved-searches.queries.js';
import type { SavedSearchRow } from './saved-searches.queries.js';
import { TYPE_LABELS } from './saved-searches.schemas.js';
import { presentSavedSearch, searchFiltersOf } from './saved-searches.service.js';

/** A demand alert needs at least this score (0–1, the recommendations' score; see README). */
export const DEMAND_ALERT_MIN_SCORE = 0.6;
/** At most this many demands are alerted per published achievement, best first. */
export const MAX_DEMAND_ALERTS_PER_ACHIEVEMENT = 10;
/** Open demands considered per achievement: the best by text relevance to it. */
export const DEMAND_ALERT_CANDIDATES = 50;
/**
 * Share of a demand's own score for its text that counts as a full text match (see textRelevance).
 * The demand's own record repeats its title and keywords word for word, which no achievement does
 * (title weight and the phrase bonus give the self-score most of its height): in the tests a
 * 激光熔覆 achievement for a 激光熔覆 demand reaches 0.41 of it, an unrelated demand's best
 * achievement 0.05.
 */
export const SELF_REFERENCE_SHARE = 0.5;
/** How often the follower reads the audit log. */
export const ALERT_POLL_MS = 1000;
/** A change the index has applied whose record is still not searchable (archived at once, not public) is dropped after this. */
const NOT_SEARCHABLE_GRACE_MS = 30_000;
/** A change the index has not applied yet (a long first build) waits at most this long. */
const NOT_APPLIED_MAX_WAIT_MS = 10 * 60_000;
/** Audit ids already read are remembered this long (the audit log re-reads its last 5 seconds). */
const SEEN_TTL_MS = 60_000;
/** A change whose alerting keeps failing is given up after this many rounds (logged each time). */
const MAX_ATTEMPTS = 5;

/**
 * Audit actions that make a record newly visible, or change what it matches: publication,
 * an approved revision of a published achievement, a verified organization.
 */
const WATCHED: Record<string, { type: DocType; demandAlerts: boolean }> = {
  'achievement.published': { type: 'achievement', demandAlerts: true },
  'achievement.revision_approved': { type: 'achievement', demandAlerts: true },
  'demand.published': { type: 'demand', demandAlerts: false },
  'organization.verified': { type: 'organization', demandAlerts: false },
};
const WATCHED_ENTITY_TYPES = ['achievement', 'demand', 'organization'];

interface PendingChange {
  type: DocType;
  id: string;
  /** The latest audit entry of the record seen: the index must have applied it. */
  auditId: number;
  /** When the record first changed in this run: saved searches created later are not told. */
  at: Date;
  demandAlerts: boolean;
  firstSeen: number;
  attempts: number;
}

export interface AlertsRuntime {
  db: Db;
  search: SearchRuntime;
  log: { error(obj: object, msg?: string): void; info(obj: object, msg?: string): void };
  pollMs: number;
  lastAuditId: number;
  seen: Map<number, number>;
  pending: Map<string, PendingChange>;
  timer: NodeJS.Timeout | null;
  stopped: boolean;
  running: Promise<unknown> | null;
}

export function createAlerts(opts: { db: Db; search: SearchRuntime; log: AlertsRuntime['log']; pollMs?: number; fromAuditId?: number }): AlertsRuntime {
  return {
    db: opts.db,
    search: opts.search,
    log: opts.log,
    pollMs: opts.pollMs ?? ALERT_POLL_MS,
    lastAuditId: opts.fromAuditId ?? 0,
    seen: new Map(),
    pending: new Map(),
    timer: null,
    stopped: false,
    running: null,
  };
}

/**
 * Starts following the audit log from its current end (a restart does not alert history again),
 * one round every {@link ALERT_POLL_MS}; a failed round is logged and the next one goes on.
 */
export async function startAlerts(rt: AlertsRuntime): Promise<void> {
  rt.lastAuditId = Math.max(rt.lastAuditId, await maxAuditId(rt.db));
  const loop = async () => {
    if (rt.stopped) return;
    rt.running = pollAlerts(rt).catch((err: unknown) => rt.log.error({ err }, 'alerts round failed'));
    await rt.running;
    rt.running = null;
    if (rt.stopped) return;
    rt.timer = setTimeout(loop, rt.pollMs);
    rt.timer.unref();
  };
  rt.timer = setTimeout(loop, rt.pollMs);
  rt.timer.unref();
}

export async function stopAlerts(rt: AlertsRuntime): Promise<void> {
  rt.stopped = true;
  if (rt.timer) clearTimeout(rt.timer);
  await rt.running;
}

/**
 * One round: reads new audit entries, then alerts for every pending record the index has caught
 * up with. Returns how many notifications were written (0 for changes already alerted).
 */
export async function pollAlerts(rt: AlertsRuntime, now = Date.now()): Promise<{ notified: number; pending: number }> {
  for (const c of await changesSince(rt.db, rt.lastAuditId, WATCHED_ENTITY_TYPES)) {
    rt.lastAuditId = Math.max(rt.lastAuditId, c.id);
    if (rt.seen.has(c.id)) continue;
    rt.seen.set(c.id, now);
    const watched = WATCHED[c.action];
    if (!watched || !c.entityId) continue;
    const key = `${watched.type}:${c.entityId}`;
    const known = rt.pending.get(key);
    if (known) {
      known.auditId = Math.max(known.auditId, c.id);
      known.demandAlerts ||= watched.demandAlerts;
    } else {
      rt.pending.set(key, { type: watched.type, id: c.entityId, auditId: c.id, at: c.at, demandAlerts: watched.demandAlerts, firstSeen: now, attempts: 0 });
    }
  }
  for (const [id, at] of rt.seen) if (now - at > SEEN_TTL_MS) rt.seen.delete(id);

  let notified = 0;
  // Saved searches with the alert on, read once per round and record type (a bulk import
  // publishes thousands of records in one round).
  const alerting = new Map<DocType, Promise<SavedSearchRow[]>>();
  const alertingFor = (type: DocType) => {
    let list = alerting.get(type);
    if (!list) {
      list = sq.selectAlerting(rt.db, type);
      alerting.set(type, list);
    }
    return list;
  };
  const due = [...rt.pending.entries()].sort((a, b) => a[1].auditId - b[1].auditId);
  for (const [key, change] of due) {
    if (!hasApplied(rt.search, change.auditId)) {
      if (now - change.firstSeen > NOT_APPLIED_MAX_WAIT_MS) {
        rt.pending.delete(key);
        rt.log.error({ record: key }, 'alerts: the search index did not catch up; change dropped');
      }
      continue;
    }
    if (!isSearchable(rt.search, change.id)) {
      // Not public (archived again at once, or a late commit the index will apply next round).
      if (now - change.firstSeen > NOT_SEARCHABLE_GRACE_MS) rt.pending.delete(key);
      continue;
    }
    try {
      notified += await alertSavedSearches(rt, change, await alertingFor(change.type));
      if (change.demandAlerts) notified += await alertDemands(rt, change.id);
      rt.pending.delete(key);
    } catch (err) {
      change.attempts++;
      rt.log.error({ err, record: key, attempts: change.attempts }, 'alerts for a record failed');
      if (change.attempts >= MAX_ATTEMPTS) rt.pending.delete(key);
    }
  }
  return { notified, pending: rt.pending.size };
}

// ---------- saved searches ----------

const recordLink = (type: DocType, id: string, title: string) =>
  type === 'achievement' ? `/achievements/${id}` : type === 'demand' ? `/demands/${id}` : `/search?type=organization&q=${encodeURIComponent(title)}`;

/** Title and "whose" of a public list item (achievement, demand or organization). */
function describeItem(item: { id: string } | undefined): { title: string; who: string } {
  const r = (item ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : '');
  return { title: text('title') || text('name'), who: text('ownerName') || text('enterpriseName') || [text('typeLabel'), text('regionName')].filter(Boolean).join(' · ') };
}

/**
 * Notifies the owner of every saved search (alert on, saved before the record appeared) whose
 * query returns the record. Matching uses only the index, i.e. the record's public fields.
 */
async function alertSavedSearches(rt: AlertsRuntime, change: PendingChange, alerting: SavedSearchRow[]): Promise<number> {
  const searches = alerting.filter((s) => s.createdAt < change.at);
  if (!searches.length) return 0;
  const item = describeItem((await publicListItems(rt.search, change.type, [change.id])).get(change.id));
  let notified = 0;
  for (const s of searches) {
    const query = presentSavedSearch(s).query;
    if (scoreRecord(rt.search, change.id, { q: query.q, type: change.type, filters: searchFiltersOf(query.filters) }) === null) continue;
    await rt.db.transaction(async (tx) => {
      const n = await notify(tx, [s.userId], {
        kind: 'saved_search',
        title: `保存的检索「${s.name}」有新的${TYPE_LABELS[change.type]}`,
        body: item.who ? `${item.title}（${item.who}）` : item.title,
        link: recordLink(change.type, change.id, item.title),
        entityType: change.type,
        entityId: change.id,
        dedupeKey: `saved-search:${s.id}:${change.id}`,
        email: true,
      });
      if (n > 0) await sq.touchLastAlert(tx, s.id, new Date());
      notified += n;
    });
  }
  return notified;
}

// ---------- demands matching a new achievement ----------

export interface DemandAlertCandidate {
  demandId: string;
  enterpriseOrganizationId: string;
  title: string;
  score: number;
  components: ComponentScore[];
}

/**
 * Open demands (published, claimed, docking) a searchable achievement matches with at least
 * {@link DEMAND_ALERT_MIN_SCORE}, best first, at most {@link MAX_DEMAND_ALERTS_PER_ACHIEVEMENT}.
 * Candidates are the {@link DEMAND_ALERT_CANDIDATES} demands whose public text is most relevant to
 * the achievement's; each is then scored with the components and weights of its recommendations
 * page, the text component taken by {@link textRelevance} (never above the page's), with the index
 * asked about the new achievement alone (scoreRecord) rather than for a ranked list.
 */
export async function demandsToAlert(rt: SearchRuntime, db: Db, achievementId: string): Promise<DemandAlertCandidate[]> {
  const a = await mq.selectAchievement(db, achievementId);
  if (a?.status !== 'published') return [];
  const aText = [a.title, a.keywords.join(' '), a.abstract].filter((s) => s.trim()).join('\n');
  const candidates = await candidatesFor(rt, aText, 'demand', DEMAND_ALERT_CANDIDATES);
  const open = await mq.selectOpenDemands(db, candidates.map((c) => c.id));
  if (!open.length) return [];
  const { weights } = await weightsInForce(db);
  const conversions = await mq.selectOwnerConversions(db, [a.ownerOrganizationId]);
  const features = {
    keyField: a.keyField,
    industry: a.industry,
    trl: a.trl,
    cooperationModes: a.cooperationModes,
    pricingMode: a.pricingMode,
    priceFen: a.priceFen,
    regionCode: a.regionCode,
    ownerConversions: conversions.get(a.ownerOrganizationId) ?? 0,
  };
  const out: DemandAlertCandidate[] = [];
  for (const d of open) {
    const text = demandText(d);
    const own = scoreRecord(rt, a.id, { q: text, type: 'achievement', filters: {} }) ?? 0;
    const m = scoreMatch(demandFeaturesOf(d), features, await textRelevance(rt, d.id, text, own), weights, LABELS);
    if (m.score >= DEMAND_ALERT_MIN_SCORE) {
      out.push({ demandId: d.id, enterpriseOrganizationId: d.enterpriseOrganizationId, title: d.title, score: m.score, components: m.components });
    }
  }
  return out.sort((x, y) => y.score - x.score).slice(0, MAX_DEMAND_ALERTS_PER_ACHIEVEMENT);
}

/**
 * The achievement's text relevance for a demand: its score for the demand's text over the better
 * of the best achievement's score (as on the recommendations page, where the best text match is 1)
 * and {@link SELF_REFERENCE_SHARE} of the demand's own public text's score (what a record saying
 * what the demand says would score). The second keeps a weak match weak when every achievement
 * matches the demand weakly: the page's relative score would still call the best of them a perfect
 * text match, which is fine for ranking but not for sending an e-mail.
 */
async function textRelevance(rt: SearchRuntime, demandId: string, text: string, own: number): Promise<number> {
  if (own <= 0) return 0;
  const best = (await candidatesFor(rt, text, 'achievement', 1))[0]?.score ?? 0;
  const self = scoreRecord(rt, demandId, { q: text, type: 'demand', filters: {} }) ?? 0;
  const reference = Math.max(best, SELF_REFERENCE_SHARE * self, own);
  return own / reference;
}

/** Notifies the members of each enterprise whose open demand the new achievement matches. */
async function alertDemands(rt: AlertsRuntime, achievementId: string): Promise<number> {
  const matches = await demandsToAlert(rt.search, rt.db, achievementId);
  if (!matches.length) return 0;
  const item = describeItem((await publicListItems(rt.search, 'achievement', [achievementId])).get(achievementId));
  let notified = 0;
  for (const m of matches) {
    const reasons = [...m.components]
      .sort((x, y) => y.contribution - x.contribution)
      .slice(0, 3)
      .map((c) => c.reason);
    await rt.db.transaction(async (tx) => {
      notified += await notifyOrganization(tx, m.enterpriseOrganizationId, {
        kind: 'match_alert',
        title: `您的需求「${m.title}」有新的匹配成果`,
        body: `新发布的成果「${item.title}」${item.who ? `（${item.who}）` : ''}与需求的匹配度为 ${Math.round(m.score * 100)}%：${reasons.join('；')}。`,
        link: `/demands/${m.demandId}`,
        entityType: 'demand',
        entityId: m.demandId,
        dedupeKey: `match-alert:${achievementId}:${m.demandId}`,
        email: true,
      });
    });
  }
  return notified;
}
