import type { z } from 'zod';
import type {
  ClusterSchema,
  CreatePeerSchema,
  HarvestedRecordSchema,
  PeerSchema,
  RunSchema,
  UpdatePeerSchema,
} from '../../../../src/modules/harvest/harvest.schemas.js';

// From the server's zod schemas (type-only import: nothing of the server is bundled).
export type HarvestPeer = z.infer<typeof PeerSchema>;
export type HarvestRun = z.infer<typeof RunSchema>;
export type HarvestCluster = z.infer<typeof ClusterSchema>;
export type HarvestedRecord = z.infer<typeof HarvestedRecordSchema>;
export type CreatePeerInput = z.input<typeof CreatePeerSchema>;
export type UpdatePeerInput = z.input<typeof UpdatePeerSchema>;

/** The source of a harvested record as search hits carry it (`record.source`). */
export interface HarvestedSource {
  kind: 'harvested';
  peerId: string;
  peerName: string;
  sourceIdentifier: string;
  link: string;
}

export const PEER_STATUS: Record<HarvestPeer['status'], { label: string; color: string }> = {
  idle: { label: '未采集', color: 'default' },
  running: { label: '采集中', color: 'processing' },
  ok: { label: '正常', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

export const RUN_STATUS: Record<HarvestRun['status'], { label: string; color: string }> = {
  running: { label: '进行中', color: 'processing' },
  succeeded: { label: '完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

export const PROTOCOL_LABELS: Record<HarvestPeer['protocol'], string> = { 'oai-pmh': 'OAI-PMH', 'kehui-feed': '科惠变更流 (JSON)' };

export const CLUSTER_METHOD_LABELS: Record<string, string> = { title: '标题相同', similarity: '文本相似', patent: '专利号相同', manual: '人工' };
