import { LockOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Result,
  Row,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { paths, pathTo } from '../../../app/routes.js';
import { setDocumentTitle } from '../../../app/document-title.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { formatDate, formatDateTime } from '../../../lib/format-time.js';
import { useSession } from '../../accounts/session/session-context.js';
import { maySeeMatchingDemands } from '../../matching/visibility.js';
import { attachmentUrl } from '../api/download-attachment.js';
import { useAchievement } from '../api/get-achievement.js';
import { AccessRequestsCard } from '../components/access-requests-card.js';
import { AchievementStatusTag, SelectedTag, StaleTag } from '../components/achievement-tags.js';
import { ChangeList } from '../components/change-list.js';
import { PublicAntd } from '../components/public-antd.js';
import { RequestAccessModal } from '../components/request-access-modal.js';
import { type Command, fieldLabel, useAchievementCommands } from '../components/use-achievement-commands.js';
import { VersionHistory } from '../components/version-history.js';
import { ATTRIBUTES, DISCLOSURE_TIERS, IP_ITEM_TYPES, IP_STATUSES, TEAM_ROLES } from '../codes.js';
import { cooperationText, formatPrice, labelFor, trlText } from '../format.js';
import { revisionChanges } from '../revision-diff.js';
import { newListingPath } from '../../listings/codes.js';
import type { AchievementDetail, FieldReason } from '../types.js';
import { TraceCard } from '../../trace/components/trace-card.js';

const commandButtons: { command: Command; label: string; primary?: boolean; danger?: boolean }[] = [
  { command: 'submit', label: '提交', primary: true },
  { command: 'confirm', label: '确认', primary: true },
  { command: 'publish', label: '通过', primary: true },
  { command: 'return', label: '退回', danger: true },
  { command: 'approveRevision', label: '通过修改', primary: true },
  { command: 'returnRevision', label: '退回修改', danger: true },
  { command: 'reconfirm', label: '确认信息有效' },
  { command: 'select', label: '科惠精品' },
  { command: 'archive', label: '归档', danger: true },
];

// 可能需要此成果的企业 is its own chunk: only the owner's members, the operator and gov_admins load it.
const AchievementDemandsCard = lazy(() =>
  import('../../matching/components/achievement-demands-card.js').then((m) => ({ default: m.AchievementDemandsCard })),
);

function Paragraphs({ text }: { text: string | null }) {
  if (!text) return <Typography.Text type="secondary">未填写</Typography.Text>;
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{text}</Typography.Paragraph>
  );
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

function ReasonsAlert({ reasons, comment, title }: { reasons: FieldReason[]; comment: string | null; title: string }) {
  const fieldReasons = reasons.filter((reason) => reason.field !== '_');
  const overall = [comment, ...reasons.filter((reason) => reason.field === '_').map((reason) => reason.message)].filter(Boolean);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <>
          {overall.map((text) => (
            <div key={text}>审核意见：{text}</div>
          ))}
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
  );
}

/** Gated part: the details themselves, or why they are hidden and how to get them. */
function GatedPart({ detail, onRequest }: { detail: AchievementDetail; onRequest: () => void }) {
  const location = useLocation();
  const { session } = useSession();
  if (detail.gated.hidden) {
    const canRequest = detail.allowedActions.includes('requestAccess');
    const state = detail.gated.accessRequest;
    const signInLink = `${paths.signIn}?next=${encodeURIComponent(location.pathname)}`;
    return (
      <Alert
        type="info"
        icon={<LockOutlined />}
        showIcon
        title="创新点、技术经济指标、应用场景、知识产权、团队及附件等详细信息受限"
        description={
          <Flex vertical gap={8} align="start">
            <span>{detail.gated.reason}</span>
            {state === 'pending' && <Tag color="gold">您的查看申请已提交，等待成果方同意</Tag>}
            {state === 'refused' && <Tag color="red">成果方未同意您上次的申请</Tag>}
            {state === 'revoked' && <Tag>成果方已撤销您的查看权限</Tag>}
            {canRequest && state !== 'pending' && state !== 'granted' && (
              <Button type="primary" onClick={onRequest}>
                申请查看
              </Button>
            )}
            {!session?.user && (
              <ButtonLink to={signInLink} type="primary">
                登录后查看
              </ButtonLink>
            )}
          </Flex>
        }
      />
    );
  }
  return (
    <>
      <Section title="创新点">
        <Paragraphs text={detail.innovationPoints} />
      </Section>
      <Section title="技术经济指标">
        <Paragraphs text={detail.indicators} />
      </Section>
      <Section title="应用场景">
        <Paragraphs text={detail.applicationScenarios} />
      </Section>
      <Section title="知识产权">
        <Table
          size="small"
          rowKey={(row) => `${row.type}:${row.number}`}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={detail.ipItems ?? []}
          locale={{ emptyText: '未填写' }}
          columns={[
            { title: '类型', key: 'type', render: (_, row) => labelFor(IP_ITEM_TYPES, row.type) },
            { title: '编号', dataIndex: 'number', key: 'number' },
            { title: '名称', key: 'title', render: (_, row) => row.title || '—' },
            { title: '法律状态', key: 'status', render: (_, row) => labelFor(IP_STATUSES, row.status) },
          ]}
        />
      </Section>
      <Section title="团队成员">
        <Table
          size="small"
          rowKey={(row) => `${row.name}:${row.role}`}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={detail.team ?? []}
          locale={{ emptyText: '未填写' }}
          columns={[
            { title: '姓名', dataIndex: 'name', key: 'name' },
            { title: '角色', key: 'role', render: (_, row) => labelFor(TEAM_ROLES, row.role) },
            { title: '职称', key: 'title', render: (_, row) => row.title || '—' },
            { title: '贡献比例', key: 'contribution', render: (_, row) => `${row.contribution}%` },
          ]}
        />
      </Section>
      <Section title="附件">
        {detail.attachments && detail.attachments.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {detail.attachments.map((file) => (
              <li key={file.id}>
                <a href={attachmentUrl(detail.id, file.id)} download={file.fileName}>
                  {file.fileName}
                </a>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {Math.max(1, Math.round(file.sizeBytes / 1024))} KB · {formatDate(file.createdAt)}
                </Typography.Text>
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">暂无附件</Typography.Text>
        )}
      </Section>
    </>
  );
}

function ContactCard({ detail }: { detail: AchievementDetail }) {
  const location = useLocation();
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
        <Flex vertical gap={8} align="start">
          <Typography.Text type="secondary">{contact.message}</Typography.Text>
          <Link to={`${paths.signIn}?next=${encodeURIComponent(location.pathname)}`}>登录查看联系方式</Link>
        </Flex>
      )}
    </Card>
  );
}

function AchievementView({ detail, reload }: { detail: AchievementDetail; reload: () => void }) {
  const { session } = useSession();
  const [requesting, setRequesting] = useState(false);
  const commands = useAchievementCommands(() => reload());
  const actions = detail.allowedActions;
  const revision = detail.pendingRevision;
  const changes = revision ? revisionChanges(detail) : [];
  const isOwner = actions.includes('manageAccess');

  useEffect(() => {
    setDocumentTitle(detail.title);
  }, [detail.title]);

  const ownerAlerts = (
    <>
      {detail.status === 'returned' && (detail.returnReasons?.length || detail.returnComment) && (
        <ReasonsAlert reasons={detail.returnReasons ?? []} comment={detail.returnComment} title="审核退回，请按意见修改后重新提交" />
      )}
      {revision && revision.status === 'draft' && revision.returnReasons && (
        <ReasonsAlert reasons={revision.returnReasons} comment={null} title="修改被退回，请按意见修改后重新提交" />
      )}
      {revision && revision.status === 'draft' && !revision.returnReasons && isOwner && (
        <Alert type="info" showIcon title="有尚未提交的修改" description="修改提交并审核通过前，公众看到的仍是当前发布的版本。" />
      )}
      {revision && revision.status === 'submitted' && (
        <Alert
          type="warning"
          showIcon
          title={`有待审核的修改${revision.submittedAt ? `（提交于 ${formatDateTime(revision.submittedAt)}）` : ''}`}
          description="审核通过前，公众看到的仍是当前发布的版本。"
        />
      )}
    </>
  );

  const info = (
    <>
      <Descriptions
        column={{ xs: 1, sm: 2 }}
        size="small"
        bordered
        styles={{ label: { width: 110 } }}
        style={{ marginBottom: 20 }}
      >
        <Descriptions.Item label="成果类型">{detail.typeLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="成果属性">{labelFor(ATTRIBUTES, detail.attribute)}</Descriptions.Item>
        <Descriptions.Item label="重点领域">{detail.keyFieldLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="所属行业">{detail.industryLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="技术就绪度" span={{ xs: 1, sm: 2 }}>
          {trlText(detail.trl)}
          {detail.trlDescription && (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {detail.trlDescription}
            </Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="成熟阶段">{detail.stageLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="公开方式">{labelFor(DISCLOSURE_TIERS, detail.disclosureTier)}</Descriptions.Item>
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
        {detail.isFiscallyFunded && (
          <>
            <Descriptions.Item label="资助计划">{detail.fundingProgramme ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="项目编号">{detail.fundingProjectNumber ?? '—'}</Descriptions.Item>
          </>
        )}
      </Descriptions>
      <Section title="成果简介">
        <Paragraphs text={detail.abstract} />
      </Section>
      <GatedPart detail={detail} onRequest={() => setRequesting(true)} />
    </>
  );

  return (
    <Flex vertical gap={16}>
      <Link to={paths.achievements}>‹ 科技成果</Link>
      <Card>
        <Flex vertical gap={12}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
            {detail.title}
          </Typography.Title>
          <Flex gap={4} wrap>
            {detail.status !== 'published' && <AchievementStatusTag status={detail.status} />}
            <SelectedTag year={detail.selectionYear} />
            <StaleTag record={detail} />
            {detail.isFiscallyFunded && <Tag color="blue">财政资助</Tag>}
            {detail.isDualUse && <Tag color="purple">军民两用</Tag>}
          </Flex>
          <Flex gap="4px 16px" wrap style={{ color: 'rgba(0,0,0,0.65)' }}>
            <span>{detail.ownerName}</span>
            <span>{detail.regionName ?? detail.regionCode}</span>
            {detail.publishedAt && <span>发布于 {formatDate(detail.publishedAt)}</span>}
            {detail.version > 0 && <span>第 {detail.version} 版</span>}
            {detail.lastConfirmedAt && <span>信息确认于 {formatDate(detail.lastConfirmedAt)}</span>}
          </Flex>
          {(actions.includes('edit') || commandButtons.some((button) => actions.includes(button.command))) && (
            <Flex gap={8} wrap role="toolbar" aria-label="成果操作">
              {actions.includes('edit') && (
                <ButtonLink to={pathTo.editAchievement(detail.id)}>{detail.status === 'published' ? '修改' : '编辑'}</ButtonLink>
              )}
              {/* 挂牌: owners list a published achievement (src/modules/listings). */}
              {actions.includes('attach') && detail.status === 'published' && <ButtonLink to={newListingPath(detail.id)}>挂牌</ButtonLink>}
              {commandButtons
                .filter((button) => actions.includes(button.command))
                .map((button) => (
                  <Button
                    key={button.command}
                    type={button.primary ? 'primary' : 'default'}
                    danger={button.danger}
                    loading={commands.isBusy(detail.id, button.command)}
                    disabled={commands.anyBusy && !commands.isBusy(detail.id, button.command)}
                    onClick={() => commands.run(button.command, detail)}
                  >
                    {button.label}
                  </Button>
                ))}
            </Flex>
          )}
          {ownerAlerts}
        </Flex>
      </Card>

      {revision && changes.length > 0 && (actions.includes('approveRevision') || isOwner) && (
        <Card title="待审修改内容" size="small">
          <ChangeList changes={changes} />
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              items={[
                { key: 'info', label: '成果信息', children: info },
                { key: 'versions', label: '版本历史', children: <VersionHistory id={detail.id} /> },
              ]}
            />
          </Card>
        </Col>
        {/* On a phone, price and contact come before the long description. */}
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <Flex vertical gap={16}>
            <Card title="价格与合作" size="small">
              <div style={{ fontSize: 22, fontWeight: 600, color: detail.pricingMode === 'negotiable' ? undefined : '#cf1322' }}>
                {formatPrice(detail.pricingMode, detail.price)}
              </div>
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                合作方式：{cooperationText(detail.cooperationModes)}
              </Typography.Paragraph>
            </Card>
            <ContactCard detail={detail} />
            <Card title="权属单位" size="small">
              {detail.owners.length ? (
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {detail.owners.map((owner) => (
                    <li key={owner.name}>
                      {owner.name} <Typography.Text type="secondary">{owner.share}%</Typography.Text>
                    </li>
                  ))}
                </ul>
              ) : (
                <Typography.Text type="secondary">未填写</Typography.Text>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>

      {isOwner && detail.disclosureTier === 'nda' && <AccessRequestsCard achievementId={detail.id} />}

      {maySeeMatchingDemands(session, detail) && (
        <Suspense fallback={<Card title="可能需要此成果的企业" loading />}>
          <AchievementDemandsCard achievementId={detail.id} />
        </Suspense>
      )}

      <TraceCard kind="achievement" id={detail.id} hideWhenAlone />

      <RequestAccessModal
        achievement={requesting ? detail : undefined}
        onClose={() => setRequesting(false)}
        onRequested={() => {
          setRequesting(false);
          reload();
        }}
      />
      {commands.modals}
    </Flex>
  );
}

function AchievementDetailContent() {
  const { id = '' } = useParams();
  const record = useAchievement(id);
  if (record.error && !record.data) {
    return record.error.status === 404 || record.error.status === 400 ? (
      <Result
        status="404"
        title="成果不存在"
        subTitle="该成果不存在、尚未发布或已被归档。"
        extra={
          <ButtonLink to={paths.achievements} type="primary">
            返回科技成果
          </ButtonLink>
        }
      />
    ) : (
      <Alert type="error" showIcon title={record.error.detail} action={<Button onClick={record.reload}>重试</Button>} />
    );
  }
  if (!record.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (record.data.id !== id) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <AchievementView detail={record.data} reload={record.reload} />;
}

/** 成果详情: the public part for everyone, the gated part per disclosure tier, actions per `allowedActions`. */
export function AchievementDetailPage() {
  return (
    <PublicAntd>
      <AchievementDetailContent />
    </PublicAntd>
  );
}
