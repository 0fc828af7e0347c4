import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openMenu, pick, type RunningServer, signIn, startServer } from './support.js';

/**
 * The demand journey in Chromium: an enterprise's org_admin posts a demand through the autosaved
 * form (an incomplete submit shows the server's field errors on the fields), the Wuhan reviewer
 * publishes it and dispatches it to a service institution and its broker, the broker sees it as
 * due in 我的认领 and records the first follow-up (the 48-hour clock reads 按时响应), and once the
 * enterprise grants consent the broker sees the contact that stays hidden from anonymous visitors.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});


async function waitForAutosave(page: Page) {
  await page.getByRole('status').filter({ hasText: '已自动保存' }).waitFor({ timeout: 15_000 });
}

interface DemandJson {
  status: string;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  claimantName: string | null;
  clock: { state: string };
  contact: { visible: boolean };
}

describe('a demand from posting to the first follow-up', () => {
  const stamp = Date.now().toString(36).slice(-4);
  const title = `激光焊接熔池视觉在线监测系统${stamp}`;
  const phone = '027-87650000';
  let id = '';
  const demand = async (page: Page) => (await (await page.request.get(`${server.url}/api/demands/${id}`)).json()) as DemandJson;

  it('lets the enterprise post it: autosaved, refused with field errors while incomplete, then submitted', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'enterprise.admin@kehui.example.cn');
    await openMenu(page, '我的需求');
    await page.getByRole('button', { name: '发布需求' }).click();
    await page.waitForURL('**/workspace/demands/new');
    await page.getByLabel('需求名称', { exact: true }).fill(title);
    await waitForAutosave(page);
    await page.waitForURL(/\/workspace\/demands\/[0-9a-f-]{36}\/edit$/);
    id = /demands\/([0-9a-f-]{36})\/edit/.exec(page.url())?.[1] ?? '';

    await page.getByRole('button', { name: '提交审核' }).click();
    const problems = page.getByRole('list', { name: '需要完善的内容' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('需求描述');
    // The message sits under the field itself, and what was typed is still there.
    await page.getByText('请选择需求类型').first().waitFor();
    expect(await page.getByLabel('需求名称', { exact: true }).inputValue()).toBe(title);

    await pick(page, '需求类型', '技术开发');
    await pick(page, '重点领域', '智能装备');
    await page.getByLabel('需求描述', { exact: true }).fill('激光焊接产线需要实时监测熔池形貌，在线识别气孔、未熔合等缺陷并预警，替代离线抽检。');
    await page.getByText('预算区间', { exact: true }).click();
    await page.getByLabel('预算下限（元）', { exact: true }).fill('50万');
    await page.getByLabel('预算上限（元）', { exact: true }).fill('80万');
    await page.getByText('即 ¥800,000.00').waitFor();
    await page.getByLabel('联系电话', { exact: true }).fill(phone);
    await waitForAutosave(page);
    await expect.poll(async () => (await demand(page)).budgetMaxFen, { timeout: 15_000 }).toBe(80_000_000);

    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL('**/workspace/demands');
    await page.getByRole('row', { name: new RegExp(title) }).getByText('待审核', { exact: true }).waitFor();
    expect(await demand(page)).toMatchObject({ status: 'submitted', budgetMinFen: 50_000_000 });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('lets the Wuhan reviewer publish it and dispatch it to a broker', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'gov.wuhan@kehui.example.cn');
    await openMenu(page, '需求审核');
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.getByRole('button', { name: '通过', exact: true }).click();
    await page.getByText(/已通过并发布/).waitFor();

    await openMenu(page, '需求派发');
    const pending = page.getByRole('row', { name: new RegExp(title) });
    await pending.getByText(/剩余 \d+ 小时/).waitFor();
    await pending.getByRole('button', { name: '派发', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, '承接机构', '湖北知行技术转移服务有限公司');
    await pick(page, '技术经纪人', '王经纪');
    await dialog.getByRole('button', { name: '确认派发' }).click();
    await page.getByText('已派发', { exact: true }).waitFor();
    expect(await demand(page)).toMatchObject({ status: 'claimed', claimantName: '湖北知行技术转移服务有限公司' });

    await page.getByRole('tab', { name: '响应及时率' }).click();
    await page.getByRole('row', { name: /湖北知行技术转移服务有限公司/ }).waitFor();
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('lets the broker see it due and record the first follow-up within 48 hours', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'broker@kehui.example.cn');
    await expect.poll(() => page.getByRole('button', { name: /^通知，\d+ 条未读/ }).count(), { timeout: 30_000 }).toBe(1);
    await openMenu(page, '我的认领');
    // 待跟进 lists the most urgent first (the demo data has overdue ones); open the whole list.
    const showAll = page.getByRole('button', { name: /显示全部/ });
    // Wait for the panel's own items (the table's pagination is a list too and may render first);
    // the button comes in the same render as they do.
    await page.getByRole('listitem').filter({ hasText: /应于 .+ 前/ }).first().waitFor();
    if (await showAll.count()) await showAll.click();
    await page.getByRole('listitem').filter({ hasText: title }).getByText('首次响应').waitFor();
    await page.getByRole('row', { name: new RegExp(title) }).getByRole('button', { name: '添加跟进' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('跟进内容', { exact: true }).fill('已电话联系企业技术负责人，约定下周上门走访。');
    await dialog.getByRole('button', { name: '保存跟进' }).click();
    await page.getByText('跟进已记录').waitFor();

    await page.goto(`${server.url}/demands/${id}`);
    await page.getByRole('status', { name: '响应时限' }).getByText('按时响应').waitFor();
    await page.getByText('联系方式需企业授权后可见').waitFor();
    expect(await demand(page)).toMatchObject({ status: 'docking', clock: { state: 'met' }, contact: { visible: false } });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('shows the contact to the broker once the enterprise grants it, and never to a visitor', async () => {
    const pageErrors: string[] = [];
    const enterprise = await newPage(browser, pageErrors);
    await signIn(enterprise, server.url, 'enterprise.admin@kehui.example.cn');
    await enterprise.goto(`${server.url}/demands/${id}`);
    await enterprise.getByRole('toolbar', { name: '需求操作' }).getByRole('button', { name: '授权联系方式' }).click();
    // The only claimant organization is chosen already.
    await enterprise.getByRole('dialog').getByRole('button', { name: '授权', exact: true }).click();
    await enterprise.getByText('已授权查看联系方式').waitFor();
    await enterprise.context().close();

    const broker = await newPage(browser, pageErrors);
    await signIn(broker, server.url, 'broker@kehui.example.cn');
    await broker.goto(`${server.url}/demands/${id}`);
    await broker.getByRole('link', { name: phone }).waitFor();
    await broker.context().close();

    const visitor = await newPage(browser, pageErrors);
    await visitor.goto(`${server.url}/demands`);
    await visitor.getByRole('link', { name: title }).click();
    await visitor.getByText('联系方式需企业授权后可见').waitFor();
    expect(await visitor.getByText(phone).count()).toBe(0);
    await visitor.context().close();
    expect(pageErrors).toEqual([]);
  });
});
