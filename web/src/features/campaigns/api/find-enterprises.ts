import { apiRequest } from '../../../lib/api-client.js';
import type { SearchResponse } from '../../search/types.js';

export interface EnterpriseOption {
  id: string;
  name: string;
  regionCode: string;
  regionName: string | null;
}

function asEnterprise(record: unknown): EnterpriseOption | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as Record<string, unknown>;
  if (r.type !== 'enterprise' || typeof r.id !== 'string' || typeof r.name !== 'string' || typeof r.regionCode !== 'string') return undefined;
  return { id: r.id, name: r.name, regionCode: r.regionCode, regionName: typeof r.regionName === 'string' ? r.regionName : null };
}

/**
 * Registered enterprises by name: GET /api/search?type=organization (verified organizations, public
 * parts only), keeping the enterprises. `region` narrows to a city (GB/T 2260 code).
 */
export async function findEnterprises(q: string, signal?: AbortSignal): Promise<EnterpriseOption[]> {
  const res = await apiRequest<SearchResponse>('/api/search', { query: { type: 'organization', q, pageSize: 30 }, signal });
  return res.items.flatMap((hit) => {
    const e = asEnterprise(hit.record);
    return e ? [e] : [];
  });
}
