/** Public door of the collection module (采集汇交: templates, bulk uploads, import jobs, error reports). */
export { registerCollectionRoutes, type CollectionDeps, UPLOAD_BODY_LIMIT } from './collection.routes.js';
export type { CollectionOptions, CollectionRuntime } from './collection.service.js';
export type { ColumnKind, ColumnSpec, RecordKind, RecordKinds, RowError } from './collection.types.js';
export { importErrors, importJobs } from './collection.tables.js';
export { buildTemplate } from './template.js';
export { describeRowError, parseUpload, type ParsedRow, UploadFileError, type UploadFormat } from './parse.js';
