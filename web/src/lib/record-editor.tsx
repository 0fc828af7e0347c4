import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, type FormInstance, Result, Skeleton, Typography } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { type FieldError, isApiError } from './api-client.js';
import { type FieldPath, showFieldErrors } from './form-errors.js';
import { formatTime } from './format-time.js';
import type { SaveOutcome, SaveState } from './use-autosave.js';

// The pieces the autosaving record editors (成果, 需求) share: the save status line, the sticky
// header, the server's field problems, loading the record and keeping the editor across the
// new → /:id/edit address change. What each form edits and says stays in its feature.

/** The autosave state in words; `newHint` is what a new record needs before it can be saved. */
export function SaveStatus({ state, isNew, newHint }: { state: SaveState; isNew: boolean; newHint: string }) {
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
      content = <Typography.Text type="secondary">{isNew ? newHint : '修改后约 2 秒自动保存'}</Typography.Text>;
  }
  return (
    <span role="status" aria-live="polite" style={{ fontSize: 13 }}>
      {content}
    </span>
  );
}

/** The editor's sticky header: title, status tag, save status on the left; the actions on the right. */
export function EditorHeader({ title, tag, status, children }: { title: string; tag: ReactNode; status: ReactNode; children: ReactNode }) {
  return (
    <div style={{ position: 'sticky', top: 0, zIndex: 10, background: '#f5f5f5', paddingBlock: 8, marginBlock: -8 }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {tag}
          {status}
        </Flex>
        <Flex gap={8} wrap>
          {children}
        </Flex>
      </Flex>
    </div>
  );
}

/** The reviewer's returned reasons, field by field, with the overall comment. */
export function ReturnReasonsAlert({
  title,
  comment,
  reasons,
  fieldLabel,
}: {
  title: string;
  comment: string | null;
  reasons: readonly { field: string; message: string }[];
  fieldLabel: (path: string) => string;
}) {
  if (reasons.length === 0 && !comment) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title}
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
  );
}

export interface EditorProblems {
  title: string;
  errors: FieldError[];
}

/** What the server refused on the last save or submit, each problem a link to its field. */
export function ProblemsAlert({
  problems,
  onClose,
  onGoTo,
  fieldLabel,
}: {
  problems: EditorProblems | undefined;
  onClose: () => void;
  onGoTo: (item: FieldError) => void;
  fieldLabel: (path: string) => string;
}) {
  if (!problems) return null;
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      title={problems.title}
      description={
        problems.errors.length > 0 && (
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }} aria-label="需要完善的内容">
            {problems.errors.map((item) => (
              <li key={`${item.path}:${item.message}`}>
                <Button type="link" size="small" onClick={() => onGoTo(item)} style={{ padding: 0, height: 'auto' }}>
                  {fieldLabel(item.path)}
                </Button>
                ：{item.message}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}

/**
 * The server's field problems on an editor form: marks them on the inputs (clearing the last
 * ones), keeps the summary in `problems`, and turns a failed save or submit into both.
 * `pathOf` maps a server path to a field of the form (undefined: the form has no such field);
 * `isShown` can drop an error the field already shows as the form's own warning.
 */
export function useEditorProblems(
  form: Pick<FormInstance, 'setFields' | 'scrollToField'>,
  options: {
    pathOf: (path: string) => FieldPath | undefined;
    fieldLabel: (path: string) => string;
    isShown?: (error: FieldError) => boolean;
  },
) {
  const [problems, setProblems] = useState<EditorProblems | undefined>(undefined);
  const marked = useRef<FieldPath[]>([]);
  const { pathOf, fieldLabel, isShown } = options;

  const mark = (errors: readonly FieldError[]) => {
    // Clear what the server said last time, then mark the new problems.
    form.setFields(marked.current.map((name) => ({ name, errors: [] })));
    const names: FieldPath[] = [];
    showFieldErrors(form, isShown ? errors.filter(isShown) : errors, (path) => {
      const name = pathOf(path);
      if (name) names.push(name);
      return name;
    });
    marked.current = names;
  };

  return {
    problems,
    setProblems,
    mark,
    /** A field the user touches loses the server's old complaint about it; true if one had one. */
    clearTouched(keys: readonly string[]): boolean {
      const stale = marked.current.filter((name) => keys.includes(String(name[0])));
      if (!stale.length) return false;
      form.setFields(stale.map((name) => ({ name, errors: [] })));
      marked.current = marked.current.filter((name) => !stale.includes(name));
      return true;
    },
    /** After a successful save: the field marks and a save problem summary go. */
    saved() {
      if (marked.current.length) mark([]);
      setProblems((previous) => (previous?.title.startsWith('保存') ? undefined : previous));
    },
    /** A failed save as the autosave outcome; anything but an API refusal is rethrown. */
    saveFailed(error: unknown): SaveOutcome {
      if (!isApiError(error)) throw error;
      mark(error.errors);
      if (error.errors.length) setProblems({ title: `保存失败：${error.detail}`, errors: error.errors });
      // Field problems read better with the field's Chinese name than the server's sentence.
      const text = error.errors.length ? error.errors.map((item) => `${fieldLabel(item.path)}：${item.message}`).join('；') : error.detail;
      return { ok: false, kind: 'failed', message: text };
    },
    /** A refused submit: marks and lists the problems and scrolls to the first; false if it was no API refusal. */
    submitFailed(error: unknown): boolean {
      if (!isApiError(error)) return false;
      mark(error.errors);
      setProblems({ title: error.detail, errors: error.errors });
      const first = error.errors.map((item) => pathOf(item.path)).find(Boolean);
      if (first) form.scrollToField(first, { block: 'center' });
      else window.scrollTo({ top: 0, behavior: 'smooth' });
      return true;
    },
    /** After a successful submit. */
    clear() {
      setProblems(undefined);
      mark([]);
    },
    goTo(item: FieldError) {
      const name = pathOf(item.path);
      if (name) form.scrollToField(name, { block: 'center', focus: true });
    },
  };
}

export interface LoadedRecord<T> {
  detail?: T;
  error?: string;
  status?: number;
  loading: boolean;
}

/** Loads the record an editor opens (none for a new one); aborted when the id changes. `load`: a module-level fetcher. */
export function useLoadedRecord<T>(id: string | undefined, load: (id: string, signal: AbortSignal) => Promise<T>): LoadedRecord<T> {
  const [state, setState] = useState<LoadedRecord<T>>({ loading: id !== undefined });
  useEffect(() => {
    if (id === undefined) return;
    const controller = new AbortController();
    load(id, controller.signal).then(
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
  }, [id, load]);
  return state;
}

/**
 * Loads the record (when editing one) and mounts its editor once it is there; a skeleton while
 * loading, a 404 or error page with `back` (the way out) when it cannot. `noun`: 成果, 需求.
 */
export function RecordEditorLoader<T>({
  id,
  load,
  noun,
  back,
  children,
}: {
  id: string | undefined;
  load: (id: string, signal: AbortSignal) => Promise<T>;
  noun: string;
  back: ReactNode;
  children: (detail: T | undefined) => ReactNode;
}) {
  const state = useLoadedRecord(id, load);
  if (state.loading) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (state.error) {
    return (
      <Result
        status={state.status === 404 ? '404' : 'error'}
        title={state.status === 404 ? `${noun}不存在` : `无法加载${noun}`}
        subTitle={state.error}
        extra={back}
      />
    );
  }
  return children(state.detail);
}

/**
 * The editor that created a record keeps working on it after the URL changes to its edit address;
 * opening another record, or the new-record address again, starts a fresh editor. Returns the key
 * for the editor, the id to load (undefined: new) and what to do when the first save created one.
 */
export function useCreatedRecordEditor(id: string | undefined, goToEdit: (id: string) => void) {
  const created = useRef<string | undefined>(undefined);
  const generation = useRef(0);
  if (id === undefined && created.current !== undefined) {
    created.current = undefined;
    generation.current += 1;
  }
  const isNew = id === undefined || id === created.current;
  return {
    key: isNew ? `new-${generation.current}` : id,
    id: isNew ? undefined : id,
    onCreated: (newId: string) => {
      created.current = newId;
      goToEdit(newId);
    },
  };
}
