import { Button, Flex, Tag } from 'antd';
import { useRegion } from '../../regions/api/get-region.js';
import { choose, chosenValue, FACET_GROUPS, fallbackLabel } from '../facets.js';
import { clearedFilters } from '../search-params.js';
import type { SearchParams, SearchResponse } from '../types.js';

/** The filters in force, as closable tags (「重点领域：新材料 ×」), and 清空筛选. */
export function ActiveFilterTags({
  params,
  facets,
  onChange,
}: {
  params: SearchParams;
  facets: SearchResponse['facets'] | undefined;
  onChange: (patch: Partial<SearchParams>) => void;
}) {
  // Region names for filters the counts may not list (a shared URL, a region prefix).
  const city = useRegion(params.city && !facets?.city?.some((item) => item.value === params.city) ? params.city : null);
  const region = useRegion(params.region ?? null);
  const tags: { key: string; text: string; patch: Partial<SearchParams> }[] = [];

  for (const group of FACET_GROUPS) {
    const value = chosenValue(group, params);
    if (value === undefined) continue;
    const counted = facets?.[group.key]?.find((item) => item.value === value)?.label;
    const label = counted ?? (group.key === 'city' ? city.data?.name : undefined) ?? fallbackLabel(group, value);
    tags.push({ key: group.key, text: `${group.title}：${label}`, patch: choose(group, undefined) });
  }
  // A TRL range (only from a hand-made or shared URL: the sidebar picks single levels).
  if ((params.trlMin !== undefined || params.trlMax !== undefined) && params.trlMin !== params.trlMax) {
    tags.push({
      key: 'trl-range',
      text: `技术就绪度：TRL ${params.trlMin ?? 1}–${params.trlMax ?? 9}`,
      patch: { trlMin: undefined, trlMax: undefined },
    });
  }
  if (params.region) {
    tags.push({ key: 'region', text: `所在地区：${region.data?.name ?? params.region}`, patch: { region: undefined } });
  }
  if (tags.length === 0) return null;

  return (
    <Flex gap={8} wrap align="center" role="group" aria-label="已选筛选条件">
      {tags.map((tag) => (
        <Tag
          key={tag.key}
          closable
          onClose={() => onChange(tag.patch)}
          color="blue"
          style={{ marginInlineEnd: 0 }}
        >
          {tag.text}
        </Tag>
      ))}
      <Button type="link" size="small" onClick={() => onChange(clearedFilters())}>
        清空筛选
      </Button>
    </Flex>
  );
}
