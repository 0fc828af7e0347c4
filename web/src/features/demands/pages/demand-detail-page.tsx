import { LockOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { paths, pathTo } from '../../../app/routes.js';
import { setDocumentTitle } from '../../../app/document-title.js';
import { errorMessage } from '../../../lib/api-client.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { formatDate, formatDateTime } from '../../../lib/format-time.js';
import { useSession } from '../../accounts/session/session-context.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { maySeeRecommendations } from '../../matching/visibility.js';
import { attachmentUrl } from '../api/download-attachment.js';
import { useDemand } from '../api/get-demand.js';
import { revokeContact } from '../api/revoke-contact.js';
import { CLAIM_MODES, CLAIM_STATUSES, CLOSE_REASONS, INDUSTRIES, RESPONSE_HOURS } from '../codes.js';
import { clockDetails, DemandStatusTag, ResponseClockTag, useNow } from '../components/demand-tags.js';
import { grantableOrganizations } from '../components/grant-contact-modal.js';
import { MessageThread } from '../components/message-thread.js';
import { COMMAND_BUTTONS, type CommandTarget, useDemandCommands } from '../components/use-demand-commands.js';
import { clockView, cooperationText, exactBudget, fieldLabel, formatDay, labelFor } from '../format.js';
import type { DemandDetail, DemandProposal } from '../types.js';
import { TraceCard } from '../../trace/components/trace-card.js';

// 推荐成果 is its own chunk: only the demand's enterprise, claimant, operator and gov_admins load it.
const DemandRecommendationsCard = lazy(() =>
  import('../../matching/components/demand-recommendations-card.js').then((m) => ({ default: m.DemandRecommendationsCard })),
);

function Paragraphs({ text }: { text: string | null }) {
  if (!text) return <Typography.Text type="secondary">未填写</Typography.Text>;
  return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph>;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} style={{ marginBottom: 20 }}>
      <Typography.Title level={4} style={{ fontSize: 16, marginBottom: 8 }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** 需求信息: the public part for everyone, the details for those who may see them. */
function InfoCard({ detail }: { detail: DemandDetail }) {
  const location = useLocation();
  const { session } = useSession();
  return (
    <Card title="需求信息">
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered styles={{ label: { width: 110 } }} style={{ marginBottom: 20 }}>
        <Descriptions.Item label="需求类型">{detail.demandTypeLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="重点领域">{detail.keyFieldLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="所属行业">{detail.industryLabel ?? labelFor(INDUSTRIES, detail.industry)}</Descriptions.Item>
        <Descriptions.Item label="合作方式">{cooperationText(detail.cooperationModes)}</Descriptions.Item>
        <Descriptions.Item label="关键词" span={{ xs: 1, sm: 2 }}>
          {detail.keywords.length ? (
            <Flex gap={4} wrap>
              {detail.keywords.map((keyword) => (
                <Tag key={keyword}>{keyword}</Tag>
              ))}
            </Flex>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="需求来源">{detail.sourceLabel}</Descriptions.Item>
        <Descriptions.Item label="所在地区">{detail.regionName ?? detail.regionCode}</Descriptions.Item>
      </Descriptions>
      <Section title="需求摘要">
        <Paragraphs text={detail.publicSummary} />
      </Section>
      {detail.detailsVisible ? (
        <>
          <Section title="需求描述">
            <Paragraphs text={detail.description} />
          </Section>
          <Section title="技术指标">
            <Paragraphs text={detail.indicators} />
          </Section>
          <Section title="现有条件">
            <Paragraphs text={detail.existingConditions} />
          </Section>
        </>
      ) : (
        <Alert
          type="info"
          showIcon
          icon={<LockOutlined />}
          title="需求描述、技术指标和现有条件仅对发布企业、认领机构和科技管理部门可见"
          description={
            session?.user ? (
              '技术转移服务机构认领需求后即可查看全部内容。'
            ) : (
              <Link to={`${paths.signIn}?next=${encodeURIComponent(location.pathname)}`}>登录后认领需求</Link>
            )
          }
          style={{ marginBottom: 20 }}
        />
      )}
      {detail.attachments.length > 0 && (
        <Section title="附件">
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {detail.attachments.map((file) => (
              <li key={file.id}>
                <a href={attachmentUrl(detail.id, file.id)} download={file.fileName}>
                  {file.fileName}
                </a>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {sizeText(file.sizeBytes)} · {formatDate(file.createdAt)}
                  {!file.isPublic && ' · 仅认领方可见'}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {(detail.matchedAchievements.length > 0 || detail.matchedOrganizations.length > 0 || detail.contractRef) && (
        <Section title="对接成果">
          <Descriptions column={1} size="small">
            {detail.matchedAchievements.length > 0 && (
              <Descriptions.Item label="匹配成果">
                <Flex vertical>
                  {detail.matchedAchievements.map((item) => (
                    <Link key={item.id} to={pathTo.achievement(item.id)}>
                      {item.title || '（成果）'}
                    </Link>
                  ))}
                </Flex>
              </Descriptions.Item>
            )}
            {detail.matchedOrganizations.length > 0 && (
              <Descriptions.Item label="合作单位">{detail.matchedOrganizations.map((item) => item.name).join('、')}</Descriptions.Item>
            )}
            {detail.contractRef && <Descriptions.Item label="合同编号">{detail.contractRef}</Descriptions.Item>}
          </Descriptions>
        </Section>
      )}
    </Card>
  );
}

/** The 48-hour promise, in large type: time left, hours over, or how the first response went. */
function ClockCard({ detail }: { detail: DemandDetail }) {
  const now = useNow();
  const view = clockView(detail.clock, now, detail.status === 'closed');
  if (!view) return null;
  const colors: Record<string, string> = { red: '#cf1322', orange: '#d46b08', green: '#389e0d', blue: '#0958d9' };
  return (
    <Card title={`${RESPONSE_HOURS} 小时响应`} size="small">
      <div role="status" aria-label="响应时限" style={{ fontSize: 22, fontWeight: 600, color: colors[view.color] }}>
        {view.text}
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
        {clockDetails(detail.clock)}（北京时间）
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
        需求发布后 {RESPONSE_HOURS} 小时内须有认领机构完成首次跟进。
      </Typography.Paragraph>
    </Card>
  );
}

function ContactCard({ detail }: { detail: DemandDetail }) {
  const contact = detail.contact;
  return (
    <Card title="联系方式" size="small">
      {contact.visible ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label="联系人">{contact.name || '—'}</Descriptions.Item>
          <Descriptions.Item label="电话">{contact.phone ? <a href={`tel:${contact.phone}`}>{contact.phone}</a> : '—'}</Descriptions.Item>
          <Descriptions.Item label="邮箱">{contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : '—'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Text type="secondary">
          <LockOutlined /> {contact.message || '联系方式需企业授权后可见'}
        </Typography.Text>
      )}
    </Card>
  );
}

function ClaimsCard({ detail }: { detail: DemandDetail }) {
  if (detail.claims === null) return null;
  return (
    <Card title="认领记录" size="small">
      {detail.claims.length === 0 ? (
        <Typography.Text type="secondary">尚无认领</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {detail.claims.map((claim) => (
            <div key={claim.id}>
              <Flex gap={4} wrap align="center">
                <Typography.Text strong>{claim.organizationName}</Typography.Text>
                <Tag>{labelFor(CLAIM_MODES, claim.mode)}</Tag>
                <Tag color={claim.status === 'active' ? 'blue' : claim.status === 'refused' ? 'red' : 'default'}>{labelFor(CLAIM_STATUSES, claim.status)}</Tag>
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                {claim.userName ? `${claim.userName} · ` : ''}
                {formatDateTime(claim.createdAt)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                {claim.firstFollowUpAt
                  ? `首次跟进 ${formatDateTime(claim.firstFollowUpAt)}（${Date.parse(claim.firstFollowUpAt) <= Date.parse(claim.dueAt) ? '按时' : '超时'}）`
                  : `应于 ${formatDateTime(claim.dueAt)} 前首次跟进`}
              </Typography.Text>
              {claim.refuseReason && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  拒绝理由：{claim.refuseReason}
                </Typography.Text>
              )}
            </div>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function GrantsCard({
  detail,
  canGrant,
  canGrantMore,
  onGrant,
  onChanged,
}: {
  detail: DemandDetail;
  /** The enterprise manages consent (grant, revoke). */
  canGrant: boolean;
  /** Some claimant organization has no live grant yet. */
  canGrantMore: boolean;
  onGrant: () => void;
  onChanged: () => void;
}) {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  if (detail.grants === null) return null;
  const revoke = async (grantId: string) => {
    setProblem(undefined);
    try {
      await revokeContact(detail.id, grantId);
      onChanged();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  return (
    <Card
      title="联系方式授权"
      size="small"
      extra={
        canGrantMore ? (
          <Button size="small" onClick={onGrant}>
            授权
          </Button>
        ) : undefined
      }
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} />}
      {detail.grants.length === 0 ? (
        <Typography.Text type="secondary">{canGrant ? '尚未授权任何机构查看联系方式' : '尚未获得授权'}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {detail.grants.map((grant) => (
            <Flex key={grant.id} justify="space-between" align="center" gap={8}>
              <div>
                <div>{grant.granteeName}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {grant.revokedAt ? `已于 ${formatDateTime(grant.revokedAt)} 撤销` : `${formatDateTime(grant.grantedAt)} 授权`}
                </Typography.Text>
              </div>
              {canGrant && !grant.revokedAt && (
                <Popconfirm title={`撤销 ${grant.granteeName} 查看联系方式的授权？`} okText="撤销" cancelText="取消" onConfirm={() => revoke(grant.id)}>
                  <Button size="small" danger>
                    撤销
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function ProposalItem({
  proposal,
  onAccept,
  onDecline,
}: {
  proposal: DemandProposal;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const color = proposal.status === 'accepted' ? 'green' : proposal.status === 'proposed' ? 'blue' : 'default';
  return (
    <article
      aria-label={`推荐方案：${proposal.achievementTitle ?? proposal.partnerName ?? '方案'}`}
      style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 12 }}
    >
      <Flex justify="space-between" gap={8} wrap align="start">
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          {proposal.achievementId && (
            <span>
              推荐成果：<Link to={pathTo.achievement(proposal.achievementId)}>{proposal.achievementTitle ?? '（成果）'}</Link>
            </span>
          )}
          {proposal.partnerName && <span>合作单位：{proposal.partnerName}</span>}
        </Flex>
        <Tag color={color}>{proposal.statusLabel}</Tag>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 4px' }}>{proposal.summary}</Typography.Paragraph>
      {proposal.reasons.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          原因：{proposal.reasons.map((reason) => reason.label).join('、')}
          {proposal.reasonText ? `；${proposal.reasonText}` : ''}
        </Typography.Text>
      )}
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 4 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(proposal.createdAt)}
          {proposal.decidedAt ? ` · ${formatDateTime(proposal.decidedAt)} 处理` : ''}
        </Typography.Text>
        <Space size={4}>
          {proposal.allowedActions.includes('accept') && (
            <Button size="small" type="primary" onClick={onAccept}>
              接受方案
            </Button>
          )}
          {proposal.allowedActions.includes('decline') && (
            <Button size="small" danger onClick={onDecline}>
              婉拒
            </Button>
          )}
        </Space>
      </Flex>
    </article>
  );
}

function DemandView({ detail, reload }: { detail: DemandDetail; reload: () => void }) {
  const { session } = useSession();
  const commands = useDemandCommands(() => reload());
  const actions = detail.allowedActions;
  const target: CommandTarget = { id: detail.id, title: detail.title, clock: detail.clock, detail };
  // 授权 only while some claimant organization holds no live grant yet.
  const canGrantMore = actions.includes('grant') && grantableOrganizations(detail).length > 0;
  const buttons = COMMAND_BUTTONS.filter((button) => actions.includes(button.command) && (button.command !== 'grant' || canGrantMore));
  const fieldReasons = (detail.returnReasons ?? []).filter((reason) => reason.field !== '_');

  useEffect(() => {
    setDocumentTitle(detail.title);
  }, [detail.title]);

  return (
    <Flex vertical gap={16}>
      <Link to={paths.demands}>‹ 需求大厅</Link>
      <Card>
        <Flex vertical gap={12}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
            {detail.title}
          </Typography.Title>
          <Flex gap={4} wrap align="center">
            <DemandStatusTag status={detail.status} />
            {detail.keyFieldLabel && <Tag>{detail.keyFieldLabel}</Tag>}
            {detail.demandTypeLabel && <Tag>{detail.demandTypeLabel}</Tag>}
            <ResponseClockTag clock={detail.clock} status={detail.status} />
          </Flex>
          <Flex gap="4px 16px" wrap style={{ color: 'rgba(0,0,0,0.65)' }}>
            <span>{detail.enterpriseName}</span>
            <span>{detail.regionName ?? detail.regionCode}</span>
            {detail.publishedAt && <span>发布于 {formatDate(detail.publishedAt)}</span>}
            {detail.deadline && <span>截止 {formatDay(detail.deadline)}</span>}
            {detail.claimantName && <span>认领方：{detail.claimantName}</span>}
          </Flex>
          {(actions.includes('edit') || buttons.length > 0) && (
            <Flex gap={8} wrap role="toolbar" aria-label="需求操作">
              {actions.includes('edit') && <ButtonLink to={pathTo.editDemand(detail.id)}>编辑</ButtonLink>}
              {buttons.map((button) => (
                <Button
                  key={button.command}
                  type={button.primary ? 'primary' : 'default'}
                  danger={button.danger}
                  loading={commands.isBusy(detail.id, button.command)}
                  disabled={commands.anyBusy && !commands.isBusy(detail.id, button.command)}
                  onClick={() => commands.run(button.command, target)}
                >
                  {button.label}
                </Button>
              ))}
            </Flex>
          )}
          {detail.status === 'returned' && (fieldReasons.length > 0 || detail.returnComment) && (
            <Alert
              type="error"
              showIcon
              title="审核退回，请按意见修改后重新提交"
              description={
                <>
                  {detail.returnComment && <div>审核意见：{detail.returnComment}</div>}
                  {fieldReasons.length > 0 && (
                    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {fieldReasons.map((reason) => (
                        <li key={`${reason.field}:${reason.message}`}>
                          {fieldLabel(reason.field)}：{reason.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              }
            />
          )}
          {detail.status === 'closed' && (
            <Alert
              type="info"
              showIcon
              title={`需求已关闭：${labelFor(CLOSE_REASONS, detail.closeReason)}${detail.closedAt ? `（${formatDateTime(detail.closedAt)}）` : ''}`}
              description={detail.closeComment ?? undefined}
            />
          )}
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Flex vertical gap={16}>
            <InfoCard detail={detail} />
            {detail.proposals !== null && (
              <Card title="推荐方案">
                {detail.proposals.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="认领机构尚未推荐方案" />
                ) : (
                  <Flex vertical gap={12}>
                    {detail.proposals.map((proposal) => (
                      <ProposalItem
                        key={proposal.id}
                        proposal={proposal}
                        onAccept={() => commands.accept(target, proposal)}
                        onDecline={() => commands.decline(target, proposal)}
                      />
                    ))}
                  </Flex>
                )}
              </Card>
            )}
            {maySeeRecommendations(session, detail) && (
              <Suspense fallback={<Card title="推荐成果" loading />}>
                <DemandRecommendationsCard
                  demandId={detail.id}
                  proposals={detail.proposals}
                  onPropose={
                    actions.includes('propose')
                      ? (item) =>
                          commands.run('propose', {
                            ...target,
                            achievement: { value: item.achievement.id, label: item.achievement.title, hint: item.achievement.ownerName },
                          })
                      : undefined
                  }
                />
              </Suspense>
            )}
            {detail.messages !== null && (
              <Card title="沟通留言">
                <MessageThread detail={detail} canWrite={actions.includes('message')} onSent={reload} />
              </Card>
            )}
            {detail.followUps !== null && (
              <Card title="跟进记录">
                {detail.followUps.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无跟进记录" />
                ) : (
                  <Timeline
                    items={detail.followUps.map((item) => ({
                      key: item.id,
                      content: (
                        <div>
                          <Flex gap={8} wrap align="center">
                            <Typography.Text strong>{formatDay(item.happenedOn)}</Typography.Text>
                            <Tag>{item.kindLabel}</Tag>
                            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                              {item.createdByName}
                              {item.organizationName ? `（${item.organizationName}）` : ''}
                            </Typography.Text>
                          </Flex>
                          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{item.notes}</Typography.Paragraph>
                          {item.nextStepOn && (
                            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                              下次跟进：{formatDay(item.nextStepOn)}
                            </Typography.Text>
                          )}
                        </div>
                      ),
                    }))}
                  />
                )}
              </Card>
            )}
            {detail.timeline !== null && (
              <Card title="进展记录">
                <Timeline
                  items={detail.timeline.map((event) => ({
                    key: event.id,
                    content: (
                      <div>
                        <Flex gap={8} wrap align="center">
                          <Typography.Text strong>{event.actionLabel}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                            {formatDateTime(event.at)}
                            {event.actorName ? ` · ${event.actorName}` : ''}
                          </Typography.Text>
                        </Flex>
                        {event.note && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '2px 0 0' }}>{event.note}</Typography.Paragraph>}
                      </div>
                    ),
                  }))}
                />
              </Card>
            )}
            <TraceCard kind="demand" id={detail.id} hideWhenAlone refreshKey={detail.status} />
          </Flex>
        </Col>
        {/* On a phone, budget, the clock and the contact come before the long description. */}
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <Flex vertical gap={16}>
            <Card title="预算与期限" size="small">
              <div style={{ fontSize: 22, fontWeight: 600, color: detail.budgetMode === 'range' ? '#cf1322' : undefined }}>{detail.budgetLabel}</div>
              {exactBudget(detail) && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  {exactBudget(detail)}
                </Typography.Text>
              )}
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                截止日期：{formatDay(detail.deadline)}
              </Typography.Paragraph>
            </Card>
            <ClockCard detail={detail} />
            <ContactCard detail={detail} />
            <GrantsCard detail={detail} canGrant={actions.includes('grant')} canGrantMore={canGrantMore} onGrant={() => commands.run('grant', target)} onChanged={reload} />
            <ClaimsCard detail={detail} />
          </Flex>
        </Col>
      </Row>
      {commands.modals}
    </Flex>
  );
}

function DemandDetailContent() {
  const { id = '' } = useParams();
  const record = useDemand(id);
  if (record.error && !record.data) {
    return record.error.status === 404 || record.error.status === 400 ? (
      <Result
        status="404"
        title="需求不存在"
        subTitle="该需求不存在、尚未发布或您无权查看。"
        extra={
          <ButtonLink to={paths.demands} type="primary">
            返回需求大厅
          </ButtonLink>
        }
      />
    ) : (
      <Alert type="error" showIcon title={record.error.detail} action={<Button onClick={record.reload}>重试</Button>} />
    );
  }
  if (!record.data || record.data.id !== id) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <DemandView detail={record.data} reload={record.reload} />;
}

/** 需求详情: the public part for everyone; details, contact and the work on it per permission; actions per `allowedActions`. */
export function DemandDetailPage() {
  return (
    <PublicAntd>
      <DemandDetailContent />
    </PublicAntd>
  );
}
