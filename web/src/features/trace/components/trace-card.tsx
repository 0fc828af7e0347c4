import { Card, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../../lib/format-time.js';
import { pathTo } from '../../../app/routes.js';
import { useTrace } from '../api/get-trace.js';
import { TRACE_KIND_LABELS, type TraceKind, type TraceNode } from '../types.js';

const KIND_COLORS: Record<TraceKind, string> = {
  demand: 'orange',
  achievement: 'blue',
  listing: 'cyan',
  deal: 'green',
  contract: 'purple',
  subsidy: 'gold',
};

/** Where a record of the chain is shown; undefined when it has no page of its own. */
export function traceHref(node: Pick<TraceNode, 'kind' | 'id' | 'listingId'>): string | undefined {
  switch (node.kind) {
    case 'demand':
      return pathTo.demand(node.id);
    case 'achievement':
      return pathTo.achievement(node.id);
    case 'listing':
      return pathTo.listing(node.id);
    case 'deal':
      return node.listingId ? pathTo.listing(node.listingId) : undefined;
    case 'contract':
      return pathTo.contract(node.id);
    case 'subsidy':
      return pathTo.subsidyApplication(node.id);
  }
}

/**
 * 全流程追溯: the records linked to this one — demand → achievement → listing → deal → contract →
 * subsidy — as far as the viewer may see them, and one timeline of what happened. With
 * `hideWhenAlone`, nothing is shown until the record is linked to another. Pass the record's status
 * (or anything that changes with it) as `refreshKey` so the trace follows actions taken on the page.
 */
export function TraceCard({ kind, id, hideWhenAlone = false, refreshKey }: { kind: TraceKind; id: string | undefined; hideWhenAlone?: boolean; refreshKey?: string }) {
  const trace = useTrace(kind, id, refreshKey);
  const data = trace.data;
  // On pages of records that often stand alone (an achievement nobody has listed yet), say nothing.
  if (hideWhenAlone && (!data || data.nodes.length < 2)) return null;
  return (
    <Card title="全流程追溯" aria-label="全流程追溯">
      {trace.isLoading && !data && <Skeleton active paragraph={{ rows: 3 }} />}
      {trace.error && <Typography.Text type="secondary">{trace.error.detail}</Typography.Text>}
      {data && (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap role="list" aria-label="关联记录">
            {data.nodes.map((node) => {
              const href = traceHref(node);
              const current = node.kind === data.root.kind && node.id === data.root.id;
              const label = (
                <>
                  {TRACE_KIND_LABELS[node.kind]}：{node.title}（{node.statusLabel}）
                </>
              );
              return (
                <Tag key={`${node.kind}-${node.id}`} role="listitem" color={KIND_COLORS[node.kind]} style={{ whiteSpace: 'normal', fontWeight: current ? 600 : 400 }}>
                  {href && !current ? <Link to={href}>{label}</Link> : label}
                </Tag>
              );
            })}
          </Flex>
          {data.events.length === 0 ? (
            <Empty description="暂无记录" />
          ) : (
            <Timeline
              items={data.events.map((e, i) => ({
                key: `${e.at}-${i}`,
                color: KIND_COLORS[e.kind],
                content: (
                  <Flex vertical gap={0}>
                    <Typography.Text>
                      <Tag bordered={false} color={KIND_COLORS[e.kind]}>
                        {TRACE_KIND_LABELS[e.kind]}
                      </Tag>
                      {e.label}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(e.at)}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
          )}
        </Flex>
      )}
    </Card>
  );
}
