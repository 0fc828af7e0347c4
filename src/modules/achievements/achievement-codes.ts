/**
 * Coded value lists (代码表) of the achievement registry (科技成果登记).
 *
 * Each list is an ordered `as const` array of `{ value, label }`: `value` is the stable English
 * code stored in the database and sent over the API, `label` the Simplified Chinese text shown to
 * users. The order is the display order of select boxes. Each list has a derived tuple of its
 * values (`*_VALUES`) to pass to `z.enum(...)`, and a union type of those values.
 *
 * Values are never renamed once stored; a label may be reworded freely.
 */

/** One entry of a coded list. */
export interface CodeOption<V extends string = string> {
  readonly value: V;
  readonly label: string;
}

type NonEmptyOptions = readonly [CodeOption, ...CodeOption[]];

/** The tuple of `value`s of a coded list, element by element, so `z.enum` keeps the literals. */
export type ValuesOf<T extends NonEmptyOptions> = {
  readonly [K in keyof T]: T[K] extends CodeOption<infer V> ? V : never;
};

/**
 * Derives the value tuple of a coded list. The cast is needed because `Array.prototype.map`
 * cannot express an element-wise mapping of a tuple; it is safe because `map` keeps length and
 * order, and each element is exactly `option.value`.
 */
export function valuesOf<const T extends NonEmptyOptions>(list: T): ValuesOf<T> {
  return list.map((option) => option.value) as unknown as ValuesOf<T>;
}

/**
 * The Chinese label of `value` in `list`, or `undefined` when the value is not in the list
 * (e.g. an unknown code in an imported Excel row, or a value retired from the list).
 */
export function labelOf(list: readonly CodeOption[], value: string): string | undefined {
  return list.find((option) => option.value === value)?.label;
}

/** Achievement type (成果类型). */
export const ACHIEVEMENT_TYPES = [
  { value: 'patent', label: '专利' },
  { value: 'software_copyright', label: '软件著作权' },
  { value: 'ic_layout', label: '集成电路布图设计' },
  { value: 'plant_variety', label: '植物新品种' },
  { value: 'new_drug', label: '新药' },
  { value: 'medical_device', label: '医疗器械' },
  { value: 'technical_secret', label: '技术秘密' },
  { value: 'other', label: '其他' },
] as const;
export const ACHIEVEMENT_TYPE_VALUES = valuesOf(ACHIEVEMENT_TYPES);
export type AchievementType = (typeof ACHIEVEMENT_TYPE_VALUES)[number];

/** Achievement attribute (成果属性): how original the innovation is. */
export const ATTRIBUTES = [
  { value: 'original', label: '原始性创新' },
  { value: 'reinnovation', label: '引进消化吸收再创新' },
  { value: 'secondary_development', label: '二次开发' },
] as const;
export const ATTRIBUTE_VALUES = valuesOf(ATTRIBUTES);
export type Attribute = (typeof ATTRIBUTE_VALUES)[number];

/**
 * Key field (重点领域): the eleven fields named in section 二 of the Hubei action plan
 * (鄂政办发〔2017〕47号, 高校院所研发平台重大科技成果转移转化专项行动), in the plan's order and
 * wording, plus 其他 for achievements outside them.
 */
export const KEY_FIELDS = [
  { value: 'next_generation_display', label: '新一代显示技术' },
  { value: 'integrated_circuits', label: '大规模集成电路' },
  { value: 'intelligent_equipment', label: '智能装备' },
  { value: 'new_energy_special_vehicles', label: '新能源汽车和专用汽车' },
  { value: 'biomedicine_medical_devices', label: '生物医药和高端医疗器械' },
  { value: 'new_materials', label: '新材料' },
  { value: 'marine_engineering_ships', label: '海洋工程装备及高技术船舶' },
  { value: 'aerospace_equipment', label: '航空航天装备' },
  { value: 'beidou_navigation', label: '北斗卫星导航系统' },
  { value: 'rail_transit_equipment', label: '轨道交通装备' },
  { value: 'energy_saving_recycling', label: '节能环保和资源循环利用' },
  { value: 'other', label: '其他' },
] as const;
export const KEY_FIELD_VALUES = valuesOf(KEY_FIELDS);

/**
 * A key field's name as searchable text (北斗卫星导航系统), for the search index of achievements and
 * demands: a search for the field then finds its records. 'other' and no field name nothing.
 */
export function keyFieldSearchText(code: string | null): string {
  return code && code !== 'other' ? (labelOf(KEY_FIELDS, code) ?? '') : '';
}
export type KeyField = (typeof KEY_FIELD_VALUES)[number];

/**
 * Industry (所属行业): the 20 sections (门类) of GB/T 4754-2017 国民经济行业分类, coded by the
 * section letter as in the standard. Finer levels (大类/中类/小类) are not coded here.
 */
export const INDUSTRIES = [
  { value: 'A', label: '农、林、牧、渔业' },
  { value: 'B', label: '采矿业' },
  { value: 'C', label: '制造业' },
  { value: 'D', label: '电力、热力、燃气及水生产和供应业' },
  { value: 'E', label: '建筑业' },
  { value: 'F', label: '批发和零售业' },
  { value: 'G', label: '交通运输、仓储和邮政业' },
  { value: 'H', label: '住宿和餐饮业' },
  { value: 'I', label: '信息传输、软件和信息技术服务业' },
  { value: 'J', label: '金融业' },
  { value: 'K', label: '房地产业' },
  { value: 'L', label: '租赁和商务服务业' },
  { value: 'M', label: '科学研究和技术服务业' },
  { value: 'N', label: '水利、环境和公共设施管理业' },
  { value: 'O', label: '居民服务、修理和其他服务业' },
  { value: 'P', label: '教育' },
  { value: 'Q', label: '卫生和社会工作' },
  { value: 'R', label: '文化、体育和娱乐业' },
  { value: 'S', label: '公共管理、社会保障和社会组织' },
  { value: 'T', label: '国际组织' },
] as const;
export const INDUSTRY_VALUES = valuesOf(INDUSTRIES);
export type Industry = (typeof INDUSTRY_VALUES)[number];

/** Development stage (成果所处阶段), from bench to production. See maturity-rules.ts for how it must agree with the TRL. */
export const STAGES = [
  { value: 'lab', label: '实验室' },
  { value: 'pilot_small', label: '小试' },
  { value: 'pilot', label: '中试' },
  { value: 'mass_production', label: '量产' },
] as const;
export const STAGE_VALUES = valuesOf(STAGES);
export type Stage = (typeof STAGE_VALUES)[number];

/** One technology readiness level. */
export interface TrlLevel {
  readonly level: number;
  readonly label: string;
  readonly description: string;
}

/**
 * Technology readiness levels (技术就绪度, TRL 1–9) in the style of GB/T 22900 科学技术研究项目
 * 评价通则. Labels and descriptions are our own short paraphrases for form help text, not
 * quotations of the standard; an applicant self-assesses and the reviewer may correct it.
 */
export const TRL_LEVELS = [
  { level: 1, label: '发现基本原理', description: '观察到并报告了技术所依据的基本原理。' },
  { level: 2, label: '形成技术概念', description: '提出了技术概念、应用设想或开发方案。' },
  { level: 3, label: '关键功能验证', description: '通过分析和实验室试验验证了关键功能与原理可行性。' },
  { level: 4, label: '实验室样品验证', description: '研制出实验室样品或部件，并在实验室环境中完成验证。' },
  { level: 5, label: '相关环境部件验证', description: '部件或功能样机在模拟的相关使用环境中通过验证。' },
  { level: 6, label: '相关环境系统演示', description: '系统或原型样机在相关环境中完成演示验证。' },
  { level: 7, label: '实际环境样机验证', description: '工程样机在实际使用环境中完成试验验证。' },
  { level: 8, label: '系统定型', description: '实际系统（产品）完成研制，通过测试和鉴定并定型。' },
  { level: 9, label: '实际应用验证', description: '实际系统（产品）经过实际使用检验，可批量生产和稳定应用。' },
] as const satisfies readonly TrlLevel[];
export type TrlLevelNumber = (typeof TRL_LEVELS)[number]['level'];

/** Cooperation mode (合作方式) the owner offers; an achievement may offer several. */
export const COOPERATION_MODES = [
  { value: 'transfer', label: '转让' },
  { value: 'license', label: '许可' },
  { value: 'equity', label: '作价入股' },
  { value: 'joint_development', label: '合作开发' },
  { value: 'technical_service', label: '技术服务' },
] as const;
export const COOPERATION_MODE_VALUES = valuesOf(COOPERATION_MODES);
export type CooperationMode = (typeof COOPERATION_MODE_VALUES)[number];

/** Pricing mode (价格方式): negotiable, or an amount that is either the asking price or the floor price. */
export const PRICING_MODES = [
  { value: 'negotiable', label: '面议' },
  { value: 'asking', label: '标价' },
  { value: 'floor', label: '底价' },
] as const;
export const PRICING_MODE_VALUES = valuesOf(PRICING_MODES);
export type PricingMode = (typeof PRICING_MODE_VALUES)[number];

/** Disclosure tier (公开范围) of the non-public parts of a record (technical details, attachments). */
export const DISCLOSURE_TIERS = [
  { value: 'public', label: '公开' },
  { value: 'registered', label: '注册用户可见' },
  { value: 'nda', label: '签署保密协议后可见' },
] as const;
export const DISCLOSURE_TIER_VALUES = valuesOf(DISCLOSURE_TIERS);
export type DisclosureTier = (typeof DISCLOSURE_TIER_VALUES)[number];

/** Type of an intellectual-property item (知识产权类型) attached to an achievement. */
export const IP_ITEM_TYPES = [
  { value: 'invention_patent', label: '发明专利' },
  { value: 'utility_model', label: '实用新型' },
  { value: 'design_patent', label: '外观设计' },
  { value: 'software_copyright', label: '软件著作权' },
  { value: 'ic_layout', label: '集成电路布图设计' },
  { value: 'plant_variety', label: '植物新品种权' },
  { value: 'other', label: '其他' },
] as const;
export const IP_ITEM_TYPE_VALUES = valuesOf(IP_ITEM_TYPES);
export type IpItemType = (typeof IP_ITEM_TYPE_VALUES)[number];

/** Legal status of an IP item (法律状态). */
export const IP_STATUSES = [
  { value: 'pending', label: '申请中' },
  { value: 'granted', label: '已授权' },
  { value: 'lapsed', label: '已失效' },
  { value: 'transferred', label: '已转让' },
] as const;
export const IP_STATUS_VALUES = valuesOf(IP_STATUSES);
export type IpStatus = (typeof IP_STATUS_VALUES)[number];

/** Role of a person in the achievement's team (团队角色). */
export const TEAM_ROLES = [
  { value: 'lead', label: '负责人' },
  { value: 'core', label: '核心成员' },
  { value: 'member', label: '成员' },
] as const;
export const TEAM_ROLE_VALUES = valuesOf(TEAM_ROLES);
export type TeamRole = (typeof TEAM_ROLE_VALUES)[number];

/**
 * Life-cycle status (登记状态). A member's submission first waits for the organization's
 * org_admin to confirm it (待单位确认), because the organization vouches for ownership before the
 * platform reviews it (待审核); the reviewer publishes it or returns it with reasons.
 */
export const ACHIEVEMENT_STATUSES = [
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '待单位确认' },
  { value: 'confirmed', label: '待审核' },
  { value: 'published', label: '已发布' },
  { value: 'returned', label: '已退回' },
  { value: 'archived', label: '已归档' },
] as const;
export const ACHIEVEMENT_STATUS_VALUES = valuesOf(ACHIEVEMENT_STATUSES);
export type AchievementStatus = (typeof ACHIEVEMENT_STATUS_VALUES)[number];
