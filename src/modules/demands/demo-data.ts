import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db.js';
import { users } from '../accounts/index.js';
import { achievements } from '../achievements/index.js';
import { campaignVisits } from '../campaigns/index.js';
import { FOLLOW_UP_KINDS, labelOf, RESPONSE_MS } from './demand-codes.js';
import { declineReasonsOf, normalizeDemandTitle, shanghaiDay } from './demand-rules.js';
import {
  type FieldReason,
  demandClaims,
  demandContactGrants,
  demandEvents,
  demandFollowUps,
  demandMessages,
  demandProposals,
  demands,
} from './demands.tables.js';

/**
 * Demo demands (技术需求) of the demo enterprises, written by us for Hubei's industries (光电子、
 * 智能网联汽车、模具、汽车零部件、新能源电池、磷化工、轴承、循环经济、北斗、纺织、富硒生物医药).
 * They cover the whole life cycle, relative to `now`: drafts, demands waiting for review or
 * returned, the pool (some within their 48 hours, some overdue), demands claimed or dispatched to
 * 湖北知行技术转移服务有限公司 (王经纪) with follow-ups, messages, a contact grant and proposals (one
 * declined with coded reasons), matched with demo achievements, contracted, and closed.
 *
 * Rows are written directly, each life-cycle step with its own timestamps, timeline event and side
 * rows, following README.md: responseDueAt = publication + 48 h, a claim's dueAt = claim + 48 h,
 * the first follow-up moves claimed → docking, a refusal ends the claim and returns the demand to
 * the pool, closing ends the active claim.
 */

interface DemoOrganization {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  status: string;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const WAN = 1_000_000; // 1 万元 in fen

type DemandInsert = typeof demands.$inferInsert;
type Source = 'enterprise' | 'campaign' | 'broker' | 'import';
type Who = 'enterprise' | 'broker' | 'operator' | 'gov' | 'system';

/** One step of a demand's life, `h` hours before now. */
type Step =
  | { do: 'submit'; h: number }
  | { do: 'publish'; h: number }
  | { do: 'return'; h: number; reasons: FieldReason[]; comment: string }
  | { do: 'claim'; h: number }
  | { do: 'dispatch'; h: number; to: 'zhixing' | 'yichangCenter'; note: string }
  | { do: 'refuse'; h: number; reason: string }
  | { do: 'followUp'; h: number; kind: string; notes: string; nextInDays?: number }
  | { do: 'message'; h: number; side: 'enterprise' | 'claimant'; body: string }
  | { do: 'grant'; h: number }
  | { do: 'propose'; h: number; achievement?: boolean; partner?: string; summary: string }
  | { do: 'decline'; h: number; reasons: string[]; text?: string }
  | { do: 'accept'; h: number }
  | { do: 'match'; h: number; partner?: string; note: string }
  | { do: 'contract'; h: number; ref: string; note: string }
  | { do: 'close'; h: number; reason: 'solved' | 'withdrawn'; comment: string }
  | { do: 'expire'; h: number };

interface Spec {
  enterprise: string;
  title: string;
  publicSummary: string;
  description: string;
  indicators: string;
  existingConditions: string;
  keyField: string;
  industry: string;
  keywords: string[];
  demandType: string;
  cooperationModes: string[];
  /** 万元; null = 面议. */
  budget: [min: number | null, max: number | null] | null;
  budgetFirm?: boolean;
  /** Days from now (negative: passed). */
  deadlineInDays: number;
  contact: [name: string, phone: string];
  source: Source;
  /** Hours before now the record was created. */
  createdH: number;
  steps: Step[];
}

const SPECS: Spec[] = [
  // ---- 武汉光谷星辰激光科技有限公司 (the demo enterprise account) ----
  {
    enterprise: '武汉光谷星辰激光科技有限公司',
    title: '高反材料激光焊接飞溅抑制与熔深稳定控制技术',
    publicSummary: '动力电池铜铝极耳激光焊接飞溅大、熔深波动，寻求光束整形与过程监测方案。',
    description:
      '公司为动力电池客户提供激光焊接工作站。铜、铝等高反材料在 1070nm 光纤激光下吸收率低，焊接起始阶段易产生飞溅与气孔，熔深波动超过 ±15%，影响极耳连接可靠性。希望引进环形光斑/蓝光复合光源或摆动焊接工艺，并配套熔池在线监测，实现批量稳定焊接。',
    indicators: '飞溅颗粒数下降 80% 以上；熔深波动 ≤ ±5%；气孔率 ≤ 1%；焊接速度不低于 150 mm/s。',
    existingConditions: '自有 6kW 光纤激光器 3 台、焊接机器人工作站 2 套、金相检测设备；工艺团队 8 人。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['激光焊接', '高反材料', '光束整形', '熔池监测'],
    demandType: 'development',
    cooperationModes: ['joint_development', 'technical_service'],
    budget: [80, 150],
    budgetFirm: true,
    deadlineInDays: 150,
    contact: ['刘工', '027-87651234'],
    source: 'enterprise',
    createdH: 14 * 24,
    steps: [
      { do: 'submit', h: 13 * 24 + 20 },
      { do: 'publish', h: 13 * 24 },
      { do: 'claim', h: 12 * 24 + 18 },
      { do: 'followUp', h: 12 * 24 + 2, kind: 'call', notes: '电话沟通需求细节，确认焊接材料牌号与现有工艺参数，约定上门走访时间。', nextInDays: 2 },
      { do: 'grant', h: 12 * 24 },
      { do: 'followUp', h: 10 * 24, kind: 'visit', notes: '到企业产线查看焊接工作站，取得飞溅与气孔样件，初步判断需要环形光斑与摆动焊接结合。', nextInDays: 5 },
      { do: 'message', h: 9 * 24 + 5, side: 'enterprise', body: '请问高校方面能否先做一批样件验证？我们可以提供极耳材料。' },
      { do: 'message', h: 9 * 24 + 1, side: 'claimant', body: '可以，江城理工大学激光团队下周可安排打样，请准备 50 组铜铝极耳。' },
      { do: 'propose', h: 7 * 24, achievement: true, summary: '推荐高功率光纤激光相关成果：环形光斑整形与摆动焊接工艺包，含工艺数据库。' },
      { do: 'decline', h: 5 * 24, reasons: ['indicators', 'price'], text: '样件熔深波动仍在 ±10% 左右，且报价超出本年度预算。' },
      { do: 'followUp', h: 4 * 24, kind: 'meeting', notes: '组织企业与湖北光电信息研究院三方会谈，讨论蓝光复合焊接方案。', nextInDays: 7 },
      { do: 'propose', h: 3 * 24, partner: '湖北光电信息研究院', summary: '推荐湖北光电信息研究院合作开发蓝光+红外复合焊接头，分两期实施，首期打样验证。' },
      { do: 'message', h: 10, side: 'enterprise', body: '复合焊接方案的首期费用和周期大概是多少？' },
    ],
  },
  {
    enterprise: '武汉光谷星辰激光科技有限公司',
    title: '万瓦级光纤激光器合束器热管理技术',
    publicSummary: '万瓦级光纤激光器合束器温升过高，寻求热管理与封装技术合作。',
    description:
      '公司研制 12kW 多模块光纤激光器，功率合束器在满功率运行时温升超过 60℃，存在光纤涂覆层老化风险。需要合束器封装结构、导热材料和包层光剥除工艺方面的技术支持。',
    indicators: '满功率连续运行 8 小时合束器温升 ≤ 25℃；合束效率 ≥ 97%。',
    existingConditions: '拥有合束器熔融拉锥设备和热成像仪。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['光纤激光器', '合束器', '热管理'],
    demandType: 'transfer',
    cooperationModes: ['transfer', 'license'],
    budget: [200, 300],
    budgetFirm: false,
    deadlineInDays: 120,
    contact: ['陈博士', '027-87651235'],
    source: 'campaign',
    createdH: 139 * 24,
    steps: [
      { do: 'submit', h: 138 * 24 },
      { do: 'publish', h: 136 * 24 },
      { do: 'claim', h: 135 * 24 },
      { do: 'followUp', h: 134 * 24, kind: 'visit', notes: '走访企业研发中心，了解合束器结构与测试数据。', nextInDays: 10 },
      { do: 'message', h: 130 * 24, side: 'enterprise', body: '是否有已授权的专利可以直接许可？' },
      { do: 'message', h: 129 * 24, side: 'claimant', body: '江城理工大学有相关发明专利，已在平台发布，稍后推荐给您。' },
      { do: 'propose', h: 120 * 24, achievement: true, summary: '推荐江城理工大学已发布成果，含合束器封装与包层光剥除工艺，可专利许可。' },
      { do: 'accept', h: 60 * 24 },
    ],
  },
  {
    enterprise: '武汉光谷星辰激光科技有限公司',
    title: '激光清洗在线质量检测系统',
    publicSummary: '寻求激光除锈/除漆清洗效果的在线视觉检测方案。',
    description: '激光清洗设备用于船舶与轨道交通部件除漆，目前依赖人工目检清洗效果，效率低且一致性差。希望开发基于机器视觉与光谱的在线检测系统，实时判断清洗是否达标并反馈调整激光参数。',
    indicators: '检测速度 ≥ 2 m²/min；漏检率 ≤ 2%。',
    existingConditions: '已有 2kW 脉冲激光清洗样机。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['激光清洗', '机器视觉', '在线检测'],
    demandType: 'development',
    cooperationModes: ['joint_development'],
    budget: [30, 60],
    deadlineInDays: 90,
    contact: ['刘工', '027-87651234'],
    source: 'enterprise',
    createdH: 3 * 24,
    steps: [
      { do: 'submit', h: 2 * 24 },
      { do: 'publish', h: 20 },
    ],
  },
  {
    enterprise: '武汉光谷星辰激光科技有限公司',
    title: '超快激光玻璃切割崩边控制工艺',
    publicSummary: '皮秒激光切割车载显示盖板玻璃崩边超标，寻求工艺合作。',
    description: '车载显示盖板玻璃（厚 1.1mm）采用皮秒激光贝塞尔光束切割后裂片，崩边尺寸 30–50μm，客户要求 ≤ 15μm。希望在光束整形、裂片工艺方面合作。',
    indicators: '崩边 ≤ 15μm；切割速度 ≥ 300 mm/s。',
    existingConditions: '有皮秒激光器与切割平台。',
    keyField: 'next_generation_display',
    industry: 'C',
    keywords: ['超快激光', '玻璃切割', '崩边'],
    demandType: 'development',
    cooperationModes: ['joint_development', 'technical_service'],
    budget: null,
    deadlineInDays: 100,
    contact: ['刘工', '027-87651234'],
    source: 'enterprise',
    createdH: 30,
    steps: [{ do: 'submit', h: 22 }],
  },
  {
    enterprise: '武汉光谷星辰激光科技有限公司',
    title: '激光器外壳铝合金轻量化压铸工艺',
    publicSummary: '激光器外壳减重与散热一体化设计。',
    description: '（草稿）计划将激光器铝合金外壳减重 20%，同时保证散热性能，待补充详细技术要求。',
    indicators: '',
    existingConditions: '',
    keyField: 'new_materials',
    industry: 'C',
    keywords: ['轻量化', '压铸'],
    demandType: 'consulting',
    cooperationModes: [],
    budget: null,
    deadlineInDays: 200,
    contact: ['刘工', '027-87651234'],
    source: 'enterprise',
    createdH: 5 * 24,
    steps: [],
  },
  {
    enterprise: '武汉光谷星辰激光科技有限公司',
    title: '紫外激光打标振镜国产化替代',
    publicSummary: '寻求高速振镜国产化替代方案。',
    description: '紫外激光打标机使用进口振镜，交期长、价格高，希望找到性能相当的国产振镜及驱动控制方案。',
    indicators: '定位重复精度 ≤ 2μrad；小步阶响应时间 ≤ 0.15ms。',
    existingConditions: '整机装配与测试能力。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['振镜', '国产化', '激光打标'],
    demandType: 'transfer',
    cooperationModes: ['transfer'],
    budget: [20, 40],
    deadlineInDays: 60,
    contact: ['刘工', '027-87651234'],
    source: 'enterprise',
    createdH: 32 * 24,
    steps: [
      { do: 'submit', h: 31 * 24 },
      { do: 'publish', h: 30 * 24 },
      { do: 'close', h: 25 * 24, reason: 'withdrawn', comment: '已与原供应商达成降价协议，暂不需要替代。' },
    ],
  },
  // ---- 武汉长江智能网联汽车有限公司 ----
  {
    enterprise: '武汉长江智能网联汽车有限公司',
    title: '车路协同路侧感知多传感器融合算法',
    publicSummary: '路侧激光雷达与摄像头融合感知，提升路口目标检测准确率。',
    description: '公司在示范区部署路侧感知单元（激光雷达+摄像头+毫米波雷达），夜间与雨雾天目标漏检率高。需要多传感器时空同步与深度融合感知算法，支持边缘计算部署。',
    indicators: '目标检测准确率 ≥ 95%；端到端时延 ≤ 100ms；支持 16 路数据接入。',
    existingConditions: '示范路口 12 个，边缘计算服务器，标注数据 10 万帧。',
    keyField: 'new_energy_special_vehicles',
    industry: 'I',
    keywords: ['车路协同', '多传感器融合', '边缘计算'],
    demandType: 'development',
    cooperationModes: ['joint_development'],
    budget: [100, 200],
    budgetFirm: true,
    deadlineInDays: 180,
    contact: ['周经理', '027-81234567'],
    source: 'broker',
    createdH: 3 * 24,
    steps: [
      { do: 'submit', h: 2 * 24 + 4 },
      { do: 'publish', h: 40 },
      { do: 'claim', h: 6 },
    ],
  },
  {
    enterprise: '武汉长江智能网联汽车有限公司',
    title: '车载毫米波雷达产线在线标定方法',
    publicSummary: '毫米波雷达下线标定耗时长，寻求快速在线标定技术。',
    description: '整车下线时毫米波雷达安装角度标定需 6 分钟，成为产线瓶颈。希望采用角反射器阵列与自动对中算法，将标定时间缩短到 1 分钟内。',
    indicators: '标定时间 ≤ 60s；角度精度 ≤ 0.1°。',
    existingConditions: '标定工位 2 个，有雷达原始数据接口。',
    keyField: 'new_energy_special_vehicles',
    industry: 'C',
    keywords: ['毫米波雷达', '标定', '产线'],
    demandType: 'service',
    cooperationModes: ['technical_service'],
    budget: [40, 60],
    deadlineInDays: 75,
    contact: ['周经理', '027-81234567'],
    source: 'campaign',
    createdH: 46 * 24,
    steps: [
      { do: 'submit', h: 45 * 24 + 20 },
      { do: 'publish', h: 45 * 24 },
      { do: 'claim', h: 44 * 24 },
      // First follow-up after the claim's 48 hours: a late response.
      { do: 'followUp', h: 41 * 24, kind: 'call', notes: '电话确认标定工位节拍与雷达型号，索取原始数据样例。', nextInDays: 7 },
      { do: 'followUp', h: 30 * 24, kind: 'meeting', notes: '与江城理工大学团队在企业召开对接会，讨论角反射器阵列方案。', nextInDays: 14 },
    ],
  },
  {
    enterprise: '武汉长江智能网联汽车有限公司',
    title: '智能座舱多音区语音交互降噪技术',
    publicSummary: '车内多乘员语音交互的声源分离与降噪。',
    description: '智能座舱需要在高速行驶噪声下区分主副驾及后排语音指令，现有方案误唤醒率高。寻求麦克风阵列声源定位与降噪算法。',
    indicators: '60dB 背景噪声下唤醒率 ≥ 95%，误唤醒 ≤ 1 次/24h。',
    existingConditions: '座舱样车 2 台。',
    keyField: 'new_energy_special_vehicles',
    industry: 'I',
    keywords: ['智能座舱', '语音交互', '降噪'],
    demandType: 'license',
    cooperationModes: ['license', 'technical_service'],
    budget: null,
    deadlineInDays: 120,
    contact: ['周经理', '027-81234567'],
    source: 'broker',
    createdH: 5 * 24,
    steps: [
      { do: 'submit', h: 4 * 24 },
      { do: 'publish', h: 70 },
    ],
  },
  // ---- 黄石精工模具股份有限公司 ----
  {
    enterprise: '黄石精工模具股份有限公司',
    title: '汽车覆盖件模具表面激光熔覆强化',
    publicSummary: '冲压模具刃口磨损快，寻求激光熔覆强化工艺。',
    description: '汽车覆盖件冲压模具刃口在高强钢冲压下寿命不足 20 万次，需要激光熔覆耐磨涂层及后处理工艺，提升模具寿命。',
    indicators: '模具寿命提高 2 倍以上；熔覆层硬度 ≥ 58HRC，无裂纹。',
    existingConditions: '模具加工中心、热处理车间。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['激光熔覆', '模具', '表面强化'],
    demandType: 'transfer',
    cooperationModes: ['transfer', 'technical_service'],
    budget: [60, 90],
    budgetFirm: true,
    deadlineInDays: 45,
    contact: ['黄工', '0714-6281234'],
    source: 'broker',
    createdH: 95 * 24,
    steps: [
      { do: 'submit', h: 94 * 24 },
      { do: 'publish', h: 93 * 24 },
      { do: 'claim', h: 92 * 24 },
      { do: 'followUp', h: 91 * 24, kind: 'visit', notes: '走访模具车间，取磨损刃口样件。', nextInDays: 10 },
      { do: 'followUp', h: 80 * 24, kind: 'proposal', notes: '向企业提交激光熔覆耐磨涂层成果及配套工艺包的应用方案。', nextInDays: 10 },
      { do: 'match', h: 70 * 24, note: '企业确认采用平台已发布的激光熔覆成果。' },
      { do: 'contract', h: 40 * 24, ref: '2026420200000137', note: '技术转让合同已在技术合同登记机构登记。' },
    ],
  },
  {
    enterprise: '黄石精工模具股份有限公司',
    title: '模具钢真空热处理变形控制',
    publicSummary: '大型模具钢热处理变形超差。',
    description: '大型模具热处理后变形。',
    indicators: '',
    existingConditions: '真空热处理炉 1 台。',
    keyField: 'new_materials',
    industry: 'C',
    keywords: ['热处理', '变形控制'],
    demandType: 'consulting',
    cooperationModes: ['technical_service'],
    budget: [10, 20],
    deadlineInDays: 80,
    contact: ['黄工', '0714-6281234'],
    source: 'broker',
    createdH: 8 * 24,
    steps: [
      { do: 'submit', h: 7 * 24 },
      {
        do: 'return',
        h: 6 * 24,
        reasons: [
          { field: 'description', message: '请说明模具尺寸、钢种牌号和目前的变形量' },
          { field: 'indicators', message: '请填写可量化的变形控制目标' },
        ],
        comment: '需求描述过于简略，认领方难以判断，请补充后重新提交。',
      },
    ],
  },
  // ---- 十堰东风零部件创新有限公司 ----
  {
    enterprise: '十堰东风零部件创新有限公司',
    title: '商用车轮毂轴承单元台架耐久试验方法',
    publicSummary: '建立轮毂轴承单元台架耐久试验规范与设备。',
    description: '需要建立与道路载荷谱对应的轮毂轴承单元台架耐久试验方法，缩短验证周期，并配套试验台架改造。',
    indicators: '台架试验与道路试验寿命相关系数 ≥ 0.85；试验周期缩短 50%。',
    existingConditions: '道路载荷谱数据、旧试验台 1 台。',
    keyField: 'new_energy_special_vehicles',
    industry: 'C',
    keywords: ['轮毂轴承', '台架试验', '载荷谱'],
    demandType: 'service',
    cooperationModes: ['technical_service'],
    budget: [50, 80],
    deadlineInDays: 150,
    contact: ['杨主任', '0719-8221234'],
    source: 'broker',
    createdH: 20 * 24,
    steps: [
      { do: 'submit', h: 19 * 24 },
      { do: 'publish', h: 18 * 24 },
      { do: 'dispatch', h: 15 * 24, to: 'zhixing', note: '需求池中 3 天无人认领，派发给湖北知行技术转移服务有限公司。' },
      { do: 'followUp', h: 14 * 24, kind: 'call', notes: '联系企业试验中心，约定载荷谱数据交接。', nextInDays: 5 },
      { do: 'followUp', h: 8 * 24, kind: 'visit', notes: '与三峡工程技术学院试验团队共同走访，查看现有台架。', nextInDays: 10 },
    ],
  },
  {
    enterprise: '十堰东风零部件创新有限公司',
    title: '新能源重卡电驱桥NVH优化',
    publicSummary: '电驱桥啸叫问题诊断与优化。',
    description: '新能源重卡电驱桥在 40–60km/h 区间存在明显啸叫，需要齿轮修形与壳体结构优化方案。',
    indicators: '车内噪声降低 5dB(A)。',
    existingConditions: '半消声室、NVH 测试设备。',
    keyField: 'new_energy_special_vehicles',
    industry: 'C',
    keywords: ['电驱桥', 'NVH', '齿轮修形'],
    demandType: 'development',
    cooperationModes: ['joint_development'],
    budget: [80, 120],
    deadlineInDays: 200,
    contact: ['杨主任', '0719-8221234'],
    source: 'broker',
    createdH: 6 * 24,
    steps: [
      { do: 'submit', h: 5 * 24 + 12 },
      { do: 'publish', h: 4 * 24 },
    ],
  },
  {
    enterprise: '十堰东风零部件创新有限公司',
    title: '商用车铝合金轮毂低压铸造缺陷在线检测',
    publicSummary: '铝合金轮毂X射线缺陷自动识别。',
    description: '低压铸造铝合金轮毂依赖人工判读 X 射线图像，需要基于深度学习的缩孔、气孔自动识别系统。',
    indicators: '缺陷检出率 ≥ 98%，单件判读 ≤ 5s。',
    existingConditions: 'X 射线检测线 2 条，历史图像 5 万张。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['铝合金轮毂', 'X射线', '缺陷识别'],
    demandType: 'development',
    cooperationModes: ['joint_development', 'transfer'],
    budget: [30, 50],
    deadlineInDays: 110,
    contact: ['杨主任', '0719-8221234'],
    source: 'import',
    createdH: 10,
    steps: [
      { do: 'submit', h: 10 },
      { do: 'publish', h: 10 },
    ],
  },
  // ---- 宜昌三峡新能源电池有限公司 ----
  {
    enterprise: '宜昌三峡新能源电池有限公司',
    title: '磷酸铁锂正极材料批次一致性提升',
    publicSummary: '磷酸铁锂正极材料压实密度与容量批次波动大。',
    description: '公司磷酸铁锂正极材料批次间压实密度波动 ±0.05 g/cm³、克容量波动 ±3 mAh/g，影响电芯一致性。希望在前驱体合成、烧结温场控制方面开展合作。',
    indicators: '压实密度波动 ≤ ±0.02 g/cm³；克容量波动 ≤ ±1 mAh/g。',
    existingConditions: '年产 2 万吨产线，理化检测中心。',
    keyField: 'new_energy_special_vehicles',
    industry: 'C',
    keywords: ['磷酸铁锂', '正极材料', '一致性'],
    demandType: 'development',
    cooperationModes: ['joint_development', 'technical_service'],
    budget: [150, 300],
    budgetFirm: true,
    deadlineInDays: 240,
    contact: ['孙总工', '0717-6551234'],
    source: 'campaign',
    createdH: 91 * 24,
    steps: [
      { do: 'submit', h: 90 * 24 },
      { do: 'publish', h: 89 * 24 },
      { do: 'dispatch', h: 88 * 24, to: 'yichangCenter', note: '宜昌市科技局派发给本地服务机构。' },
      { do: 'refuse', h: 87 * 24, reason: '本中心暂无正极材料方向的合作院所资源，建议改派省级服务机构。' },
      { do: 'claim', h: 86 * 24 },
      { do: 'followUp', h: 85 * 24, kind: 'visit', notes: '走访企业产线，了解烧结工艺与检测数据。', nextInDays: 7 },
      { do: 'followUp', h: 60 * 24, kind: 'meeting', notes: '组织三峡工程技术学院材料团队与企业技术部对接。', nextInDays: 30 },
    ],
  },
  {
    enterprise: '宜昌三峡新能源电池有限公司',
    title: '储能电池包液冷板流道优化',
    publicSummary: '储能电池包温差大，寻求液冷板流道设计优化。',
    description: '280Ah 储能电池包在 0.5C 充放电时电芯最大温差 8℃，需要液冷板流道仿真优化与样件验证。',
    indicators: '电芯最大温差 ≤ 3℃；流阻增加不超过 10%。',
    existingConditions: 'CFD 软件授权、电池包测试台。',
    keyField: 'new_energy_special_vehicles',
    industry: 'C',
    keywords: ['储能', '液冷板', '热管理'],
    demandType: 'service',
    cooperationModes: ['technical_service'],
    budget: [20, 35],
    deadlineInDays: 90,
    contact: ['孙总工', '0717-6551234'],
    source: 'broker',
    createdH: 7 * 24,
    steps: [
      { do: 'submit', h: 6 * 24 },
      { do: 'publish', h: 5 * 24 },
      // Claimed, but no follow-up since: past both the demand's and the claim's 48 hours.
      { do: 'claim', h: 4 * 24 + 12 },
    ],
  },
  {
    enterprise: '宜昌三峡新能源电池有限公司',
    title: '锂电池极片涂布面密度在线检测',
    publicSummary: '涂布面密度在线测量与闭环控制。',
    description: '极片涂布面密度依赖离线称重抽检，需要 β 射线或 X 射线在线面密度测量并闭环调节模头。',
    indicators: '测量精度 ±0.2%；扫描周期 ≤ 10s。',
    existingConditions: '涂布机 4 台。',
    keyField: 'new_energy_special_vehicles',
    industry: 'C',
    keywords: ['涂布', '面密度', '在线检测'],
    demandType: 'equipment',
    cooperationModes: ['transfer'],
    budget: [100, 150],
    deadlineInDays: 130,
    contact: ['孙总工', '0717-6551234'],
    source: 'broker',
    createdH: 4 * 24,
    steps: [{ do: 'submit', h: 3 * 24 }],
  },
  // ---- 宜昌磷化工绿色材料有限公司 ----
  {
    enterprise: '宜昌磷化工绿色材料有限公司',
    title: '磷石膏制备高强建筑石膏与综合利用',
    publicSummary: '磷石膏无害化处理与高值化利用。',
    description: '公司年产磷石膏 150 万吨，堆存压力大。需要磷石膏除杂净化、制备 α 型高强石膏及下游建材应用的成套技术。',
    indicators: '综合利用率 ≥ 60%；高强石膏抗压强度 ≥ 40MPa。',
    existingConditions: '中试场地，磷石膏分析数据。',
    keyField: 'energy_saving_recycling',
    industry: 'C',
    keywords: ['磷石膏', '综合利用', '高强石膏'],
    demandType: 'transfer',
    cooperationModes: ['transfer', 'joint_development'],
    budget: [300, 500],
    budgetFirm: true,
    deadlineInDays: 300,
    contact: ['吴部长', '0717-6881234'],
    source: 'campaign',
    createdH: 79 * 24,
    steps: [
      { do: 'submit', h: 78 * 24 },
      { do: 'publish', h: 77 * 24 },
      { do: 'claim', h: 76 * 24 + 12 },
      { do: 'followUp', h: 76 * 24, kind: 'visit', notes: '实地查看磷石膏堆场与中试场地，采集样品。', nextInDays: 14 },
      { do: 'followUp', h: 50 * 24, kind: 'proposal', notes: '提交楚天新材料研究院的高强石膏转化方案。', nextInDays: 14 },
      { do: 'match', h: 35 * 24, partner: '楚天新材料研究院', note: '企业与楚天新材料研究院确定合作开发，并引入已发布的相关成果。' },
    ],
  },
  {
    enterprise: '宜昌磷化工绿色材料有限公司',
    title: '湿法磷酸深度净化除杂工艺',
    publicSummary: '湿法磷酸净化至食品级的工艺技术。',
    description: '湿法磷酸中氟、镁、铁等杂质含量高，需要溶剂萃取或结晶净化工艺，生产食品级/电子级磷酸。',
    indicators: '产品达到食品级标准；收率 ≥ 90%。',
    existingConditions: '湿法磷酸装置，分析化验室。',
    keyField: 'new_materials',
    industry: 'C',
    keywords: ['湿法磷酸', '净化', '溶剂萃取'],
    demandType: 'transfer',
    cooperationModes: ['transfer', 'license'],
    budget: [500, 800],
    deadlineInDays: 270,
    contact: ['吴部长', '0717-6881234'],
    source: 'broker',
    createdH: 2 * 24,
    steps: [
      { do: 'submit', h: 30 },
      { do: 'publish', h: 5 },
    ],
  },
  {
    enterprise: '宜昌磷化工绿色材料有限公司',
    title: '黄磷尾气净化与综合利用',
    publicSummary: '黄磷尾气中 CO 回收利用。',
    description: '黄磷生产尾气含 CO 85% 以上，目前部分放空燃烧，希望净化后用于合成甲酸钠等化工产品。',
    indicators: '尾气利用率 ≥ 90%。',
    existingConditions: '尾气洗涤装置。',
    keyField: 'energy_saving_recycling',
    industry: 'C',
    keywords: ['黄磷尾气', '一氧化碳', '资源化'],
    demandType: 'development',
    cooperationModes: ['joint_development'],
    budget: null,
    deadlineInDays: -10,
    contact: ['吴部长', '0717-6881234'],
    source: 'broker',
    createdH: 62 * 24,
    steps: [
      { do: 'submit', h: 61 * 24 },
      { do: 'publish', h: 60 * 24 },
      // The sweep closes unclaimed demands the day after their deadline.
      { do: 'expire', h: 9 * 24 },
    ],
  },
  // ---- 襄阳轴承智能制造有限公司 ----
  {
    enterprise: '襄阳轴承智能制造有限公司',
    title: '精密轴承套圈热处理变形控制',
    publicSummary: '轴承套圈淬火变形控制。',
    description: '精密轴承套圈淬火后椭圆度超差，磨削余量大。需要淬火工艺与工装优化。',
    indicators: '椭圆度 ≤ 0.03mm。',
    existingConditions: '网带炉热处理线。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['轴承', '热处理', '变形控制'],
    demandType: 'service',
    cooperationModes: ['technical_service'],
    budget: [30, 45],
    budgetFirm: true,
    deadlineInDays: 20,
    contact: ['马工', '0710-3221234'],
    source: 'broker',
    createdH: 200 * 24,
    steps: [
      { do: 'submit', h: 199 * 24 },
      { do: 'publish', h: 198 * 24 },
      { do: 'claim', h: 197 * 24 + 20 },
      { do: 'followUp', h: 197 * 24, kind: 'visit', notes: '走访热处理车间，测量变形数据。', nextInDays: 7 },
      { do: 'match', h: 170 * 24, partner: '汉江师范工学院', note: '汉江师范工学院热处理团队承接。' },
      { do: 'contract', h: 150 * 24, ref: '2026420600000412', note: '技术服务合同已登记。' },
      { do: 'close', h: 30 * 24, reason: 'solved', comment: '工艺改进后椭圆度稳定在 0.02mm 以内，需求已解决。' },
    ],
  },
  {
    enterprise: '襄阳轴承智能制造有限公司',
    title: '轴承滚道超精研磨表面质量在线检测',
    publicSummary: '滚道超精表面粗糙度在线检测。',
    description: '需要在超精研磨工位集成表面粗糙度与烧伤在线检测，替代离线抽检。',
    indicators: 'Ra 测量精度 ±0.01μm。',
    existingConditions: '超精研磨机 6 台。',
    keyField: 'intelligent_equipment',
    industry: 'C',
    keywords: ['超精研磨', '在线检测', '粗糙度'],
    demandType: 'equipment',
    cooperationModes: ['transfer', 'technical_service'],
    budget: [40, 70],
    deadlineInDays: 160,
    contact: ['马工', '0710-3221234'],
    source: 'broker',
    createdH: 4 * 24,
    steps: [
      { do: 'submit', h: 3 * 24 },
      { do: 'publish', h: 55 },
    ],
  },
  // ---- 荆门循环经济环保科技有限公司 ----
  {
    enterprise: '荆门循环经济环保科技有限公司',
    title: '废旧三元锂电池湿法回收镍钴锰提取率提升',
    publicSummary: '提高废旧电池湿法冶金有价金属回收率。',
    description: '现有湿法回收工艺镍钴锰浸出率约 92%，锂回收率不足 80%。希望优化浸出与萃取工艺，提升回收率并降低酸耗。',
    indicators: '镍钴锰回收率 ≥ 98%；锂回收率 ≥ 90%。',
    existingConditions: '年处理 1 万吨废旧电池产线。',
    keyField: 'energy_saving_recycling',
    industry: 'C',
    keywords: ['电池回收', '湿法冶金', '镍钴锰'],
    demandType: 'development',
    cooperationModes: ['joint_development'],
    budget: [200, 400],
    deadlineInDays: 220,
    contact: ['郑经理', '0724-2321234'],
    source: 'broker',
    createdH: 25 * 24,
    steps: [
      { do: 'submit', h: 24 * 24 },
      { do: 'publish', h: 23 * 24 },
      { do: 'claim', h: 22 * 24 },
      { do: 'followUp', h: 21 * 24, kind: 'call', notes: '了解现有工艺流程与物料平衡数据。', nextInDays: 3 },
      { do: 'followUp', h: 16 * 24, kind: 'visit', notes: '与江汉石化装备研究所专家现场调研。', nextInDays: 10 },
      { do: 'propose', h: 6 * 24, partner: '江汉石化装备研究所', summary: '推荐江汉石化装备研究所开展浸出-萃取工艺优化合作开发。' },
    ],
  },
  {
    enterprise: '荆门循环经济环保科技有限公司',
    title: '工业固废智能分选装备',
    publicSummary: '（草稿）工业固废分选。',
    description: '',
    indicators: '',
    existingConditions: '',
    keyField: 'energy_saving_recycling',
    industry: 'C',
    keywords: ['固废', '分选'],
    demandType: 'equipment',
    cooperationModes: [],
    budget: null,
    deadlineInDays: 200,
    contact: ['郑经理', '0724-2321234'],
    source: 'broker',
    createdH: 2 * 24,
    steps: [],
  },
  // ---- 孝感北斗导航应用有限公司 ----
  {
    enterprise: '孝感北斗导航应用有限公司',
    title: '北斗高精度形变监测终端低功耗设计',
    publicSummary: '桥梁、边坡形变监测终端的低功耗与太阳能供电设计。',
    description: '北斗形变监测终端野外部署依赖太阳能供电，阴雨天续航不足。需要低功耗硬件设计与自适应解算策略。',
    indicators: '平均功耗 ≤ 1W；毫米级定位精度不降低。',
    existingConditions: '终端样机与监测平台。',
    keyField: 'beidou_navigation',
    industry: 'I',
    keywords: ['北斗', '形变监测', '低功耗'],
    demandType: 'development',
    cooperationModes: ['joint_development'],
    budget: [30, 50],
    deadlineInDays: 140,
    contact: ['赵工', '0712-2881234'],
    source: 'broker',
    createdH: 3 * 24,
    steps: [
      { do: 'submit', h: 2 * 24 },
      { do: 'publish', h: 30 },
    ],
  },
  {
    enterprise: '孝感北斗导航应用有限公司',
    title: '北斗短报文与5G融合应急通信终端',
    publicSummary: '无公网环境下的北斗短报文+5G 融合通信终端。',
    description: '应急救援场景需要在公网中断时通过北斗三号短报文回传位置与文字，在有 5G 覆盖时自动切换。',
    indicators: '短报文单次 ≥ 1000 汉字；切换时间 ≤ 3s。',
    existingConditions: '北斗模块采购渠道。',
    keyField: 'beidou_navigation',
    industry: 'I',
    keywords: ['北斗短报文', '5G', '应急通信'],
    demandType: 'development',
    cooperationModes: ['joint_development', 'transfer'],
    budget: [60, 100],
    deadlineInDays: 160,
    contact: ['赵工', '0712-2881234'],
    source: 'broker',
    createdH: 2 * 24,
    steps: [
      { do: 'submit', h: 40 },
      { do: 'publish', h: 36 },
      { do: 'claim', h: 10 },
    ],
  },
  // ---- 荆州纺织新材料有限公司 ----
  {
    enterprise: '荆州纺织新材料有限公司',
    title: '再生涤纶纤维高值化改性',
    publicSummary: '再生涤纶阻燃、抗菌功能化改性。',
    description: '以废旧瓶片为原料生产再生涤纶短纤，希望通过共混改性赋予阻燃、抗菌功能，用于家纺高端产品。',
    indicators: '极限氧指数 ≥ 28；抗菌率 ≥ 99%。',
    existingConditions: '再生涤纶生产线 2 条。',
    keyField: 'new_materials',
    industry: 'C',
    keywords: ['再生涤纶', '阻燃', '抗菌'],
    demandType: 'development',
    cooperationModes: ['joint_development', 'license'],
    budget: [50, 100],
    deadlineInDays: 180,
    contact: ['钱厂长', '0716-8221234'],
    source: 'broker',
    createdH: 3 * 24,
    steps: [{ do: 'submit', h: 2 * 24 }],
  },
  {
    enterprise: '荆州纺织新材料有限公司',
    title: '纺织印染废水深度处理与回用',
    publicSummary: '印染废水深度处理，回用率提升。',
    description: '印染废水 COD 与色度高，现有生化处理后难以回用。需要高级氧化+膜处理组合工艺，提高中水回用率。',
    indicators: '回用率 ≥ 60%；出水 COD ≤ 50mg/L。',
    existingConditions: '日处理 5000 吨污水站。',
    keyField: 'energy_saving_recycling',
    industry: 'C',
    keywords: ['印染废水', '中水回用', '膜处理'],
    demandType: 'service',
    cooperationModes: ['technical_service'],
    budget: [80, 120],
    deadlineInDays: 100,
    contact: ['钱厂长', '0716-8221234'],
    source: 'broker',
    createdH: 16 * 24,
    steps: [
      { do: 'submit', h: 15 * 24 },
      { do: 'publish', h: 14 * 24 },
      { do: 'claim', h: 13 * 24 + 6 },
      { do: 'followUp', h: 13 * 24, kind: 'call', notes: '电话了解污水站工艺与水质数据。', nextInDays: 2 },
      { do: 'followUp', h: 9 * 24, kind: 'visit', notes: '现场取水样送检，初步比选臭氧催化氧化方案。', nextInDays: 4 },
    ],
  },
  // ---- 恩施硒科生物医药有限公司 ----
  {
    enterprise: '恩施硒科生物医药有限公司',
    title: '富硒植物提取物标准化制备与质量控制',
    publicSummary: '富硒茶、富硒魔芋提取物标准化与有机硒检测。',
    description: '恩施富硒农产品提取物有机硒含量批次差异大，缺乏形态硒检测方法，需要标准化提取工艺与质量控制体系。',
    indicators: '有机硒占总硒比例 ≥ 80%，批次差异 ≤ 10%。',
    existingConditions: '提取车间、原子荧光光谱仪。',
    keyField: 'biomedicine_medical_devices',
    industry: 'C',
    keywords: ['富硒', '植物提取', '质量控制'],
    demandType: 'development',
    cooperationModes: ['joint_development', 'technical_service'],
    budget: [40, 80],
    deadlineInDays: 150,
    contact: ['邓经理', '0718-8221234'],
    source: 'broker',
    createdH: 40 * 24,
    steps: [
      { do: 'submit', h: 39 * 24 },
      { do: 'publish', h: 38 * 24 },
      { do: 'claim', h: 37 * 24 + 16 },
      { do: 'followUp', h: 37 * 24, kind: 'call', notes: '沟通提取工艺与检测需求。', nextInDays: 7 },
      { do: 'match', h: 20 * 24, partner: '荆楚医科大学', note: '引入荆楚医科大学药学院及已发布成果。' },
    ],
  },
  {
    enterprise: '恩施硒科生物医药有限公司',
    title: '硒多糖口服液稳定性研究',
    publicSummary: '硒多糖口服液储存期沉淀问题。',
    description: '硒多糖口服液在储存 6 个月后出现沉淀，需要配方与工艺稳定性研究。',
    indicators: '24 个月有效期内无沉淀。',
    existingConditions: '口服液生产线。',
    keyField: 'biomedicine_medical_devices',
    industry: 'C',
    keywords: ['硒多糖', '口服液', '稳定性'],
    demandType: 'consulting',
    cooperationModes: ['technical_service'],
    budget: [10, 20],
    deadlineInDays: 90,
    contact: ['邓经理', '0718-8221234'],
    source: 'broker',
    createdH: 3 * 24,
    steps: [
      { do: 'submit', h: 2 * 24 + 12 },
      { do: 'publish', h: 44 },
    ],
  },
];

interface Actor {
  userId: string | null;
  organizationId: string | null;
}

/** Writes the demo demands; returns how many. Runs after the accounts and achievements demo (and campaigns', when present). */
export async function seedDemandsDemo(db: Db, organizations: DemoOrganization[], now = new Date()): Promise<number> {
  const orgByName = new Map(organizations.map((o) => [o.name, o]));
  const zhixing = orgByName.get('湖北知行技术转移服务有限公司');
  const yichangCenter = orgByName.get('宜昌科技成果转化服务中心');
  const operatorOrg = organizations.find((o) => o.type === 'operator');
  if (!zhixing || !yichangCenter || !operatorOrg) return 0;

  const people = await db
    .select({ id: users.id, email: users.email, organizationId: users.organizationId })
    .from(users)
    .where(inArray(users.email, ['broker@kehui.example.cn', 'operator@kehui.example.cn', 'gov.wuhan@kehui.example.cn', 'gov.yichang@kehui.example.cn', 'gov.hubei@kehui.example.cn', 'enterprise.admin@kehui.example.cn']));
  const person = (email: string): Actor => {
    const p = people.find((u) => u.email === email);
    return { userId: p?.id ?? null, organizationId: p?.organizationId ?? null };
  };
  const broker = person('broker@kehui.example.cn');
  const operator = person('operator@kehui.example.cn');
  const enterpriseAdmin = person('enterprise.admin@kehui.example.cn');
  if (!broker.userId || !operator.userId) return 0;
  const brokerId = broker.userId;
  const reviewerOf = (regionCode: string): Actor =>
    regionCode.startsWith('4201') ? person('gov.wuhan@kehui.example.cn') : regionCode.startsWith('4205') ? person('gov.yichang@kehui.example.cn') : operator;

  // Published demo achievements, by key field, for proposals and matches.
  const published = await db
    .select({ id: achievements.id, keyField: achievements.keyField })
    .from(achievements)
    .where(eq(achievements.status, 'published'))
    .orderBy(asc(achievements.createdAt));
  const achievementFor = (keyField: string) => (published.find((a) => a.keyField === keyField) ?? published[0])?.id ?? null;

  // Campaign visits (when the campaigns demo ran first), to link the demands collected on them.
  const enterpriseIds = organizations.filter((o) => o.type === 'enterprise').map((o) => o.id);
  const visits = enterpriseIds.length
    ? await db
        .select({ id: campaignVisits.id, campaignId: campaignVisits.campaignId, enterpriseOrganizationId: campaignVisits.enterpriseOrganizationId, visitedOn: campaignVisits.visitedOn })
        .from(campaignVisits)
        .where(inArray(campaignVisits.enterpriseOrganizationId, enterpriseIds))
        .orderBy(asc(campaignVisits.visitedOn))
    : [];

  const hoursAgo = (h: number) => new Date(now.getTime() - h * HOUR);
  let made = 0;

  for (const spec of SPECS) {
    const enterprise = orgByName.get(spec.enterprise);
    if (enterprise?.status !== 'verified') continue;
    const isDemoEnterprise = enterprise.id === enterpriseAdmin.organizationId;
    const enterpriseActor: Actor = isDemoEnterprise ? enterpriseAdmin : { userId: null, organizationId: enterprise.id };
    const createdAt = hoursAgo(spec.createdH);
    const day = shanghaiDay(createdAt);
    const visit = spec.source === 'campaign' ? [...visits].reverse().find((v) => v.enterpriseOrganizationId === enterprise.id && v.visitedOn <= day) : undefined;
    const source: Source = spec.source === 'campaign' && !visit ? 'broker' : spec.source === 'enterprise' && !isDemoEnterprise ? 'broker' : spec.source;
    const poster: Actor = source === 'enterprise' ? enterpriseActor : source === 'import' ? operator : broker;
    const id = randomUUID();
    const [min, max] = spec.budget ?? [null, null];

    const row: DemandInsert = {
      id,
      enterpriseOrganizationId: enterprise.id,
      regionCode: enterprise.regionCode,
      createdBy: poster.userId,
      title: spec.title,
      normalizedTitle: normalizeDemandTitle(spec.title),
      publicSummary: spec.publicSummary,
      description: spec.description,
      indicators: spec.indicators,
      existingConditions: spec.existingConditions,
      keyField: spec.keyField,
      industry: spec.industry,
      keywords: spec.keywords,
      demandType: spec.demandType,
      cooperationModes: spec.cooperationModes,
      budgetMode: spec.budget ? 'range' : 'negotiable',
      budgetMinFen: min === null ? null : min * WAN,
      budgetMaxFen: max === null ? null : max * WAN,
      budgetFirm: spec.budgetFirm ?? false,
      deadline: shanghaiDay(new Date(now.getTime() + spec.deadlineInDays * DAY)),
      contactName: spec.contact[0],
      contactPhone: spec.contact[1],
      source,
      sourceRef: source === 'broker' || source === 'campaign' ? brokerId : null,
      campaignId: visit?.campaignId ?? null,
      campaignVisitId: visit?.id ?? null,
      status: 'draft',
      createdAt,
      updatedAt: createdAt,
    };
    const events: (typeof demandEvents.$inferInsert)[] = [];
    const claims: (typeof demandClaims.$inferInsert)[] = [];
    const followUps: (typeof demandFollowUps.$inferInsert)[] = [];
    const messages: (typeof demandMessages.$inferInsert)[] = [];
    const grants: (typeof demandContactGrants.$inferInsert)[] = [];
    const proposals: (typeof demandProposals.$inferInsert)[] = [];
    const event = (at: Date, who: Actor, action: string, from: string | null, to: string | null, note: string | null = null) =>
      events.push({ demandId: id, action, fromStatus: from, toStatus: to, actorUserId: who.userId, actorOrganizationId: who.organizationId, note, at });
    const activeClaim = () => claims.find((c) => c.status === 'active');
    const claimant = (): Actor => ({ userId: row.claimantUserId ?? null, organizationId: row.claimantOrganizationId ?? null });
    const by = (who: Who): Actor =>
      who === 'enterprise' ? enterpriseActor : who === 'broker' ? broker : who === 'operator' ? operator : who === 'gov' ? reviewerOf(enterprise.regionCode) : { userId: null, organizationId: null };

    event(createdAt, poster, 'created', null, 'draft', source === 'campaign' ? '科惠行动走访采集' : source === 'import' ? '批量导入' : null);
    for (const step of spec.steps) {
      const at = hoursAgo(step.h);
      const status = row.status ?? 'draft';
      switch (step.do) {
        case 'submit':
          Object.assign(row, { status: 'submitted', submittedAt: at });
          event(at, poster, 'submitted', status, 'submitted');
          break;
        case 'publish':
          // The 48-hour promise starts at publication.
          Object.assign(row, { status: 'published', publishedAt: at, responseDueAt: new Date(at.getTime() + RESPONSE_MS), returnReasons: null, returnComment: null });
          event(at, source === 'import' ? operator : by('gov'), 'published', status, 'published');
          break;
        case 'return':
          Object.assign(row, { status: 'returned', returnReasons: step.reasons, returnComment: step.comment });
          event(at, by('gov'), 'returned', status, 'returned', step.comment);
          break;
        case 'claim':
        case 'dispatch': {
          const org = step.do === 'claim' || step.to === 'zhixing' ? zhixing : yichangCenter;
          const userId = org.id === zhixing.id ? brokerId : null;
          const dispatcher = step.do === 'dispatch' ? by('gov') : null;
          claims.push({
            id: randomUUID(),
            demandId: id,
            organizationId: org.id,
            userId,
            mode: step.do,
            dispatchedBy: dispatcher?.userId ?? null,
            status: 'active',
            dueAt: new Date(at.getTime() + RESPONSE_MS),
            createdAt: at,
          });
          Object.assign(row, { status: 'claimed', claimantOrganizationId: org.id, claimantUserId: userId, claimedAt: at, dockingAt: null });
          event(at, dispatcher ?? broker, step.do === 'claim' ? 'claimed' : 'dispatched', status, 'claimed', step.do === 'dispatch' ? step.note : null);
          break;
        }
        case 'refuse': {
          const claim = activeClaim();
          const who = claimant();
          if (claim) Object.assign(claim, { status: 'refused', refuseReason: step.reason, endedAt: at });
          Object.assign(row, { status: 'published', claimantOrganizationId: null, claimantUserId: null, claimedAt: null, dockingAt: null });
          event(at, who, 'refused', status, 'published', step.reason);
          break;
        }
        case 'followUp': {
          const claim = activeClaim();
          followUps.push({
            demandId: id,
            claimId: claim?.id ?? null,
            kind: step.kind,
            happenedOn: shanghaiDay(at),
            notes: step.notes,
            nextStepOn: step.nextInDays ? shanghaiDay(new Date(at.getTime() + step.nextInDays * DAY)) : null,
            createdBy: brokerId,
            organizationId: zhixing.id,
            createdAt: at,
          });
          if (claim && !claim.firstFollowUpAt) claim.firstFollowUpAt = at;
          if (!row.firstFollowUpAt) row.firstFollowUpAt = at;
          const toDocking = status === 'claimed';
          if (toDocking) Object.assign(row, { status: 'docking', dockingAt: at });
          event(at, broker, 'follow_up', toDocking ? status : null, toDocking ? 'docking' : null, labelOf(FOLLOW_UP_KINDS, step.kind) ?? step.kind);
          break;
        }
        case 'message': {
          const enterpriseSide = step.side === 'enterprise';
          const author = enterpriseSide ? enterpriseActor : broker;
          if (!author.userId) break;
          // The claimant's message answers every open enterprise message.
          if (!enterpriseSide) for (const m of messages) if (m.side === 'enterprise' && !m.answeredAt) m.answeredAt = at;
          messages.push({
            demandId: id,
            side: step.side,
            organizationId: author.organizationId,
            userId: author.userId,
            body: step.body,
            dueAt: enterpriseSide ? new Date(at.getTime() + RESPONSE_MS) : null,
            createdAt: at,
          });
          event(at, author, 'message', null, null);
          break;
        }
        case 'grant': {
          const granted = enterpriseActor.userId;
          const grantee = row.claimantOrganizationId;
          if (!granted || !grantee) break;
          grants.push({ demandId: id, granteeOrganizationId: grantee, grantedBy: granted, grantedAt: at });
          event(at, enterpriseActor, 'grant', null, null, zhixing.name);
          break;
        }
        case 'propose': {
          const partner = step.partner ? orgByName.get(step.partner) : undefined;
          const achievementId = step.achievement ? achievementFor(spec.keyField) : null;
          if (!achievementId && !partner) break;
          proposals.push({
            id: randomUUID(),
            demandId: id,
            achievementId,
            partnerOrganizationId: partner?.id ?? null,
            summary: step.summary,
            proposedBy: brokerId,
            proposedByOrganizationId: zhixing.id,
            status: 'proposed',
            createdAt: at,
          });
          event(at, broker, 'proposed', null, null);
          break;
        }
        case 'decline': {
          const p = proposals.find((x) => x.status === 'proposed');
          if (!p || !enterpriseActor.userId) break;
          Object.assign(p, { status: 'declined', decidedBySide: 'enterprise', decidedBy: enterpriseActor.userId, reasons: step.reasons, reasonText: step.text ?? null, decidedAt: at });
          event(at, enterpriseActor, 'proposal_declined', null, null, declineReasonsOf(step.reasons).map((r) => r.label).join('、'));
          break;
        }
        case 'accept': {
          const p = proposals.find((x) => x.status === 'proposed');
          if (!p) break;
          Object.assign(p, { status: 'accepted', decidedBySide: 'enterprise', decidedBy: enterpriseActor.userId, decidedAt: at });
          Object.assign(row, {
            status: 'matched',
            matchedAt: row.matchedAt ?? at,
            matchedAchievementIds: p.achievementId ? [p.achievementId] : [],
            matchedOrganizationIds: p.partnerOrganizationId ? [p.partnerOrganizationId] : [],
          });
          event(at, enterpriseActor, 'proposal_accepted', status, 'matched');
          break;
        }
        case 'match': {
          const partner = step.partner ? orgByName.get(step.partner) : undefined;
          const achievementId = achievementFor(spec.keyField);
          Object.assign(row, {
            status: 'matched',
            matchedAt: row.matchedAt ?? at,
            matchedAchievementIds: achievementId ? [achievementId] : [],
            matchedOrganizationIds: partner ? [partner.id] : [],
          });
          event(at, broker, 'matched', status, 'matched', step.note);
          break;
        }
        case 'contract':
          Object.assign(row, { status: 'contracted', contractRef: step.ref, contractedAt: at });
          event(at, broker, 'contracted', status, 'contracted', step.note);
          break;
        case 'close': {
          const claim = activeClaim();
          if (claim) Object.assign(claim, { status: 'ended', endedAt: at });
          Object.assign(row, { status: 'closed', closeReason: step.reason, closeComment: step.comment, closedAt: at });
          // Closing is the enterprise's act, or a reviewer's (the claimant cannot close).
          event(at, enterpriseActor.userId ? enterpriseActor : by('gov'), 'closed', status, 'closed', step.comment);
          break;
        }
        case 'expire':
          Object.assign(row, { status: 'closed', closeReason: 'expired', closedAt: at });
          event(at, by('system'), 'expired', status, 'closed', `截止日期 ${row.deadline ?? ''}`);
          break;
      }
      row.updatedAt = at;
    }

    await db.insert(demands).values(row);
    if (claims.length) await db.insert(demandClaims).values(claims);
    if (events.length) await db.insert(demandEvents).values(events);
    if (followUps.length) await db.insert(demandFollowUps).values(followUps);
    if (messages.length) await db.insert(demandMessages).values(messages);
    if (grants.length) await db.insert(demandContactGrants).values(grants);
    if (proposals.length) await db.insert(demandProposals).values(proposals);
    made++;
  }
  return made;
}
