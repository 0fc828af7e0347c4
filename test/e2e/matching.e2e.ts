import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, type RunningServer, startServer } from './support.js';

/**
 * Supply–demand matching (供需对接) in Chromium, on the demo demand 高反材料激光焊接… of 武汉光谷星辰激光
 * 科技 that 湖北知行技术转移服务有限公司 (the demo broker's institution) holds: the enterprise sees the
 * recommended achievements with their reasons and the score by component, a visitor sees none; the
 * broker proposes the first one to the enterprise from its row (推荐给企业); the enterprise declines
 * it with 价格不合适 and a comment, the proposal reads 企业婉拒 with the reason, and the verdict
 * becomes a learned version of the weights (匹配权重, GET /api/matching/weights/history). Last, a
 * saved search from the search page with its alert and the e-mail setting (我的订阅).
 */
let server: RunningServer;
let browser: Browser;
const PASSWORD = 'Demo@2026';
const DEMAND_TITLE = '高反材料激光焊接飞溅抑制与熔深稳定控制技术';
const ENTERPRISE = 'enterprise.admin@kehui.example.cn';
const BROKER = 'broker@kehui.example.cn';
const OPERATOR = 'operator@kehui.example.cn';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, login: string) {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('手机号或邮箱').fill(login);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/workspace');
}

async function openMenu(page: Page, name: string) {
  await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('menuitem', { name }).click();
}

interface ProposalJson {
  id: string;
  achievementId: string | null;
  achievementTitle: string | null;
  status: string;
  reasons: { value: string; label: string }[];
  reasonText: string | null;
}
interface HistoryJson {
  total: number;
  items: { source: string; sourceLabel: string }[];
}

describe('recommendations on a demand, a broker’s proposal and the enterprise’s verdict', () => {
  let demandId = '';
  let achievementTitle = '';
  const summary = '该成果的光束整形与工艺数据可直接用于铜铝极耳焊接打样，建议先做 50 组样件验证。';
  const declineText = '报价超出本年度预算，希望分期或先做样件验证。';
  const proposals = async (page: Page) =>
    ((await (await page.request.get(`${server.url}/api/demands/${demandId}`)).json()) as { proposals: ProposalJson[] }).proposals;

  it('shows the enterprise the recommended achievements with reasons and the score by component', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, ENTERPRISE);
    const mine = (await (await page.request.get(`${server.url}/api/demands/mine?q=${encodeURIComponent(DEMAND_TITLE)}`)).json()) as {
      items: { id: string; title: string; claimantName: string | null }[];
    };
    const demand = mine.items.find((item) => item.title === DEMAND_TITLE);
    expect(demand?.claimantName).toBe('湖北知行技术转移服务有限公司');
    demandId = demand?.id ?? '';

    await page.goto(`${server.url}/demands/${demandId}`);
    const panel = page.getByRole('region', { name: '推荐成果' });
    const first = panel.getByRole('article').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/\d+%匹配度/);
    // The leading reasons in Chinese, and the demand's words highlighted in the title or abstract.
    const reasons = first.getByRole('list', { name: '匹配理由' }).getByRole('listitem');
    expect(await reasons.count()).toBeGreaterThanOrEqual(3);
    expect(await first.getByRole('list', { name: '匹配理由' }).textContent()).toContain('文本相关度');
    expect(await first.locator('.kh-hl em').count()).toBeGreaterThan(0);
    // Every component with its score, weight, contribution and reason.
    await first.getByRole('button', { name: '得分明细' }).click();
    const table = first.getByRole('table', { name: '得分明细' });
    await table.waitFor();
    expect(await table.getByRole('row').count()).toBe(9);
    for (const label of ['文本相关度', '重点领域', '成熟度匹配', '地域', '价格与预算', '合作方式', '转化记录']) {
      await table.getByRole('row', { name: new RegExp(label) }).waitFor();
    }
    // Proposing is the claimant's: the enterprise has no 推荐给企业.
    expect(await panel.getByRole('button', { name: '推荐给企业' }).count()).toBe(0);
    await page.context().close();

    // A visitor sees the public demand but no recommendations.
    const visitor = await newPage(browser, pageErrors);
    await visitor.goto(`${server.url}/demands/${demandId}`);
    await visitor.getByRole('heading', { name: DEMAND_TITLE }).waitFor();
    await visitor.getByRole('region', { name: '需求摘要' }).waitFor();
    expect(await visitor.getByRole('region', { name: '推荐成果' }).count()).toBe(0);
    await visitor.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('lets the broker propose a recommended achievement to the enterprise from its row', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, BROKER);
    await page.goto(`${server.url}/demands/${demandId}`);
    const first = page.getByRole('region', { name: '推荐成果' }).getByRole('article').first();
    await first.waitFor();
    achievementTitle = (await first.getAttribute('aria-label')) ?? '';
    expect(achievementTitle).not.toBe('');
    await first.getByRole('button', { name: '推荐给企业' }).click();

    // The 推荐方案 form opens with the achievement chosen.
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`推荐解决方案：${DEMAND_TITLE}`).waitFor();
    await dialog.getByText(achievementTitle, { exact: true }).waitFor();
    await dialog.getByLabel('方案说明', { exact: true }).fill(summary);
    await dialog.getByRole('button', { name: '提交方案' }).click();
    await page.getByText('方案已提交，等待企业答复').waitFor();

    await page.getByRole('article', { name: `推荐方案：${achievementTitle}` }).getByText('待企业答复').waitFor();
    // The row now says it was proposed, and does not offer it again while the enterprise decides.
    const row = page.getByRole('region', { name: '推荐成果' }).getByRole('article', { name: achievementTitle });
    await row.getByText('已推荐 · 待企业答复').waitFor();
    expect(await row.getByRole('button', { name: '推荐给企业' }).count()).toBe(0);
    const proposed = (await proposals(page)).filter((p) => p.achievementTitle === achievementTitle && p.status === 'proposed');
    expect(proposed).toHaveLength(1);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });

  it('lets the enterprise decline it with a reason, and the ranking learns from the verdict', async () => {
    const pageErrors: string[] = [];
    const operator = await newPage(browser, pageErrors);
    await signIn(operator, OPERATOR);
    const history = async () => (await (await operator.request.get(`${server.url}/api/matching/weights/history`)).json()) as HistoryJson;
    const before = await history();

    const page = await newPage(browser, pageErrors);
    await signIn(page, ENTERPRISE);
    await page.goto(`${server.url}/demands/${demandId}`);
    const proposal = page.getByRole('article', { name: `推荐方案：${achievementTitle}` }).filter({ hasText: '待企业答复' });
    await proposal.getByRole('button', { name: '婉拒' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: '价格不合适' }).check();
    await dialog.getByLabel('补充说明', { exact: true }).fill(declineText);
    await dialog.getByRole('button', { name: '确认婉拒' }).click();
    await page.getByText('已婉拒方案').waitFor();

    const declined = page.getByRole('article', { name: `推荐方案：${achievementTitle}` }).filter({ hasText: '企业婉拒' });
    await declined.getByText(`原因：价格不合适；${declineText}`).waitFor();
    const mine = (await proposals(page)).find((p) => p.achievementTitle === achievementTitle && p.status === 'declined' && p.reasonText === declineText);
    expect(mine?.reasons.map((r) => r.value)).toEqual(['price']);
    await page.context().close();

    // The verdict is a new learned version of the weights, listed on 匹配权重.
    await expect.poll(async () => (await history()).total, { timeout: 15_000 }).toBe(before.total + 1);
    expect((await history()).items[0]).toMatchObject({ source: 'learned' });
    await openMenu(operator, '匹配权重');
    await operator.waitForURL('**/workspace/matching/weights');
    await operator.getByRole('table', { name: '权重历史' }).getByText('根据反馈学习').first().waitFor();
    await operator.context().close();
    expect(pageErrors).toEqual([]);
  });
});

describe('enterprises that might need an achievement (可能需要此成果的企业)', () => {
  it('shows them to the owner’s members with their open demands, and not to other organizations', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, 'univ.admin@kehui.example.cn');
    const mine = (await (await page.request.get(`${server.url}/api/achievements/mine?q=${encodeURIComponent('动力电池')}&status=published`)).json()) as {
      items: { id: string; title: string }[];
    };
    const achievement = mine.items[0];
    expect(achievement).toBeDefined();
    const path = `/achievements/${achievement?.id}`;
    await page.goto(`${server.url}${path}`);
    const panel = page.getByRole('region', { name: '可能需要此成果的企业' });
    const enterprise = panel.getByRole('article').first();
    await enterprise.waitFor();
    expect(await enterprise.textContent()).toMatch(/\d+%匹配度/);
    // Each demand links to its page and carries its reasons.
    await enterprise.getByRole('link').first().waitFor();
    expect(await enterprise.getByRole('list', { name: '匹配理由' }).first().getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
    await page.context().close();

    const other = await newPage(browser, pageErrors);
    await signIn(other, ENTERPRISE);
    await other.goto(`${server.url}${path}`);
    await other.getByRole('heading', { name: achievement?.title }).waitFor();
    await other.getByRole('region', { name: '成果简介' }).waitFor();
    expect(await other.getByRole('region', { name: '可能需要此成果的企业' }).count()).toBe(0);
    await other.context().close();
    expect(pageErrors).toEqual([]);
  });
});

describe('saved searches (我的订阅)', () => {
  it('saves the search page’s query with its alert, switches it off, sets the e-mail digest and deletes it', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, ENTERPRISE);
    await page.goto(`${server.url}/search?q=${encodeURIComponent('激光焊接')}`);
    await page.getByRole('button', { name: '保存检索' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('「激光焊接」').waitFor();
    const name = dialog.getByLabel('名称', { exact: true });
    expect(await name.inputValue()).toBe('激光焊接 · 科技成果');
    await name.fill('激光焊接成果订阅');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存到').waitFor();

    await page.goto(`${server.url}/workspace`);
    await openMenu(page, '我的订阅');
    const row = page.getByRole('row', { name: /激光焊接成果订阅/ });
    await row.getByRole('link', { name: '激光焊接成果订阅' }).waitFor();
    const alert = row.getByRole('switch', { name: '提醒：激光焊接成果订阅' });
    expect(await alert.getAttribute('aria-checked')).toBe('true');
    await alert.click();
    await page.getByText('已关闭提醒：激光焊接成果订阅').waitFor();
    await expect.poll(() => alert.getAttribute('aria-checked')).toBe('false');

    await page.getByRole('radiogroup', { name: '邮件通知方式' }).getByText('每日摘要').click();
    await page.getByText('邮件通知已设为“每日摘要”').waitFor();
    const prefs = (await (await page.request.get(`${server.url}/api/notifications/preferences`)).json()) as { emailMode: string };
    expect(prefs.emailMode).toBe('daily');

    await row.getByRole('button', { name: '删除' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除订阅：激光焊接成果订阅').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /激光焊接成果订阅/ }).count()).toBe(0);
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
