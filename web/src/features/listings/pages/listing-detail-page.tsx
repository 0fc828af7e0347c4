import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, List, Modal, Radio, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format-time.js';
import { TraceCard } from '../../trace/components/trace-card.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { useSession } from '../../accounts/session/session-context.js';
import { contractPath, newContractPath } from '../../contracts/codes.js';
import { OrganizationPicker } from '../../demands/components/pickers.js';
import { useListing } from '../api/get-listing.js';
import { approveListing, delistListing, fileObjection, rejectListing, resolveObjection, withdrawListing } from '../api/listing-commands.js';
import { formatFen } from '../codes.js';
import { ListingStatusTag, periodText } from '../components/listing-table.js';
import type { ListingDetail } from '../types.js';

type TextAsk = { title: string; label: string; run: (text: string) => Promise<ListingDetail> } | null;

function ListingView({ id }: { id: string }) {
  const listing = useListing(id);
  const myOrgId = useSession().session?.user?.organization?.id;
  const { message, modal } = App.useApp();
  const [ask, setAsk] = useState<TextAsk>(null);
  const [text, setText] = useState('');
  const [delistFor, setDelistFor] = useState<string | undefined>();
  const [delistOpen, setDelistOpen] = useState(false);
  const [resolving, setResolving] = useState<{ id: string; outcome: 'upheld' | 'dismissed' } | null>(null);

  if (listing.error) return <Alert type="error" showIcon title={listing.error.detail} />;
  if (!listing.data) return <Skeleton active />;
  const l = listing.data;
  const acts = l.allowedActions;
  const price = `¥${formatFen(l.priceFen)}`;

  const run = async (work: () => Promise<ListingDetail>, done: string) => {
    try {
      await work();
      message.success(done);
      listing.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  const confirmDelist = (onBehalf?: string) =>
    modal.confirm({
      title: '确认摘牌',
      content: `将以挂牌价 ${price}（${l.modeLabel}）摘牌「${l.title}」，摘牌即成交，不可撤回。`,
      okText: '确认摘牌',
      onOk: () => run(() => delistListing(l.id, onBehalf), '摘牌成功，已进入成交公示'),
    });

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={8}>
          <Flex gap={8} align="center" wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {l.title}
            </Typography.Title>
            <ListingStatusTag status={l.status} label={l.statusLabel} />
          </Flex>
          <Typography.Text type="secondary">
            {l.owner.name} · <Link to={`/achievements/${l.achievementId}`}>查看成果</Link>
          </Typography.Text>
          {l.status === 'publicity' && (
            <Alert type="info" showIcon title={`公示期 ${l.publicityStart ?? ''} 至 ${l.publicityEnd ?? ''}，剩余 ${l.publicityWorkingDaysLeft} 个工作日（法定节假日不计）`} />
          )}
          <Flex gap={8} wrap role="toolbar" aria-label="挂牌操作">
            {(acts.includes('delist') || acts.includes('delistForEnterprise')) && (
              <Button type="primary" onClick={() => (acts.includes('delist') ? confirmDelist() : setDelistOpen(true))}>
                {acts.includes('delist') ? '摘牌' : '代企业摘牌'}
              </Button>
            )}
            {acts.includes('approve') && <Button type="primary" onClick={() => run(() => approveListing(l.id), '已通过，次一工作日起公示')}>审核通过</Button>}
            {acts.includes('reject') && <Button danger onClick={() => setAsk({ title: '审核不通过', label: '理由', run: (t) => rejectListing(l.id, t) })}>不通过</Button>}
            {acts.includes('object') && <Button onClick={() => setAsk({ title: '提出异议', label: '异议理由', run: (t) => fileObjection(l.id, t) })}>提出异议</Button>}
            {acts.includes('withdraw') && <Button danger onClick={() => setAsk({ title: '撤销挂牌', label: '撤销理由', run: (t) => withdrawListing(l.id, t) })}>撤销挂牌</Button>}
          </Flex>
        </Flex>
      </Card>
      <Card title="挂牌信息">
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="交易方式">{l.modeLabel}</Descriptions.Item>
          <Descriptions.Item label="挂牌价格">{price}</Descriptions.Item>
          <Descriptions.Item label="公示期">{l.publicityStart ? `${l.publicityStart} 至 ${l.publicityEnd ?? ''}（${l.publicityWorkingDays} 个工作日）` : `${l.publicityWorkingDays} 个工作日（审核通过后开始）`}</Descriptions.Item>
          <Descriptions.Item label="挂牌期">
            {l.openStart ? `${l.openStart} 至 ${l.openEnd ?? ''}` : l.periodKind === 'working_days' ? `公示期满后 ${l.periodWorkingDays ?? ''} 个工作日` : `至 ${l.periodEndDate ?? ''}`}
          </Descriptions.Item>
          <Descriptions.Item label="当前">{periodText(l)}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatDateTime(l.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="挂牌条件" span={{ xs: 1, md: 2 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{l.terms}</Typography.Paragraph>
          </Descriptions.Item>
          {l.reviewComment && <Descriptions.Item label="审核意见">{l.reviewComment}</Descriptions.Item>}
          {l.withdrawReason && <Descriptions.Item label="撤销原因">{l.withdrawReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {l.deal && (
        <Card title="成交公示">
          <Descriptions column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="摘牌企业">{l.deal.buyer.name}</Descriptions.Item>
            <Descriptions.Item label="中介机构">{l.deal.intermediary?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="成交价格">¥{formatFen(l.deal.priceFen)}</Descriptions.Item>
            <Descriptions.Item label="状态">{l.deal.statusLabel}</Descriptions.Item>
            <Descriptions.Item label="成交公示期">
              {l.deal.noticeStart} 至 {l.deal.noticeEnd}
              {l.deal.status === 'notice' ? `（剩余 ${l.deal.noticeWorkingDaysLeft} 个工作日）` : ''}
            </Descriptions.Item>
            {myOrgId && [l.owner.id, l.deal.buyer.id, l.deal.intermediary?.id].includes(myOrgId) && (
              <Descriptions.Item label="技术合同">
                {l.deal.contractId ? <Link to={contractPath(l.deal.contractId)}>查看技术合同</Link> : <Link to={newContractPath(l.deal.id)}>签订技术合同</Link>}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
      {l.status !== 'pending_review' && <TraceCard kind="listing" id={l.id} refreshKey={`${l.status}-${l.deal?.status ?? ""}`} />}
      <Card title={`异议（共 ${l.objectionsSummary.total} 项：待处理 ${l.objectionsSummary.pending}，成立 ${l.objectionsSummary.upheld}，不成立 ${l.objectionsSummary.dismissed}）`}>
        <List
          dataSource={l.objections}
          locale={{ emptyText: '暂无异议' }}
          renderItem={(o) => (
            <List.Item
              actions={
                o.allowedActions.includes('resolve')
                  ? [
                      <Button key="d" size="small" onClick={() => setResolving({ id: o.id, outcome: 'dismissed' })}>不成立</Button>,
                      <Button key="u" size="small" danger onClick={() => setResolving({ id: o.id, outcome: 'upheld' })}>成立（撤销挂牌）</Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Flex gap={8}>
                    <Tag>{o.statusLabel}</Tag>
                    {o.organization?.name ?? '异议人信息不公开'}
                  </Flex>
                }
                description={[o.reason, o.resolution ? `处理意见：${o.resolution}` : null, formatDateTime(o.createdAt)].filter(Boolean).join(' · ')}
              />
            </List.Item>
          )}
        />
      </Card>

      <Modal
        open={ask !== null}
        title={ask?.title}
        okText="提交"
        onCancel={() => setAsk(null)}
        onOk={async () => {
          if (!ask || !text.trim()) {
            message.warning('请填写内容');
            return;
          }
          await run(() => ask.run(text.trim()), '已提交');
          setAsk(null);
          setText('');
        }}
      >
        <Form layout="vertical">
          <Form.Item label={ask?.label} required>
            <Input.TextArea rows={4} maxLength={1000} showCount value={text} onChange={(e) => setText(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={resolving !== null}
        title={resolving?.outcome === 'upheld' ? '异议成立：撤销挂牌' : '异议不成立：继续公示'}
        okText="确认"
        onCancel={() => setResolving(null)}
        onOk={async () => {
          if (!resolving || !text.trim()) {
            message.warning('请填写处理意见');
            return;
          }
          await run(() => resolveObjection(l.id, resolving.id, resolving.outcome, text.trim()), '异议已处理');
          setResolving(null);
          setText('');
        }}
      >
        <Form layout="vertical">
          <Form.Item label="处理意见" required>
            <Input.TextArea rows={4} maxLength={1000} showCount value={text} onChange={(e) => setText(e.target.value)} />
          </Form.Item>
          <Radio.Group value={resolving?.outcome} disabled options={[{ value: 'dismissed', label: '不成立' }, { value: 'upheld', label: '成立' }]} />
        </Form>
      </Modal>
      <Modal
        open={delistOpen}
        title="代企业摘牌"
        okText="下一步"
        onCancel={() => setDelistOpen(false)}
        onOk={() => {
          if (!delistFor) {
            message.warning('请选择委托摘牌的企业');
            return;
          }
          setDelistOpen(false);
          confirmDelist(delistFor);
        }}
      >
        <Typography.Paragraph type="secondary">贵机构将作为中介机构记入成交信息。</Typography.Paragraph>
        <OrganizationPicker type="enterprise" value={delistFor} onChange={(v) => setDelistFor(typeof v === 'string' ? v : undefined)} placeholder="搜索已认证企业" />
      </Modal>
    </Flex>
  );
}

/** 挂牌项目详情: countdown, objections, deal, and the caller's actions. */
export function ListingDetailPage() {
  const { id } = useParams();
  return (
    <PublicAntd>
      <div style={{ maxWidth: 1100, margin: '0 auto', padding: 24 }}>{id ? <ListingView id={id} /> : null}</div>
    </PublicAntd>
  );
}
