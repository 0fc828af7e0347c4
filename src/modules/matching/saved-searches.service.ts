import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import type { SearchFilterParams } from '../search/index.js';
import * as q from './saved-searches.queries.js';
import type { SavedSearchRow } from './saved-searches.queries.js';
import type { CreateSavedSearchInput, SavedQuery, SavedSearchFilters, SavedSearchOut, SavedSearchType, UpdateSavedSearchInput } from './saved-searches.schemas.js';

/** Saved searches one user may keep: enough for real use, a bound on the work of every alert round. */
export const MAX_SAVED_SEARCHES_PER_USER = 50;

export interface SavedSearchesDeps {
  db: Db;
}

type SignedIn = RequestContext & { actor: Actor };

/** A stored query as the API shows it (flags 'true' / 'false', numbers for TRL). */
function queryOf(row: SavedSearchRow): SavedSearchOut['query'] {
  const stored = row.query as { q?: unknown; type?: unknown; filters?: unknown };
  const filters: Record<string, string | number> = {};
  for (const [k, v] of Object.entries((stored.filters ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') filters[k] = v;
  }
  return { q: typeof stored.q === 'string' ? stored.q : '', type: stored.type as SavedSearchType, filters };
}

export function presentSavedSearch(row: SavedSearchRow): SavedSearchOut {
  return {
    id: row.id,
    name: row.name,
    query: queryOf(row),
    alert: row.alert === 'off' ? 'off' : 'on',
    lastAlertAt: row.lastAlertAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The stored filters as the search module applies them (flags back to booleans). */
export function searchFiltersOf(filters: SavedSearchFilters | Record<string, string | number>): SearchFilterParams {
  const f = filters as Record<string, string | number | undefined>;
  const text = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
  const num = (k: string) => (typeof f[k] === 'number' ? (f[k] as number) : undefined);
  const flag = (k: string) => (f[k] === 'true' ? true : f[k] === 'false' ? false : undefined);
  const out: SearchFilterParams = {};
  const set = <K extends keyof SearchFilterParams>(k: K, v: SearchFilterParams[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('keyField', text('keyField'));
  set('industry', text('industry'));
  set('region', text('region'));
  set('city', text('city'));
  set('trlMin', num('trlMin'));
  set('trlMax', num('trlMax'));
  set('stage', text('stage'));
  set('achievementType', text('achievementType'));
  set('cooperationMode', text('cooperationMode'));
  set('demandType', text('demandType'));
  set('priceBand', text('priceBand'));
  set('fiscal', flag('fiscal'));
  set('selected', flag('selected'));
  return out;
}

const storedQuery = (query: SavedQuery) => ({ q: query.q, type: query.type, filters: query.filters as Record<string, unknown> });

/** The caller's own saved searches, newest first (all of them: at most {@link MAX_SAVED_SEARCHES_PER_USER}). */
export async function listSavedSearches(deps: SavedSearchesDeps, actor: Actor) {
  const rows = await q.listOwn(deps.db, actor.userId);
  return { items: rows.map(presentSavedSearch), limit: MAX_SAVED_SEARCHES_PER_USER };
}

/** Saves a search for the caller. 400 for a name already used, 409 beyond the limit. */
export async function createSavedSearch(deps: SavedSearchesDeps, ctx: SignedIn, input: CreateSavedSearchInput) {
  const userId = ctx.actor.userId;
  return deps.db.transaction(async (tx) => {
    await q.lockUser(tx, userId);
    if ((await q.countOwn(tx, userId)) >= MAX_SAVED_SEARCHES_PER_USER) {
      throw new AppError('invalid_state', `最多保存 ${MAX_SAVED_SEARCHES_PER_USER} 条检索，请先删除不再需要的`);
    }
    if (await q.nameTaken(tx, userId, input.name)) throw fieldError('name', '已有同名的保存检索');
    const row = await q.insertSavedSearch(tx, { userId, name: input.name, query: storedQuery(input.query), alert: input.alert });
    await recordAudit(tx, ctx, {
      action: 'saved_search.created',
      entityType: 'saved_search',
      entityId: row.id,
      regionCode: ctx.actor.organizationRegionCode,
      after: { name: row.name, query: row.query, alert: row.alert },
    });
    return presentSavedSearch(row);
  });
}

/** Renames, changes the query or switches the alert of one's own saved search (404 for anyone else's). */
export async function updateSavedSearch(deps: SavedSearchesDeps, ctx: SignedIn, id: string, input: UpdateSavedSearchInput) {
  const userId = ctx.actor.userId;
  return deps.db.transaction(async (tx) => {
    await q.lockUser(tx, userId);
    const before = await q.selectOwnForUpdate(tx, userId, id);
    if (!before) throw notFound('保存的检索');
    if (input.name !== undefined && (await q.nameTaken(tx, userId, input.name, id))) throw fieldError('name', '已有同名的保存检索');
    const after = await q.updateOwn(tx, userId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.query !== undefined ? { query: storedQuery(input.query) } : {}),
      ...(input.alert !== undefined ? { alert: input.alert } : {}),
      updatedAt: new Date(),
    });
    if (!after) throw notFound('保存的检索');
    await recordAudit(tx, ctx, {
      action: 'saved_search.updated',
      entityType: 'saved_search',
      entityId: id,
      regionCode: ctx.actor.organizationRegionCode,
      before: { name: before.name, query: before.query, alert: before.alert },
      after: { name: after.name, query: after.query, alert: after.alert },
    });
    return presentSavedSearch(after);
  });
}

/** Deletes one's own saved search (404 for anyone else's). */
export async function deleteSavedSearch(deps: SavedSearchesDeps, ctx: SignedIn, id: string): Promise<void> {
  const userId = ctx.actor.userId;
  await deps.db.transaction(async (tx) => {
    const row = await q.deleteOwn(tx, userId, id);
    if (!row) throw notFound('保存的检索');
    await recordAudit(tx, ctx, {
      action: 'saved_search.deleted',
      entityType: 'saved_search',
      entityId: id,
      regionCode: ctx.actor.organizationRegionCode,
      before: { name: row.name, query: row.query, alert: row.alert },
    });
  });
}
