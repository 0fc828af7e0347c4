import type { z } from 'zod';
import type { ImportJobOutSchema } from '../../../../src/modules/collection/collection.schemas.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).

export type ImportJob = z.infer<typeof ImportJobOutSchema>;
export type ImportMode = ImportJob['mode'];
export type ImportStatus = ImportJob['status'];
export type ImportPhase = NonNullable<ImportJob['phase']>;

/** A record kind's URL name (segment of /api/collection/:kind/…): 'achievement', 'demand', …, as the server lists them. */
export type CollectionKind = string;

/** GET /api/collection/kinds: a kind the caller may upload, with its Chinese name. */
export interface CollectionKindInfo {
  name: CollectionKind;
  label: string;
}
