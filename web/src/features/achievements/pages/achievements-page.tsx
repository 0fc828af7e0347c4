import { Checkbox, Flex, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '../../../app/routes.js';
import {
  type ActiveFilterTag,
  ActiveFilterTagList,
  CheckableTagFilter,
  FilterCard,
  FilterItem,
  useUrlListParams,
} from '../../../lib/list-browser.js';
import { useRegion } from '../../regions/api/get-region.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { AchievementResults } from '../components/achievement-results.js';
import { PublicAntd } from '../components/public-antd.js';
import { ACHIEVEMENT_TYPES, COOPERATION_MODES, INDUSTRIES, KEY_FIELDS, STAGES, TRL_LEVELS } from '../codes.js';
import { groupYuan, labelFor, optionsOf } from '../format.js';
import { parseListParams, SORTS, toSearchString, withoutEmpty } from '../list-params.js';
import type { AchievementListParams } from '../types.js';

const trlOptions = TRL_LEVELS.map((level) => ({ value: level.level, label: `${level.level} 级 · ${level.label}` }));

/** Keys that narrow the list (everything but sort and paging), to count and clear them. */
const FILTER_KEYS = [
  'q',
  'keyField',
  'industry',
  'type',
  'stage',
  'trlMin',
  'trlMax',
  'cooperationMode',
  'priceMin',
  'priceMax',
  'negotiable',
  'regionCode',
  'fiscal',
  'selected',
  'selectionYear',
  'fundingProgramme',
] as const satisfies readonly (keyof AchievementListParams)[];
type FilterKey = (typeof FILTER_KEYS)[number];

const listParamsCodec = { parse: parseListParams, withoutEmpty, toSearchString };

function PriceBand({
  min,
  max,
  negotiable,
  onApply,
}: {
  min: number | undefined;
  max: number | undefined;
  negotiable: boolean;
  onApply: (patch: Partial<AchievementListParams>) => void;
}) {
  // Typed values stay local until the field loses focus or Enter is pressed, so the list does not
  // reload on every digit. Whole yuan, kept as strings (InputNumber's stringMode).
  const [low, setLow] = useState<string | null>(min === undefined ? null : String(min));
  const [high, setHigh] = useState<string | null>(max === undefined ? null : String(max));
  useEffect(() => setLow(min === undefined ? null : String(min)), [min]);
  useEffect(() => setHigh(max === undefined ? null : String(max)), [max]);
  const toInt = (value: string | null) => (value && /^\d{1,12}$/.test(value) ? Number(value) : undefined);
  const apply = () => onApply({ priceMin: toInt(low), priceMax: toInt(high) });

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center">
        <InputNumber<string>
          aria-label="最低价格（元）"
          placeholder="最低（元）"
          stringMode
          min="0"
          precision={0}
          value={low}
          disabled={negotiable}
          onChange={setLow}
          onBlur={apply}
          onPressEnter={apply}
          style={{ flex: 1, minWidth: 0 }}
        />
        <span aria-hidden>–</span>
        <InputNumber<string>
          aria-label="最高价格（元）"
          placeholder="最高（元）"
          stringMode
          min="0"
          precision={0}
          value={high}
          disabled={negotiable}
          onChange={setHigh}
          onBlur={apply}
          onPressEnter={apply}
          style={{ flex: 1, minWidth: 0 }}
        />
      </Flex>
      <Checkbox
        checked={negotiable}
        onChange={(event) =>
          onApply(event.target.checked ? { negotiable: 'true', priceMin: undefined, priceMax: undefined } : { negotiable: undefined })
        }
      >
        只看面议
      </Checkbox>
    </Flex>
  );
}

function ActiveFilterTags({
  params,
  onRemove,
  onClear,
}: {
  params: AchievementListParams;
  onRemove: (patch: Partial<AchievementListParams>) => void;
  onClear: () => void;
}) {
  const region = useRegion(params.regionCode ?? null);
  const tags: ActiveFilterTag<AchievementListParams>[] = [];
  const add = (key: string, text: string, patch: Partial<AchievementListParams>) => tags.push({ key, text, patch });
  if (params.q) add('q', `关键词：${params.q}`, { q: undefined });
  if (params.keyField) add('keyField', `重点领域：${labelFor(KEY_FIELDS, params.keyField)}`, { keyField: undefined });
  if (params.industry) add('industry', `行业：${labelFor(INDUSTRIES, params.industry)}`, { industry: undefined });
  if (params.type) add('type', `类型：${labelFor(ACHIEVEMENT_TYPES, params.type)}`, { type: undefined });
  if (params.stage) add('stage', `阶段：${labelFor(STAGES, params.stage)}`, { stage: undefined });
  if (params.trlMin !== undefined || params.trlMax !== undefined) {
    add('trl', `TRL ${params.trlMin ?? 1}–${params.trlMax ?? 9}`, { trlMin: undefined, trlMax: undefined });
  }
  if (params.cooperationMode) {
    add('cooperationMode', `合作：${labelFor(COOPERATION_MODES, params.cooperationMode)}`, { cooperationMode: undefined });
  }
  if (params.priceMin !== undefined || params.priceMax !== undefined) {
    const low = params.priceMin === undefined ? '' : `¥${groupYuan(String(params.priceMin))}`;
    const high = params.priceMax === undefined ? '' : `¥${groupYuan(String(params.priceMax))}`;
    const text = low && high ? `${low}–${high}` : low ? `≥ ${low}` : `≤ ${high}`;
    add('price', `价格：${text}`, { priceMin: undefined, priceMax: undefined });
  }
  if (params.negotiable) add('negotiable', '面议', { negotiable: undefined });
  if (params.regionCode) add('regionCode', `地区：${region.data?.name ?? params.regionCode}`, { regionCode: undefined });
  if (params.fiscal) add('fiscal', '财政资金资助', { fiscal: undefined });
  if (params.selected) add('selected', '科惠精品', { selected: undefined });
  if (params.selectionYear) add('selectionYear', `科惠精品 ${params.selectionYear}`, { selectionYear: undefined });
  if (params.fundingProgramme) add('fundingProgramme', `资助计划：${params.fundingProgramme}`, { fundingProgramme: undefined });
  return <ActiveFilterTagList tags={tags} onRemove={onRemove} onClear={onClear} />;
}

function AchievementsBrowser() {
  const { params, update, clear } = useUrlListParams(listParamsCodec);
  const activeCount = FILTER_KEYS.filter((key: FilterKey) => params[key] !== undefined).length;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
          科技成果
        </Typography.Title>
        <Flex gap={16} wrap>
          <Link to={paths.projectLibrary}>财政资金成果转化项目库</Link>
          <Link to={paths.selections}>科惠精品</Link>
        </Flex>
      </Flex>

      <FilterCard
        searchLabel="搜索成果"
        placeholder="成果名称、关键词或简介"
        q={params.q}
        onSearch={(q) => update({ q })}
        filtersId="achievement-filters"
        activeCount={activeCount}
      >
        <CheckableTagFilter
          label="重点领域"
          labelId="key-field-label"
          options={KEY_FIELDS}
          value={params.keyField}
          onChange={(keyField) => update({ keyField })}
        />
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <FilterItem label="所属行业">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                aria-label="所属行业"
                placeholder="GB/T 4754 门类"
                options={INDUSTRIES.map((item) => ({ value: item.value, label: `${item.value} ${item.label}` }))}
                value={params.industry}
                onChange={(value) => update({ industry: value })}
              />
            </FilterItem>
            <FilterItem label="成果类型">
              <Select
                allowClear
                placeholder="全部"
                aria-label="成果类型"
                options={optionsOf(ACHIEVEMENT_TYPES)}
                value={params.type}
                onChange={(value) => update({ type: value })}
              />
            </FilterItem>
            <FilterItem label="合作方式">
              <Select
                allowClear
                placeholder="全部"
                aria-label="合作方式"
                options={optionsOf(COOPERATION_MODES)}
                value={params.cooperationMode}
                onChange={(value) => update({ cooperationMode: value })}
              />
            </FilterItem>
            <FilterItem label="技术就绪度（TRL）">
              <Flex gap={8} align="center">
                <Select
                  aria-label="最低技术就绪度"
                  allowClear
                  placeholder="最低"
                  options={trlOptions.filter((option) => params.trlMax === undefined || option.value <= params.trlMax)}
                  value={params.trlMin}
                  onChange={(value) => update({ trlMin: value })}
                  popupMatchSelectWidth={false}
                  style={{ flex: 1, minWidth: 0 }}
                />
                <span aria-hidden>–</span>
                <Select
                  aria-label="最高技术就绪度"
                  allowClear
                  placeholder="最高"
                  options={trlOptions.filter((option) => params.trlMin === undefined || option.value >= params.trlMin)}
                  value={params.trlMax}
                  onChange={(value) => update({ trlMax: value })}
                  popupMatchSelectWidth={false}
                  style={{ flex: 1, minWidth: 0 }}
                />
              </Flex>
            </FilterItem>
            <FilterItem label="成熟阶段">
              <Select
                allowClear
                placeholder="全部"
                aria-label="成熟阶段"
                options={optionsOf(STAGES)}
                value={params.stage}
                onChange={(value) => update({ stage: value })}
              />
            </FilterItem>
            <FilterItem label="所在地区">
              <RegionPicker
                aria-label="所在地区"
                placeholder="省 / 市 / 区县"
                value={params.regionCode}
                onChange={(code) => update({ regionCode: code })}
              />
            </FilterItem>
            <FilterItem label="价格（元）">
              <PriceBand
                min={params.priceMin}
                max={params.priceMax}
                negotiable={params.negotiable === 'true'}
                onApply={(patch) => update(patch)}
              />
            </FilterItem>
            <FilterItem label="其他">
              <Flex vertical gap={8}>
                <Checkbox
                  checked={params.fiscal === 'true'}
                  onChange={(event) => update({ fiscal: event.target.checked ? 'true' : undefined })}
                >
                  财政资金资助
                </Checkbox>
                <Checkbox
                  checked={params.selected === 'true'}
                  onChange={(event) => update({ selected: event.target.checked ? 'true' : undefined })}
                >
                  科惠精品
                </Checkbox>
              </Flex>
            </FilterItem>
          </Row>
        </Form>
      </FilterCard>

      <ActiveFilterTags params={params} onRemove={update} onClear={() => clear(FILTER_KEYS)} />

      <AchievementResults
        params={params}
        toolbar={
          <Select
            aria-label="排序"
            value={params.sort ?? 'newest'}
            options={SORTS}
            onChange={(value) => update({ sort: value === 'newest' ? undefined : value })}
            style={{ width: 150 }}
          />
        }
        onPageChange={(page, pageSize) => {
          update({ page, pageSize }, true);
          window.scrollTo({ top: 0 });
        }}
      />
    </Flex>
  );
}

/** 科技成果: the public, filterable list of published achievements. Filters live in the URL. */
export function AchievementsPage() {
  return (
    <PublicAntd>
      <AchievementsBrowser />
    </PublicAntd>
  );
}
