import { type Actor, govRegions, hasRole, type RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';
import { forbidden } from '../../platform/errors.js';
import { type AuditFilter, type AuditRow, insertAudit, iterateAudit, listAudit, maxAuditId, selectChangesSince } from './audit.queries.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
}

// Secrets never enter the audit log; personal contact data is masked.
const SECRET_KEYS = new Set(['passwordHash', 'password', 'tokenHash', 'csrfToken', 'token']);
const CONTACT_KEYS = new Set(['mobile', 'contactPhone', 'email', 'contactEmail']);

export function maskContact(value: string): string {
  if (value.includes('@')) {
    const [name = '', domain = ''] = value.split('@');
    return `${name.slice(0, 1)}***@${domain}`;
  }
  return value.length > 4 ? `${value.slice(0, 3)}****${value.slice(-2)}` : '****';
}

export function sanitizeForAudit(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sanitizeForAudit);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEYS.has(k)) continue;
      out[k] = CONTACT_KEYS.has(k) && typeof v === 'string' && v ? maskContact(v) : sanitizeForAudit(v);
    }
    return out;
  }
  return value;
}

/**
 * Appends one entry. Call it inside the same transaction as the change it records, so a change
 * is never committed without its audit entry.
 */
export async function recordAudit(db: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await insertAudit(db, {
    actorUserId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.name ?? null,
    actorOrganizationId: ctx.actor?.organizationId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    regionCode: entry.regionCode ?? null,
    before: sanitizeForAudit(entry.before),
    after: sanitizeForAudit(entry.after),
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
}

/** Who reads the audit log: operators all of it, a gov_admin its region's. */
export function auditScopeOf(actor: Actor): string[] | null {
  if (hasRole(actor, 'operator')) return null;
  const regions = govRegions(actor);
  if (regions.length === 0) throw forbidden('只有平台运营方和科技管理部门可以查看审计日志');
  return regions;
}

export async function listAuditEntries(
  db: Db,
  actor: Actor,
  filter: Omit<AuditFilter, 'regionScopes'>,
  page: number,
  pageSize: number,
) {
  const { items, total } = await listAudit(db, { ...filter, regionScopes: auditScopeOf(actor) }, page, pageSize);
  return { items: items.map(presentAudit), total, page, pageSize };
}

export function presentAudit(r: AuditRow) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorUserId: r.actorUserId,
    actorName: r.actorName,
    actorOrganizationId: r.actorOrganizationId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    regionCode: r.regionCode,
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId,
    ip: r.ip,
  };
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // Quote everything; neutralize spreadsheet formulas (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

const CSV_HEADER = ['时间(UTC)', '操作人ID', '操作人', '操作人机构', '操作', '对象类型', '对象ID', '地区', '变更前', '变更后', '请求编号', 'IP'];

/** CSV with a UTF-8 BOM so Excel opens the Chinese correctly. */
export async function* exportAuditCsv(db: Db, actor: Actor, filter: Omit<AuditFilter, 'regionScopes'>) {
  const scoped = { ...filter, regionScopes: auditScopeOf(actor) };
  yield `\uFEFF${CSV_HEADER.map(csvCell).join(',')}\r\n`;
  for await (const rows of iterateAudit(db, scoped)) {
    yield rows
      .map((r) =>
        [r.at.toISOString(), r.actorUserId, r.actorName, r.actorOrganizationId, r.action, r.entityType, r.entityId, r.regionCode, r.before, r.after, r.requestId, r.ip]
          .map(csvCell)
          .join(','),
      )
      .join('\r\n')
      .concat('\r\n');
  }
}

/** Entries {@link changesSince} returns at most by default (a caller that gets this many reads on). */
export const CHANGES_PAGE = 5000;

/** Changes to some entity types since a position in the log: how other modules follow writes. */
export async function changesSince(db: Db, afterId: number, entityTypes: string[], opts: { lateWindowMs?: number; limit?: number } = {}) {
  return selectChangesSince(db, afterId, entityTypes, opts.lateWindowMs ?? 5000, opts.limit ?? CHANGES_PAGE);
}

export { maxAuditId };
