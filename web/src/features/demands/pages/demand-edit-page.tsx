import { Alert, App, Button, Card, Descriptions, Flex, Form, type FormInstance } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { isAllowed } from '../../../app/access.js';
import { paths, pathTo } from '../../../app/routes.js';
import { ButtonLink } from '../../../lib/button-link.js';
import {
  EditorHeader,
  ProblemsAlert,
  RecordEditorLoader,
  ReturnReasonsAlert,
  SaveStatus,
  useCreatedRecordEditor,
  useEditorProblems,
} from '../../../lib/record-editor.js';
import { type SaveOutcome, useAutosave } from '../../../lib/use-autosave.js';
import { useOrganization } from '../../accounts/api/get-organization.js';
import { useSession } from '../../accounts/session/session-context.js';
import { useCampaign } from '../../campaigns/api/get-campaign.js';
import { useVisits } from '../../campaigns/api/list-visits.js';
import { createDemand } from '../api/create-demand.js';
import { getDemand } from '../api/get-demand.js';
import { submitDemand } from '../api/submit-demand.js';
import { updateDemand } from '../api/update-demand.js';
import { DemandAttachmentsCard } from '../components/demand-attachments-card.js';
import { BasicSection, BudgetSection, ContactSection, ContentSection, ReasonsContext } from '../components/demand-form-sections.js';
import { DemandStatusTag } from '../components/demand-tags.js';
import { OrganizationPicker } from '../components/pickers.js';
import { fieldLabel, formatDay } from '../format.js';
import {
  changedFields,
  type DemandFormValues,
  formPathOf,
  formValuesOf,
  newFormValues,
  type PostingContext,
  toCreateInput,
  toFields,
} from '../form-values.js';
import type { DemandDetail, UpdateDemandInput } from '../types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOf = (value: string | null) => (value && UUID.test(value) ? value : undefined);

/** The enterprise and campaign a poster enters the demand for, from `?enterpriseOrganizationId=…&campaignId=…&visitId=…`. */
function usePostingContext(): PostingContext & { enterpriseName?: string } {
  const [search] = useSearchParams();
  return useMemo(
    () => ({
      enterpriseOrganizationId: uuidOf(search.get('enterpriseOrganizationId')),
      campaignId: uuidOf(search.get('campaignId')),
      campaignVisitId: uuidOf(search.get('visitId')),
      enterpriseName: search.get('enterpriseName')?.trim().slice(0, 100) || undefined,
    }),
    [search],
  );
}

/** Why the form cannot be edited, or undefined when it can. */
function readOnlyReason(detail: DemandDetail | undefined): string | undefined {
  if (!detail || detail.allowedActions.includes('edit')) return undefined;
  if (detail.status === 'closed') return '需求已关闭，不能修改。';
  if (['claimed', 'docking', 'matched', 'contracted'].includes(detail.status)) return '需求已被认领，进入对接后不能修改内容；如有变化请通过留言告知认领机构。';
  return '您不能修改此需求：只有需求所属企业的成员或录入人可以修改。';
}

/**
 * Names the enterprise a poster works for and the campaign visit it came from: from the demand once
 * saved, else the organization record (operator, the region's gov_admin) or the campaign visit
 * (the campaign team, brokers included), else the name in the link.
 */
function EnterpriseLine({ detail, posting }: { detail: DemandDetail | undefined; posting: ReturnType<typeof usePostingContext> }) {
  const campaignId = detail?.campaignId ?? posting.campaignId ?? null;
  const org = useOrganization(detail ? null : (posting.enterpriseOrganizationId ?? null));
  const campaign = useCampaign(campaignId);
  const visits = useVisits(!detail && posting.campaignVisitId ? campaignId : null, 1, 100);
  const visit = visits.data?.items.find((item) => item.id === posting.campaignVisitId);
  const name = detail?.enterpriseName || org.data?.name || visit?.enterpriseName || posting.enterpriseName;
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
      <Descriptions.Item label="需求所属企业">{name ?? '（平台登记的企业）'}</Descriptions.Item>
      {campaignId && (
        <Descriptions.Item label="来源">
          科惠行动走访采集{campaign.data ? `（${campaign.data.name}${visit ? `，${formatDay(visit.visitedOn)} 走访` : ''}）` : ''}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

interface EditorProps {
  initial: DemandDetail | undefined;
  onCreated: (id: string) => void;
}

function DemandEditor({ initial, onCreated }: EditorProps) {
  const [form] = Form.useForm<DemandFormValues & { enterpriseOrganizationId?: string }>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { session } = useSession();
  const posting = usePostingContext();
  const [detail, setDetail] = useState<DemandDetail | undefined>(initial);
  const [isSubmitting, setSubmitting] = useState(false);
  const recordId = useRef<string | undefined>(initial?.id);
  const fieldsByPath: Pick<FormInstance, 'setFields' | 'scrollToField'> = form;

  const organization = session?.user?.organization;
  const isEnterpriseMember = isAllowed('enterpriseMember', session);
  // Posting for its own enterprise unless the link names another one; other posters pick one.
  const forOwn = isEnterpriseMember && (!posting.enterpriseOrganizationId || posting.enterpriseOrganizationId === organization?.id);
  const mustPickEnterprise = !initial && !forOwn && !posting.enterpriseOrganizationId;
  const serverErrors = useEditorProblems(fieldsByPath, {
    pathOf: (path) => {
      const name = formPathOf(path);
      return name && name[0] === 'enterpriseOrganizationId' && !mustPickEnterprise ? undefined : name;
    },
    fieldLabel,
  });
  const { problems, setProblems } = serverErrors;

  // Only the first render's values: later session or record updates must not reset typing.
  const [initialValues] = useState<DemandFormValues>(() =>
    initial ? formValuesOf(initial) : newFormValues(forOwn ? { regionCode: organization?.regionCode, contactName: session?.user?.name } : {}),
  );
  // What the server has, so autosave sends only what changed since.
  const lastSaved = useRef<UpdateDemandInput | undefined>(initial ? toFields(initialValues) : undefined);

  const lockedReason = readOnlyReason(detail);
  const isReadOnly = lockedReason !== undefined;
  const returnComment = detail?.status === 'returned' ? detail.returnComment : null;
  const returnReasons = detail?.status === 'returned' ? detail.returnReasons : null;
  const fieldReasons = useMemo(() => (returnReasons ?? []).filter((reason) => reason.field !== '_'), [returnReasons]);
  const reasonMap = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const reason of fieldReasons) {
      const field = reason.field.replace(/Fen$/, '');
      map.set(field, [...(map.get(field) ?? []), reason.message]);
    }
    return map;
  }, [fieldReasons]);

  const save = async (): Promise<SaveOutcome> => {
    if (isReadOnly) return { ok: true };
    const values = form.getFieldsValue(true) as DemandFormValues & { enterpriseOrganizationId?: string };
    const fields = toFields(values);
    const id = recordId.current;
    if (!id && !fields.title) return { ok: false, kind: 'blocked', message: '填写需求名称后开始自动保存' };
    if (!id && mustPickEnterprise && !values.enterpriseOrganizationId) return { ok: false, kind: 'blocked', message: '请先选择需求所属的企业' };
    const patch = id ? changedFields(fields, lastSaved.current) : fields;
    if (id && Object.keys(patch).length === 0) return { ok: true };
    try {
      const saved = id
        ? await updateDemand(id, patch)
        : await createDemand(
            toCreateInput(fields, fields.title ?? '', {
              enterpriseOrganizationId: forOwn ? undefined : (posting.enterpriseOrganizationId ?? values.enterpriseOrganizationId),
              campaignId: posting.campaignId,
              campaignVisitId: posting.campaignVisitId,
            }),
          );
      lastSaved.current = { ...lastSaved.current, ...fields };
      setDetail(saved);
      if (!id) {
        recordId.current = saved.id;
        // The server fills the region from the enterprise when none was chosen.
        if (!values.regionCode) {
          form.setFieldValue('regionCode', saved.regionCode);
          lastSaved.current = { ...lastSaved.current, regionCode: saved.regionCode };
        }
        onCreated(saved.id);
      }
      serverErrors.saved();
      return { ok: true };
    } catch (error) {
      return serverErrors.saveFailed(error);
    }
  };

  const autosave = useAutosave(save);

  const handleValuesChange = (changed: Partial<DemandFormValues>) => {
    // A field the user touches loses the server's old complaint about it.
    const keys = Object.keys(changed);
    serverErrors.clearTouched(keys);
    setProblems((previous) => {
      if (!previous) return previous;
      const errors = previous.errors.filter((item) => !keys.includes(String(formPathOf(item.path)?.[0])));
      return errors.length === previous.errors.length ? previous : errors.length ? { ...previous, errors } : undefined;
    });
    autosave.touch();
  };

  const handleSave = async () => {
    const outcome = await autosave.flush();
    if (outcome.ok) message.success('已保存');
  };

  const handleSubmit = async () => {
    setSubmitting(true);
    try {
      const outcome = await autosave.flush();
      if (!outcome.ok) {
        message.error(`请先处理保存问题：${outcome.message}`);
        return;
      }
      const id = recordId.current;
      if (!id) return;
      const submitted = await submitDemand(id);
      setDetail(submitted);
      serverErrors.clear();
      message.success('已提交，等待科技管理部门审核');
      navigate(isEnterpriseMember && forOwn ? paths.myDemands : pathTo.demand(id));
    } catch (error) {
      if (!serverErrors.submitFailed(error)) message.error('提交失败，请稍后再试。');
    } finally {
      setSubmitting(false);
    }
  };

  const canSubmit = !isReadOnly && (detail === undefined || detail.allowedActions.includes('submit'));
  const title = detail ? '编辑需求' : '发布需求';

  return (
    <Flex vertical gap={16}>
      <EditorHeader
        title={title}
        tag={detail && <DemandStatusTag status={detail.status} />}
        status={<SaveStatus state={autosave.state} isNew={!detail} newHint="填写需求名称后自动保存" />}
      >
        {detail && <ButtonLink to={pathTo.demand(detail.id)}>查看</ButtonLink>}
        {!isReadOnly && (
          <Button onClick={handleSave} disabled={autosave.state.kind === 'saving'}>
            保存
          </Button>
        )}
        {canSubmit && (
          <Button type="primary" onClick={handleSubmit} loading={isSubmitting}>
            提交审核
          </Button>
        )}
      </EditorHeader>

      {lockedReason && (
        <Alert
          type="warning"
          showIcon
          title={lockedReason}
          action={
            detail && (
              <Link to={pathTo.demand(detail.id)} style={{ whiteSpace: 'nowrap' }}>
                查看需求
              </Link>
            )
          }
        />
      )}
      {detail?.status === 'submitted' && !isReadOnly && (
        <Alert type="info" showIcon title="已提交，等待审核" description="审核前仍可修改，修改会自动保存。" />
      )}
      {detail?.status === 'published' && !isReadOnly && (
        <Alert type="info" showIcon title="需求已发布" description="修改会立即更新需求大厅中的公开内容。" />
      )}
      <ReturnReasonsAlert title="审核退回，请按审核意见修改后重新提交" comment={returnComment} reasons={fieldReasons} fieldLabel={fieldLabel} />
      <ProblemsAlert problems={problems} onClose={() => setProblems(undefined)} onGoTo={serverErrors.goTo} fieldLabel={fieldLabel} />

      <ReasonsContext.Provider value={reasonMap}>
        <Form<DemandFormValues & { enterpriseOrganizationId?: string }>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={handleValuesChange}
          disabled={isReadOnly}
          scrollToFirstError
        >
          <Flex vertical gap={16}>
            {!forOwn && (
              <Card title="所属企业" size="small" styles={{ body: { paddingBottom: mustPickEnterprise && !detail ? 4 : undefined } }}>
                {mustPickEnterprise && !detail ? (
                  <Form.Item
                    label="需求所属企业"
                    name="enterpriseOrganizationId"
                    rules={[{ required: true, message: '请选择需求所属的企业' }]}
                    extra="代企业录入：选择已在平台登记的企业"
                  >
                    <OrganizationPicker type="enterprise" aria-label="需求所属企业" placeholder="输入企业名称搜索" />
                  </Form.Item>
                ) : (
                  <EnterpriseLine detail={detail} posting={posting} />
                )}
              </Card>
            )}
            <BasicSection />
            <ContentSection />
            <BudgetSection />
            <ContactSection />
          </Flex>
        </Form>
      </ReasonsContext.Provider>
      <DemandAttachmentsCard
        demandId={detail?.id}
        initial={initial?.attachments}
        readOnly={detail ? !detail.allowedActions.includes('attach') : isReadOnly}
      />
    </Flex>
  );
}

/**
 * 发布 / 编辑需求. The form autosaves about 2 s after each change: a new demand is created by its
 * first save and the URL becomes its edit address without remounting the form.
 */
export function DemandEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const editor = useCreatedRecordEditor(id, (newId) => navigate(pathTo.editDemand(newId), { replace: true }));
  return (
    <RecordEditorLoader
      key={editor.key}
      id={editor.id}
      load={getDemand}
      noun="需求"
      back={
        <ButtonLink to={paths.demands} type="primary">
          返回需求大厅
        </ButtonLink>
      }
    >
      {(detail) => <DemandEditor initial={detail} onCreated={editor.onCreated} />}
    </RecordEditorLoader>
  );
}
