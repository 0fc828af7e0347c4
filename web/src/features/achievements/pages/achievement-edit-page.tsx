import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, type FormInstance, Grid, Result, Skeleton, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { paths, pathTo } from '../../../app/routes.js';
import { type FieldError, isApiError } from '../../../lib/api-client.js';
import { ButtonLink } from '../../../lib/button-link.js';
import { type FieldPath, showFieldErrors } from '../../../lib/form-errors.js';
import { formatTime } from '../../../lib/format-time.js';
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
import { type SaveOutcome, type SaveState, useAutosave } from '../components/autosave.js';
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

function SaveStatus({ state, isNew }: { state: SaveState; isNew: boolean }) {
  let content: ReactNode;
  switch (state.kind) {
    case 'saving':
      content = (
        <>
          <LoadingOutlined /> 保存中…
        </>
      );
      break;
    case 'saved':
      content = (
        <Typography.Text type="success">
          <CheckCircleOutlined /> 已自动保存 {formatTime(state.at)}
        </Typography.Text>
      );
      break;
    case 'failed':
      content = (
        <Typography.Text type="danger">
          <CloseCircleOutlined /> 保存失败：{state.message}
        </Typography.Text>
      );
      break;
    case 'blocked':
      content = <Typography.Text type="warning">{state.message}</Typography.Text>;
      break;
    case 'dirty':
      content = <Typography.Text type="secondary">有未保存的修改</Typography.Text>;
      break;
    default:
      content = <Typography.Text type="secondary">{isNew ? '填写成果名称后自动保存' : '修改后约 2 秒自动保存'}</Typography.Text>;
  }
  return (
    <span role="status" aria-live="polite" style={{ fontSize: 13 }}>
      {content}
    </span>
  );
}

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
  const [problems, setProblems] = useState<{ title: string; errors: FieldError[] } | undefined>(undefined);
  const [isSubmitting, setSubmitting] = useState(false);
  const recordId = useRef<string | undefined>(initial?.id);
  const indexes = useRef<RowIndexes>({ ipItems: [], owners: [], team: [] });
  const errorFields = useRef<FieldPath[]>([]);
  // Server paths are only known at run time, so errors are set through the untyped form API.
  const fieldsByPath: Pick<FormInstance, 'setFields' | 'getFieldWarning'> = form;

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

  const markErrors = (errors: readonly FieldError[]) => {
    // Clear what the server said last time, then mark the new problems.
    fieldsByPath.setFields(errorFields.current.map((name) => ({ name, errors: [] })));
    const marked: FieldPath[] = [];
    // A server message the field already shows as the form's own warning (TRL vs stage) is not
    // repeated under it; the summary still lists it.
    const fresh = errors.filter((item) => {
      const name = formPathOf(item.path, indexes.current);
      return !name || !fieldsByPath.getFieldWarning(name).includes(item.message);
    });
    showFieldErrors(form, fresh, (path) => {
      const name = formPathOf(path, indexes.current);
      if (name) marked.push(name);
      return name;
    });
    errorFields.current = marked;
  };

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
      if (errorFields.current.length) markErrors([]);
      setProblems((previous) => (previous?.title.startsWith('保存') ? undefined : previous));
      return { ok: true };
    } catch (error) {
      if (isApiError(error)) {
        markErrors(error.errors);
        if (error.errors.length) setProblems({ title: `保存失败：${error.detail}`, errors: error.errors });
        // Field problems read better with the field's Chinese name than the server's sentence.
        const text = error.errors.length
          ? error.errors.map((item) => `${fieldLabel(item.path)}：${item.message}`).join('；')
          : error.detail;
        return { ok: false, kind: 'failed', message: text };
      }
      throw error;
    }
  };

  const autosave = useAutosave(save);

  const handleValuesChange = (changed: Partial<AchievementFormValues>) => {
    // A field the user touches loses the server's old complaint about it.
    const keys = Object.keys(changed);
    const stale = errorFields.current.filter((name) => keys.includes(String(name[0])));
    if (stale.length) {
      fieldsByPath.setFields(stale.map((name) => ({ name, errors: [] })));
      errorFields.current = errorFields.current.filter((name) => !stale.includes(name));
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
      setProblems(undefined);
      markErrors([]);
      message.success(
        submitted.status === 'submitted'
          ? '已提交，等待单位管理员确认'
          : submitted.status === 'published'
            ? '修改已提交，审核通过后替换公开版本'
            : '已提交，等待平台审核',
      );
      navigate(paths.myAchievements);
    } catch (error) {
      if (isApiError(error)) {
        markErrors(error.errors);
        setProblems({ title: error.detail, errors: error.errors });
        const first = error.errors.map((item) => formPathOf(item.path, indexes.current)).find(Boolean);
        if (first) form.scrollToField(first, { block: 'center' });
        else window.scrollTo({ top: 0, behavior: 'smooth' });
      } else {
        message.error('提交失败，请稍后再试。');
      }
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

  const goToProblem = (item: FieldError) => {
    const name = formPathOf(item.path, indexes.current);
    if (name) form.scrollToField(name, { block: 'center', focus: true });
  };

  const canSubmit =
    !isReadOnly &&
    (detail === undefined ||
      detail.allowedActions.includes('submit') ||
      (isPublished && detail.allowedActions.includes('edit')));
  const title = detail ? (isPublished ? '修改已发布成果' : '编辑成果') : '新建成果';

  return (
    <Flex vertical gap={16}>
      <div
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#f5f5f5',
          paddingBlock: 8,
          marginBlock: -8,
        }}
      >
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {detail && <AchievementStatusTag status={detail.status} />}
            <SaveStatus state={autosave.state} isNew={!detail} />
          </Flex>
          <Flex gap={8} wrap>
            {detail && <ButtonLink to={pathTo.achievement(detail.id)}>查看</ButtonLink>}
            {!isReadOnly && (
              <Button onClick={handleSave} disabled={autosave.state.kind === 'saving'}>
                保存
              </Button>
            )}
            {detail?.allowedActions.includes('confirm') && !isReadOnly && (
              <Button onClick={handleConfirm}>确认</Button>
            )}
            {canSubmit && (
              <Button type="primary" onClick={handleSubmit} loading={isSubmitting}>
                提交
              </Button>
            )}
          </Flex>
        </Flex>
      </div>

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
      {(reasons.length > 0 || comment) && (
        <Alert
          type="error"
          showIcon
          title={isPublished ? '修改被退回，请按审核意见修改后重新提交' : '审核退回，请按审核意见修改后重新提交'}
          description={
            <>
              {comment && <div>审核意见：{comment}</div>}
              {reasons.length > 0 && (
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {reasons.map((reason) => (
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
      {problems && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setProblems(undefined) }}
          title={problems.title}
          description={
            problems.errors.length > 0 && (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} aria-label="需要完善的内容">
                {problems.errors.map((item) => (
                  <li key={`${item.path}:${item.message}`}>
                    <Button type="link" size="small" onClick={() => goToProblem(item)} style={{ padding: 0, height: 'auto' }}>
                      {fieldLabel(item.path)}
                    </Button>
                    ：{item.message}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}

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

/** Loads the record (when editing one) and mounts the editor once it is there. */
function EditorLoader({ id, onCreated }: { id: string | undefined; onCreated: (id: string) => void }) {
  const [state, setState] = useState<{ detail?: AchievementDetail; error?: string; status?: number; loading: boolean }>({
    loading: id !== undefined,
  });
  useEffect(() => {
    if (id === undefined) return;
    const controller = new AbortController();
    getAchievement(id, controller.signal).then(
      (detail) => setState({ detail, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          loading: false,
          error: isApiError(error) ? error.detail : '加载失败，请稍后再试。',
          status: isApiError(error) ? error.status : undefined,
        });
      },
    );
    return () => controller.abort();
  }, [id]);

  if (state.loading) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (state.error) {
    return (
      <Result
        status={state.status === 404 ? '404' : 'error'}
        title={state.status === 404 ? '成果不存在' : '无法加载成果'}
        subTitle={state.error}
        extra={
          <ButtonLink to={paths.myAchievements} type="primary">
            返回我的成果
          </ButtonLink>
        }
      />
    );
  }
  return <AchievementEditor initial={state.detail} onCreated={onCreated} />;
}

/**
 * 新建 / 编辑成果. The form autosaves about 2 s after each change: a new record is created by its
 * first save and the URL becomes its edit address without remounting the form.
 */
export function AchievementEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const created = useRef<string | undefined>(undefined);
  const generation = useRef(0);
  // The editor that created a record keeps working on it after the URL changes to /:id/edit;
  // opening another record, or /new again, starts a fresh editor.
  if (id === undefined && created.current !== undefined) {
    created.current = undefined;
    generation.current += 1;
  }
  const editorKey = id === undefined || id === created.current ? `new-${generation.current}` : id;
  return (
    <EditorLoader
      key={editorKey}
      id={id === undefined || id === created.current ? undefined : id}
      onCreated={(newId) => {
        created.current = newId;
        navigate(pathTo.editAchievement(newId), { replace: true });
      }}
    />
  );
}
