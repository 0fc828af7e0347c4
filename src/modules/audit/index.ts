/** Public door of the audit module (审计日志). */
export { registerAuditRoutes } from './audit.routes.js';
export { type AuditEntry, CHANGES_PAGE, changesSince, maxAuditId, recordAudit, sanitizeForAudit } from './audit.service.js';
export { auditLog } from './audit.tables.js';
