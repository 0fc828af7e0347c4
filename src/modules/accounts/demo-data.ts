import type { Db } from '../../platform/db.js';
import { createOrganization, createUser, makeCreditCode, type OrganizationSpec } from './accounts.factories.js';
import { hashPassword } from './passwords.js';

/**
 * Demo organizations and users, written by us (fictional names, valid-format credit codes).
 * The demo password is listed in README.md and printed at first start.
 */
export const DEMO_PASSWORD = 'Demo@2026';

const ORGS: (OrganizationSpec & { key?: string })[] = [
  { key: 'operator', name: '湖北科惠技术交易服务中心', type: 'operator', regionCode: '420106' },
  { key: 'gov_province', name: '湖北省科学技术厅（演示）', type: 'government', regionCode: '420000' },
  { key: 'gov_wuhan', name: '武汉市科学技术局（演示）', type: 'government', regionCode: '420100' },
  { key: 'gov_yichang', name: '宜昌市科学技术局（演示）', type: 'government', regionCode: '420500' },
  { key: 'university', name: '江城理工大学', type: 'university', regionCode: '420111' },
  { name: '楚天农业大学', type: 'university', regionCode: '420111' },
  { name: '荆楚医科大学', type: 'university', regionCode: '420106' },
  { name: '三峡工程技术学院', type: 'university', regionCode: '420502' },
  { name: '汉江师范工学院', type: 'university', regionCode: '420606' },
  { name: '湖北光电信息研究院', type: 'institute', regionCode: '420111' },
  { name: '楚天新材料研究院', type: 'institute', regionCode: '420115' },
  { name: '鄂西生态农业研究所', type: 'institute', regionCode: '422801' },
  { name: '江汉石化装备研究所', type: 'institute', regionCode: '421002' },
  { key: 'enterprise', name: '武汉光谷星辰激光科技有限公司', type: 'enterprise', regionCode: '420111' },
  { name: '武汉长江智能网联汽车有限公司', type: 'enterprise', regionCode: '420115' },
  { name: '黄石精工模具股份有限公司', type: 'enterprise', regionCode: '420202' },
  { name: '十堰东风零部件创新有限公司', type: 'enterprise', regionCode: '420302' },
  { name: '宜昌三峡新能源电池有限公司', type: 'enterprise', regionCode: '420506' },
  { name: '宜昌磷化工绿色材料有限公司', type: 'enterprise', regionCode: '420502' },
  { name: '襄阳轴承智能制造有限公司', type: 'enterprise', regionCode: '420602' },
  { name: '荆门循环经济环保科技有限公司', type: 'enterprise', regionCode: '420802' },
  { name: '孝感北斗导航应用有限公司', type: 'enterprise', regionCode: '420902' },
  { name: '荆州纺织新材料有限公司', type: 'enterprise', regionCode: '421003' },
  { name: '恩施硒科生物医药有限公司', type: 'enterprise', regionCode: '422801' },
  { key: 'service', name: '湖北知行技术转移服务有限公司', type: 'service_institution', regionCode: '420106' },
  { name: '宜昌科技成果转化服务中心', type: 'service_institution', regionCode: '420502' },
  { name: '襄阳技术市场服务有限公司', type: 'service_institution', regionCode: '420606' },
  { name: '长江科创投资管理有限公司', type: 'investor', regionCode: '420102' },
  { name: '楚天天使投资基金', type: 'investor', regionCode: '420111' },
  { name: '光谷青年创业孵化器', type: 'incubator', regionCode: '420111' },
  { name: '三峡众创空间', type: 'incubator', regionCode: '420502' },
  { key: 'law', name: '湖北知产律师事务所', type: 'law_firm', regionCode: '420106' },
  { name: '中部资产评估有限公司', type: 'valuation_firm', regionCode: '420102' },
  // Waiting in the verification queue.
  { name: '武汉微纳传感技术有限公司', type: 'enterprise', regionCode: '420111', status: 'pending' },
  { name: '宜昌绿电储能科技有限公司', type: 'enterprise', regionCode: '420506', status: 'pending' },
  { name: '襄阳新锐检测技术有限公司', type: 'service_institution', regionCode: '420606', status: 'pending' },
];

export interface DemoAccount {
  login: string;
  role: string;
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { login: 'operator@kehui.example.cn', role: 'operator', description: '平台运营（湖北科惠技术交易服务中心）' },
  { login: 'gov.hubei@kehui.example.cn', role: 'gov_admin', description: '省级科技管理部门（420000 湖北省）' },
  { login: 'gov.wuhan@kehui.example.cn', role: 'gov_admin', description: '市级科技管理部门（420100 武汉市）' },
  { login: 'gov.yichang@kehui.example.cn', role: 'gov_admin', description: '市级科技管理部门（420500 宜昌市）' },
  { login: 'univ.admin@kehui.example.cn', role: 'org_admin', description: '江城理工大学 机构管理员' },
  { login: 'univ.member@kehui.example.cn', role: 'org_member', description: '江城理工大学 成员' },
  { login: 'enterprise.admin@kehui.example.cn', role: 'org_admin', description: '武汉光谷星辰激光科技 机构管理员' },
  { login: 'broker@kehui.example.cn', role: 'broker', description: '技术经纪人（湖北知行技术转移服务）' },
  { login: 'lawyer@kehui.example.cn', role: 'lawyer', description: '公益律师（湖北知产律师事务所）' },
  { login: 'expert@kehui.example.cn', role: 'expert', description: '评审专家' },
];

export interface DemoOrganization {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  status: string;
}

export async function seedAccountsDemo(db: Db): Promise<{ accounts: DemoAccount[]; organizations: DemoOrganization[] }> {
  const byKey = new Map<string, string>();
  const created: DemoOrganization[] = [];
  let seed = 1_000_000;
  for (const spec of ORGS) {
    const org = await createOrganization(db, {
      ...spec,
      creditCode: makeCreditCode(spec.regionCode, seed++ * 7919),
      address: `湖北省${spec.name}地址（演示）`,
      contactName: '演示联系人',
      contactPhone: '027-87000000',
    });
    if (spec.key) byKey.set(spec.key, org.id);
    created.push({ id: org.id, name: org.name, type: org.type, regionCode: org.regionCode, status: org.status });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const org = (k: string) => byKey.get(k) ?? null;
  const users = [
    { email: 'operator@kehui.example.cn', name: '运营管理员', organizationId: org('operator'), roles: [{ role: 'operator' as const }] },
    { email: 'gov.hubei@kehui.example.cn', name: '省科技厅管理员', organizationId: org('gov_province'), roles: [{ role: 'gov_admin' as const, regionCode: '420000' }] },
    { email: 'gov.wuhan@kehui.example.cn', name: '武汉市科技局管理员', organizationId: org('gov_wuhan'), roles: [{ role: 'gov_admin' as const, regionCode: '420100' }] },
    { email: 'gov.yichang@kehui.example.cn', name: '宜昌市科技局管理员', organizationId: org('gov_yichang'), roles: [{ role: 'gov_admin' as const, regionCode: '420500' }] },
    { email: 'univ.admin@kehui.example.cn', name: '江城理工技术转移中心', organizationId: org('university'), roles: [{ role: 'org_admin' as const }] },
    { email: 'univ.member@kehui.example.cn', name: '李教授', organizationId: org('university'), roles: [{ role: 'org_member' as const }] },
    { email: 'enterprise.admin@kehui.example.cn', name: '星辰激光管理员', organizationId: org('enterprise'), roles: [{ role: 'org_admin' as const }] },
    { email: 'broker@kehui.example.cn', name: '王经纪', organizationId: org('service'), roles: [{ role: 'org_member' as const }, { role: 'broker' as const }] },
    { email: 'lawyer@kehui.example.cn', name: '张律师', organizationId: org('law'), roles: [{ role: 'org_member' as const }, { role: 'lawyer' as const }] },
    { email: 'expert@kehui.example.cn', name: '陈专家', organizationId: null, roles: [{ role: 'expert' as const }] },
  ];
  for (const u of users) await createUser(db, { ...u, password: DEMO_PASSWORD, passwordHash });
  return { accounts: DEMO_ACCOUNTS, organizations: created };
}
