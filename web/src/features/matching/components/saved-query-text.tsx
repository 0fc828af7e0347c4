import { Flex, Tag, Typography } from 'antd';
import { useRegion } from '../../regions/api/get-region.js';
import { chosenValue, FACET_GROUPS, fallbackLabel } from '../../search/facets.js';
import { typeLabel } from '../../search/search-params.js';
import type { SearchParams } from '../../search/types.js';
import { DEMAND_TYPES, codeLabel } from '../../demands/codes.js';
import type { QueryView } from '../saved-search-query.js';

/** The conditions of a saved search in words: type, text and each filter (「重点领域：新材料」). */
export function SavedQueryText({ query }: { query: QueryView }) {
  const filters = (query.filters ?? {}) as Record<string, string | number | boolean | undefined>;
  const params = Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, typeof value === 'boolean' ? String(value) : value])) as SearchParams;
  const city = useRegion(typeof params.city === 'string' ? params.city : null);
  const region = useRegion(typeof params.region === 'string' ? params.region : null);

  const parts: string[] = [];
  for (const group of FACET_GROUPS) {
    const value = chosenValue(group, params);
    if (value === undefined) continue;
    const label = group.key === 'city' ? (city.data?.name ?? value) : fallbackLabel(group, value);
    parts.push(`${group.title}：${label}`);
  }
  if ((params.trlMin !== undefined || params.trlMax !== undefined) && params.trlMin !== params.trlMax) {
    parts.push(`技术就绪度：TRL ${params.trlMin ?? 1}–${params.trlMax ?? 9}`);
  }
  if (params.region) parts.push(`所在地区：${region.data?.name ?? params.region}`);
  const demandType = filters.demandType;
  if (typeof demandType === 'string') parts.push(`需求类型：${codeLabel(DEMAND_TYPES, demandType) ?? demandType}`);

  return (
    <Flex gap={4} wrap align="center">
      <Tag style={{ marginInlineEnd: 0 }}>{typeLabel(query.type)}</Tag>
      {query.q ? <Typography.Text>「{query.q}」</Typography.Text> : <Typography.Text type="secondary">不限关键词</Typography.Text>}
      {parts.map((part) => (
        <Tag key={part} color="blue" style={{ marginInlineEnd: 0 }}>
          {part}
        </Tag>
      ))}
    </Flex>
  );
}
