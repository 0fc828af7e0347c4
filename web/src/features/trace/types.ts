/** GET /api/trace/:kind/:id (module trace). */
export type TraceKind = 'demand' | 'achievement' | 'listing' | 'deal' | 'contract' | 'subsidy';

export interface TraceNode {
  kind: TraceKind;
  id: string;
  title: string;
  status: string;
  statusLabel: string;
  listingId?: string;
}

export interface Trace {
  root: { kind: TraceKind; id: string };
  nodes: TraceNode[];
  edges: { from: string; to: string }[];
  events: { at: string; kind: TraceKind; id: string; label: string }[];
}

export const TRACE_KIND_LABELS: Record<TraceKind, string> = {
  demand: '技术需求',
  achievement: '科技成果',
  listing: '挂牌',
  deal: '成交',
  contract: '技术合同',
  subsidy: '补助申请',
};
