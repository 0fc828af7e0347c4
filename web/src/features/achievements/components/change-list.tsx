import { Typography } from 'antd';
import { formatFieldValue } from '../format.js';
import type { FieldChange } from '../types.js';

/** Field-level changes: 字段 · before → after, struck-through old value and highlighted new one. */
export function ChangeList({ changes, emptyText = '没有内容变化' }: { changes: readonly FieldChange[]; emptyText?: string }) {
  if (changes.length === 0) return <Typography.Text type="secondary">{emptyText}</Typography.Text>;
  return (
    <dl style={{ margin: 0, display: 'grid', gap: 8 }}>
      {changes.map((change) => (
        <div
          key={change.field}
          style={{ display: 'grid', gridTemplateColumns: 'minmax(84px, max-content) 1fr', gap: '4px 12px', alignItems: 'baseline' }}
        >
          <dt style={{ color: 'rgba(0,0,0,0.55)' }}>{change.label}</dt>
          <dd style={{ margin: 0, minWidth: 0, overflowWrap: 'anywhere' }}>
            <del style={{ background: '#fff1f0', color: '#a8071a', padding: '0 4px', borderRadius: 4 }}>
              {formatFieldValue(change.field, change.before)}
            </del>
            <span aria-hidden style={{ margin: '0 6px', color: 'rgba(0,0,0,0.45)' }}>
              →
            </span>
            <ins style={{ background: '#f6ffed', color: '#135200', padding: '0 4px', borderRadius: 4, textDecoration: 'none' }}>
              {formatFieldValue(change.field, change.after)}
            </ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
