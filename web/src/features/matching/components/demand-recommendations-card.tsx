import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { type CSSProperties, useState } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { formatPrice, trlText } from '../../achievements/format.js';
import { SourceTag } from '../../harvest/components/source-tag.js';
import type { HarvestedSource } from '../../harvest/types.js';
import { Highlighted, highlightCss } from '../../search/components/highlighted.js';
import { useDemandRecommendations } from '../api/get-demand-recommendations.js';
import type { Recommendation } from '../types.js';
import { MatchReasons, ScoreBadge } from './score-breakdown.js';

const twoLines: CSSProperties = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  margin: '6px 0',
  color: 'rgba(0,0,0,0.55)',
  fontSize: 13,
};

/** What the demand's proposals already say about an achievement (the latest one). */
export interface ProposalState {
  achievementId: string | null;
  status: string;
  statusLabel: string;
  createdAt: string;
}

const SOURCE_TEXT: Record<string, string> = { default: '默认权重', operator: '运营方设置的权重', learned: '根据反馈学习的权重' };

function RecommendationItem({
  item,
  proposal,
  onPropose,
}: {
  item: Recommendation;
  proposal: ProposalState | undefined;
  onPropose: ((item: Recommendation) => void) | undefined;
}) {
  const record = item.achievement;
  const price = formatPrice(record.pricingMode, record.price);
  // Harvested from another platform (采集记录): its own page and source; it cannot be proposed here.
  const source = (record as { source?: HarvestedSource }).source;
  // A pending or accepted proposal of this achievement: proposing it again would only repeat it.
  const isOpen = proposal?.status === 'proposed' || proposal?.status === 'accepted';
  return (
    <article aria-label={record.title} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}>
      <Flex justify="space-between" align="start" gap={12}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            <Typography.Text type="secondary" style={{ marginInlineEnd: 6, fontWeight: 400 }}>
              {item.rank}.
            </Typography.Text>
            <Link to={source ? pathTo.harvestedRecord(record.id) : pathTo.achievement(record.id)}>{item.highlights.title ? <Highlighted html={item.highlights.title} /> : record.title}</Link>
          </Typography.Title>
          <Flex gap="2px 12px" wrap style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', marginTop: 4 }}>
            {source && <SourceTag peerName={source.peerName} sourceIdentifier={source.sourceIdentifier} />}
            <span>{record.ownerName}</span>
            <span>{record.regionName ?? record.regionCode}</span>
            {record.keyFieldLabel && <span>{record.keyFieldLabel}</span>}
            <span>{trlText(record.trl)}</span>
            <span>{price}</span>
          </Flex>
        </div>
        <ScoreBadge score={item.score} />
      </Flex>
      <p style={twoLines}>{item.highlights.abstract ? <Highlighted html={item.highlights.abstract} /> : record.abstract || '暂无简介'}</p>
      {item.matchedTerms.length > 0 && (
        <Flex gap={4} wrap align="center" style={{ marginBottom: 6, fontSize: 13 }} role="group" aria-label="命中词">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            命中词：
          </Typography.Text>
          {item.matchedTerms.map((term) => (
            <Tag key={term} color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
              {term}
            </Tag>
          ))}
        </Flex>
      )}
      <MatchReasons components={item.components} score={item.score} />
      {(proposal || onPropose) && (
        <Flex justify="end" align="center" gap={8} style={{ marginTop: 8 }}>
          {proposal && <Tag color={proposal.status === 'accepted' ? 'green' : proposal.status === 'proposed' ? 'blue' : 'default'}>{`已推荐 · ${proposal.statusLabel}`}</Tag>}
          {onPropose && !isOpen && !source && (
            <Button size="small" type="primary" onClick={() => onPropose(item)}>
              推荐给企业
            </Button>
          )}
        </Flex>
      )}
    </article>
  );
}

/**
 * 推荐成果 of a demand (GET /api/matching/demands/:id/recommendations): achievements ranked by
 * 匹配度, matched words highlighted, the reasons and the score by component. `onPropose` (the
 * active claimant only) opens the 推荐方案 form with the achievement chosen. Renders nothing when
 * the server says the caller may not see them (403 / 404).
 */
export function DemandRecommendationsCard({
  demandId,
  proposals,
  onPropose,
}: {
  demandId: string;
  proposals: readonly ProposalState[] | null;
  onPropose?: (item: Recommendation) => void;
}) {
  const [limit, setLimit] = useState(5);
  const recommendations = useDemandRecommendations(demandId, limit);
  const { data, error } = recommendations;
  if (error && (error.status === 403 || error.status === 404)) return null;

  // The latest proposal of each achievement.
  const latest = new Map<string, ProposalState>();
  for (const proposal of proposals ?? []) {
    if (!proposal.achievementId) continue;
    const known = latest.get(proposal.achievementId);
    if (!known || Date.parse(proposal.createdAt) >= Date.parse(known.createdAt)) latest.set(proposal.achievementId, proposal);
  }

  return (
    <Card
      title="推荐成果"
      extra={
        data && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            按{SOURCE_TEXT[data.weights.source] ?? '当前权重'}计算{data.weights.createdAt ? `（${formatDateTime(data.weights.createdAt)}）` : ''}
          </Typography.Text>
        )
      }
    >
      <section aria-label="推荐成果">
        <style>{highlightCss}</style>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.detail}
            action={
              <Button size="small" onClick={recommendations.reload}>
                重试
              </Button>
            }
            style={{ marginBottom: 12 }}
          />
        )}
        {!data && !error && <Skeleton active paragraph={{ rows: 6 }} />}
        {data && data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无匹配的已发布成果" />}
        {data && data.items.length > 0 && (
          <Flex vertical gap={12} style={{ opacity: recommendations.isLoading ? 0.6 : 1 }}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              匹配度综合文本相关度、重点领域、行业、成熟度、地域、价格、合作方式和转化记录；点“得分明细”查看各项得分、权重和贡献。
            </Typography.Text>
            {data.items.map((item) => (
              <RecommendationItem key={item.achievementId} item={item} proposal={latest.get(item.achievementId)} onPropose={onPropose} />
            ))}
            {data.items.length >= limit && limit < 20 && (
              <Button onClick={() => setLimit(20)} loading={recommendations.isLoading}>
                查看更多推荐
              </Button>
            )}
          </Flex>
        )}
      </section>
    </Card>
  );
}
