import { Form, Input, Select, Switch, Typography } from 'antd';
import type { FieldPath } from '../../../lib/form-errors.js';
import { ActionFormModal } from '../../demands/components/action-form-modal.js';
import { SEARCH_TYPES } from '../../search/search-params.js';
import { createSavedSearch } from '../api/create-saved-search.js';
import { updateSavedSearch } from '../api/update-saved-search.js';
import { type SavedQuery, suggestedName } from '../saved-search-query.js';
import type { SavedSearch, SavedSearchType } from '../types.js';
import { SavedQueryText } from './saved-query-text.js';

/**
 * What the modal does: save the search page's query as it is (`query` given), save a new one typed
 * here (text and type only; filters come from the search page), or rename one.
 */
export type SavedSearchModalMode = { kind: 'create'; query?: SavedQuery } | { kind: 'rename'; search: SavedSearch };

interface Values {
  name: string;
  alert?: boolean;
  type?: SavedSearchType;
  q?: string;
}

/** Server paths → this form's fields; the filters have no field here (their message goes above the form). */
function fieldOf(path: string): FieldPath | undefined {
  if (path === 'name' || path === 'alert') return [path];
  if (path === 'query.q') return ['q'];
  if (path === 'query.type') return ['type'];
  return undefined;
}

const nameRules = [
  { required: true, whitespace: true, message: '请填写名称' },
  { max: 50, message: '名称不能超过 50 个字' },
];

/** 保存检索 / 新建订阅 / 重命名 (POST or PATCH /api/saved-searches). */
export function SavedSearchModal({
  mode,
  onClose,
  onDone,
}: {
  /** Undefined: closed. */
  mode: SavedSearchModalMode | undefined;
  onClose: () => void;
  onDone: (saved: SavedSearch) => void;
}) {
  const fixed = mode?.kind === 'create' ? mode.query : undefined;
  const title = mode?.kind === 'rename' ? '重命名订阅' : fixed ? '保存检索' : '新建订阅';
  const initialValues: Partial<Values> =
    mode?.kind === 'rename'
      ? { name: mode.search.name }
      : { name: fixed ? suggestedName(fixed) : '', alert: true, type: 'achievement', q: '' };

  return (
    <ActionFormModal<Values>
      title={title}
      open={mode !== undefined}
      okText="保存"
      initialValues={initialValues}
      mapPath={fieldOf}
      onClose={onClose}
      onSubmit={async (values) => {
        if (!mode) return;
        const name = values.name.trim();
        if (mode.kind === 'rename') {
          onDone(await updateSavedSearch(mode.search.id, { name }));
          return;
        }
        const query: SavedQuery = fixed ?? { q: values.q?.trim() ?? '', type: values.type ?? 'achievement', filters: {} };
        onDone(await createSavedSearch({ name, query, alert: values.alert === false ? 'off' : 'on' }));
      }}
    >
      {mode?.kind === 'create' && fixed && (
        <Form.Item label="检索条件">
          <SavedQueryText query={fixed} />
        </Form.Item>
      )}
      {mode?.kind === 'create' && !fixed && (
        <>
          <Form.Item label="检索类型" name="type" rules={[{ required: true, message: '请选择检索类型' }]}>
            <Select aria-label="检索类型" options={SEARCH_TYPES} />
          </Form.Item>
          <Form.Item label="关键词" name="q" rules={[{ max: 200, message: '检索词不能超过 200 个字符' }]} extra="按领域、地区等条件订阅：在检索页设置筛选后点“保存检索”。">
            <Input maxLength={200} placeholder="例如：固态电池 隔膜" />
          </Form.Item>
        </>
      )}
      <Form.Item label="名称" name="name" rules={nameRules}>
        <Input maxLength={50} showCount />
      </Form.Item>
      {mode?.kind === 'create' && (
        <>
          <Form.Item label="新结果提醒" name="alert" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Switch aria-label="新结果提醒" checkedChildren="开启" unCheckedChildren="关闭" />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            开启后，有新发布的相符记录时会发送站内通知，并按您的邮件通知设置发送邮件。
          </Typography.Paragraph>
        </>
      )}
    </ActionFormModal>
  );
}
