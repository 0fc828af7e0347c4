import { CheckCircleTwoTone, DownOutlined, ExclamationCircleTwoTone, UpOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Tooltip, Typography } from 'antd';
import { type CSSProperties, useId, useState } from 'react';
import { COMPONENT_COLORS, leadingReasons, percentText, pointsText, weakestComponent } from '../format.js';
import type { ComponentScore } from '../types.js';

/**
 * The score as one bar of the components' contributions (weight × value), so the share each one
 * adds to the 匹配度 is visible at a glance; the empty rest is what the pair missed.
 */
export function ContributionBar({ components, score }: { components: readonly ComponentScore[]; score: number }) {
  return (
    <div
      role="img"
      aria-label={`匹配度 ${percentText(score)}：${components.map((c) => `${c.label} ${pointsText(c.contribution)} 分`).join('，')}`}
      style={{ display: 'flex', height: 8, borderRadius: 4, overflow: 'hidden', background: '#f0f0f0', width: '100%' }}
    >
      {components
        .filter((c) => c.contribution > 0)
        .map((c) => (
          <Tooltip key={c.component} title={`${c.label}：贡献 ${pointsText(c.contribution)} 分`}>
            <span style={{ width: `${c.contribution * 100}%`, background: COMPONENT_COLORS[c.component] }} />
          </Tooltip>
        ))}
    </div>
  );
}

const cell: CSSProperties = { padding: '6px 8px', verticalAlign: 'top', borderBottom: '1px solid #f5f5f5' };
const head: CSSProperties = { ...cell, fontWeight: 500, color: 'rgba(0,0,0,0.65)', textAlign: 'start', whiteSpace: 'nowrap' };

/** Every component: how well the pair did (a bar), its weight, its contribution, and the reason. */
export function ComponentTable({ components }: { components: readonly ComponentScore[] }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      {/* On a phone the table scrolls sideways rather than squeezing the reasons into a narrow column. */}
      <table aria-label="得分明细" style={{ width: '100%', minWidth: 600, borderCollapse: 'collapse', fontSize: 13 }}>
        <thead>
          <tr>
            <th style={head}>分项</th>
            <th style={{ ...head, minWidth: 120 }}>得分</th>
            <th style={head}>权重</th>
            <th style={head}>贡献</th>
            <th style={head}>理由</th>
          </tr>
        </thead>
        <tbody>
          {components.map((c) => (
            <tr key={c.component}>
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>
                <span
                  aria-hidden
                  style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: COMPONENT_COLORS[c.component], marginInlineEnd: 6 }}
                />
                {c.label}
              </td>
              <td style={cell}>
                <Progress
                  percent={Math.round(c.value * 100)}
                  format={(percent) => `${percent ?? 0}%`}
                  size="small"
                  strokeColor={COMPONENT_COLORS[c.component]}
                  aria-label={`${c.label}得分`}
                  style={{ margin: 0, minWidth: 110 }}
                />
              </td>
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>{percentText(c.weight)}</td>
              <td style={{ ...cell, whiteSpace: 'nowrap' }}>{pointsText(c.contribution)}</td>
              <td style={{ ...cell, minWidth: 200 }}>{c.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Why a pair matches: the leading reasons (the components that added most), a caution when one
 * component counts clearly against it, the contribution bar, and the full table on demand.
 */
export function MatchReasons({ components, score }: { components: readonly ComponentScore[]; score: number }) {
  const [isOpen, setOpen] = useState(false);
  const tableId = useId();
  const weakest = weakestComponent(components);
  return (
    <Flex vertical gap={6}>
      <ul aria-label="匹配理由" style={{ listStyle: 'none', margin: 0, padding: 0, fontSize: 13 }}>
        {leadingReasons(components).map((c) => (
          <li key={c.component}>
            <CheckCircleTwoTone twoToneColor="#52c41a" style={{ marginInlineEnd: 6 }} />
            <Typography.Text type="secondary">{c.label}：</Typography.Text>
            {c.reason}
          </li>
        ))}
        {weakest && (
          <li>
            <ExclamationCircleTwoTone twoToneColor="#fa8c16" style={{ marginInlineEnd: 6 }} />
            <Typography.Text type="secondary">{weakest.label}：</Typography.Text>
            {weakest.reason}
          </li>
        )}
      </ul>
      <Flex align="center" gap={8}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <ContributionBar components={components} score={score} />
        </div>
        <Button
          type="link"
          size="small"
          aria-expanded={isOpen}
          aria-controls={tableId}
          onClick={() => setOpen((open) => !open)}
          icon={isOpen ? <UpOutlined /> : <DownOutlined />}
          iconPlacement="end"
          style={{ paddingInline: 0 }}
        >
          得分明细
        </Button>
      </Flex>
      <div id={tableId} hidden={!isOpen}>
        {isOpen && <ComponentTable components={components} />}
      </div>
    </Flex>
  );
}

/** 匹配度 NN%, large. */
export function ScoreBadge({ score }: { score: number }) {
  const color = score >= 0.7 ? '#389e0d' : score >= 0.5 ? '#d46b08' : 'rgba(0,0,0,0.45)';
  return (
    <div style={{ textAlign: 'end', flex: '0 0 auto' }}>
      <div style={{ fontSize: 22, fontWeight: 600, lineHeight: 1.1, color }}>{percentText(score)}</div>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>匹配度</div>
    </div>
  );
}
