import { toQueryString } from '../../../lib/api-client.js';
import type { AuditFilters } from '../types.js';

/**
 * GET /api/audit/export.csv with the same filters as the table. The browser downloads it through
 * a plain link (the session cookie goes along; a GET needs no CSRF token), so there is no fetcher.
 */
export function auditExportUrl(filters: AuditFilters): string {
  return `/api/audit/export.csv${toQueryString({ ...filters })}`;
}
