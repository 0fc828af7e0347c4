/** The subsidies module's coded lists and money helpers, shared with the server (pure files). */
export { APPLICATION_STATUSES, PROGRAMME_STATUSES, SUBSIDY_KINDS, subsidyLabelOf } from '../../../../src/modules/subsidies/subsidy-codes.js';
export { CONTRACT_TYPES, LEGAL_NATURES } from '../../../../src/modules/contracts/contract-codes.js';
export { formatFen, parseYuanToFen } from '../../../../src/platform/money.js';

export const subsidyApplicationPath = (id: string) => `/workspace/subsidies/applications/${encodeURIComponent(id)}`;
/** 申请补助 with a registered contract already chosen. */
export const applyForContractPath = (contractId: string) => `/workspace/subsidies?contractId=${encodeURIComponent(contractId)}`;

/**
 * "7.5" (percent, at most two decimals) → 750 basis points, by shifting the decimal point in the
 * string (no floating point); null when not such a number.
 */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,5})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/%$/, ''));
  if (!m) return null;
  return Number(`${m[1]}${(m[2] ?? '').padEnd(2, '0')}`);
}

/** 750 → "7.5%". */
export function bpToPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}%`;
}

/** ¥1,234.56 */
export const yuanText = (fen: number | null | undefined, format: (f: number) => string) => (fen === null || fen === undefined ? '—' : `¥${format(fen)}`);

/** A payment order's key, made once when the disbursement form opens (random; works without a secure context). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `pay-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Labels of the stored inputs shown with an application's formula. */
export const INPUT_LABELS: Record<string, string> = {
  basisDate: '基准日（决定适用版本）',
  baseLabel: '计算基数',
  baseFen: '基数金额',
  alreadyApprovedFen: '同一封顶范围已批准',
  newProductSalesFen: '新产品销售额',
  periodFrom: '销售期间起',
  periodTo: '销售期间止',
  investeeName: '被投企业',
  investmentFen: '投资额',
  investedOn: '投资日期',
  paidInCapitalFen: '实缴出资额',
  isInIncubator: '孵化器内初创企业',
};
