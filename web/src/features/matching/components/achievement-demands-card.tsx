import { Alert, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { Highlighted, highlightCss } from '../../search/components/highlighted.js';
import { useAchievementDemands } from '../api/get-achievement-demands.js';
import { percentText } from '../format.js';
import type { DemandMatch, MatchedEnterprise } from '../types.js';
import { MatchReasons, ScoreBadge } from './score-breakdown.js';

function DemandItem({ item }: { item: DemandMatch }) {
  const record = item.demand;
  return (
    <div style={{ borderTop: '1px solid #f5f5f5', paddingTop: 8 }}>
      <Flex justify="space-between" align="start" gap={12}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Link to={pathTo.demand(record.id)} style={{ fontWeight: 500 }}>
            {item.highlights.title ? <Highlighted html={item.highlights.title} /> : record.title}
          </Link>
          <Flex gap="2px 12px" wrap style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', marginTop: 2 }}>
            {record.demandTypeLabel && <span>{record.demandTypeLabel}</span>}
            {record.keyFieldLabel && <span>{record.keyFieldLabel}</span>}
            {record.budgetLabel && <span>预算 {record.budgetLabel}</span>}
            {record.statusLabel && <span>{record.statusLabel}</span>}
          </Flex>
        </div>
        <Typography.Text style={{ flex: '0 0 auto' }}>
          匹配度 <Typography.Text strong>{percentText(item.score)}</Typography.Text>
        </Typography.Text>
      </Flex>
      {item.matchedTerms.length > 0 && (
        <Flex gap={4} wrap align="center" style={{ margin: '4px 0' }} role="group" aria-label="命中词">
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
    </div>
  );
}

function EnterpriseItem({ enterprise }: { enterprise: MatchedEnterprise }) {
  return (
    <article aria-label={enterprise.name} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}>
      <Flex justify="space-between" align="start" gap={12} style={{ marginBottom: 8 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {enterprise.name}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {enterprise.regionName ?? enterprise.regionCode} · {enterprise.demands.length} 项相关需求
          </Typography.Text>
        </div>
        <ScoreBadge score={enterprise.score} />
      </Flex>
      <Flex vertical gap={8}>
        {enterprise.demands.map((item) => (
          <DemandItem key={item.demandId} item={item} />
        ))}
      </Flex>
    </article>
  );
}

/**
 * 可能需要此成果的企业 (GET /api/matching/achievements/:id/demands): enterprises whose open demands
 * the achievement might solve, best match first, each demand with its 匹配度 and reasons. Renders
 * nothing when the server says the caller may not see them (403 / 404).
 */
export function AchievementDemandsCard({ achievementId }: { achievementId: string }) {
  const [limit, setLimit] = useState(5);
  const matches = useAchievementDemands(achievementId, limit);
  const { data, error } = matches;
  if (error && (error.status === 403 || error.status === 404)) return null;
  return (
    <Card title="可能需要此成果的企业">
      <section aria-label="可能需要此成果的企业">
        <style>{highlightCss}</style>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.detail}
            action={
              <Button size="small" onClick={matches.reload}>
                重试
              </Button>
            }
          />
        )}
        {!data && !error && <Skeleton active paragraph={{ rows: 5 }} />}
        {data && data.enterprises.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无与此成果相关的开放需求" />}
        {data && data.enterprises.length > 0 && (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              根据企业已发布、尚在对接中的技术需求计算；可联系认领机构或平台运营方促成对接。
            </Typography.Text>
            {data.enterprises.map((enterprise) => (
              <EnterpriseItem key={enterprise.organizationId} enterprise={enterprise} />
            ))}
            {data.enterprises.length >= limit && limit < 20 && (
              <Button onClick={() => setLimit(20)} loading={matches.isLoading}>
                查看更多企业
              </Button>
            )}
          </Flex>
        )}
      </section>
    </Card>
  );
}
