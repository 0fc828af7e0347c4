import type { z } from 'zod';
import type { AuditEntrySchema, AuditListQuerySchema } from '../../../../src/modules/audit/audit.schemas.js';

// From the server's zod schemas (type-only import).

export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Filters as the client sends them: dates as ISO strings, paging as numbers. */
export type AuditFilters = Omit<z.input<typeof AuditListQuerySchema>, 'page' | 'pageSize' | 'from' | 'until'> & {
  from?: string;
  until?: string;
};
