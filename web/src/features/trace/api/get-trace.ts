import { apiRequest } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { Trace, TraceKind } from '../types.js';

/** GET /api/trace/:kind/:id; a new `refreshKey` (the record's status, say) loads it again. */
export function useTrace(kind: TraceKind, id: string | undefined, refreshKey = '') {
  const url = id ? `/api/trace/${kind}/${encodeURIComponent(id)}` : null;
  return useApiQuery(url && `${url}#${refreshKey}`, (signal) => apiRequest<Trace>(url ?? '', { signal }));
}
