import { z } from 'zod';
import { PageQuerySchema, pageOf } from '../../platform/http/pagination.js';

export const HarvestIdParamSchema = z.strictObject({ id: z.uuid('ID 格式不正确') });
export const PROTOCOLS = ['oai-pmh', 'kehui-feed'] as const;

const setSpec = z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/, '集合格式不正确');

/** POST /api/harvest/peers */
export const CreatePeerSchema = z.strictObject({
  name: z.string().trim().min(1, '请填写平台名称').max(100, '名称最多 100 字'),
  baseUrl: z.url({ protocol: /^https?$/, error: '基础地址应为 http(s) 网址' }).max(2000),
  protocol: z.enum(PROTOCOLS, { error: '协议应为 oai-pmh 或 kehui-feed' }),
  metadataPrefix: z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9\-_.!~*'()]+$/, '元数据格式前缀不正确').default('oai_dc'),
  sets: z.array(setSpec).max(50).default([]),
  /** Minutes between scheduled harvests (15 minutes to 30 days); absent = by hand only. */
  scheduleMinutes: z.number().int().min(15, '采集间隔至少 15 分钟').max(43_200, '采集间隔最多 30 天').nullable().default(null),
  /** A bearer token, or user:password for HTTP Basic. Stored, never shown again. */
  credentials: z.string().trim().min(1).max(500).nullable().default(null),
  isActive: z.boolean().default(true),
});
export type CreatePeerInput = z.infer<typeof CreatePeerSchema>;

export const UpdatePeerSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: '基础地址应为 http(s) 网址' }).max(2000).optional(),
  metadataPrefix: z.string().trim().min(1).max(50).regex(/^[A-Za-z0-9\-_.!~*'()]+$/).optional(),
  sets: z.array(setSpec).max(50).optional(),
  scheduleMinutes: z.number().int().min(15).max(43_200).nullable().optional(),
  credentials: z.string().trim().min(1).max(500).nullable().optional(),
  isActive: z.boolean().optional(),
});
export type UpdatePeerInput = z.infer<typeof UpdatePeerSchema>;

export const HarvestNowSchema = z.strictObject({
  /** Ignore the last datestamp and harvest everything again. */
  full: z.boolean().default(false),
  /** Answer when the harvest has ended (else it runs in the background). */
  wait: z.boolean().default(false),
});

const WarningSchema = z.object({ code: z.string(), message: z.string(), identifier: z.string().optional() });

export const RunSchema = z.object({
  id: z.string(),
  peerId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  mode: z.string(),
  fromDatestamp: z.string().nullable(),
  currentSet: z.string().nullable(),
  resumptionToken: z.string().nullable(),
  pages: z.number(),
  created: z.number(),
  updated: z.number(),
  deleted: z.number(),
  unchanged: z.number(),
  warningCount: z.number(),
  warnings: z.array(WarningSchema),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  attempts: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RunOut = z.infer<typeof RunSchema>;
export const RunPageSchema = pageOf(RunSchema);
export const RunQuerySchema = PageQuerySchema.extend({ peerId: z.uuid().optional() });

export const PeerSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  protocol: z.enum(PROTOCOLS),
  metadataPrefix: z.string(),
  sets: z.array(z.string()),
  scheduleMinutes: z.number().nullable(),
  hasCredentials: z.boolean(),
  isActive: z.boolean(),
  status: z.enum(['idle', 'running', 'ok', 'failed']),
  lastDatestamp: z.string().nullable(),
  lastHarvestAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  nextHarvestAt: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  counts: z.object({ records: z.number(), deleted: z.number() }),
  createdAt: z.string(),
});
export type PeerOut = z.infer<typeof PeerSchema>;
export const PeerPageSchema = pageOf(PeerSchema);

export const RecordQuerySchema = PageQuerySchema.extend({
  peerId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  includeDeleted: z.enum(['true', 'false']).default('false'),
});

export const HarvestedRecordSchema = z.object({
  id: z.string(),
  recordType: z.string(),
  title: z.string(),
  abstract: z.string(),
  keywords: z.array(z.string()),
  creators: z.array(z.string()),
  patentNumbers: z.array(z.string()),
  fields: z.record(z.string(), z.unknown()),
  isDeleted: z.boolean(),
  /** 来源 (provenance). */
  source: z.object({
    peerId: z.string(),
    peerName: z.string(),
    baseUrl: z.string(),
    protocol: z.string(),
    metadataFormat: z.string(),
    sourceIdentifier: z.string(),
    sourceDatestamp: z.string(),
    firstHarvestedAt: z.string(),
    lastHarvestedAt: z.string(),
  }),
  localAchievementId: z.string().nullable(),
  clusterId: z.string().nullable(),
  /** The record as received; operator only (null for others). */
  raw: z.string().nullable(),
  /** Harvested records are never edited here. */
  allowedActions: z.array(z.string()),
});
export const HarvestedRecordPageSchema = pageOf(HarvestedRecordSchema);

export const MemberRefSchema = z.strictObject({ memberType: z.enum(['harvested', 'achievement']), memberId: z.uuid() });

export const ClusterSchema = z.object({
  id: z.string(),
  method: z.string(),
  isReviewed: z.boolean(),
  reviewedAt: z.string().nullable(),
  updatedAt: z.string(),
  members: z.array(
    z.object({
      memberType: z.enum(['harvested', 'achievement']),
      memberId: z.string(),
      method: z.string(),
      score: z.number().nullable(),
      title: z.string(),
      /** The platform it comes from (本平台 for a local achievement). */
      sourceName: z.string(),
      sourceIdentifier: z.string().nullable(),
      isDeleted: z.boolean(),
    }),
  ),
});
export const ClusterPageSchema = pageOf(ClusterSchema);
export const SplitClusterSchema = z.strictObject({ members: z.array(MemberRefSchema).min(1, '请选择要拆出的记录').max(100) });
export const MergeClusterSchema = z.strictObject({ otherClusterId: z.uuid('聚类 ID 格式不正确') });
