import type { publicStats } from '../../../../src/modules/accounts/accounts.service.js';

// GET /api/public/stats has no exported schema yet; the service's return type is what the route
// validates against, so it is the next best source (type-only import).

/** Live counts for the public home page; `byType` counts verified organizations per type. */
export type PublicStats = Awaited<ReturnType<typeof publicStats>>;
