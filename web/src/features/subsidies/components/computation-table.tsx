import { Table, Tag, Typography } from 'antd';
import { formatFen } from '../codes.js';
import type { Computation } from '../types.js';

/** Per programme: eligible or the reasons, the amount and its formula. */
export function ComputationTable({ results, loading }: { results: Computation[]; loading?: boolean }) {
  return (
    <Table<Computation>
      rowKey={(r) => r.programme.code}
      loading={loading}
      dataSource={results}
      pagination={false}
      locale={{ emptyText: '暂无生效的补助项目' }}
      columns={[
        { title: '补助项目', render: (_: unknown, r) => `${r.programme.name}（第 ${r.programme.version} 版）` },
        { title: '类型', render: (_: unknown, r) => r.programme.kindLabel },
        {
          title: '结果',
          render: (_: unknown, r) =>
            r.eligible ? <Tag color="green">符合条件</Tag> : <Tag color="default">不符合</Tag>,
        },
        { title: '金额', align: 'right', render: (_: unknown, r) => `¥${formatFen(r.amountFen)}` },
        {
          title: '公式与说明',
          render: (_: unknown, r) => (
            <Typography.Paragraph style={{ margin: 0 }}>
              {r.formula}
              {r.reasons.map((reason) => (
                <Typography.Text key={`${reason.path}-${reason.message}`} type="warning" style={{ display: 'block' }}>
                  {reason.message}
                </Typography.Text>
              ))}
            </Typography.Paragraph>
          ),
        },
      ]}
    />
  );
}
