import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ACHIEVEMENT_STATUSES,
  ACHIEVEMENT_STATUS_VALUES,
  ACHIEVEMENT_TYPES,
  ACHIEVEMENT_TYPE_VALUES,
  ATTRIBUTES,
  COOPERATION_MODES,
  type CodeOption,
  DISCLOSURE_TIERS,
  INDUSTRIES,
  INDUSTRY_VALUES,
  IP_ITEM_TYPES,
  IP_STATUSES,
  KEY_FIELDS,
  KEY_FIELD_VALUES,
  type KeyField,
  PRICING_MODES,
  STAGES,
  STAGE_VALUES,
  TEAM_ROLES,
  TRL_LEVELS,
  labelOf,
} from './achievement-codes.js';

const ALL_LISTS: ReadonlyArray<[string, readonly CodeOption[]]> = [
  ['ACHIEVEMENT_TYPES', ACHIEVEMENT_TYPES],
  ['ATTRIBUTES', ATTRIBUTES],
  ['KEY_FIELDS', KEY_FIELDS],
  ['INDUSTRIES', INDUSTRIES],
  ['STAGES', STAGES],
  ['COOPERATION_MODES', COOPERATION_MODES],
  ['PRICING_MODES', PRICING_MODES],
  ['DISCLOSURE_TIERS', DISCLOSURE_TIERS],
  ['IP_ITEM_TYPES', IP_ITEM_TYPES],
  ['IP_STATUSES', IP_STATUSES],
  ['TEAM_ROLES', TEAM_ROLES],
  ['ACHIEVEMENT_STATUSES', ACHIEVEMENT_STATUSES],
];

describe('coded lists', () => {
  it.each(ALL_LISTS)('%s has unique values and labels', (_name, list) => {
    expect(new Set(list.map((o) => o.value)).size).toBe(list.length);
    expect(new Set(list.map((o) => o.label)).size).toBe(list.length);
  });

  it.each(ALL_LISTS)('%s uses snake_case (or section-letter) values and Chinese labels', (_name, list) => {
    for (const option of list) {
      expect(option.value).toMatch(/^([a-z][a-z_]*[a-z]|[A-T])$/);
      expect(option.label).toMatch(/\p{Script=Han}/u);
    }
  });

  it('derives value tuples in list order', () => {
    expect(ACHIEVEMENT_TYPE_VALUES).toEqual(ACHIEVEMENT_TYPES.map((o) => o.value));
    expect(STAGE_VALUES).toEqual(['lab', 'pilot_small', 'pilot', 'mass_production']);
    expect(ACHIEVEMENT_STATUS_VALUES).toEqual([
      'draft',
      'submitted',
      'confirmed',
      'published',
      'returned',
      'archived',
    ]);
  });

  it('feeds z.enum with literal types', () => {
    const schema = z.enum(KEY_FIELD_VALUES);
    const parsed: KeyField = schema.parse('beidou_navigation');
    expect(parsed).toBe('beidou_navigation');
    expect(schema.safeParse('blockchain').success).toBe(false);
  });
});

describe('KEY_FIELDS', () => {
  it("lists the plan's eleven key fields in its wording, then 其他", () => {
    expect(KEY_FIELDS.map((o) => o.label)).toEqual([
      '新一代显示技术',
      '大规模集成电路',
      '智能装备',
      '新能源汽车和专用汽车',
      '生物医药和高端医疗器械',
      '新材料',
      '海洋工程装备及高技术船舶',
      '航空航天装备',
      '北斗卫星导航系统',
      '轨道交通装备',
      '节能环保和资源循环利用',
      '其他',
    ]);
  });
});

describe('INDUSTRIES', () => {
  it('covers the 20 GB/T 4754-2017 sections A–T by letter', () => {
    expect(INDUSTRY_VALUES.join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(labelOf(INDUSTRIES, 'C')).toBe('制造业');
    expect(labelOf(INDUSTRIES, 'I')).toBe('信息传输、软件和信息技术服务业');
    expect(labelOf(INDUSTRIES, 'M')).toBe('科学研究和技术服务业');
  });
});

describe('TRL_LEVELS', () => {
  it('has levels 1–9 in order, each with a one-sentence description', () => {
    expect(TRL_LEVELS.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const level of TRL_LEVELS) {
      expect(level.label.length).toBeGreaterThan(0);
      expect(level.description).toMatch(/^[^。]+。$/);
    }
  });
});

describe('labelOf', () => {
  it('returns the Chinese label of a value', () => {
    expect(labelOf(ACHIEVEMENT_TYPES, 'technical_secret')).toBe('技术秘密');
    expect(labelOf(ACHIEVEMENT_STATUSES, 'submitted')).toBe('待单位确认');
    expect(labelOf(ACHIEVEMENT_STATUSES, 'confirmed')).toBe('待审核');
    expect(labelOf(PRICING_MODES, 'floor')).toBe('底价');
  });

  it('returns undefined for a value not in the list', () => {
    expect(labelOf(ACHIEVEMENT_TYPES, 'trade_secret')).toBeUndefined();
    expect(labelOf(INDUSTRIES, 'c')).toBeUndefined();
    expect(labelOf(INDUSTRIES, 'U')).toBeUndefined();
  });
});
