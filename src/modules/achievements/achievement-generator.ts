import type { AchievementPatch } from './achievements.schemas.js';
import { prng } from '../../platform/prng.js';

/**
 * Realistic Chinese achievement records, made from our own vocabularies: for the demo data and
 * for the import benchmark. Deterministic for a given seed.
 */
/** The vocabulary per key field (also used by the demand generator of the matching benchmark). */
export const GENERATOR_VOCABULARY: Record<string, { topics: string[]; objects: string[]; uses: string[]; industry: string }> = {
  next_generation_display: {
    topics: ['柔性OLED', 'Micro LED', '量子点', '印刷显示', '氧化物TFT', '激光显示'],
    objects: ['显示面板', '背板驱动电路', '发光材料', '封装薄膜', '像素电路', '巨量转移装置'],
    uses: ['智能手机屏幕', '车载显示', '可穿戴设备', '商用大屏'],
    industry: 'C',
  },
  integrated_circuits: {
    topics: ['碳化硅', '氮化镓', '存储芯片', '射频前端', 'MEMS', '先进封装'],
    objects: ['功率器件', 'MOSFET', '晶圆检测系统', '传感器芯片', '刻蚀工艺', '键合工艺'],
    uses: ['新能源汽车电驱', '5G基站', '光伏逆变器', '工业控制'],
    industry: 'C',
  },
  intelligent_equipment: {
    topics: ['高功率光纤激光', '工业机器人', '数控机床', '机器视觉', '增材制造', '智能产线'],
    objects: ['激光切割头', '协作机器人关节', '在线检测系统', '五轴加工中心', '焊接机器人', '数字孪生平台'],
    uses: ['汽车零部件加工', '钣金制造', '船舶焊接', '电子装配'],
    industry: 'C',
  },
  new_energy_special_vehicles: {
    topics: ['锂离子电池', '固态电池', '氢燃料电池', '智能网联汽车', '电驱动', '换电'],
    objects: ['电池管理系统', '正极材料', '膜电极', '自动驾驶域控制器', '热管理系统', '电机控制器'],
    uses: ['乘用车', '重型卡车', '专用作业车', '城市公交'],
    industry: 'C',
  },
  biomedicine_medical_devices: {
    topics: ['单克隆抗体', '基因检测', '医学影像', '中药现代化', '疫苗', '手术机器人'],
    objects: ['诊断试剂盒', '靶向药物', 'CT成像算法', '微创手术器械', '细胞培养工艺', '可降解支架'],
    uses: ['肿瘤早筛', '慢病管理', '基层医疗', '术中导航'],
    industry: 'C',
  },
  new_materials: {
    topics: ['石墨烯', '钙钛矿', '聚乳酸', '高熵合金', '碳纤维', '磷化工'],
    objects: ['复合材料', '薄膜电池', '可降解包装材料', '耐高温涂层', '催化剂', '阻燃剂'],
    uses: ['航空结构件', '光伏组件', '食品包装', '化工生产'],
    industry: 'C',
  },
  marine_engineering_ships: {
    topics: ['高技术船舶', '水下机器人', '船舶动力', '海洋监测', 'LNG运输', '深海装备'],
    objects: ['推进系统', '减振降噪装置', '智能航行系统', '浮标', '液货围护系统', '耐压壳体'],
    uses: ['内河航运', '海上风电运维', '海洋科考', '港口作业'],
    industry: 'C',
  },
  aerospace_equipment: {
    topics: ['航空发动机', '无人机', '卫星通信', '复合材料构件', '飞行控制', '航天测控'],
    objects: ['叶片修复工艺', '起降系统', '相控阵天线', '热防护结构', '导航算法', '地面站软件'],
    uses: ['通用航空', '应急救援', '遥感测绘', '物流配送'],
    industry: 'C',
  },
  beidou_navigation: {
    topics: ['北斗高精度定位', '北斗短报文', '组合导航', 'GNSS增强', '时空大数据', '位置服务'],
    objects: ['定位终端', '差分基站', '授时模块', '形变监测系统', '车道级导航引擎', '应急通信设备'],
    uses: ['桥梁监测', '精准农业', '智慧交通', '电力巡检'],
    industry: 'I',
  },
  rail_transit_equipment: {
    topics: ['轨道交通', '高速列车', '城轨信号', '钢轨探伤', '牵引供电', '智能运维'],
    objects: ['制动系统', '车载控制器', '缺陷检测方法', '受电弓', '轴承健康监测系统', '调度平台'],
    uses: ['城市地铁', '高速铁路', '重载货运', '有轨电车'],
    industry: 'C',
  },
  energy_saving_recycling: {
    topics: ['工业余热', '固废资源化', '污水处理', '磷石膏综合利用', '碳捕集', '动力电池回收'],
    objects: ['换热装置', '再生骨料', '膜生物反应器', '建材制品', '吸附剂', '梯次利用系统'],
    uses: ['钢铁冶金', '化工园区', '市政污水', '建筑材料'],
    industry: 'N',
  },
};
const FIELDS = GENERATOR_VOCABULARY;
const KEY_FIELDS = Object.keys(FIELDS);
const TITLE_PATTERNS = [
  (t: string, o: string) => `一种基于${t}的${o}`,
  (t: string, o: string) => `${t}${o}关键技术及产业化`,
  (t: string, o: string) => `高性能${t}${o}的研制`,
  (t: string, o: string) => `${t}${o}制备方法`,
  (t: string, o: string) => `面向工程应用的${t}${o}`,
];
/** Quantified advantages (also the targets of generated demands). */
export const ADVANTAGES = ['成本降低约30%', '效率提升20%以上', '寿命延长一倍', '能耗降低15%', '良品率达到99%', '国产化率超过90%'];
const STAGE_BY_TRL: Record<number, string> = { 1: 'lab', 2: 'lab', 3: 'lab', 4: 'pilot_small', 5: 'pilot_small', 6: 'pilot', 7: 'pilot', 8: 'mass_production', 9: 'mass_production' };

/** Demo data and benchmarks draw from it (platform/prng.ts). */
export { prng };

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

/** Patent application number with a correct check digit, for generated records. */
function patentNumber(rand: () => number): string {
  const year = 2015 + Math.floor(rand() * 9);
  const digits = `${year}1${String(Math.floor(rand() * 10_000_000)).padStart(7, '0')}`;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (weights[i % 8] ?? 0), 0);
  const check = sum % 11;
  return `${digits}.${check === 10 ? 'X' : check}`;
}

export interface GeneratedAchievement extends AchievementPatch {
  title: string;
}

export function generateAchievement(seed: number, ownerName: string): GeneratedAchievement {
  const rand = prng(seed);
  const keyField = pick(rand, KEY_FIELDS);
  const f = FIELDS[keyField] ?? { topics: ['技术'], objects: ['装置'], uses: ['制造业'], industry: 'C' };
  const topic = pick(rand, f.topics);
  const object = pick(rand, f.objects);
  const use = pick(rand, f.uses);
  const use2 = pick(rand, f.uses);
  const title = pick(rand, TITLE_PATTERNS)(topic, object);
  const trl = 3 + Math.floor(rand() * 7);
  const advantage = pick(rand, ADVANTAGES);
  const priced = rand() < 0.6;
  const priceWan = (5 + Math.floor(rand() * 500)) * (rand() < 0.3 ? 10 : 1);
  const fiscal = rand() < 0.4;
  const isPatent = rand() < 0.7;
  return {
    title,
    type: isPatent
      ? 'patent'
      : keyField === 'biomedicine_medical_devices'
        ? pick(rand, ['new_drug', 'medical_device'] as const)
        : pick(rand, ['software_copyright', 'technical_secret'] as const),
    attribute: pick(rand, ['original', 'reinnovation', 'secondary_development'] as const),
    keyField: keyField as GeneratedAchievement['keyField'],
    industry: f.industry as GeneratedAchievement['industry'],
    keywords: [...new Set([topic, object, use])].slice(0, 3),
    abstract:
      `本成果围绕${topic}${object}开展研究，针对${use}中存在的性能不足与成本偏高问题，` +
      `提出了新的结构设计与工艺路线，完成了样机研制和测试验证。与现有技术相比，${advantage}，` +
      `已在${use2}场景开展应用示范，具备进一步转化和规模化推广的条件。`,
    innovationPoints: `提出${topic}与${object}协同设计方法；形成自主知识产权的核心工艺。`,
    indicators: `关键性能指标达到国内领先水平，${advantage}。`,
    applicationScenarios: `${use}、${use2}等领域。`,
    trl,
    stage: STAGE_BY_TRL[trl] as GeneratedAchievement['stage'],
    ipItems: isPatent ? [{ type: 'invention_patent', number: patentNumber(rand), status: rand() < 0.6 ? 'granted' : 'pending', title }] : [],
    owners: [{ name: ownerName, share: 100 }],
    team: [
      { name: pick(rand, ['李明', '王芳', '张伟', '刘洋', '陈静', '杨帆']), role: 'lead', contribution: 60 },
      { name: pick(rand, ['赵磊', '周婷', '吴昊', '郑雪', '孙浩', '马丽']), role: 'core', contribution: 40 },
    ],
    contactName: '技术转移办公室',
    contactPhone: `027-8754${String(Math.floor(rand() * 10000)).padStart(4, '0')}`,
    contactEmail: null,
    cooperationModes: rand() < 0.5 ? ['transfer', 'license'] : pick(rand, [['joint_development'], ['equity', 'transfer'], ['technical_service'], ['license']] as const).slice(),
    pricingMode: priced ? (rand() < 0.8 ? 'asking' : 'floor') : 'negotiable',
    price: priced ? `${priceWan}万` : null,
    fundingProgramme: fiscal ? pick(rand, ['国家重点研发计划', '国家自然科学基金', '湖北省重点研发计划', '湖北省技术创新专项', '武汉市科技计划']) : null,
    fundingProjectNumber: fiscal ? `${2018 + Math.floor(rand() * 6)}${pick(rand, ['BAA', 'YFB', 'CFA', 'ZD'])}${String(Math.floor(rand() * 1000)).padStart(3, '0')}` : null,
    isFiscallyFunded: fiscal,
    isDualUse: rand() < 0.1,
    disclosureTier: pick(rand, ['public', 'public', 'public', 'registered', 'nda'] as const),
  };
}
