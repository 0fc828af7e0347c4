import { Flex, Form, Row, Select, Typography } from 'antd';
import {
  type ActiveFilterTag,
  ActiveFilterTagList,
  CheckableTagFilter,
  FilterCard,
  FilterItem,
  PagedCards,
  useUrlListParams,
} from '../../../lib/list-browser.js';
import { PublicAntd } from '../../achievements/components/public-antd.js';
import { useRegion } from '../../regions/api/get-region.js';
import { RegionPicker } from '../../regions/components/region-picker.js';
import { useDemands } from '../api/list-demands.js';
import { COOPERATION_MODES, DEMAND_STATUSES, DEMAND_TYPES, INDUSTRIES, KEY_FIELDS, PUBLIC_DEMAND_STATUSES } from '../codes.js';
import { DemandCard } from '../components/demand-card.js';
import { labelFor, optionsOf } from '../format.js';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, parseListParams, SORTS, toSearchString, withoutEmpty } from '../list-params.js';
import type { DemandListParams } from '../types.js';

const FILTER_KEYS = ['q', 'keyField', 'industry', 'demandType', 'cooperationMode', 'regionCode', 'status'] as const satisfies readonly (keyof DemandListParams)[];

const statusOptions = DEMAND_STATUSES.filter((status) => PUBLIC_DEMAND_STATUSES.includes(status.value)).map((status) => ({
  value: status.value,
  label: status.label,
}));

const listParamsCodec = { parse: parseListParams, withoutEmpty, toSearchString };

function ActiveFilterTags({ params, onRemove, onClear }: { params: DemandListParams; onRemove: (patch: Partial<DemandListParams>) => void; onClear: () => void }) {
  const region = useRegion(params.regionCode ?? null);
  const tags: ActiveFilterTag<DemandListParams>[] = [];
  if (params.q) tags.push({ key: 'q', text: `关键词：${params.q}`, patch: { q: undefined } });
  if (params.keyField) tags.push({ key: 'keyField', text: `重点领域：${labelFor(KEY_FIELDS, params.keyField)}`, patch: { keyField: undefined } });
  if (params.industry) tags.push({ key: 'industry', text: `行业：${labelFor(INDUSTRIES, params.industry)}`, patch: { industry: undefined } });
  if (params.demandType) tags.push({ key: 'demandType', text: `类型：${labelFor(DEMAND_TYPES, params.demandType)}`, patch: { demandType: undefined } });
  if (params.cooperationMode) {
    tags.push({ key: 'cooperationMode', text: `合作：${labelFor(COOPERATION_MODES, params.cooperationMode)}`, patch: { cooperationMode: undefined } });
  }
  if (params.regionCode) tags.push({ key: 'regionCode', text: `地区：${region.data?.name ?? params.regionCode}`, patch: { regionCode: undefined } });
  if (params.status) tags.push({ key: 'status', text: `状态：${labelFor(DEMAND_STATUSES, params.status)}`, patch: { status: undefined } });
  return <ActiveFilterTagList tags={tags} onRemove={onRemove} onClear={onClear} />;
}

function DemandsBoard() {
  const { params, update, clear } = useUrlListParams(listParamsCodec);
  const activeCount = FILTER_KEYS.filter((key) => params[key] !== undefined).length;
  const pageSize = params.pageSize ?? DEFAULT_PAGE_SIZE;
  const list = useDemands({ ...params, pageSize });

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 24 }}>
          需求大厅
        </Typography.Title>
        <Typography.Text type="secondary">企业发布的技术难题，经审核后公开。技术经纪人和服务机构认领后 48 小时内响应。</Typography.Text>
      </Flex>

      <FilterCard
        searchLabel="搜索需求"
        placeholder="需求名称、关键词或摘要"
        q={params.q}
        onSearch={(q) => update({ q })}
        filtersId="demand-filters"
        activeCount={activeCount}
      >
        <CheckableTagFilter
          label="重点领域"
          labelId="demand-key-field-label"
          options={KEY_FIELDS}
          value={params.keyField}
          onChange={(keyField) => update({ keyField })}
        />
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <FilterItem label="需求类型">
              <Select
                allowClear
                placeholder="全部"
                aria-label="需求类型"
                options={optionsOf(DEMAND_TYPES)}
                value={params.demandType}
                onChange={(value) => update({ demandType: value })}
              />
            </FilterItem>
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
            <FilterItem label="所在地区">
              <RegionPicker
                aria-label="所在地区"
                placeholder="省 / 市 / 区县"
                value={params.regionCode}
                onChange={(code) => update({ regionCode: code })}
              />
            </FilterItem>
            <FilterItem label="需求状态">
              <Select
                allowClear
                placeholder="全部"
                aria-label="需求状态"
                options={statusOptions}
                value={params.status}
                onChange={(value) => update({ status: value })}
              />
            </FilterItem>
          </Row>
        </Form>
      </FilterCard>

      <ActiveFilterTags params={params} onRemove={update} onClear={() => clear(FILTER_KEYS)} />

      <PagedCards
        list={list}
        pageSize={pageSize}
        pageSizes={PAGE_SIZES}
        noun="需求"
        emptyText="没有符合条件的需求"
        toolbar={
          <Select
            aria-label="排序"
            value={params.sort ?? 'newest'}
            options={SORTS}
            onChange={(value) => update({ sort: value === 'newest' ? undefined : value })}
            style={{ width: 150 }}
          />
        }
        renderCard={(record) => <DemandCard key={record.id} record={record} />}
        onPageChange={(page, size) => {
          update({ page, pageSize: size }, true);
          window.scrollTo({ top: 0 });
        }}
      />
    </Flex>
  );
}

/** 需求大厅: the public board of published demands (summaries only). Filters live in the URL. */
export function DemandsPage() {
  return (
    <PublicAntd>
      <DemandsBoard />
    </PublicAntd>
  );
}
