import type { Actor, RequestContext } from '../../platform/auth.js';
import type { Db } from '../../platform/db.js';

/**
 * The contract between the bulk-collection machinery (采集汇交) and a module that accepts bulk
 * uploads of its records (achievements, later demands). The machinery owns files, templates,
 * parsing, jobs and error reports; a record kind owns its columns, its validation and its writes.
 */

/** How a cell is read and converted before it reaches `RecordKind.toInput`. */
export type ColumnKind = 'text' | 'longtext' | 'integer' | 'decimal' | 'money' | 'date' | 'enum' | 'multi_enum' | 'list' | 'boolean';

export interface ColumnSpec {
  /** Field key in the record input, e.g. 'title', 'keywords'. */
  key: string;
  /** Chinese header in the template, e.g. '成果名称'. */
  header: string;
  kind: ColumnKind;
  required?: boolean;
  /** enum / multi_enum: users pick labels (dropdown); the input receives values. */
  options?: readonly { value: string; label: string }[];
  /** Characters (code points); for `list`, the limit of each item. */
  maxLength?: number;
  /** Explanation on the instructions sheet. */
  help?: string;
  example?: string;
}

/** One problem in one row of an upload. `column` is the header (Chinese), not the key. */
export interface RowError {
  column: string;
  value: string;
  message: string;
}

export interface RecordKind<TInput> {
  /** URL segment, e.g. 'achievement'. */
  name: string;
  /** Chinese name, e.g. '科技成果'; also the name of the template's data sheet. */
  label: string;
  columns: readonly ColumnSpec[];
  /** Documented limit of data rows in one file (e.g. 100_000). */
  maxRows: number;
  /**
   * Cells are already converted per ColumnKind (text→string, integer/decimal→number, money→fen
   * integer, date→'YYYY-MM-DD', enum→value, multi_enum/list→string[], boolean→boolean); undefined
   * when empty. Returns the validated input or errors keyed by column key. Must be pure: the
   * machinery calls it again for the same row (validation pass, import pass, error report).
   */
  toInput(cells: Record<string, unknown>): { ok: true; value: TInput } | { ok: false; errors: { key: string; message: string }[] };
  /**
   * Optional checks that need the database (a reference to another record, a rule that depends on
   * who uploads), which `toInput` cannot make because it is pure. Called during the validation pass
   * with batches of inputs that passed `toInput`; returns, per input in order, its errors keyed by
   * column key (an empty array when the row is fine). Reads only. A row with errors counts as
   * invalid like any other: it is stored in the error report and skipped by the import pass, and
   * in all_or_nothing mode nothing is written.
   */
  checkBatch?(db: Db, ctx: RequestContext, inputs: TInput[]): Promise<{ key: string; message: string }[][]>;
  /**
   * Writes a batch of valid inputs inside one transaction (`db` is that transaction); reports per
   * input whether it was created or already existed (duplicate). Records belong to the uploader's
   * organization unless the kind's rows name their owner (checked in `checkBatch`). `jobId` is the
   * import job, for the records' provenance.
   */
  importBatch(db: Db, ctx: RequestContext, inputs: TInput[], options: { asDraft: boolean; jobId: string }): Promise<('created' | 'duplicate')[]>;
  /**
   * Optional: who may upload this kind — null when the actor may, else the reason shown with the
   * 403. Without it the machinery's rule applies: the operator, or an org_admin / org_member of a
   * verified organization. The uploader must belong to an organization either way (jobs are kept
   * per organization).
   */
  importRefusal?(db: Db, actor: Actor): Promise<string | null>;
}

/**
 * The kinds a server accepts, by URL name. Method-style members make `RecordKind<Achievement>`
 * assignable to `RecordKind<unknown>`, so modules register their kinds without casts.
 */
export type RecordKinds = Readonly<Record<string, RecordKind<unknown>>>;
