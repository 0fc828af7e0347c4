import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';

/** Request and response schemas of the auctions module (网上拍卖会). Requests are strict. */

export const IdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });

const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);
/** Yuan as typed ("1,200,000.50", "120万"); exact to the fen. */
const money = z.string().max(40, '金额过长');

export const CreateSessionSchema = z.strictObject({
  title: text('专场名称', 200),
  kind: z.enum(['industry', 'region'], '请选择专场类型'),
  /** Industry code (GB/T 4754 门类) for an industry session. */
  industry: z.string().max(8).optional(),
  /** Region code for a region session. */
  regionCode: z.string().regex(/^\d{6}$/, '地区代码应为 6 位数字').optional(),
  description: z.string().trim().max(4000, '专场介绍不能超过 4000 字').optional(),
});
export type CreateSession = z.infer<typeof CreateSessionSchema>;

export const CreateLotSchema = z.strictObject({
  achievementId: z.uuid('请选择拍卖的成果'),
  startPrice: money,
  increment: money,
  /** 保留价: hidden from bidders; empty = no reserve. */
  reserve: money.optional(),
  deposit: money,
  startsAt: z.iso.datetime({ offset: true, message: '开拍时间格式不正确' }),
  freeMinutes: z.number().int('自由竞价期须为整数分钟'),
  delayMinutes: z.number().int('限时竞价周期须为整数分钟'),
  latestEndAt: z.iso.datetime({ offset: true, message: '最晚结束时间格式不正确' }).optional(),
});
export type CreateLot = z.infer<typeof CreateLotSchema>;

export const PlaceBidSchema = z.strictObject({
  amount: money,
  /** The client's retry key: the same key again returns the first result and applies nothing. */
  idempotencyKey: z.string().trim().min(8, '幂等键至少 8 个字符').max(100, '幂等键不能超过 100 个字符'),
  /** Accepted and ignored: the server clock decides. */
  clientTime: z.string().max(64).optional(),
});
export type PlaceBid = z.infer<typeof PlaceBidSchema>;

export const ReasonSchema = z.strictObject({ reason: text('理由', 1000) });
export const ReferenceSchema = z.strictObject({ paymentReference: text('付款凭证号', 200) });
export const RefundSchema = z.strictObject({ refundReference: text('退款凭证号', 200) });

export const SessionListQuerySchema = PageQuerySchema.extend({ phase: z.enum(['upcoming', 'live', 'closed']).optional() }).strict();
export const DepositQuerySchema = PageQuerySchema.extend({ status: z.enum(['pending', 'released']).default('pending') }).strict();
export const LedgerQuerySchema = z.strictObject({ afterSeq: z.coerce.number().int().min(0).default(0) });
export const EventsQuerySchema = z.strictObject({ lastEventId: z.coerce.number().int().min(0).optional() });

const Org = z.object({ id: z.string(), name: z.string() });

export const LedgerEntrySchema = z.object({
  seq: z.number().int(),
  kind: z.string(),
  paddle: z.number().int().nullable(),
  amountFen: z.number().int().nullable(),
  at: z.string(),
  atMs: z.number().int(),
  endsAtMs: z.number().int(),
  extended: z.boolean(),
  note: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

export const MyBidderSchema = z.object({
  id: z.string(),
  depositStatus: z.string(),
  depositStatusLabel: z.string(),
  paddle: z.number().int().nullable(),
  suspended: z.boolean(),
  refundDueOn: z.string().nullable(),
});

export const ResultOutSchema = z.object({
  id: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  paddle: z.number().int(),
  priceFen: z.number().int(),
  price: z.string(),
  confirmationNumber: z.string(),
  noticeStart: z.string(),
  noticeEnd: z.string(),
  contractId: z.string().nullable(),
  /** The buyer: the parties and the operator only (null for others). */
  buyer: Org.nullable(),
});

export const LotOutSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  achievementId: z.string(),
  title: z.string(),
  owner: Org,
  regionCode: z.string(),
  startPriceFen: z.number().int(),
  incrementFen: z.number().int(),
  depositFen: z.number().int(),
  /** Only for the operator. */
  reserveFen: z.number().int().nullable(),
  startsAt: z.string(),
  freeEndsAt: z.string(),
  delayMinutes: z.number().int(),
  latestEndAt: z.string().nullable(),
  status: z.string(),
  phase: z.string(),
  phaseLabel: z.string(),
  pauseReason: z.string().nullable(),
  priceFen: z.number().int().nullable(),
  leaderPaddle: z.number().int().nullable(),
  minimumBidFen: z.number().int(),
  endsAt: z.string(),
  endsAtMs: z.number().int(),
  serverNowMs: z.number().int(),
  bidCount: z.number().int(),
  extensions: z.number().int(),
  lastSeq: z.number().int(),
  result: z.string().nullable(),
  resultLabel: z.string().nullable(),
  closedAt: z.string().nullable(),
  allowedActions: z.array(z.string()),
});
export type LotOut = z.infer<typeof LotOutSchema>;

export const LotDetailSchema = LotOutSchema.extend({
  session: z.object({ id: z.string(), title: z.string(), kind: z.string() }),
  /** The latest accepted bids, newest first (paddles only). */
  history: z.array(z.object({ seq: z.number().int(), paddle: z.number().int(), amountFen: z.number().int(), at: z.string(), extended: z.boolean() })),
  myBidder: MyBidderSchema.nullable(),
  dealResult: ResultOutSchema.nullable(),
});
export type LotDetail = z.infer<typeof LotDetailSchema>;

export const SessionOutSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  industry: z.string().nullable(),
  regionCode: z.string().nullable(),
  description: z.string(),
  phase: z.string(),
  phaseLabel: z.string(),
  firstStart: z.string().nullable(),
  lastEnd: z.string().nullable(),
  lotCount: z.number().int(),
  lots: z.array(LotOutSchema),
});
export const SessionPageSchema = pageOf(SessionOutSchema);

export const BidderOutSchema = z.object({
  id: z.string(),
  lotId: z.string(),
  lotTitle: z.string(),
  organization: Org,
  depositFen: z.number().int(),
  depositStatus: z.string(),
  depositStatusLabel: z.string(),
  paymentReference: z.string().nullable(),
  paddle: z.number().int().nullable(),
  refundDueOn: z.string().nullable(),
  refundedAt: z.string().nullable(),
  refundReference: z.string().nullable(),
  isRefundOverdue: z.boolean(),
  suspended: z.boolean(),
  suspendedReason: z.string().nullable(),
  createdAt: z.string(),
});
export const BidderPageSchema = pageOf(BidderOutSchema);

export const RegistrationOutSchema = z.object({
  bidder: MyBidderSchema.extend({ depositFen: z.number().int(), createdAt: z.string() }),
  lot: LotOutSchema,
  /** Won: this organization holds the lot's result. */
  isWinner: z.boolean(),
});
export const RegistrationPageSchema = pageOf(RegistrationOutSchema);

export const BidResultSchema = z.object({
  accepted: z.literal(true),
  /** True when the idempotency key had been used: this is the first result again. */
  replayed: z.boolean(),
  seq: z.number().int(),
  paddle: z.number().int(),
  amountFen: z.number().int(),
  amount: z.string(),
  at: z.string(),
  endsAt: z.string(),
  extended: z.boolean(),
});
export type BidResult = z.infer<typeof BidResultSchema>;

export const VerifyOutSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  lastHash: z.string().nullable(),
  brokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
  replay: z.object({
    ok: z.boolean(),
    priceFen: z.number().int().nullable(),
    leaderPaddle: z.number().int().nullable(),
    endsAtMs: z.number().int(),
    result: z.string().nullable(),
    /** The replayed price, leader, end and result equal the stored lot. */
    matchesStored: z.boolean(),
    mismatch: z.string().nullable(),
  }),
  checkedAt: z.string(),
});
export type VerifyOut = z.infer<typeof VerifyOutSchema>;
