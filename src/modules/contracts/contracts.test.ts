import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../platform/file-store.js';
import { call, createTestApp, createVerifiedOrganization, orgIdByName, type Session, signInDemo, type TestApp } from '../../test-support/test-app.js';
import { buildAchievementInput } from '../achievements/achievements.fixtures.js';
import { systemActorByEmail } from '../accounts/index.js';
import { auditLog } from '../audit/index.js';
import { buildDemandInput } from '../demands/demands.fixtures.js';
import { demands } from '../demands/index.js';
import { deals, sweepListings } from '../listings/index.js';
import { notifications } from '../notifications/index.js';
import { publicLog } from '../public-log/index.js';
import { addCalendarDays } from './contract-codes.js';
import { shanghaiDay } from './contract-rules.js';
import { registrarQueue } from './contracts.service.js';
import { contracts } from './contracts.tables.js';

interface Party { role: string; roleName: string; organizationId: string | null; name: string; regionCode: string; legalNature: string }
interface Detail {
  id: string;
  status: string;
  regionCode: string;
  contractValueFen: number;
  transactionAmountFen: number | null;
  registrationNumber: string | null;
  decisionDueOn: string | null;
  isOverdue: boolean;
  registeredOn: string | null;
  refusalReasons: string | null;
  parties: Party[];
  schedule: { amountFen: number; onDate: string }[];
  payments: { amountFen: number; evidence: { sha256: string } | null }[];
  paidFen: number;
  timeline: { action: string; label: string }[];
  allowedActions: string[];
  signedPdf: { sha256: string };
}
interface Summary { id: string; isOverdue: boolean; registrationNumber: string | null; status: string }
interface Problem { code: string; detail: string; errors?: { path: string; message: string }[] }

let t: TestApp;
let univ: Session;
let univMember: Session;
let enterprise: Session;
let broker: Session;
let operator: Session;
let govWuhan: Session;
let govYichang: Session;
let govHubei: Session;
let univOrgId = '';
let enterpriseOrgId = '';

const PDF = () => Buffer.from(`%PDF-1.4\n% signed contract ${Math.random()}\n%%EOF\n`);
const PNG = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`png ${Math.random()}`)]);

function upload(as: Session | null, bytes: Buffer, kind: 'contract' | 'evidence' = 'contract', fileName = '技术开发合同.pdf') {
  return t.app.inject({
    method: 'POST',
    url: `/api/contracts/uploads?kind=${kind}&fileName=${encodeURIComponent(fileName)}`,
    headers: { 'content-type': 'application/octet-stream', ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {}) },
    payload: bytes,
  });
}

async function signedPdf(as: Session = univMember) {
  const res = await upload(as, PDF());
  expect(res.statusCode, res.body).toBe(201);
  return { sha256: res.json<{ sha256: string }>().sha256, fileName: '技术开发合同.pdf' };
}

const body = async (overrides: Record<string, unknown> = {}, as: Session = univMember) => ({
  contractType: 'development_commissioned',
  title: `高功率激光器散热模块委托开发合同 ${Math.random().toString(36).slice(2, 7)}`,
  signedOn: '2026-01-15',
  keyField: 'intelligent_equipment',
  summary: '研究开发方为委托方开发高功率光纤激光器水冷散热模块并交付样机。',
  contractValue: '1,000,000.00',
  parties: [
    { role: 'seller', organizationId: univOrgId, legalNature: 'university' },
    { role: 'buyer', organizationId: enterpriseOrgId, legalNature: 'enterprise_private' },
  ],
  schedule: [
    { onDate: '2026-02-01', amount: '300,000' },
    { onDate: '2026-06-30', amount: '700000.00' },
  ],
  signedPdf: await signedPdf(as),
  ...overrides,
});

async function submitted(overrides: Record<string, unknown> = {}, as: Session = univMember): Promise<Detail> {
  const res = await call(t, 'POST', '/api/contracts', { as, body: await body(overrides, as) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

async function accepted(overrides: Record<string, unknown> = {}, by: Session = govWuhan): Promise<Detail> {
  const c = await submitted(overrides);
  const res = await call(t, 'POST', `/api/contracts/${c.id}/accept`, { as: by });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

async function registered(overrides: Record<string, unknown> = {}, amount = '800,000.50'): Promise<Detail> {
  const c = await accepted(overrides);
  const res = await call(t, 'POST', `/api/contracts/${c.id}/register`, { as: govWuhan, body: { transactionAmount: amount } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Detail>();
}

const detail = async (id: string, as: Session) => call(t, 'GET', `/api/contracts/${id}`, { as });
const contractCount = async () => (await t.database.db.select({ n: count() }).from(contracts))[0]?.n ?? 0;
const notificationsOf = async (kind: string, entityId: string) =>
  (await t.database.db.select({ n: count() }).from(notifications).where(and(eq(notifications.kind, kind), eq(notifications.entityId, entityId))))[0]?.n ?? 0;
const auditActions = async (entityId: string) =>
  (await t.database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, entityId))).map((r) => r.action);

beforeAll(async () => {
  t = await createTestApp();
  ({ univ, univMember, enterprise, broker, operator, govWuhan, govYichang, govHubei } = await signInDemo(t, ['univ', 'univMember', 'enterprise', 'broker', 'operator', 'govWuhan', 'govYichang', 'govHubei']));
  univOrgId = await orgIdByName(t, '江城理工大学');
  enterpriseOrgId = await orgIdByName(t, '武汉光谷星辰激光科技有限公司');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('POST /api/contracts', () => {
  it('records a submission by a party with exact amounts, parties from the platform and the schedule; registrars are notified', async () => {
    const c = await submitted();
    expect(c).toMatchObject({ status: 'submitted', regionCode: '420111', contractValueFen: 100_000_000, registrationNumber: null, decisionDueOn: null });
    expect(c.parties.map((p) => [p.role, p.roleName, p.name])).toEqual([
      ['seller', '研究开发方', '江城理工大学'],
      ['buyer', '委托方', '武汉光谷星辰激光科技有限公司'],
    ]);
    expect(c.schedule.map((s) => s.amountFen)).toEqual([30_000_000, 70_000_000]);
    expect(c.allowedActions).toEqual(expect.arrayContaining(['withdraw', 'recordPayment']));
    expect(await auditActions(c.id)).toEqual(['contract.submitted']);
    expect(await notificationsOf('contract_submitted', c.id)).toBeGreaterThan(0);
    // The other party sees it; outsiders and other regions do not.
    expect((await detail(c.id, enterprise)).statusCode).toBe(200);
    expect((await detail(c.id, broker)).statusCode).toBe(404);
    expect((await detail(c.id, govYichang)).statusCode).toBe(404);
    expect((await detail(c.id, govHubei)).json<Detail>().allowedActions).toEqual(['accept', 'refuse']);
  });

  it('refuses a submission without the signed PDF, and a fake PDF, in Chinese', async () => {
    const before = await contractCount();
    const none = await call(t, 'POST', '/api/contracts', { as: univMember, body: { ...(await body()), signedPdf: undefined } });
    expect(none.statusCode).toBe(400);
    expect(none.json<Problem>().errors).toEqual([{ path: 'signedPdf', message: '请上传已签署的合同 PDF（口头合同不予登记）' }]);
    const fake = await upload(univMember, Buffer.from('<html>not a pdf, renamed</html>'), 'contract', 'contract.pdf');
    expect(fake.statusCode).toBe(400);
    expect(fake.json<Problem>().errors?.[0]).toEqual({ path: 'file', message: '请上传已签署的合同 PDF（口头合同不予登记）' });
    // A stored image referenced as the signed contract is refused as well.
    const image = await upload(univMember, PNG(), 'evidence', 'slip.png');
    expect(image.statusCode, image.body).toBe(201);
    const asPdf = await call(t, 'POST', '/api/contracts', { as: univMember, body: await body({ signedPdf: { sha256: image.json<{ sha256: string }>().sha256, fileName: 'x.pdf' } }) });
    expect(asPdf.json<Problem>().errors?.map((e) => e.path)).toEqual(['signedPdf']);
    expect(await contractCount()).toBe(before);
  });

  it('lists every bad amount and date with its field path, and writes nothing', async () => {
    const before = await contractCount();
    const res = await call(t, 'POST', '/api/contracts', {
      as: univMember,
      body: await body({ contractValue: '-100', signedOn: '2099-01-01', schedule: [{ onDate: '2026-02-30', amount: '100.005' }] }),
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json<Problem>().errors ?? [];
    expect(errors.map((e) => e.path).sort()).toEqual(['contractValue', 'schedule.0.amount', 'schedule.0.onDate', 'signedOn']);
    expect(errors.find((e) => e.path === 'contractValue')?.message).toContain('不能为负数');
    expect(errors.find((e) => e.path === 'schedule.0.amount')?.message).toContain('精确到分');
    const three = await call(t, 'POST', '/api/contracts', { as: univMember, body: await body({ contractValue: '1000.123' }) });
    expect(three.json<Problem>().errors).toEqual([{ path: 'contractValue', message: '合同金额最多精确到分（小数点后两位）' }]);
    const over = await call(t, 'POST', '/api/contracts', { as: univMember, body: await body({ contractValue: '100', schedule: [{ onDate: '2026-02-01', amount: '60' }, { onDate: '2026-03-01', amount: '50' }] }) });
    expect(over.json<Problem>().errors?.[0]?.path).toBe('schedule');
    expect(over.json<Problem>().errors?.[0]?.message).toContain('超过合同金额');
    expect(await contractCount()).toBe(before);
  });

  it('requires a buyer and a seller, and the submitting organization among the parties', async () => {
    const noBuyer = await call(t, 'POST', '/api/contracts', { as: univMember, body: await body({ parties: [{ role: 'seller', organizationId: univOrgId, legalNature: 'university' }] }) });
    expect(noBuyer.json<Problem>().errors?.map((e) => e.message)).toContain('当事方至少应包括买方和卖方各一方');
    const notParty = await call(t, 'POST', '/api/contracts', {
      as: broker,
      body: await body({}, broker),
    });
    expect(notParty.statusCode).toBe(400);
    expect(notParty.json<Problem>().errors?.[0]).toMatchObject({ path: 'parties' });
    const external = await call(t, 'POST', '/api/contracts', {
      as: univMember,
      body: await body({ parties: [{ role: 'seller', organizationId: univOrgId, legalNature: 'university' }, { role: 'buyer', name: '', regionCode: '999999', legalNature: 'enterprise_state' }] }),
    });
    expect(external.json<Problem>().errors?.map((e) => e.path).sort()).toEqual(['parties.1.creditCode', 'parties.1.name', 'parties.1.regionCode']);
    // Registrars do not submit.
    expect((await call(t, 'POST', '/api/contracts', { as: govWuhan, body: await body() })).statusCode).toBe(403);
  });
});

describe('registration', () => {
  it('accepts with a 30-day due date, registers with a 16-digit number, certificate, public log and verification', async () => {
    const c = await submitted();
    expect((await call(t, 'POST', `/api/contracts/${c.id}/accept`, { as: govYichang })).statusCode).toBe(404);
    expect((await call(t, 'POST', `/api/contracts/${c.id}/accept`, { as: univ })).statusCode).toBe(403);
    const a = await call(t, 'POST', `/api/contracts/${c.id}/accept`, { as: govWuhan });
    expect(a.statusCode, a.body).toBe(200);
    const today = shanghaiDay(new Date());
    expect(a.json<Detail>()).toMatchObject({ status: 'accepted', decisionDueOn: addCalendarDays(today, 30), isOverdue: false });
    expect(await notificationsOf('contract_accepted', c.id)).toBeGreaterThan(0);

    const r = await call(t, 'POST', `/api/contracts/${c.id}/register`, { as: govWuhan, body: { transactionAmount: '800,000.50' } });
    expect(r.statusCode, r.body).toBe(200);
    const reg = r.json<Detail>();
    expect(reg).toMatchObject({ status: 'registered', transactionAmountFen: 80_000_050, registeredOn: today });
    expect(reg.registrationNumber).toMatch(new RegExp(`^420111${today.slice(0, 4)}1\\d{5}$`));
    expect(reg.timeline.map((e) => e.action)).toEqual(['contract.submitted', 'contract.accepted', 'contract.registered']);
    expect(await notificationsOf('contract_registered', c.id)).toBeGreaterThan(0);

    const [entry] = await t.database.db.select().from(publicLog).where(and(eq(publicLog.entityId, c.id), eq(publicLog.type, 'contract_registered')));
    expect(entry?.payload).toMatchObject({ registrationNumber: reg.registrationNumber, title: expect.any(String), transactionAmount: '800000.50', registeredOn: today });
    expect(JSON.stringify(entry?.payload)).not.toMatch(/verifyCode|signedPdf|creditCode/);
    expect((await call(t, 'GET', '/api/public-log/verify')).json<{ ok: boolean }>().ok).toBe(true);

    const cert = await call(t, 'GET', `/api/contracts/${c.id}/certificate.pdf`, { as: enterprise });
    expect(cert.statusCode).toBe(200);
    expect(cert.headers['content-type']).toContain('application/pdf');
    expect(cert.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(cert.headers['content-disposition']).toContain(`filename*=UTF-8''`);
    expect((await call(t, 'GET', `/api/contracts/${c.id}/certificate.pdf`, { as: govYichang })).statusCode).toBe(404);

    const [row] = await t.database.db.select({ code: contracts.verifyCode }).from(contracts).where(eq(contracts.id, c.id));
    const ok = await call(t, 'GET', `/api/contracts/verify/${reg.registrationNumber ?? ''}?code=${row?.code ?? ''}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ registrationNumber: reg.registrationNumber, contractTypeLabel: '技术开发（委托）', transactionAmountFen: 80_000_050 });
    const wrong = await call(t, 'GET', `/api/contracts/verify/${reg.registrationNumber ?? ''}?code=WRONGCODE0000000`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json<Problem>().detail).toContain('登记编号或校验码不正确');
    expect((await call(t, 'GET', `/api/contracts/verify/${reg.registrationNumber ?? ''}`)).statusCode).toBe(404);
  });

  it('refuses a transaction amount above the contract value, registering unaccepted, and deciding twice', async () => {
    const s = await submitted();
    const early = await call(t, 'POST', `/api/contracts/${s.id}/register`, { as: govWuhan, body: { transactionAmount: '1' } });
    expect(early.statusCode).toBe(409);
    expect(early.json<Problem>().detail).toContain('尚未受理');
    const a = await accepted();
    const over = await call(t, 'POST', `/api/contracts/${a.id}/register`, { as: govWuhan, body: { transactionAmount: '1,000,000.01' } });
    expect(over.statusCode).toBe(400);
    expect(over.json<Problem>().errors?.[0]).toMatchObject({ path: 'transactionAmount' });
    const zero = await call(t, 'POST', `/api/contracts/${a.id}/register`, { as: govWuhan, body: { transactionAmount: '0' } });
    expect(zero.json<Problem>().errors?.[0]?.message).toBe('技术交易额必须大于 0');
    const neg = await call(t, 'POST', `/api/contracts/${a.id}/register`, { as: govWuhan, body: { transactionAmount: '-5' } });
    expect(neg.json<Problem>().errors?.[0]?.message).toContain('不能为负数');
    expect((await call(t, 'POST', `/api/contracts/${a.id}/register`, { as: operator, body: { transactionAmount: '1000000' } })).statusCode).toBe(200);
    const again = await call(t, 'POST', `/api/contracts/${a.id}/register`, { as: govWuhan, body: { transactionAmount: '1000000' } });
    expect(again.statusCode).toBe(409);
    expect((await call(t, 'POST', `/api/contracts/${a.id}/refuse`, { as: govWuhan, body: { reasons: '重复' } })).statusCode).toBe(409);
    expect((await call(t, 'POST', `/api/contracts/${a.id}/withdraw`, { as: univMember, body: { reason: '晚了' } })).statusCode).toBe(409);
  });

  it('refuses with reasons (未予登记), and only the submitter withdraws before a decision', async () => {
    const c = await submitted();
    expect((await call(t, 'POST', `/api/contracts/${c.id}/refuse`, { as: govWuhan, body: { reasons: '' } })).statusCode).toBe(400);
    const r = await call(t, 'POST', `/api/contracts/${c.id}/refuse`, { as: govWuhan, body: { reasons: '合同标的不属于技术合同，属于一般买卖合同。' } });
    expect(r.statusCode).toBe(200);
    expect(r.json<Detail>()).toMatchObject({ status: 'refused', refusalReasons: '合同标的不属于技术合同，属于一般买卖合同。', registrationNumber: null });
    expect(await notificationsOf('contract_refused', c.id)).toBeGreaterThan(0);
    expect((await call(t, 'GET', `/api/contracts/${c.id}/certificate.pdf`, { as: univ })).statusCode).toBe(409);

    const w = await accepted();
    expect((await call(t, 'POST', `/api/contracts/${w.id}/withdraw`, { as: enterprise, body: { reason: '对方撤回' } })).statusCode).toBe(403);
    const ok = await call(t, 'POST', `/api/contracts/${w.id}/withdraw`, { as: univ, body: { reason: '双方协商变更合同' } });
    expect(ok.json<Detail>().status).toBe('withdrawn');
    expect((await call(t, 'POST', `/api/contracts/${w.id}/register`, { as: govWuhan, body: { transactionAmount: '1' } })).statusCode).toBe(409);
  });
});

describe('registration number', () => {
  it('increments the serial per registration region and year, and starts anew in another region', async () => {
    const a = await registered();
    const b = await registered();
    const serial = (n: string | null) => Number((n ?? '').slice(11));
    expect(serial(b.registrationNumber)).toBe(serial(a.registrationNumber) + 1);
    // A transfer whose seller is in 宜昌 (outside the platform) is registered there, by 宜昌's registrar.
    const y = await submitted(
      {
        contractType: 'transfer_patent',
        parties: [
          { role: 'seller', name: '宜昌某某光电研究所', creditCode: '12420500MB1234567X', regionCode: '420502', legalNature: 'research_institute' },
          { role: 'buyer', organizationId: enterpriseOrgId, legalNature: 'enterprise_private' },
        ],
      },
      enterprise,
    );
    expect(y.regionCode).toBe('420502');
    expect((await call(t, 'POST', `/api/contracts/${y.id}/accept`, { as: govWuhan })).statusCode).toBe(404);
    expect((await call(t, 'POST', `/api/contracts/${y.id}/accept`, { as: govYichang })).statusCode).toBe(200);
    const yr = await call(t, 'POST', `/api/contracts/${y.id}/register`, { as: govYichang, body: { transactionAmount: '500000' } });
    expect(yr.json<Detail>().registrationNumber).toBe(`420502${shanghaiDay(new Date()).slice(0, 4)}200001`);
    expect(yr.json<Detail>().parties[0]?.roleName).toBe('让与方');
  });

  it('gives parallel registrations distinct consecutive serials', async () => {
    const list = [await accepted(), await accepted(), await accepted(), await accepted()];
    const results = await Promise.all(list.map((c) => call(t, 'POST', `/api/contracts/${c.id}/register`, { as: govWuhan, body: { transactionAmount: '1000' } })));
    const numbers = results.map((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json<Detail>().registrationNumber ?? '';
    });
    expect(new Set(numbers).size).toBe(4);
    const serials = numbers.map((n) => Number(n.slice(11))).sort((x, y) => x - y);
    expect((serials[3] ?? 0) - (serials[0] ?? 0)).toBe(3);
    expect(numbers.every((n) => /^\d{16}$/.test(n))).toBe(true);
  });
});

describe('overdue decisions', () => {
  it('flags accepted contracts past their due day, first in the queue, and filters them', async () => {
    const c = await accepted();
    // The service with a later clock: 31 days after acceptance the decision is overdue.
    const later = new Date(Date.now() + 31 * 86_400_000);
    const actor = await systemActorByEmail(t.database.db, 'gov.wuhan@kehui.example.cn');
    if (!actor) throw new Error('no demo gov_admin');
    const filesDir = mkdtempSync(path.join(tmpdir(), 'kehui-contracts-'));
    const q = await registrarQueue({ db: t.database.db, files: createFileStore(filesDir), pdfFont: '' }, actor, { page: 1, pageSize: 100 }, later);
    rmSync(filesDir, { recursive: true, force: true });
    expect(q.items[0]?.isOverdue).toBe(true);
    expect(q.items.find((i) => i.id === c.id)?.isOverdue).toBe(true);
    // And over HTTP: the due day moved into the past.
    await t.database.db.update(contracts).set({ decisionDueOn: addCalendarDays(shanghaiDay(new Date()), -1) }).where(eq(contracts.id, c.id));
    const overdue = await call(t, 'GET', '/api/contracts/queue?overdue=true', { as: govWuhan });
    const items = overdue.json<{ items: Summary[] }>().items;
    expect(items.map((i) => i.id)).toContain(c.id);
    expect(items.every((i) => i.isOverdue)).toBe(true);
    const queue = (await call(t, 'GET', '/api/contracts/queue', { as: govWuhan })).json<{ items: Summary[] }>().items;
    expect(queue[0]?.isOverdue).toBe(true);
    const notOverdue = (await call(t, 'GET', '/api/contracts/queue?overdue=false', { as: govWuhan })).json<{ items: Summary[] }>().items;
    expect(notOverdue.map((i) => i.id)).not.toContain(c.id);
    expect((await detail(c.id, univ)).json<Detail>().isOverdue).toBe(true);
    // 宜昌's registrar does not see Wuhan's queue.
    expect((await call(t, 'GET', '/api/contracts/queue', { as: govYichang })).json<{ items: Summary[] }>().items.map((i) => i.id)).not.toContain(c.id);
  });
});

describe('GET /api/contracts/mine and /statistics', () => {
  it('lists the organization’s contracts, and statistics scoped to the registrar’s region', async () => {
    const mine = await call(t, 'GET', '/api/contracts/mine?pageSize=100', { as: enterprise });
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ total: number }>().total).toBeGreaterThan(0);
    expect((await call(t, 'GET', '/api/contracts/mine', { as: govWuhan })).statusCode).toBe(403);

    const all = (await call(t, 'GET', '/api/contracts/statistics', { as: operator })).json<{ total: { count: number }; byType: { key: string; count: number }[]; byRegion: { key: string; label: string }[]; byPartyNature: { role: string; key: string }[] }>();
    const wuhan = (await call(t, 'GET', '/api/contracts/statistics', { as: govWuhan })).json<typeof all>();
    const yichang = (await call(t, 'GET', '/api/contracts/statistics', { as: govYichang })).json<typeof all>();
    expect(all.total.count).toBe(wuhan.total.count + yichang.total.count);
    expect(wuhan.byRegion.map((r) => r.key)).toEqual(['420100']);
    expect(wuhan.byRegion[0]?.label).toBe('武汉市');
    expect(yichang.byRegion.map((r) => r.key)).toEqual(['420500']);
    expect(yichang.byType.map((r) => r.key)).toEqual(['transfer']);
    expect(wuhan.byPartyNature).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'seller', key: 'university' }), expect.objectContaining({ role: 'buyer', key: 'enterprise_private' })]));
    const past = (await call(t, 'GET', '/api/contracts/statistics?year=2001', { as: operator })).json<typeof all>();
    expect(past.total.count).toBe(0);
    expect((await call(t, 'GET', '/api/contracts/statistics', { as: enterprise })).statusCode).toBe(403);
  });
});

describe('payments', () => {
  it('lets a party record payments with evidence up to the contract value', async () => {
    const c = await registered();
    const ev = await upload(enterprise, PNG(), 'evidence', '银行回单.png');
    expect(ev.statusCode, ev.body).toBe(201);
    const evidence = { sha256: ev.json<{ sha256: string }>().sha256, fileName: '银行回单.png' };
    const p = await call(t, 'POST', `/api/contracts/${c.id}/payments`, { as: enterprise, body: { onDate: '2026-02-01', amount: '300,000', evidence } });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json<Detail>()).toMatchObject({ paidFen: 30_000_000 });
    const over = await call(t, 'POST', `/api/contracts/${c.id}/payments`, { as: univ, body: { onDate: '2026-02-02', amount: '700000.01' } });
    expect(over.json<Problem>().errors?.[0]?.path).toBe('amount');
    expect((await call(t, 'POST', `/api/contracts/${c.id}/payments`, { as: broker, body: { onDate: '2026-02-02', amount: '1' } })).statusCode).toBe(404);
    const file = await call(t, 'GET', `/api/contracts/${c.id}/files/${evidence.sha256}`, { as: govWuhan });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('image/png');
    const signed = await call(t, 'GET', `/api/contracts/${c.id}/files/${c.signedPdf.sha256}`, { as: enterprise });
    expect(signed.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await auditActions(c.id)).toContain('contract.payment_recorded');
  });
});

describe('links to deals and demands', () => {
  async function dealAwaitingContract(): Promise<string> {
    const a = await call(t, 'POST', '/api/achievements', { as: univ, body: buildAchievementInput() });
    const achievementId = a.json<{ id: string }>().id;
    await call(t, 'POST', `/api/achievements/${achievementId}/submit`, { as: univ });
    await call(t, 'POST', `/api/achievements/${achievementId}/publish`, { as: operator });
    const l = await call(t, 'POST', '/api/listings', { as: univ, body: { achievementId, mode: 'transfer', price: '500000', period: { kind: 'working_days', workingDays: 20 }, terms: '转让专利权，一次性付款。' } });
    const id = l.json<{ id: string }>().id;
    const ap = await call(t, 'POST', `/api/listings/${id}/approve`, { as: govWuhan, body: {} });
    await sweepListings({ db: t.database.db }, new Date(Date.parse(`${ap.json<{ publicityEnd: string }>().publicityEnd}T16:00:00Z`)));
    const d = await call(t, 'POST', `/api/listings/${id}/delist`, { as: enterprise, body: {} });
    expect(d.statusCode, d.body).toBe(200);
    return d.json<{ deal: { id: string } }>().deal.id;
  }

  it('prefills from a deal, links the deal, allows one active contract per deal, unlinks on withdrawal', async () => {
    const dealId = await dealAwaitingContract();
    const pre = await call(t, 'GET', `/api/contracts/prefill?dealId=${dealId}`, { as: enterprise });
    expect(pre.statusCode, pre.body).toBe(200);
    const prefill = pre.json<{ contractType: string; contractValue: string; parties: { role: string; organizationId: string; legalNature: string }[]; achievementId: string }>();
    expect(prefill).toMatchObject({ contractType: 'transfer_patent', contractValue: '500000.00' });
    expect((await call(t, 'GET', `/api/contracts/prefill?dealId=${dealId}`, { as: broker })).statusCode).toBe(404);
    const parties = prefill.parties.map((p) => ({ role: p.role, organizationId: p.organizationId, legalNature: p.legalNature }));
    const c = await submitted({ dealId, achievementId: prefill.achievementId, contractType: prefill.contractType, contractValue: prefill.contractValue, parties, schedule: [] }, enterprise);
    const [deal] = await t.database.db.select().from(deals).where(eq(deals.id, dealId));
    expect(deal?.contractId).toBe(c.id);
    const second = await call(t, 'POST', '/api/contracts', { as: univ, body: await body({ dealId, contractValue: '500000', parties, schedule: [] }, univ) });
    expect(second.statusCode).toBe(409);
    const swapped = await call(t, 'POST', '/api/contracts', {
      as: univ,
      body: await body({ dealId, parties: parties.map((p) => ({ ...p, role: p.role === 'buyer' ? 'seller' : 'buyer' })) }, univ),
    });
    expect(swapped.json<Problem>().errors?.[0]?.path).toBe('parties');
    expect((await call(t, 'POST', `/api/contracts/${c.id}/withdraw`, { as: enterprise, body: { reason: '合同需修改' } })).statusCode).toBe(200);
    const [unlinked] = await t.database.db.select().from(deals).where(eq(deals.id, dealId));
    expect(unlinked?.contractId).toBeNull();
    expect((await t.database.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, dealId))).map((r) => r.a)).toEqual(expect.arrayContaining(['deal.contract_linked', 'deal.contract_unlinked']));
  });

  it('moves a matched demand to contracted when its contract is registered', async () => {
    const d = await call(t, 'POST', '/api/demands', { as: enterprise, body: buildDemandInput() });
    expect(d.statusCode, d.body).toBe(201);
    const demandId = d.json<{ id: string }>().id;
    // Test setup: the demand has been worked to 'matched' (its own flow is tested in the demands module).
    await t.database.db.update(demands).set({ status: 'matched' }).where(eq(demands.id, demandId));
    const c = await registered({ demandId });
    const [after] = await t.database.db.select().from(demands).where(eq(demands.id, demandId));
    expect(after).toMatchObject({ status: 'contracted', contractRef: c.registrationNumber });
    expect(await auditActions(demandId)).toContain('demand.contracted');
    // A draft demand is left alone.
    const draft = await call(t, 'POST', '/api/demands', { as: enterprise, body: buildDemandInput() });
    const draftId = draft.json<{ id: string }>().id;
    await registered({ demandId: draftId });
    const [still] = await t.database.db.select({ status: demands.status }).from(demands).where(eq(demands.id, draftId));
    expect(still?.status).toBe('draft');
    const foreign = await call(t, 'POST', '/api/contracts', { as: univMember, body: await body({ demandId, parties: [{ role: 'seller', organizationId: univOrgId, legalNature: 'university' }, { role: 'buyer', name: '个人买方', regionCode: '420111', legalNature: 'individual' }] }) });
    expect(foreign.json<Problem>().errors?.[0]?.path).toBe('demandId');
  });
});

describe('submitters', () => {
  it('lets any verified organization that is a party submit, the buyer included', async () => {
    const { session, orgId } = await createVerifiedOrganization(t, operator, { organization: { regionCode: '420502', type: 'enterprise' } });
    const res = await call(t, 'POST', '/api/contracts', {
      as: session,
      body: await body({ contractType: 'consulting', parties: [{ role: 'buyer', organizationId: orgId, legalNature: 'enterprise_state' }, { role: 'seller', organizationId: univOrgId, legalNature: 'university' }] }, session),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<Detail>().parties.map((p) => p.roleName)).toEqual(['委托方', '受托方']);
    // The seller (江城理工大学) sees it too.
    expect((await detail(res.json<Detail>().id, univ)).statusCode).toBe(200);
  });
});
