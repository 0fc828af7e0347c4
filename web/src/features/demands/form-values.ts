import type { FieldPath } from '../../lib/form-errors.js';
import type { CreateDemandInput, DemandDetail, DemandFields, UpdateDemandInput } from './types.js';

/** The form's values: selects may be empty while editing; amounts are the typed yuan strings. */
export interface DemandFormValues {
  title?: string;
  publicSummary?: string;
  description?: string;
  indicators?: string;
  existingConditions?: string;
  keyField?: NonNullable<DemandFields['keyField']>;
  industry?: NonNullable<DemandFields['industry']>;
  keywords?: string[];
  demandType?: NonNullable<DemandFields['demandType']>;
  cooperationModes?: DemandFields['cooperationModes'];
  budgetMode?: DemandFields['budgetMode'];
  budgetMin?: string;
  budgetMax?: string;
  budgetFirm?: boolean;
  /** YYYY-MM-DD, a Beijing calendar day. */
  deadline?: string;
  regionCode?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
}

/** "500000.00" → "500000", "12.50" → "12.5": the API's exact yuan string as a user would type it. */
export function yuanInputValue(yuan: string | null | undefined): string {
  if (!yuan) return '';
  return yuan.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1');
}

/** A new demand: negotiable budget, the region and contact the form can guess. */
export function newFormValues(defaults: { regionCode?: string; contactName?: string }): DemandFormValues {
  return {
    keywords: [],
    cooperationModes: [],
    budgetMode: 'negotiable',
    budgetFirm: false,
    regionCode: defaults.regionCode,
    contactName: defaults.contactName,
  };
}

export function formValuesOf(detail: DemandDetail): DemandFormValues {
  const contact = detail.contact.visible ? detail.contact : { name: '', phone: '', email: null };
  return {
    title: detail.title,
    publicSummary: detail.publicSummary,
    description: detail.description ?? '',
    indicators: detail.indicators ?? '',
    existingConditions: detail.existingConditions ?? '',
    keyField: (detail.keyField ?? undefined) as DemandFormValues['keyField'],
    industry: (detail.industry ?? undefined) as DemandFormValues['industry'],
    keywords: detail.keywords,
    demandType: (detail.demandType ?? undefined) as DemandFormValues['demandType'],
    cooperationModes: detail.cooperationModes as DemandFormValues['cooperationModes'],
    budgetMode: detail.budgetMode as DemandFormValues['budgetMode'],
    budgetMin: yuanInputValue(detail.budgetMin),
    budgetMax: yuanInputValue(detail.budgetMax),
    budgetFirm: detail.budgetFirm,
    deadline: detail.deadline ?? undefined,
    regionCode: detail.regionCode,
    contactName: contact.name,
    contactPhone: contact.phone,
    contactEmail: contact.email ?? '',
  };
}

const text = (value: string | undefined) => (value ?? '').trim();
const textOrNull = (value: string | undefined) => text(value) || null;

/** Every field of the form as the API takes it (an emptied title or region is left out). */
export function toFields(values: DemandFormValues): UpdateDemandInput {
  const budgetMode = values.budgetMode ?? 'negotiable';
  const title = text(values.title);
  return {
    ...(title ? { title } : {}),
    publicSummary: text(values.publicSummary),
    description: text(values.description),
    indicators: text(values.indicators),
    existingConditions: text(values.existingConditions),
    keyField: values.keyField ?? null,
    industry: values.industry ?? null,
    keywords: [...new Set((values.keywords ?? []).map((keyword) => keyword.trim()).filter(Boolean))],
    demandType: values.demandType ?? null,
    cooperationModes: values.cooperationModes ?? [],
    budgetMode,
    budgetMin: budgetMode === 'range' ? textOrNull(values.budgetMin) : null,
    budgetMax: budgetMode === 'range' ? textOrNull(values.budgetMax) : null,
    budgetFirm: values.budgetFirm === true,
    deadline: values.deadline || null,
    ...(values.regionCode ? { regionCode: values.regionCode } : {}),
    contactName: text(values.contactName),
    contactPhone: text(values.contactPhone),
    contactEmail: textOrNull(values.contactEmail),
  };
}

/**
 * The fields that differ from what the server last saved: autosave sends only those, so an
 * unchanged deadline that has since passed is not re-checked on every keystroke elsewhere.
 */
export function changedFields(current: UpdateDemandInput, saved: UpdateDemandInput | undefined): UpdateDemandInput {
  if (!saved) return current;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(current)) {
    if (JSON.stringify(value) !== JSON.stringify((saved as Record<string, unknown>)[key])) out[key] = value;
  }
  return out as UpdateDemandInput;
}

/** The campaign linkage and the enterprise a poster enters the demand for (from the URL). */
export interface PostingContext {
  enterpriseOrganizationId?: string;
  campaignId?: string;
  campaignVisitId?: string;
}

export function toCreateInput(fields: UpdateDemandInput, title: string, posting: PostingContext): CreateDemandInput {
  return { ...fields, title, ...posting };
}

/** The form field of a server error path (`budgetMinFen` is the stored name of 预算下限). */
export function formPathOf(path: string): FieldPath | undefined {
  const root = path.split('.')[0];
  if (!root) return undefined;
  if (root === 'budgetMinFen') return ['budgetMin'];
  if (root === 'budgetMaxFen') return ['budgetMax'];
  if (root === 'enterpriseOrganizationId') return ['enterpriseOrganizationId'];
  return [root];
}
