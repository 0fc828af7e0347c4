import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openMenu, pick, type RunningServer, reportServerOnFailure, signIn, startServer, uploadFile } from './support.js';

/**
 * The deal chain in Chromium, list → delist → contract registered → subsidy approved:
 * 江城理工大学 lists an achievement and the Wuhan reviewer puts it into publicity; 武汉光谷星辰激光科技
 * delists an open listing (the demo data's 转让 listing, whose publicity ended weeks ago); from 我的成交
 * it signs and submits the technology contract, which the Wuhan registrar registers; the enterprise
 * then applies for the province's new-product sales post-subsidy, sees the amount and its formula,
 * and the province approves it. The trace on the application shows the whole chain.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
reportServerOnFailure(() => server);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const SIGNED_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% signed by both parties (deals e2e)\n%%EOF\n');
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function fillDate(page: Page, label: string, day: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(day);
  await input.press('Enter');
}

describe('list → delist → contract registered → subsidy approved', () => {
  const stamp = Date.now().toString(36).slice(-4);
  const contractTitle = `激光熔覆再制造专利权转让合同${stamp}`;
  let listingTitle = '';
  let contractUrl = '';

  it('lets the university list a published achievement, and the Wuhan reviewer approve it into publicity', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'univ.admin@kehui.example.cn');
    // A published achievement of its own that is not listed yet.
    const mine = (await (await page.request.get(`${server.url}/api/achievements/mine?status=published&pageSize=50`)).json()) as { items: { id: string; title: string }[] };
    const listed = (await (await page.request.get(`${server.url}/api/listings/mine?pageSize=50`)).json()) as { items: { achievementId: string }[] };
    const taken = new Set(listed.items.map((l) => l.achievementId));
    const achievement = mine.items.find((a) => !taken.has(a.id));
    expect(achievement, 'a published, unlisted demo achievement').toBeTruthy();
    listingTitle = achievement?.title ?? '';
    await page.goto(`${server.url}/achievements/${achievement?.id ?? ''}`);
    await page.getByRole('link', { name: '挂牌', exact: true }).click();
    await page.waitForURL(/\/workspace\/listings\/new/);
    await page.getByLabel('挂牌价格（元）').fill('880,000');
    await page.getByLabel('挂牌条件').fill('专利权转让，转让方提供工艺包并现场指导 5 个工作日。');
    await page.getByRole('button', { name: '提交挂牌申请' }).click();
    await page.waitForURL(/\/listings\/[0-9a-f-]{36}$/);
    const listingUrl = page.url();
    await page.getByText('待审核', { exact: true }).first().waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();

    const reviewer = await newPage(browser, pageErrors);
    await signIn(reviewer, server.url, 'gov.wuhan@kehui.example.cn');
    await reviewer.goto(listingUrl);
    await reviewer.getByRole('button', { name: '审核通过' }).click();
    await reviewer.getByText('公示中', { exact: true }).first().waitFor();
    // Publicity starts the next working day; the schedule is on the page.
    await reviewer.getByText(/\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}（5 个工作日）/).waitFor();
    expect(pageErrors).toEqual([]);
    await reviewer.context().close();
  });

  it('lets the enterprise delist an open listing at its price, which opens the deal notice', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'enterprise.admin@kehui.example.cn');
    const open = (await (await page.request.get(`${server.url}/api/listings?status=open&pageSize=50`)).json()) as { items: { id: string; title: string; mode: string }[] };
    const listing = open.items.find((l) => l.mode === 'transfer');
    expect(listing, 'the demo data has an open 转让 listing').toBeTruthy();
    listingTitle = listing?.title ?? '';
    await page.goto(`${server.url}/listings/${listing?.id ?? ''}`);
    await page.getByRole('button', { name: '摘牌', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认摘牌' }).click();
    await page.getByText('摘牌成功，已进入成交公示').waitFor();
    await page.getByText('成交公示中', { exact: true }).first().waitFor();
    await page.getByText('武汉光谷星辰激光科技有限公司').first().waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('lets the enterprise sign the contract from 我的成交, and the Wuhan registrar register it', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'enterprise.admin@kehui.example.cn');
    await openMenu(page, '我的成交');
    const row = page.getByRole('row', { name: new RegExp(listingTitle) });
    await row.waitFor();
    expect(await row.textContent()).toContain('¥2,600,000.00');
    await row.getByRole('link', { name: '签订技术合同' }).click();
    await page.waitForURL(/\/workspace\/contracts\/new\?dealId=/);
    await page.getByText('江城理工大学', { exact: true }).first().waitFor();
    await page.getByLabel('合同名称', { exact: true }).fill(contractTitle);
    await fillDate(page, '签订日期', new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await uploadFile(page, '/api/contracts/uploads', { name: '转让合同（已签署）.pdf', mimeType: 'application/pdf', buffer: SIGNED_PDF });
    await page.getByText('已上传：转让合同（已签署）.pdf').waitFor();
    await page.getByRole('button', { name: '提交登记申请' }).click();
    await page.waitForURL(/\/workspace\/contracts\/[0-9a-f-]{36}$/);
    contractUrl = page.url();
    await page.getByText('待受理', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${server.url}/`);

    await signIn(page, server.url, 'gov.wuhan@kehui.example.cn');
    await openMenu(page, '合同登记');
    await page.getByRole('link', { name: contractTitle }).click();
    const toolbar = page.getByRole('toolbar', { name: '合同操作' });
    await toolbar.getByRole('button', { name: '受理' }).click();
    await page.getByText('审查中', { exact: true }).first().waitFor();
    await toolbar.getByRole('button', { name: '准予登记' }).click();
    await page.getByLabel('认定技术交易额（元）').fill('2,600,000');
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await page.getByText('已登记', { exact: true }).first().waitFor();
    await page.getByText(/^登记编号：/).waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('lets the enterprise apply for the sales post-subsidy with its formula, and the province approve it', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'enterprise.admin@kehui.example.cn');
    await page.goto(contractUrl);
    await page.getByRole('toolbar', { name: '合同操作' }).getByRole('link', { name: '申请补助' }).click();
    await page.waitForURL(/\/workspace\/subsidies\?contractId=/);
    await pick(page, '补助项目', '湖北省科技成果转化新产品销售后补助 2026（新产品销售后补助）');
    await page.getByLabel('新产品销售额（元）').fill('5,000,000');
    const today = shanghaiToday();
    await fillDate(page, '销售期间起', today);
    await fillDate(page, '销售期间止', today);
    await page.getByRole('button', { name: '测算金额' }).click();
    await page.getByText(/^测算补助 ¥100,000\.00/).waitFor();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/workspace\/subsidies\/applications\/[0-9a-f-]{36}$/);
    const applicationUrl = page.url();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${server.url}/`);

    // The programme is the province's: the province's science department decides.
    await signIn(page, server.url, 'gov.hubei@kehui.example.cn');
    await page.goto(applicationUrl);
    await page.getByRole('button', { name: '批准', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await page.getByText('已批准', { exact: true }).first().waitFor();

    // One trace: achievement → listing → deal → contract → subsidy, in one timeline.
    const trace = page.getByRole('list', { name: '关联记录' });
    await trace.getByText(/^科技成果：/).waitFor();
    for (const kind of ['挂牌：', '成交：', '技术合同：', '补助申请：']) await trace.getByText(new RegExp(`^${kind}`)).waitFor();
    await page.getByText('摘牌成交，成交价 ¥2,600,000.00', { exact: false }).waitFor();
    await page.getByText(/合同登记，登记编号 \d{16}/).waitFor();
    await page.getByText('补助批准 ¥100,000.00').waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
