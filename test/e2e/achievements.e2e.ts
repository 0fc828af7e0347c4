import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openMenu, pick, type RunningServer, signIn, startServer } from './support.js';

/**
 * The achievement journey in Chromium: a university's org_admin registers a complete record
 * through the form (autosaved, then submitted, which for an admin counts as the unit's
 * confirmation), the Wuhan reviewer publishes it from the review queue, and an anonymous visitor
 * finds it in the public list and sees its details with the contact withheld. A record submitted
 * incomplete is refused with the server's field errors on the form and stays unpublished.
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


/** The autosave indicator next to the form title. */
function saveStatus(page: Page) {
  return page.getByRole('status').filter({ hasText: /已自动保存|保存中|有未保存的修改|保存失败|填写成果名称/ });
}

/** Waits until everything typed so far has reached the server (the 2 s debounce, then the save). */
async function waitForAutosave(page: Page) {
  await saveStatus(page).filter({ hasText: '已自动保存' }).waitFor({ timeout: 15_000 });
}

interface MineItem {
  id: string;
  title: string;
  status: string;
}

describe('achievement registration → review → public list', () => {
  const stamp = String(Date.now()).slice(-6);
  const title = `高导热石墨烯复合散热薄膜制备技术${stamp}`;
  const contactName = '王振华';
  const contactPhone = '027-87651234';
  let id = '';

  it('lets the org_admin fill in a complete record, autosave it and submit it for review', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'univ.admin@kehui.example.cn');
    await openMenu(page, '我的成果');
    await page.waitForURL('**/workspace/achievements');
    await page.getByRole('button', { name: '新建成果' }).click();
    await page.waitForURL('**/workspace/achievements/new');

    await page.getByLabel('成果名称', { exact: true }).fill(title);
    await pick(page, '成果类型', '专利');
    await pick(page, '成果属性', '原始性创新');
    await pick(page, '重点领域', '新材料');
    await pick(page, '所属行业', 'C 制造业');
    for (const keyword of ['石墨烯', '导热膜', '电子散热']) {
      await page.getByLabel('关键词', { exact: true }).fill(keyword);
      await page.getByLabel('关键词', { exact: true }).press('Enter');
    }
    await page
      .getByLabel('成果简介', { exact: true })
      .fill('以氧化石墨烯为前驱体，经高温石墨化与辊压致密化制备面内热导率超过 1500 W/(m·K) 的柔性散热薄膜，适用于手机、平板和动力电池模组的均热。');
    await page.getByLabel('创新点', { exact: true }).fill('低温还原与梯度石墨化工艺，能耗降低约 30%。');
    await pick(page, '技术就绪度', '6 级 · 相关环境系统演示');
    await pick(page, '成熟阶段', '中试');

    // 专利 needs at least one patent: an invention patent application number with its check digit.
    await page.getByRole('button', { name: '添加知识产权' }).click();
    await page.getByLabel('编号', { exact: true }).fill('ZL201710601862.3');
    await page.getByLabel('名称', { exact: true }).fill('一种高导热石墨烯薄膜的制备方法');

    await page.getByRole('button', { name: '添加团队成员' }).click();
    await page.getByLabel('成员 1 姓名', { exact: true }).fill('李明远');
    await page.getByLabel('贡献比例（%）', { exact: true }).fill('60');

    await pick(page, '合作方式', '许可', '技术服务');
    await pick(page, '价格方式', '标价');
    await page.getByLabel('价格（元）', { exact: true }).fill('120万');
    await page.getByText('即 ¥1,200,000').waitFor();
    await page.getByLabel('联系人', { exact: true }).fill(contactName);
    await page.getByLabel('联系电话', { exact: true }).fill(contactPhone);

    // The first save created the record and moved the address to its edit page.
    await waitForAutosave(page);
    await page.waitForURL(/\/workspace\/achievements\/[0-9a-f-]{36}\/edit$/);
    id = /achievements\/([0-9a-f-]{36})\/edit/.exec(page.url())?.[1] ?? '';
    // Everything chosen by its label reached the server as its code.
    const saved = (await (await page.request.get(`${server.url}/api/achievements/${id}`)).json()) as Record<string, unknown> & {
      cooperationModes: string[];
      ipItems: { type: string; number: string; status: string }[];
      team: { name: string; contribution: number }[];
    };
    expect(saved).toMatchObject({
      status: 'draft',
      title,
      type: 'patent',
      attribute: 'original',
      keyField: 'new_materials',
      industry: 'C',
      keywords: ['石墨烯', '导热膜', '电子散热'],
      trl: 6,
      stage: 'pilot',
      pricingMode: 'asking',
      price: '1200000.00',
      disclosureTier: 'public',
      contact: { visible: true, name: contactName, phone: contactPhone },
    });
    expect(saved.cooperationModes.sort()).toEqual(['license', 'technical_service']);
    expect(saved.ipItems).toEqual([
      expect.objectContaining({ type: 'invention_patent', number: 'ZL201710601862.3', status: 'granted' }),
    ]);
    expect(saved.team).toEqual([expect.objectContaining({ name: '李明远', contribution: 60 })]);

    await page.getByRole('button', { name: '提交', exact: true }).click();
    await page.waitForURL('**/workspace/achievements');
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.getByText('待审核', { exact: true }).waitFor();

    // Submitted by the admin, the unit's confirmation is implied; the patent number is canonical.
    const submitted = (await (await page.request.get(`${server.url}/api/achievements/${id}`)).json()) as {
      status: string;
      ipItems: { number: string }[];
    };
    expect(submitted.status).toBe('confirmed');
    expect(submitted.ipItems.map((item) => item.number)).toEqual(['201710601862.3']);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('lets the Wuhan reviewer publish it from the review queue', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'gov.wuhan@kehui.example.cn');
    await openMenu(page, '成果审核');
    await page.waitForURL('**/workspace/achievements/review');
    const row = page.getByRole('row', { name: new RegExp(title) });
    await row.waitFor();
    expect(await row.textContent()).toContain('江城理工大学');
    await row.getByRole('button', { name: '通过', exact: true }).click();
    await page.getByText('已通过并发布').waitFor();
    await row.waitFor({ state: 'detached' });

    const published = (await (await page.request.get(`${server.url}/api/achievements/${id}`)).json()) as { status: string };
    expect(published.status).toBe('published');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('shows it to an anonymous visitor in the list and on its page, with the contact withheld', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await page.goto(`${server.url}/achievements`);
    await page.getByRole('heading', { name: '科技成果' }).waitFor();

    await page.getByLabel('搜索成果').fill(title);
    await page.getByLabel('搜索成果').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === title);
    // Narrowed further by its key field, it is still there, and alone.
    await page.getByRole('group', { name: '重点领域' }).getByText('新材料', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('keyField') === 'new_materials');
    await page.getByRole('status').filter({ hasText: '共 1 项成果' }).waitFor();
    const card = page.getByRole('article', { name: title });
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('¥1,200,000');
    expect(cardText).toContain('江城理工大学');
    expect(cardText).toContain('中试');

    await card.getByRole('link', { name: title }).click();
    await page.waitForURL(`**/achievements/${id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText('请登录后查看联系方式，或通过平台联系').waitFor();
    await page.getByRole('link', { name: '登录查看联系方式' }).waitFor();
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toContain(contactPhone);
    expect(body).not.toContain(contactName);
    // The public disclosure tier shows the technical details to everyone.
    await page.getByText('201710601862.3').waitFor();

    const detail = (await (await page.request.get(`${server.url}/api/achievements/${id}`)).json()) as {
      contact: { visible: boolean };
    };
    expect(detail.contact.visible).toBe(false);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});

describe('submitting an incomplete record', () => {
  const title = `低温等离子体废气处理装置${String(Date.now()).slice(-6)}`;

  it("marks the server's field errors on the form and publishes nothing", async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'univ.member@kehui.example.cn');
    await openMenu(page, '我的成果');
    await page.getByRole('button', { name: '新建成果' }).click();
    await page.waitForURL('**/workspace/achievements/new');
    await page.getByLabel('成果名称', { exact: true }).fill(title);
    await pick(page, '重点领域', '节能环保和资源循环利用');
    await page.getByLabel('成果简介', { exact: true }).fill('太短的简介');
    await waitForAutosave(page);
    await page.waitForURL(/\/workspace\/achievements\/[0-9a-f-]{36}\/edit$/);

    await page.getByRole('button', { name: '提交', exact: true }).click();
    const problems = page.getByRole('list', { name: '需要完善的内容' });
    await problems.waitFor();
    const alert = page.getByRole('alert').filter({ has: problems });
    expect(await alert.textContent()).toMatch(/还有 \d+ 处需要完善/);
    const items = await problems.getByRole('listitem').allTextContents();
    for (const expected of [
      '成果类型：请选择成果类型',
      '成果属性：请选择成果属性',
      '所属行业：请选择所属行业',
      '关键词：请填写 1–10 个关键词',
      '成果简介：成果简介至少 20 个字',
      '技术就绪度：请选择技术就绪度',
      '成熟阶段：请选择成熟阶段',
      '合作方式：请至少选择一种合作方式',
      '联系人：请填写联系人',
      '联系电话：请填写联系电话',
    ]) {
      expect(items).toContain(expected);
    }
    // What was filled in is not complained about.
    expect(items.join('\n')).not.toContain('重点领域');
    expect(items.join('\n')).not.toContain('成果名称');
    // Each problem is also marked on its field, not only listed.
    for (const message of ['请选择成果类型', '请填写联系人', '请填写联系电话']) {
      await expect.poll(() => page.getByText(message, { exact: true }).count()).toBeGreaterThanOrEqual(1);
    }
    expect(page.url()).toMatch(/\/edit$/);
    expect(await page.getByLabel('成果名称', { exact: true }).inputValue()).toBe(title);

    // Still a draft of its unit, and nowhere in the public list.
    const mine = (await (await page.request.get(`${server.url}/api/achievements/mine?q=${encodeURIComponent(title)}`)).json()) as {
      items: MineItem[];
    };
    expect(mine.items.map((item) => [item.title, item.status])).toEqual([[title, 'draft']]);
    const open = (await (await fetch(`${server.url}/api/achievements?q=${encodeURIComponent(title)}`)).json()) as { total: number };
    expect(open.total).toBe(0);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
