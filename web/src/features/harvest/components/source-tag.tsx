import { Tag, Tooltip } from 'antd';

/** 来源：<peer> — shown wherever a harvested record appears (it is read-only here). */
export function SourceTag({ peerName, sourceIdentifier }: { peerName: string; sourceIdentifier?: string | undefined }) {
  const tag = (
    <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
      来源：{peerName || '对接平台'}
    </Tag>
  );
  return sourceIdentifier ? <Tooltip title={`原始标识：${sourceIdentifier}`}>{tag}</Tooltip> : tag;
}
