import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignupOrganization } from '../../test-support/fixtures.js';
import { call, createTestApp, type Session, sessionFrom, signIn, type TestApp } from '../../test-support/test-app.js';
import { auditLog } from '../audit/index.js';
import { buildAchievementInput } from './achievements.fixtures.js';
import { achievements } from './achievements.tables.js';
import { remindStaleOwners } from './achievements.service.js';

interface Detail {
  id: string;
  title: string;
  status: string;
  price: string | null;
  priceFen: number | null;
  isStale: boolean;
  version: number;
  innovationPoints: string | null;
  ipItems: { number: string }[] | null;
  contact: { visible: boolean; name?: string; message?: string };
  gated: { hidden: boolean; reason: string | null; accessRequest: string | null };
  returnReasons: { field: string; message: string }[] | null;
  pendingRevision: { status: string; data: { title: string } } | null;
  allowedActions: string[];
}
interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}
interface Page<T> {
  items: T[];
  total: number;
}

let t: TestApp;
let member: Session;
let admin: Session;
let otherOrgAdmin: Session;
let operator: Session;
let govWuhan: Session;
let govYichang: Session;
let yichangAdmin: Session;

async function create(as: Session, overrides: Record<string, unknown> = {}) {
  const res = await call(t, 'POST', '/api/achievements', { as, body: buildAchievementInput(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

async function publishNew(as: Session, overrides: Record<string, unknown> = {}) {
  const a = await create(as, overrides);
  const s = await call(t, 'POST', `/api/achievements/${a.id}/submit`, { as });
  expect(s.statusCode, s.body).toBe(200);
  if (s.json<Detail>().status === 'submitted') {
    const c = await call(t, 'POST', `/api/achievements/${a.id}/confirm`, { as: admin });
    expect(c.statusCode, c.body).toBe(200);
  }
  const p = await call(t, 'POST', `/api/achievements/${a.id}/publish`, { as: operator });
  expect(p.statusCode, p.body).toBe(200);
  return p.json<Detail>();
}

beforeAll(async () => {
  t = await createTestApp();
  member = await signIn(t, 'univ.member@kehui.example.cn');
  admin = await signIn(t, 'univ.admin@kehui.example.cn');
  otherOrgAdmin = await signIn(t, 'enterprise.admin@kehui.example.cn');
  operator = await signIn(t, 'operator@kehui.example.cn');
  govWuhan = await signIn(t, 'gov.wuhan@kehui.example.cn');
  govYichang = await signIn(t, 'gov.yichang@kehui.example.cn');
  // A verified organization in 宜昌市.
  const signup = await call(t, 'POST', '/api/auth/signup-organization', {
    body: buildSignupOrganization({ organization: { regionCode: '420502', type: 'university' } }),
  });
  expect(signup.statusCode, signup.body).toBe(201);
  yichangAdmin = sessionFrom(signup);
  const orgId = signup.json<{ organization: { id: string } }>().organization.id;
  expect((await call(t, 'POST', `/api/organizations/${orgId}/verify`, { as: operator })).statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('achievement life cycle', () => {
  it('takes a member draft through unit confirmation and regional review to the public list', async () => {
    const draft = await create(member);
    expect(draft.status).toBe('draft');
    expect(draft.priceFen).toBe(120000050);
    expect(draft.price).toBe('1200000.50');

    // Autosave: a partial change keeps the rest.
    const saved = await call(t, 'PATCH', `/api/achievements/${draft.id}`, { as: member, body: { indicators: '输出功率 12kW' } });
    expect(saved.statusCode, saved.body).toBe(200);

    const submitted = await call(t, 'POST', `/api/achievements/${draft.id}/submit`, { as: member });
    expect(submitted.json<Detail>().status).toBe('submitted');
    // Not yet reviewable: the unit confirms first.
    expect((await call(t, 'POST', `/api/achievements/${draft.id}/publish`, { as: operator })).statusCode).toBe(409);
    expect((await call(t, 'POST', `/api/achievements/${draft.id}/confirm`, { as: member })).statusCode).toBe(403);
    const confirmed = await call(t, 'POST', `/api/achievements/${draft.id}/confirm`, { as: admin });
    expect(confirmed.json<Detail>().status).toBe('confirmed');

    // The gov_admin of 宜昌市 cannot see (so cannot review) a 武汉市 record; 武汉市's can.
    expect((await call(t, 'POST', `/api/achievements/${draft.id}/publish`, { as: govYichang })).statusCode).toBe(404);
    const queue = await call(t, 'GET', '/api/achievements/review-queue', { as: govWuhan });
    expect(queue.json<Page<{ id: string; waitingSince: string | null }>>().items.some((i) => i.id === draft.id && i.waitingSince)).toBe(true);
    expect(
      (await call(t, 'GET', '/api/achievements/review-queue', { as: govYichang })).json<Page<{ id: string }>>().items.some((i) => i.id === draft.id),
    ).toBe(false);
    const published = await call(t, 'POST', `/api/achievements/${draft.id}/publish`, { as: govWuhan });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<Detail>()).toMatchObject({ status: 'published', version: 1 });

    const list = await call(t, 'GET', `/api/achievements?q=${encodeURIComponent('光纤激光器')}`);
    expect(list.json<Page<{ id: string }>>().items.map((i) => i.id)).toContain(draft.id);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, draft.id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['achievement.created', 'achievement.updated', 'achievement.submitted', 'achievement.confirmed', 'achievement.published']),
    );
  });

  it('lets an org_admin submit straight to review, and returns it with reasons per field', async () => {
    const a = await create(admin);
    const submitted = await call(t, 'POST', `/api/achievements/${a.id}/submit`, { as: admin });
    expect(submitted.json<Detail>().status).toBe('confirmed');
    const ret = await call(t, 'POST', `/api/achievements/${a.id}/return`, {
      as: operator,
      body: { reasons: [{ field: 'indicators', message: '请补充测试报告中的关键指标' }], comment: '其余内容完整' },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    const mine = await call(t, 'GET', `/api/achievements/${a.id}`, { as: member });
    expect(mine.json<Detail>()).toMatchObject({ status: 'returned', returnReasons: [{ field: 'indicators', message: '请补充测试报告中的关键指标' }] });
    // Returned records can be edited and resubmitted.
    expect((await call(t, 'PATCH', `/api/achievements/${a.id}`, { as: member, body: { indicators: '见附件测试报告' } })).statusCode).toBe(200);
    expect((await call(t, 'POST', `/api/achievements/${a.id}/submit`, { as: admin })).json<Detail>().status).toBe('confirmed');
  });

  it('refuses to submit an incomplete record, listing every missing field', async () => {
    const res = await call(t, 'POST', '/api/achievements', { as: member, body: { title: `仅有标题的草稿${Date.now()}` } });
    expect(res.statusCode).toBe(201);
    const id = res.json<Detail>().id;
    const submit = await call(t, 'POST', `/api/achievements/${id}/submit`, { as: member });
    expect(submit.statusCode).toBe(400);
    const paths = (submit.json<Problem>().errors ?? []).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['type', 'keyField', 'industry', 'keywords', 'abstract', 'trl', 'stage', 'cooperationModes', 'contactName']));
    expect((await call(t, 'GET', `/api/achievements/${id}`, { as: member })).json<Detail>().status).toBe('draft');
  });

  it('checks patent numbers, shares, maturity and money on submit or save', async () => {
    const badPatent = await create(member, { ipItems: [{ type: 'invention_patent', number: '201710601862.4', status: 'granted' }] });
    const r1 = await call(t, 'POST', `/api/achievements/${badPatent.id}/submit`, { as: member });
    expect(r1.statusCode).toBe(400);
    expect(r1.json<Problem>().errors?.find((e) => e.path === 'ipItems.0.number')?.message).toContain('校验位');

    const badShares = await create(member, { owners: [{ name: '江城理工大学', share: 60 }, { name: '合作企业', share: 30 }] });
    const r2 = await call(t, 'POST', `/api/achievements/${badShares.id}/submit`, { as: member });
    expect(r2.json<Problem>().errors?.map((e) => e.path)).toContain('owners');

    const badStage = await create(member, { trl: 2, stage: 'mass_production' });
    const r3 = await call(t, 'POST', `/api/achievements/${badStage.id}/submit`, { as: member });
    expect(r3.json<Problem>().errors?.map((e) => e.path)).toContain('stage');

    for (const price of ['-100', '12.345', 'abc']) {
      const r = await call(t, 'POST', '/api/achievements', { as: member, body: buildAchievementInput({ price }) });
      expect(r.statusCode, price).toBe(400);
      expect(r.json<Problem>().errors?.[0]?.path).toBe('price');
    }
    const wan = await create(member, { price: '12.5万' });
    expect(wan.priceFen).toBe(12_500_000);
  });

  it('refuses an exact duplicate title of the same owner with 409 but allows another owner', async () => {
    const title = `重复检测用成果${Date.now()}`;
    await create(member, { title });
    const dup = await call(t, 'POST', '/api/achievements', { as: admin, body: buildAchievementInput({ title: ` ${title}。` }) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<Problem>().errors?.[0]?.path).toBe('title');
    await create(yichangAdmin, { title });
  });

  it('flags near-duplicates across organizations to the reviewer', async () => {
    const base = `一种基于深度学习的钢轨表面缺陷检测方法${Date.now() % 1000}`;
    const a = await publishNew(admin, { title: base, keywords: ['钢轨缺陷', '深度学习'] });
    const b = await create(yichangAdmin, { title: `${base}及系统`, keywords: ['钢轨缺陷'] });
    await call(t, 'POST', `/api/achievements/${b.id}/submit`, { as: yichangAdmin });
    const near = await call(t, 'GET', `/api/achievements/${b.id}/near-duplicates`, { as: operator });
    expect(near.statusCode, near.body).toBe(200);
    expect(near.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(a.id);
    const queue = await call(t, 'GET', '/api/achievements/review-queue?pageSize=100', { as: operator });
    expect(queue.json<Page<{ id: string; nearDuplicates: number }>>().items.find((i) => i.id === b.id)?.nearDuplicates).toBeGreaterThan(0);
  });
});

describe('permissions and gated fields', () => {
  it("does not let a member of organization A see or edit B's draft", async () => {
    const a = await create(member);
    expect((await call(t, 'GET', `/api/achievements/${a.id}`, { as: otherOrgAdmin })).statusCode).toBe(404);
    expect((await call(t, 'PATCH', `/api/achievements/${a.id}`, { as: otherOrgAdmin, body: { title: '篡改' } })).statusCode).toBe(404);
    expect((await call(t, 'GET', `/api/achievements/${a.id}`)).statusCode).toBe(404);
    expect((await call(t, 'PATCH', `/api/achievements/${a.id}`, { body: { title: '匿名' } })).statusCode).toBe(401);
  });

  it('refuses registration by an organization that is not verified yet', async () => {
    const signup = await call(t, 'POST', '/api/auth/signup-organization', { body: buildSignupOrganization() });
    const pending = sessionFrom(signup);
    const res = await call(t, 'POST', '/api/achievements', { as: pending, body: buildAchievementInput() });
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().detail).toContain('认证');
  });

  it('hides contact details from anonymous visitors', async () => {
    const a = await publishNew(member);
    const anon = (await call(t, 'GET', `/api/achievements/${a.id}`)).json<Detail>();
    expect(anon.contact).toEqual({ visible: false, message: expect.stringContaining('平台') });
    expect(JSON.stringify(anon)).not.toContain('027-87540000');
    const signedIn = (await call(t, 'GET', `/api/achievements/${a.id}`, { as: otherOrgAdmin })).json<Detail>();
    expect(signedIn.contact).toMatchObject({ visible: true, name: '技术转移中心' });
  });

  it('shows registered-tier details to signed-in users only', async () => {
    const a = await publishNew(member, { disclosureTier: 'registered' });
    const anon = (await call(t, 'GET', `/api/achievements/${a.id}`)).json<Detail>();
    expect(anon.innovationPoints).toBeNull();
    expect(anon.ipItems).toBeNull();
    expect(anon.gated.hidden).toBe(true);
    expect(JSON.stringify(anon)).not.toContain('大模场光纤');
    expect((await call(t, 'GET', `/api/achievements/${a.id}`, { as: otherOrgAdmin })).json<Detail>().innovationPoints).toContain('大模场光纤');
  });

  it('shows NDA-tier details only after the owner grants a request, and logs it', async () => {
    const a = await publishNew(member, { disclosureTier: 'nda' });
    const before = (await call(t, 'GET', `/api/achievements/${a.id}`, { as: otherOrgAdmin })).json<Detail>();
    expect(before.innovationPoints).toBeNull();
    expect(before.allowedActions).toContain('requestAccess');
    expect((await call(t, 'POST', `/api/achievements/${a.id}/access-requests`, { as: otherOrgAdmin, body: { message: '评估合作' } })).statusCode).toBe(400);
    const req = await call(t, 'POST', `/api/achievements/${a.id}/access-requests`, { as: otherOrgAdmin, body: { message: '评估合作', ndaAccepted: true } });
    expect(req.statusCode, req.body).toBe(201);
    const requestId = req.json<{ id: string }>().id;
    expect((await call(t, 'GET', `/api/achievements/${a.id}`, { as: otherOrgAdmin })).json<Detail>().gated.accessRequest).toBe('pending');
    // Only the owner decides.
    expect((await call(t, 'POST', `/api/achievements/${a.id}/access-requests/${requestId}/grant`, { as: otherOrgAdmin })).statusCode).toBe(403);
    const grant = await call(t, 'POST', `/api/achievements/${a.id}/access-requests/${requestId}/grant`, { as: admin });
    expect(grant.statusCode, grant.body).toBe(200);
    expect((await call(t, 'GET', `/api/achievements/${a.id}`, { as: otherOrgAdmin })).json<Detail>().innovationPoints).toContain('大模场光纤');
    const revoke = await call(t, 'POST', `/api/achievements/${a.id}/access-requests/${requestId}/revoke`, { as: admin });
    expect(revoke.statusCode).toBe(200);
    expect((await call(t, 'GET', `/api/achievements/${a.id}`, { as: otherOrgAdmin })).json<Detail>().innovationPoints).toBeNull();
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, requestId)).orderBy(auditLog.id)).map((r) => r.action);
    expect(actions).toEqual(['achievement.access_requested', 'achievement.access_granted', 'achievement.access_revoked']);
  });
});

describe('revisions, versions, archive, stale', () => {
  it('keeps the published version visible until a revision is approved, with a diff per version', async () => {
    const a = await publishNew(member);
    const newTitle = `${a.title}（第二版）`;
    const edit = await call(t, 'PATCH', `/api/achievements/${a.id}`, { as: member, body: { title: newTitle, price: '1300000' } });
    expect(edit.statusCode, edit.body).toBe(200);
    const pendingFlag = async () =>
      (await call(t, 'GET', '/api/achievements/mine?pageSize=100', { as: member })).json<Page<{ id: string; hasPendingRevision: boolean }>>().items.find((i) => i.id === a.id)
        ?.hasPendingRevision;
    expect(edit.json<Detail>().pendingRevision?.data.title).toBe(newTitle);
    expect((await call(t, 'GET', `/api/achievements/${a.id}`)).json<Detail>().title).toBe(a.title);
    expect((await call(t, 'POST', `/api/achievements/${a.id}/revision/approve`, { as: operator })).statusCode).toBe(409);
    expect(await pendingFlag()).toBe(false);
    expect((await call(t, 'POST', `/api/achievements/${a.id}/submit`, { as: member })).statusCode).toBe(200);
    expect(await pendingFlag()).toBe(true);
    const approved = await call(t, 'POST', `/api/achievements/${a.id}/revision/approve`, { as: govWuhan });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<Detail>()).toMatchObject({ title: newTitle, version: 2, priceFen: 130000000 });
    const versions = (await call(t, 'GET', `/api/achievements/${a.id}/versions`)).json<{ items: { version: number; changes: { field: string; before: unknown; after: unknown }[] }[] }>();
    expect(versions.items.map((v) => v.version)).toEqual([1, 2]);
    const v2 = versions.items[1]?.changes ?? [];
    expect(v2.find((c) => c.field === 'title')).toMatchObject({ before: a.title, after: newTitle });
    expect(v2.find((c) => c.field === 'price')).toMatchObject({ before: '1200000.50', after: '1300000.00' });
    // The history never shows anonymous visitors what the record hides from them (contact).
    const anonHistory = await call(t, 'GET', `/api/achievements/${a.id}/versions`);
    expect(anonHistory.body).not.toContain('027-87540000');
    expect((await call(t, 'GET', `/api/achievements/${a.id}/versions`, { as: otherOrgAdmin })).body).toContain('027-87540000');
  });

  it('archives a record out of the public list', async () => {
    const a = await publishNew(member);
    expect((await call(t, 'POST', `/api/achievements/${a.id}/archive`, { as: member })).statusCode).toBe(403);
    expect((await call(t, 'POST', `/api/achievements/${a.id}/archive`, { as: admin })).json<Detail>().status).toBe('archived');
    expect((await call(t, 'GET', `/api/achievements/${a.id}`)).statusCode).toBe(404);
  });

  it('marks a record stale after 12 months unconfirmed, reminds the owner once, and resets on reconfirm', async () => {
    const a = await publishNew(member);
    await t.database.db.update(achievements).set({ lastConfirmedAt: new Date(Date.now() - 400 * 86400_000) }).where(eq(achievements.id, a.id));
    expect((await call(t, 'GET', `/api/achievements/${a.id}`)).json<Detail>().isStale).toBe(true);
    const staleList = await call(t, 'GET', '/api/achievements?stale=true&pageSize=100');
    expect(staleList.json<Page<{ id: string; isStale: boolean }>>().items.find((i) => i.id === a.id)?.isStale).toBe(true);
    const ctx = { actor: null, requestId: 'stale-test', ip: null };
    expect(await remindStaleOwners({ db: t.database.db }, ctx)).toBeGreaterThanOrEqual(1);
    expect(await remindStaleOwners({ db: t.database.db }, ctx)).toBe(0);
    const re = await call(t, 'POST', `/api/achievements/${a.id}/reconfirm`, { as: member });
    expect(re.json<Detail>().isStale).toBe(false);
  });

  it('lists the project library by programme and 科惠精品 by year', async () => {
    const a = await publishNew(member, { fundingProgramme: '国家重点研发计划', fundingProjectNumber: '2022YFB001' });
    expect((await call(t, 'POST', `/api/achievements/${a.id}/selection`, { as: govWuhan, body: { year: 2026 } })).statusCode).toBe(403);
    expect((await call(t, 'POST', `/api/achievements/${a.id}/selection`, { as: operator, body: { year: 2026 } })).statusCode).toBe(200);
    const lib = (await call(t, 'GET', '/api/achievements/project-library')).json<{ groups: { programme: string; n: number }[] }>();
    expect(lib.groups.find((g) => g.programme === '国家重点研发计划')?.n).toBeGreaterThanOrEqual(1);
    const sel = (await call(t, 'GET', '/api/achievements/selections')).json<{ years: { year: number; count: number }[] }>();
    expect(sel.years).toContainEqual({ year: 2026, count: 1 });
    const byYear = await call(t, 'GET', '/api/achievements?selectionYear=2026');
    expect(byYear.json<Page<{ id: string }>>().items.map((i) => i.id)).toEqual([a.id]);
  });
});

describe('attachments', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
  const upload = (id: string, as: Session | null, body: Buffer, fileName: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/achievements/${id}/attachments?fileName=${encodeURIComponent(fileName)}`,
      headers: { 'content-type': 'application/octet-stream', ...(as ? { cookie: as.cookie, 'x-csrf-token': as.csrfToken } : {}) },
      payload: body,
    });

  it('stores a PDF checked by content and serves it with its Chinese name to those who may see it', async () => {
    const a = await publishNew(member, { disclosureTier: 'registered' });
    const res = await upload(a.id, member, pdf, '测试报告.pdf');
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json<{ id: string; mediaType: string }>();
    expect(att.mediaType).toBe('application/pdf');
    const anon = await call(t, 'GET', `/api/achievements/${a.id}/attachments/${att.id}`);
    expect(anon.statusCode).toBe(404);
    const dl = await call(t, 'GET', `/api/achievements/${a.id}/attachments/${att.id}`, { as: otherOrgAdmin });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect(dl.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('测试报告.pdf')}`);
    expect((await call(t, 'GET', `/api/achievements/${a.id}`, { as: otherOrgAdmin })).json<{ attachments: { fileName: string }[] }>().attachments).toHaveLength(1);
  });

  it('refuses a non-PDF renamed .pdf, an empty file, a stranger, and an 11th file', async () => {
    const a = await create(member);
    const fake = await upload(a.id, member, Buffer.from('#!/bin/sh\necho pwned\n'), '报告.pdf');
    expect(fake.statusCode).toBe(400);
    expect(fake.json<Problem>().detail).toContain('不支持的文件类型');
    expect((await upload(a.id, member, Buffer.alloc(0), 'empty.pdf')).statusCode).toBe(400);
    expect((await upload(a.id, otherOrgAdmin, pdf, 'x.pdf')).statusCode).toBe(404);
    expect((await upload(a.id, null, pdf, 'x.pdf')).statusCode).toBe(401);
    for (let i = 0; i < 10; i++) expect((await upload(a.id, member, Buffer.concat([pdf, Buffer.from(String(i))]), `附件${i}.pdf`)).statusCode).toBe(201);
    const eleventh = await upload(a.id, member, pdf, '第11个.pdf');
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json<Problem>().detail).toContain('最多 10 个');
  });

  it('refuses a file over 20 MB with 413', async () => {
    const a = await create(member);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024 + 10)]);
    const res = await upload(a.id, member, big, 'big.pdf');
    expect(res.statusCode).toBe(413);
  });
});

describe('GET /api/achievements/export.xlsx and export.csv', () => {
  it('exports the filtered public list in the template columns, hiding contacts from anonymous callers', async () => {
    const a = await publishNew(member, { keyField: 'beidou_navigation', title: `北斗高精度定位终端导出测试${Date.now()}` });
    const csv = await call(t, 'GET', '/api/achievements/export.csv?keyField=beidou_navigation');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('"成果名称"');
    expect(lines.some((l) => l.includes(a.title))).toBe(true);
    expect(csv.body).not.toContain('027-87540000');
    const signed = await call(t, 'GET', '/api/achievements/export.csv?keyField=beidou_navigation', { as: otherOrgAdmin });
    expect(signed.body).toContain('027-87540000');

    const xlsx = await call(t, 'GET', '/api/achievements/export.xlsx?keyField=beidou_navigation');
    expect(xlsx.statusCode).toBe(200);
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(xlsx.rawPayload, { type: 'buffer' });
    const sheet = wb.Sheets[wb.SheetNames[0] ?? ''];
    expect(sheet).toBeDefined();
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(sheet as NonNullable<typeof sheet>);
    const mine = rows.find((r) => r.成果名称 === a.title);
    expect(mine?.重点领域).toBe('北斗卫星导航系统');
    expect(mine?.['价格（元）']).toBe('1200000.50');
  });
});
