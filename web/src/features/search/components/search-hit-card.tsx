import { Card, Flex, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { pathTo } from '../../../app/routes.js';
import { AchievementBadges } from '../../achievements/components/achievement-tags.js';
import { cooperationText, formatPrice, trlText } from '../../achievements/format.js';
import { SourceTag } from '../../harvest/components/source-tag.js';
import type { HarvestedSource } from '../../harvest/types.js';
import type { AchievementHitRecord, OrganizationHitRecord, SearchHit } from '../types.js';
import { Highlighted } from './highlighted.js';

/** Two lines at most (antd's ellipsis measures text, which highlight markup is not). */
const twoLines: CSSProperties = {
  display: '-webkit-box',
  WebkitLineClamp: 2,
  WebkitBoxOrient: 'vertical',
  overflow: 'hidden',
  margin: '8px 0',
  color: 'rgba(0,0,0,0.55)',
};

const meta: CSSProperties = { fontSize: 13, color: 'rgba(0,0,0,0.65)' };

/** The title: highlighted by the server, or the record's own title as plain text. */
function HitTitle({ html, text, to }: { html: string | undefined; text: string; to?: string }) {
  const content = html ? <Highlighted html={html} /> : text;
  return (
    <Typography.Title level={5} style={{ margin: 0 }}>
      {to ? <Link to={to}>{content}</Link> : content}
    </Typography.Title>
  );
}

function Snippet({ html, text }: { html: string | undefined; text: string }) {
  return <p style={twoLines}>{html ? <Highlighted html={html} /> : text || '暂无简介'}</p>;
}

function HitFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card size="small" styles={{ body: { padding: 16 } }}>
      <article aria-label={label}>{children}</article>
    </Card>
  );
}

function AchievementHit({ hit, record }: { hit: SearchHit; record: AchievementHitRecord & { source?: HarvestedSource } }) {
  const price = formatPrice(record.pricingMode, record.price);
  // A harvested record (采集记录) links to its own page and names its source platform.
  const source = record.source;
  return (
    <HitFrame label={record.title}>
      <Flex justify="space-between" align="start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 320px' }}>
          <HitTitle html={hit.highlights.title} text={record.title} to={source ? pathTo.harvestedRecord(record.id) : pathTo.achievement(record.id)} />
          <Flex gap={4} wrap style={{ marginTop: 6 }}>
            {source && <SourceTag peerName={source.peerName} sourceIdentifier={source.sourceIdentifier} />}
            {record.keyFieldLabel && <Tag>{record.keyFieldLabel}</Tag>}
            {record.typeLabel && <Tag>{record.typeLabel}</Tag>}
            <AchievementBadges record={record} />
          </Flex>
        </div>
        <Typography.Text strong style={{ fontSize: 16, flex: '0 0 auto', color: price === '面议' ? undefined : '#cf1322' }}>
          {price}
        </Typography.Text>
      </Flex>
      <Snippet html={hit.highlights.abstract} text="" />
      <Flex gap="4px 16px" wrap style={meta}>
        <span>{record.ownerName}</span>
        <span>{record.regionName ?? record.regionCode}</span>
        <span>{trlText(record.trl)}</span>
        {record.stageLabel && <span>{record.stageLabel}</span>}
        <span>合作方式：{cooperationText(record.cooperationModes)}</span>
      </Flex>
    </HitFrame>
  );
}

function OrganizationHit({ hit, record }: { hit: SearchHit; record: OrganizationHitRecord }) {
  return (
    <HitFrame label={record.name}>
      <HitTitle html={hit.highlights.title} text={record.name} />
      <Flex gap="4px 16px" wrap align="center" style={{ ...meta, marginTop: 8 }}>
        <Tag style={{ marginInlineEnd: 0 }}>{record.typeLabel}</Tag>
        <span>{record.regionName ?? record.regionCode}</span>
      </Flex>
    </HitFrame>
  );
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** One search result, shown as its kind of record is shown in its own list. */
export function SearchHitCard({ hit }: { hit: SearchHit }) {
  const record = hit.record;
  if (hit.type === 'achievement' && isObject(record) && typeof record.title === 'string') {
    return <AchievementHit hit={hit} record={record as AchievementHitRecord} />;
  }
  if (hit.type === 'organization' && isObject(record) && typeof record.name === 'string') {
    return <OrganizationHit hit={hit} record={record as unknown as OrganizationHitRecord} />;
  }
  // A kind this build does not know yet: its highlighted title is all that can be shown safely.
  const title = isObject(record) && typeof record.title === 'string' ? record.title : hit.id;
  return (
    <HitFrame label={title}>
      <HitTitle html={hit.highlights.title} text={title} />
      {hit.highlights.abstract && <Snippet html={hit.highlights.abstract} text="" />}
    </HitFrame>
  );
}
