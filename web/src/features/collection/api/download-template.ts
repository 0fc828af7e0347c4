import type { CollectionKind } from '../types.js';

/**
 * GET /api/collection/:kind/template.xlsx (public): the Excel template with the headers, options
 * and an example row. The browser downloads it through a plain link, so there is no fetcher.
 */
export function templateUrl(kind: CollectionKind): string {
  return `/api/collection/${encodeURIComponent(kind)}/template.xlsx`;
}
