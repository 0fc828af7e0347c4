import type { FieldPath } from '../../lib/form-errors.js';
import type { AchievementData } from './codes.js';
import { fenToYuanString } from './codes.js';
import { priceInputValue } from './format.js';
import type { AchievementDetail, CreateAchievementInput, UpdateAchievementInput } from './types.js';

type Fields = Required<UpdateAchievementInput>;
type IpItem = Fields['ipItems'][number];
type Owner = Fields['owners'][number];
type TeamMember = Fields['team'][number];

/** Partial rows: what the dynamic lists hold while the user is still filling them in. */
export type IpItemRow = Partial<IpItem>;
export type OwnerRow = Partial<Owner>;
export type TeamRow = Partial<TeamMember>;

/** The edit form's values. Selects may be empty while editing; the price is the typed string. */
export interface AchievementFormValues {
  title?: string;
  type?: NonNullable<Fields['type']>;
  attribute?: NonNullable<Fields['attribute']>;
  keyField?: NonNullable<Fields['keyField']>;
  industry?: NonNullable<Fields['industry']>;
  keywords?: string[];
  abstract?: string;
  innovationPoints?: string;
  indicators?: string;
  applicationScenarios?: string;
  trl?: number;
  stage?: NonNullable<Fields['stage']>;
  ipItems?: IpItemRow[];
  owners?: OwnerRow[];
  team?: TeamRow[];
  cooperationModes?: Fields['cooperationModes'];
  pricingMode?: Fields['pricingMode'];
  price?: string;
  isFiscallyFunded?: boolean;
  fundingProgramme?: string;
  fundingProjectNumber?: string;
  isDualUse?: boolean;
  disclosureTier?: Fields['disclosureTier'];
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** The values of a new record: the caller's organization owns it in full until told otherwise. */
export function newFormValues(organization: { id: string; name: string } | null | undefined): AchievementFormValues {
  return {
    keywords: [],
    ipItems: [],
    owners: organization ? [{ organizationId: organization.id, name: organization.name, share: 100 }] : [],
    team: [],
    cooperationModes: [],
    pricingMode: 'negotiable',
    isFiscallyFunded: false,
    isDualUse: false,
    disclosureTier: 'public',
  };
}

/** Form values from stored data (a pending revision holds this shape, with the price in fen). */
function fromData(data: AchievementData): AchievementFormValues {
  return {
    title: data.title,
    type: orUndefined(data.type) as AchievementFormValues['type'],
    attribute: orUndefined(data.attribute) as AchievementFormValues['attribute'],
    keyField: orUndefined(data.keyField) as AchievementFormValues['keyField'],
    industry: orUndefined(data.industry) as AchievementFormValues['industry'],
    keywords: data.keywords ?? [],
    abstract: data.abstract,
    innovationPoints: data.innovationPoints,
    indicators: data.indicators,
    applicationScenarios: data.applicationScenarios,
    trl: orUndefined(data.trl),
    stage: orUndefined(data.stage) as AchievementFormValues['stage'],
    ipItems: (data.ipItems ?? []) as IpItemRow[],
    owners: data.owners ?? [],
    team: (data.team ?? []) as TeamRow[],
    cooperationModes: (data.cooperationModes ?? []) as AchievementFormValues['cooperationModes'],
    pricingMode: (data.pricingMode ?? 'negotiable') as AchievementFormValues['pricingMode'],
    price: data.priceFen === null || data.priceFen === undefined ? '' : priceInputValue(fenToYuanString(data.priceFen)),
    isFiscallyFunded: data.isFiscallyFunded,
    fundingProgramme: data.fundingProgramme ?? '',
    fundingProjectNumber: data.fundingProjectNumber ?? '',
    isDualUse: data.isDualUse,
    disclosureTier: (data.disclosureTier ?? 'public') as AchievementFormValues['disclosureTier'],
    contactName: data.contactName,
    contactPhone: data.contactPhone,
    contactEmail: data.contactEmail ?? '',
  };
}

/**
 * What the form edits: for a published record its pending revision (or, with none yet, the
 * published content, from which the first save starts one); otherwise the record itself.
 */
export function formValuesOf(detail: AchievementDetail): AchievementFormValues {
  if (detail.status === 'published' && detail.pendingRevision) {
    return fromData(detail.pendingRevision.data as unknown as AchievementData);
  }
  const contact = detail.contact.visible ? detail.contact : { name: '', phone: '', email: null };
  return {
    ...fromData({
      title: detail.title,
      type: detail.type,
      attribute: detail.attribute,
      keyField: detail.keyField,
      industry: detail.industry,
      keywords: detail.keywords,
      abstract: detail.abstract,
      innovationPoints: detail.innovationPoints ?? '',
      indicators: detail.indicators ?? '',
      applicationScenarios: detail.applicationScenarios ?? '',
      trl: detail.trl,
      stage: detail.stage,
      ipItems: detail.ipItems ?? [],
      owners: detail.owners,
      team: detail.team ?? [],
      contactName: contact.name,
      contactPhone: contact.phone,
      contactEmail: contact.email,
      cooperationModes: detail.cooperationModes,
      pricingMode: detail.pricingMode,
      priceFen: null,
      fundingProgramme: detail.fundingProgramme,
      fundingProjectNumber: detail.fundingProjectNumber,
      isFiscallyFunded: detail.isFiscallyFunded,
      isDualUse: detail.isDualUse,
      disclosureTier: detail.disclosureTier,
    }),
    // The API already sends the price as an exact decimal string.
    price: priceInputValue(detail.price),
  };
}

const text = (value: string | undefined) => (value ?? '').trim();
const textOrNull = (value: string | undefined) => text(value) || null;
const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Rows left completely empty (just added with 添加) are not sent, so autosave does not fail on
 * them; `indexes[i]` is the form row of the i-th row sent, to put the server's `ipItems.0.number`
 * on the right input.
 */
function keepRows<R extends object, T>(rows: R[] | undefined, filled: (row: R) => boolean, convert: (row: R) => T) {
  const out: T[] = [];
  const indexes: number[] = [];
  (rows ?? []).forEach((row, index) => {
    if (!row || !filled(row)) return;
    out.push(convert(row));
    indexes.push(index);
  });
  return { out, indexes };
}

export interface RowIndexes {
  ipItems: number[];
  owners: number[];
  team: number[];
}

/** The PATCH body for the whole form, and how its list rows map back to the form's rows. */
export function toPatch(values: AchievementFormValues): { patch: UpdateAchievementInput; indexes: RowIndexes } {
  const ipItems = keepRows(
    values.ipItems,
    (row: IpItemRow) => !isBlank(row.number) || !isBlank(row.title),
    (row): IpItem => ({
      type: row.type as IpItem['type'],
      number: text(row.number),
      status: row.status as IpItem['status'],
      ...(text(row.title) ? { title: text(row.title) } : {}),
    }),
  );
  const owners = keepRows(
    values.owners,
    (row: OwnerRow) => !isBlank(row.name) || !isBlank(row.share),
    (row): Owner => ({
      ...(row.organizationId ? { organizationId: row.organizationId } : {}),
      name: text(row.name),
      share: row.share as number,
    }),
  );
  const team = keepRows(
    values.team,
    (row: TeamRow) => !isBlank(row.name) || !isBlank(row.contribution) || !isBlank(row.title),
    (row): TeamMember => ({
      name: text(row.name),
      role: row.role as TeamMember['role'],
      contribution: row.contribution as number,
      ...(text(row.title) ? { title: text(row.title) } : {}),
    }),
  );
  const pricingMode = values.pricingMode ?? 'negotiable';
  const title = text(values.title);
  const patch: UpdateAchievementInput = {
    // An emptied title is not sent: the rest still saves, and the form marks the title.
    ...(title ? { title } : {}),
    type: values.type ?? null,
    attribute: values.attribute ?? null,
    keyField: values.keyField ?? null,
    industry: values.industry ?? null,
    keywords: [...new Set((values.keywords ?? []).map((keyword) => keyword.trim()).filter(Boolean))],
    abstract: text(values.abstract),
    innovationPoints: text(values.innovationPoints),
    indicators: text(values.indicators),
    applicationScenarios: text(values.applicationScenarios),
    trl: values.trl ?? null,
    stage: values.stage ?? null,
    ipItems: ipItems.out,
    owners: owners.out,
    team: team.out,
    cooperationModes: values.cooperationModes ?? [],
    pricingMode,
    price: pricingMode === 'negotiable' ? null : textOrNull(values.price),
    isFiscallyFunded: values.isFiscallyFunded === true,
    fundingProgramme: textOrNull(values.fundingProgramme),
    fundingProjectNumber: textOrNull(values.fundingProjectNumber),
    isDualUse: values.isDualUse === true,
    disclosureTier: values.disclosureTier ?? 'public',
    contactName: text(values.contactName),
    contactPhone: text(values.contactPhone),
    contactEmail: textOrNull(values.contactEmail),
  };
  return { patch, indexes: { ipItems: ipItems.indexes, owners: owners.indexes, team: team.indexes } };
}

/** The POST body creating a record from the form (the title is required). */
export function toCreateInput(patch: UpdateAchievementInput, title: string): CreateAchievementInput {
  return { ...patch, title };
}

/**
 * The form field of a server error path: list rows through `indexes`, `priceFen` (the stored name
 * of the price) as `price`. Unknown paths give undefined (shown in the summary only).
 */
export function formPathOf(path: string, indexes: RowIndexes): FieldPath | undefined {
  const parts = path.split('.');
  const [root, index, ...rest] = parts;
  if (root === undefined) return undefined;
  if (root === 'priceFen') return ['price'];
  if ((root === 'ipItems' || root === 'owners' || root === 'team') && index !== undefined && /^\d+$/.test(index)) {
    const row = indexes[root][Number(index)];
    if (row === undefined) return [root];
    return rest.length ? [root, row, ...rest] : [root, row];
  }
  return [root];
}
