import { Alert, Card, Col, Descriptions, Flex, Progress, Row, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { useActiveProgrammes } from '../api/programmes.js';
import { formatFen } from '../codes.js';

/** Share of the budget still free, in whole percent (integer arithmetic on fen). */
const freePercent = (remaining: number, budget: number) => (budget > 0 ? Math.floor((remaining * 100) / budget) : 0);

function ProgrammesBoard() {
  const list = useActiveProgrammes();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          补助项目
        </Typography.Title>
        <Link to="/subsidies/simulate">补助测算：我能拿多少？</Link>
      </Flex>
      <Typography.Paragraph type="secondary">
        以下为生效中的补助与奖励项目。规则由平台运营方按政策维护，修改时生成新版本；申请按基准日（合同登记日或投资日）适用当时有效的版本。金额精确到分，按分向下取整。
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon title={list.error.detail} />}
      {!list.data && !list.error && <Skeleton active />}
      <Row gutter={[16, 16]}>
        {(list.data?.items ?? []).map((p) => (
          <Col key={p.id} xs={24} md={12}>
            <Card title={p.name} extra={<Tag color="blue">{p.kindLabel}</Tag>} style={{ height: '100%' }}>
              <Typography.Paragraph>{p.rule}</Typography.Paragraph>
              {p.description && <Typography.Paragraph type="secondary">{p.description}</Typography.Paragraph>}
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="有效期">{`${p.effectiveFrom} 起${p.effectiveTo ? `，至 ${p.effectiveTo}` : ''}（第 ${p.version} 版）`}</Descriptions.Item>
                <Descriptions.Item label="预算">{`¥${formatFen(p.budgetFen)}`}</Descriptions.Item>
                <Descriptions.Item label="已批准 / 已拨付">{`¥${formatFen(p.committedFen)} / ¥${formatFen(p.disbursedFen)}`}</Descriptions.Item>
                <Descriptions.Item label="剩余预算">{`¥${formatFen(p.remainingFen)}`}</Descriptions.Item>
              </Descriptions>
              <Progress percent={freePercent(p.remainingFen, p.budgetFen)} format={(n) => `剩余 ${n ?? 0}%`} />
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}

/** 补助项目: the programmes in force, their rules in words and what is left of each budget. */
export function SubsidyProgrammesPage() {
  return (
    <PublicAntd>
      <ProgrammesBoard />
    </PublicAntd>
  );
}
