import { Button, Checkbox, Flex, Typography } from 'antd';
import { useId, useState } from 'react';
import { choose, chosenValue, FACET_GROUPS, type FacetGroup, fallbackLabel } from '../facets.js';
import type { FacetValue, SearchParams, SearchResponse } from '../types.js';

/** Values shown before 展开. */
const FOLDED_COUNT = 6;

function FacetSection({
  group,
  values,
  chosen,
  onChoose,
}: {
  group: FacetGroup;
  values: FacetValue[];
  chosen: string | undefined;
  onChoose: (value: string | undefined) => void;
}) {
  const headingId = useId();
  const [isExpanded, setExpanded] = useState(false);
  // The router applies URL changes in a transition; until the new URL is in, the box shows the
  // click (a controlled checkbox would otherwise snap back for a moment).
  const [pending, setPending] = useState<{ value: string | undefined } | null>(null);
  const [shownFor, setShownFor] = useState(chosen);
  if (shownFor !== chosen) {
    // The new URL is in: it decides from now on.
    setShownFor(chosen);
    setPending(null);
  }
  const ticked = pending ? pending.value : chosen;
  // The chosen value stays listed (so it can be unticked) even when it counts nothing now.
  const list =
    chosen !== undefined && !values.some((item) => item.value === chosen)
      ? [{ value: chosen, label: fallbackLabel(group, chosen), count: 0 }, ...values]
      : values;
  const shown = isExpanded ? list : list.slice(0, FOLDED_COUNT);
  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={3} id={headingId} style={{ fontSize: 14, margin: '0 0 8px' }}>
        {group.title}
      </Typography.Title>
      <Flex vertical gap={4} role="group" aria-labelledby={headingId}>
        {shown.map((item) => (
          <Checkbox
            key={item.value}
            checked={item.value === ticked}
            onChange={(event) => {
              const value = event.target.checked ? item.value : undefined;
              setPending({ value });
              onChoose(value);
            }}
          >
            {item.label}
            <span style={{ color: 'rgba(0,0,0,0.45)' }}> ({item.count})</span>
          </Checkbox>
        ))}
      </Flex>
      {list.length > FOLDED_COUNT && (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setExpanded((value) => !value)} aria-expanded={isExpanded}>
          {isExpanded ? '收起' : `展开全部 ${list.length} 项`}
        </Button>
      )}
    </section>
  );
}

/**
 * Facet counts of the current results, one group per filter the API offers for this kind of
 * record. Counts are over the results as filtered, so a ticked group shows its one value.
 */
export function FacetPanel({
  facets,
  params,
  onChange,
}: {
  facets: SearchResponse['facets'];
  params: SearchParams;
  onChange: (patch: Partial<SearchParams>) => void;
}) {
  const groups = FACET_GROUPS.map((group) => {
    const values = [...(facets[group.key] ?? [])];
    if (group.key === 'trl') values.sort((a, b) => Number(a.value) - Number(b.value));
    return { group, values, chosen: chosenValue(group, params) };
  }).filter(({ values, chosen }) => values.length > 0 || chosen !== undefined);

  if (groups.length === 0) {
    return <Typography.Text type="secondary">当前结果没有可用的筛选项</Typography.Text>;
  }
  return (
    <Flex vertical gap={20}>
      {groups.map(({ group, values, chosen }) => (
        <FacetSection
          key={group.key}
          group={group}
          values={values}
          chosen={chosen}
          onChoose={(value) => onChange(choose(group, value))}
        />
      ))}
    </Flex>
  );
}
