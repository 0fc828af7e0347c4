import { Alert, App, Button, Flex, Form, type FormInstance, Grid } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { paths, pathTo } from '../../../app/routes.js';
import { isApiError } from '../../../lib/api-client.js';
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
import { useSession } from '../../accounts/session/session-context.js';
import { confirmAchievement } from '../api/confirm-achievement.js';
import { createAchievement } from '../api/create-achievement.js';
import { getAchievement } from '../api/get-achievement.js';
import { submitAchievement } from '../api/submit-achievement.js';
import { updateAchievement } from '../api/update-achievement.js';
import {
  BasicSection,
  ContentSection,
  CooperationSection,
  DisclosureSection,
  FundingSection,
  IpSection,
  MaturitySection,
  OwnersTeamSection,
  ReasonsContext,
  SectionLinks,
} from '../components/achievement-form-sections.js';
import { AchievementStatusTag } from '../components/achievement-tags.js';
import { AttachmentsCard } from '../components/attachments-card.js';
import { fieldLabel } from '../components/use-achievement-commands.js';
import {
  type AchievementFormValues,
  formPathOf,
  formValuesOf,
  newFormValues,
  type RowIndexes,
  toCreateInput,
  toPatch,
} from '../form-values.js';
import type { AchievementDetail, FieldReason } from '../types.js';

/** Why the form cannot be edited, or undefined when it can. */
function readOnlyReason(detail: AchievementDetail | undefined): string | undefined {
  if (!detail) return undefined;
  if (detail.status === 'published' && detail.pendingRevision?.status === 'submitted') {
    return '修改已提交审核，审核完成前不能再改。';
  }
  if (detail.allowedActions.includes('edit')) return undefined;
  if (detail.status === 'confirmed') return '成果已提交平台审核，审核完成前不能修改。';
  if (detail.status === 'archived') return '已归档的成果不能修改。';
  return '您不能修改此成果：只有成果所属单位的成员可以修改。';
}

/** The reviewer's reasons that apply to what this form edits: the record's, or its revision's. */
function reasonsOf(detail: AchievementDetail | undefined): { reasons: FieldReason[]; comment: string | null } {
  if (!detail) return { reasons: [], comment: null };
  if (detail.status === 'published') {
    const revision = detail.pendingRevision;
    if (revision?.status !== 'draft' || !revision.returnReasons) return { reasons: [], comment: null };
    const comment = revision.returnReasons.filter((reason) => reason.field === '_').map((reason) => reason.message);
    return { reasons: revision.returnReasons.filter((reason) => reason.field !== '_'), comment: comment.join('；') || null };
  }
  if (detail.status !== 'returned') return { reasons: [], comment: null };
  return { reasons: detail.returnReasons ?? [], comment: detail.returnComment };
}

interface EditorProps {
  /** The record to edit; undefined for a new one (created by the first save). */
  initial: AchievementDetail | undefined;
  onCreated: (id: string) => void;
}

function AchievementEditor({ initial, onCreated }: EditorProps) {
  const [form] = Form.useForm<AchievementFormValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { session } = useSession();
  const screens = Grid.useBreakpoint();
  const [detail, setDetail] = useState<AchievementDetail | undefined>(initial);
  const [isSubmitting, setSubmitting] = useState(false);
  const recordId = useRef<string | undefined>(initial?.id);
  const indexes = useRef<RowIndexes>({ ipItems: [], owners: [], team: [] });
  // Server paths are only known at run time, so errors are set through the untyped form API.
  const fieldsByPath: Pick<FormInstance, 'setFields' | 'getFieldWarning' | 'scrollToField'> = form;
  const serverErrors = useEditorProblems(fieldsByPath, {
    pathOf: (path) => formPathOf(path, indexes.current),
    fieldLabel,
    // A server message the field already shows as the form's own warning (TRL vs stage) is not
    // repeated under it; the summary still lists it.
    isShown: (item) => {
      const name = formPathOf(item.path, indexes.current);
      return !name || !fieldsByPath.getFieldWarning(name).includes(item.message);
    },
  });
  const { problems, setProblems } = serverErrors;

  // Only the first render's values: later session or record updates must not reset typing.
  const [initialValues] = useState(() => (initial ? formValuesOf(initial) : newFormValues(session?.user?.organization)));
  // What the server already has, so an unchanged form is not saved again.
  const lastSaved = useRef<string | undefined>(undefined);
  if (lastSaved.current === undefined && initial) lastSaved.current = JSON.stringify(toPatch(initialValues).patch);

  const lockedReason = readOnlyReason(detail);
  const isReadOnly = lockedReason !== undefined;
  const isPublished = detail?.status === 'published';
  const { reasons, comment } = reasonsOf(detail);
  const reasonMap = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const reason of reasons) {
      const field = reason.field === 'priceFen' ? 'price' : reason.field;
      map.set(field, [...(map.get(field) ?? []), reason.message]);
    }
    return map;
  }, [reasons]);

  const save = async (): Promise<SaveOutcome> => {
    if (isReadOnly) return { ok: true };
    const values = form.getFieldsValue(true) as AchievementFormValues;
    const { patch, indexes: rows } = toPatch(values);
    const body = JSON.stringify(patch);
    if (body === lastSaved.current) return { ok: true };
    const id = recordId.current;
    if (!id && !patch.title) return { ok: false, kind: 'blocked', message: '填写成果名称后开始自动保存' };
    try {
      indexes.current = rows;
      const saved = id ? await updateAchievement(id, patch) : await createAchievement(toCreateInput(patch, patch.title ?? ''));
      lastSaved.current = body;
      setDetail(saved);
      if (!id) {
        recordId.current = saved.id;
        onCreated(saved.id);
      }
      serverErrors.saved();
      return { ok: true };
    } catch (error) {
      return serverErrors.saveFailed(error);
    }
  };

  const autosave = useAutosave(save);

  const handleValuesChange = (changed: Partial<AchievementFormValues>) => {
    // A field the user touches loses the server's old complaint about it.
    const keys = Object.keys(changed);
    if (serverErrors.clearTouched(keys)) {
      setProblems((previous) =>
        previous ? { ...previous, errors: previous.errors.filter((item) => !keys.includes(item.path.split('.')[0] ?? '')) } : previous,
      );
    }
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
      const submitted = await submitAchievement(id);
      setDetail(submitted);
      serverErrors.clear();
      message.success(
        submitted.status === 'submitted'
          ? '已提交，等待单位管理员确认'
          : submitted.status === 'published'
            ? '修改已提交，审核通过后替换公开版本'
            : '已提交，等待平台审核',
      );
      navigate(paths.myAchievements);
    } catch (error) {
      if (!serverErrors.submitFailed(error)) message.error('提交失败，请稍后再试。');
    } finally {
      setSubmitting(false);
    }
  };

  const handleConfirm = async () => {
    const id = recordId.current;
    if (!id) return;
    try {
      await autosave.flush();
      setDetail(await confirmAchievement(id));
      message.success('已确认，等待平台审核');
      navigate(paths.myAchievements);
    } catch (error) {
      message.error(isApiError(error) ? error.detail : '确认失败，请稍后再试。');
    }
  };

  const canSubmit =
    !isReadOnly &&
    (detail === undefined ||
      detail.allowedActions.includes('submit') ||
      (isPublished && detail.allowedActions.includes('edit')));
  const title = detail ? (isPublished ? '修改已发布成果' : '编辑成果') : '新建成果';

  return (
    <Flex vertical gap={16}>
      <EditorHeader
        title={title}
        tag={detail && <AchievementStatusTag status={detail.status} />}
        status={<SaveStatus state={autosave.state} isNew={!detail} newHint="填写成果名称后自动保存" />}
      >
        {detail && <ButtonLink to={pathTo.achievement(detail.id)}>查看</ButtonLink>}
        {!isReadOnly && (
          <Button onClick={handleSave} disabled={autosave.state.kind === 'saving'}>
            保存
          </Button>
        )}
        {detail?.allowedActions.includes('confirm') && !isReadOnly && <Button onClick={handleConfirm}>确认</Button>}
        {canSubmit && (
          <Button type="primary" onClick={handleSubmit} loading={isSubmitting}>
            提交
          </Button>
        )}
      </EditorHeader>

      {lockedReason && (
        <Alert
          type="warning"
          showIcon
          title={lockedReason}
          action={
            <Link to={paths.myAchievements} style={{ whiteSpace: 'nowrap' }}>
              返回我的成果
            </Link>
          }
        />
      )}
      {isPublished && !isReadOnly && (
        <Alert
          type="info"
          showIcon
          title="您正在修改已发布的成果"
          description="修改自动保存为待审修改；提交并经审核通过后才会替换公开版本，在此之前公众看到的仍是当前发布的版本。"
        />
      )}
      {detail?.status === 'submitted' && (
        <Alert
          type="info"
          showIcon
          title="已提交，等待单位管理员确认"
          description="确认前仍可修改；单位管理员确认后进入平台审核。"
        />
      )}
      <ReturnReasonsAlert
        title={isPublished ? '修改被退回，请按审核意见修改后重新提交' : '审核退回，请按审核意见修改后重新提交'}
        comment={comment}
        reasons={reasons}
        fieldLabel={fieldLabel}
      />
      <ProblemsAlert problems={problems} onClose={() => setProblems(undefined)} onGoTo={serverErrors.goTo} fieldLabel={fieldLabel} />

      {screens.lg !== true && <SectionLinks />}
      <ReasonsContext.Provider value={reasonMap}>
        <Form<AchievementFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={handleValuesChange}
          disabled={isReadOnly}
          scrollToFirstError
        >
          <Flex vertical gap={16}>
            <BasicSection />
            <ContentSection />
            <MaturitySection />
            <IpSection />
            <OwnersTeamSection />
            <CooperationSection />
            <FundingSection />
            <DisclosureSection />
          </Flex>
        </Form>
      </ReasonsContext.Provider>
      <AttachmentsCard achievementId={detail?.id} initial={initial?.attachments} readOnly={isReadOnly} />
    </Flex>
  );
}

/**
 * 新建 / 编辑成果. The form autosaves about 2 s after each change: a new record is created by its
 * first save and the URL becomes its edit address without remounting the form.
 */
export function AchievementEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const editor = useCreatedRecordEditor(id, (newId) => navigate(pathTo.editAchievement(newId), { replace: true }));
  return (
    <RecordEditorLoader
      key={editor.key}
      id={editor.id}
      load={getAchievement}
      noun="成果"
      back={
        <ButtonLink to={paths.myAchievements} type="primary">
          返回我的成果
        </ButtonLink>
      }
    >
      {(detail) => <AchievementEditor initial={detail} onCreated={editor.onCreated} />}
    </RecordEditorLoader>
  );
}
