import { apiRequest, type Page, toQueryString } from '../../../lib/api-client.js';
import { useApiQuery } from '../../../lib/use-api.js';
import type { CollectionKind, ImportJob } from '../types.js';

export interface ListImportsQuery {
  kind?: CollectionKind;
  page?: number;
  pageSize?: number;
}

/** GET /api/collection/imports: the import jobs of the caller's organization (operator: all), newest first. */
export function listImports(query: ListImportsQuery, signal?: AbortSignal): Promise<Page<ImportJob>> {
  return apiRequest<Page<ImportJob>>('/api/collection/imports', { query: { ...query }, signal });
}

export function useImports(query: ListImportsQuery) {
  return useApiQuery(`/api/collection/imports${toQueryString({ ...query })}`, (signal) => listImports(query, signal));
}
