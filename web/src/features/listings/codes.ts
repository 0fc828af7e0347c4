/** The listings module's coded lists and money helpers, shared with the server (pure files). */
export { LISTING_MODES, LISTING_STATUSES, listingLabelOf, PERIOD_BOUNDS } from '../../../../src/modules/listings/listing-codes.js';
export { formatFen } from '../../../../src/platform/money.js';

/** Labels of public-log entry types. */
export const PUBLIC_LOG_TYPES: Record<string, string> = {
  publicity_notice: '挂牌公示',
  listing_published: '挂牌发布',
  objection_resolved: '异议处理结果',
  listing_withdrawn: '挂牌撤销',
  listing_expired: '挂牌到期',
  deal_concluded: '摘牌成交',
  deal_notice_ended: '成交公示期满',
};

/** /workspace/listings/new?achievementId=…: the 挂牌 form for one achievement. */
export const newListingPath = (achievementId: string) => `/workspace/listings/new?achievementId=${encodeURIComponent(achievementId)}`;
export const listingPath = (id: string) => `/listings/${encodeURIComponent(id)}`;
