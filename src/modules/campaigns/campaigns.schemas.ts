/**
 * The campaigns API contract (科惠行动). Requests are strict; cross-field rules (period order, dates
 * within the period, regions inside the campaign's, referenced records existing) are checked by
 * the service with field paths.
 */
import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';
import { RegionCodeSchema } from '../regions/index.js';
import { CAMPAIGN_STATUS_VALUES } from './campaign-rules.js';

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 个字符`);
/** A calendar day, YYYY-MM-DD (Asia/Shanghai). */
const day = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}应为 YYYY-MM-DD 格式的日期`, abort: true })
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `${label}不是有效日期`);
/** Targets and counts: whole numbers from 0 to 100 000. */
const amount = (label: string) =>
  z
    .number({ error: `${label}应为整数` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(100_000, `${label}不能超过 100000`);

export const IdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });
export const EventParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确'), eventId: z.uuid('ID 格式不正确') });

export const CampaignFieldsSchema = z.strictObject({
  name: text('活动名称', 100).min(1, '请填写活动名称'),
  description: text('活动说明', 2000),
  /** Province, city or county codes; one province, none inside another. */
  regionCodes: z.array(RegionCodeSchema, { error: '请选择活动地区' }).min(1, '请至少选择一个活动地区').max(30, '活动地区最多 30 个'),
  startsOn: day('开始日期'),
  endsOn: day('结束日期'),
  /** 走访企业 target: distinct enterprises visited. */
  targetVisits: amount('走访企业目标'),
  /** 挖掘需求 target: demands collected for the campaign. */
  targetDemands: amount('挖掘需求目标'),
  /** 对接活动 target: claim-and-docking events held. */
  targetEvents: amount('对接活动目标'),
});

export const CreateCampaignSchema = CampaignFieldsSchema.extend({
  description: text('活动说明', 2000).default(''),
  targetVisits: amount('走访企业目标').default(0),
  targetDemands: amount('挖掘需求目标').default(0),
  targetEvents: amount('对接活动目标').default(0),
});
export type CreateCampaign = z.infer<typeof CreateCampaignSchema>;
export const UpdateCampaignSchema = CampaignFieldsSchema.partial().refine((v) => Object.keys(v).length > 0, '没有要保存的内容');
export type CampaignPatch = z.infer<typeof UpdateCampaignSchema>;

const personName = text('走访人员姓名', 50).min(1, '走访人员姓名不能为空');

/**
 * A visit (走访): the enterprise (a registered one by id, or by name when it is not on the platform
 * yet), where it is (defaults to the registered enterprise's region), the day, the team and notes.
 */
export const CreateVisitSchema = z.strictObject({
  enterpriseOrganizationId: z.uuid('企业 ID 格式不正确').nullish(),
  enterpriseName: text('企业名称', 100).optional(),
  regionCode: RegionCodeSchema.nullish(),
  visitedOn: day('走访日期'),
  team: z.array(personName, { error: '请填写走访人员' }).min(1, '请至少填写一名走访人员').max(20, '走访人员最多 20 人'),
  notes: text('走访记录', 2000).default(''),
});
export type CreateVisit = z.infer<typeof CreateVisitSchema>;

export const EventFieldsSchema = z.strictObject({
  title: text('活动名称', 100).min(1, '请填写对接活动名称'),
  heldOn: day('举办日期'),
  place: text('举办地点', 200).min(1, '请填写举办地点'),
  /** Defaults to the campaign's region when it has only one. */
  regionCode: RegionCodeSchema.nullish(),
  participantCount: amount('参会人数'),
  /** Organizations and representatives who came (参会单位及代表); not public. */
  participants: z.array(text('参会单位或代表', 100).min(1, '参会单位或代表不能为空')).max(200, '参会名单最多 200 项'),
  /** Demands presented (需求发布) and achievements presented (成果推介). */
  demandIds: z.array(z.uuid('需求 ID 格式不正确')).max(50, '推介需求最多 50 项'),
  achievementIds: z.array(z.uuid('成果 ID 格式不正确')).max(50, '推介成果最多 50 项'),
  /** Agreements of intent signed at the event (签约意向). */
  intentionsSigned: amount('签约意向数'),
  outcomes: text('活动成效', 4000),
});
export const CreateEventSchema = EventFieldsSchema.extend({
  participantCount: amount('参会人数').default(0),
  participants: EventFieldsSchema.shape.participants.default([]),
  demandIds: EventFieldsSchema.shape.demandIds.default([]),
  achievementIds: EventFieldsSchema.shape.achievementIds.default([]),
  intentionsSigned: amount('签约意向数').default(0),
  outcomes: text('活动成效', 4000).default(''),
});
export type CreateEvent = z.infer<typeof CreateEventSchema>;
export const UpdateEventSchema = EventFieldsSchema.partial().refine((v) => Object.keys(v).length > 0, '没有要保存的内容');
export type EventPatch = z.infer<typeof UpdateEventSchema>;

export const CampaignListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  /** Campaigns sharing ground with this region (inside it, or containing it). */
  regionCode: RegionCodeSchema.optional(),
  /** Campaigns whose period overlaps this calendar year. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** By today's date in Asia/Shanghai. */
  status: z.enum(CAMPAIGN_STATUS_VALUES, { error: '状态应为 upcoming、active 或 ended' }).optional(),
}).strict();
export type CampaignListQuery = z.infer<typeof CampaignListQuerySchema>;

export const VisitListQuerySchema = PageQuerySchema.extend({ pageSize: z.coerce.number().int().min(1).max(200).default(50) }).strict();

// ---- responses ----

const RegionRefSchema = z.object({ code: z.string(), name: z.string() });

export const CampaignActualsSchema = z.object({
  /** Visit records. */
  visits: z.number(),
  /** Distinct enterprises visited (registered ones by id, others by name): against `targets.visits`. */
  enterprisesVisited: z.number(),
  /** Demands carrying the campaign (any status): against `targets.demands`. */
  demands: z.number(),
  /** Events held (on or before today, Asia/Shanghai): against `targets.events`. */
  eventsHeld: z.number(),
  /** Events scheduled after today. */
  eventsPlanned: z.number(),
  participants: z.number(),
  intentionsSigned: z.number(),
  demandsPresented: z.number(),
  achievementsPresented: z.number(),
});

export const CampaignSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  regions: z.array(RegionRefSchema),
  scopeRegionCode: z.string(),
  scopeRegionName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(CAMPAIGN_STATUS_VALUES),
  statusLabel: z.string(),
  targets: z.object({ visits: z.number(), demands: z.number(), events: z.number() }),
  actuals: CampaignActualsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** edit, recordVisit, viewVisits, recordEvent */
  allowedActions: z.array(z.string()),
});

export const CampaignDetailSchema = CampaignSummarySchema.extend({
  /** One point per month of the period (and any month with records outside it). */
  series: z.array(z.object({ month: z.string(), visits: z.number(), demands: z.number(), events: z.number() })),
  /** Per campaign region; a single-region campaign is broken down one level further. */
  byRegion: z.array(z.object({ code: z.string(), name: z.string(), visits: z.number(), enterprisesVisited: z.number(), demands: z.number(), events: z.number() })),
});

export const VisitOutSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  enterpriseOrganizationId: z.string().nullable(),
  enterpriseName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  visitedOn: z.string(),
  team: z.array(z.string()),
  notes: z.string(),
  /** Demands recorded against this visit. */
  demandsCollected: z.number(),
  createdAt: z.string(),
  /** collectDemand (needs a registered enterprise) */
  allowedActions: z.array(z.string()),
});

const PresentedSchema = z.object({ id: z.string(), title: z.string() });

export const EventOutSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  title: z.string(),
  heldOn: z.string(),
  isHeld: z.boolean(),
  place: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  participantCount: z.number(),
  /** Null unless the caller organizes the event (operator, gov_admin of its region, its recorder). */
  participants: z.array(z.string()).nullable(),
  /** Presented records the caller may see; the rest are only counted in `hiddenPresented`. */
  demands: z.array(PresentedSchema),
  achievements: z.array(PresentedSchema),
  hiddenPresented: z.number(),
  /** Ids as stored, for the organizers' edit form (null for others). */
  demandIds: z.array(z.string()).nullable(),
  achievementIds: z.array(z.string()).nullable(),
  intentionsSigned: z.number(),
  outcomes: z.string(),
  createdAt: z.string(),
  allowedActions: z.array(z.string()),
});

export const CampaignPageSchema = pageOf(CampaignSummarySchema);
export const VisitPageSchema = pageOf(VisitOutSchema);
export type CampaignSummary = z.infer<typeof CampaignSummarySchema>;
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;
export type CampaignActuals = z.infer<typeof CampaignActualsSchema>;
export type VisitOut = z.infer<typeof VisitOutSchema>;
export type EventOut = z.infer<typeof EventOutSchema>;
