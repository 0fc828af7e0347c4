import type { z } from 'zod';
import type { ImportJobOutSchema } from '../../../../src/modules/collection/collection.schemas.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).

export type ImportJob = z.infer<typeof ImportJobOutSchema>;
export type ImportMode = ImportJob['mode'];
export type ImportStatus = ImportJob['status'];
export type ImportPhase = NonNullable<ImportJob['phase']>;

/** Record kinds the web app imports (URL segment of /api/collection/:kind/…). */
export type CollectionKind = 'achievement';
