import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../src/modules/accounts/accounts.factories.js';
import { launchBrowser, type RunningServer, startServer, newPage } from './support.js';

/**
 * The foundation journey in Chromium: an organization signs up through the wizard (a taken
 * credit code is refused on its field and nothing typed is lost), the operator verifies it,
 * and its admin signs in and sees the workspace with the organization verified.
 */
let server: RunningServer;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});


async function signInAs(page: Page, login: string, password: string) {
  await page.getByLabel('手机号或邮箱').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('organization sign-up → operator verification → workspace', () => {
  const stamp = String(Date.now()).slice(-6);
  const orgName = `楚天智造科技有限公司${stamp}`;
  const mobile = `139${String(Date.now()).slice(-8)}`;
  const password = 'Chutian#2026';

  it('signs an organization up through the wizard, keeping input when the server refuses a field', async () => {
    const page = await newPage(browser, pageErrors);
    await page.goto(`${server.url}/`);
    await page.getByText('入驻机构').waitFor();
    await page.getByRole('link', { name: '机构注册' }).first().click();

    // Step 1: a credit code that is already registered (a demo organization's).
    const takenRes = await fetch(`${server.url}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'operator@kehui.example.cn', password: 'Demo@2026' }),
    });
    const cookie = (takenRes.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
    const orgs = (await (await fetch(`${server.url}/api/organizations?type=university`, { headers: { cookie } })).json()) as {
      items: { creditCode: string }[];
    };
    const taken = orgs.items[0]?.creditCode ?? '';
    expect(taken).toHaveLength(18);

    await page.getByLabel('机构名称').fill(orgName);
    await page.getByLabel('统一社会信用代码').fill(taken.toLowerCase());
    await page.getByLabel('机构类型').click();
    await page.getByTitle('企业', { exact: true }).click();
    await page.getByLabel('所在地区').click();
    await page.getByRole('menuitemcheckbox', { name: '湖北省' }).click();
    await page.getByRole('menuitemcheckbox', { name: '武汉市' }).click();
    await page.getByRole('menuitemcheckbox', { name: '洪山区' }).click();
    await page.getByLabel('详细地址').fill('武汉市洪山区珞喻路 1 号');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('联系人姓名').fill('张三');
    await page.getByLabel('联系电话').fill('027-88886666');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('管理员姓名').fill('李四');
    await page.getByLabel('手机号').fill(mobile);
    await page.getByLabel('登录密码').fill(password);
    await page.getByLabel('确认密码').fill(password);
    await page.getByRole('button', { name: '提交注册' }).click();

    // Refused on the credit-code field, back on step 1, with everything typed still there.
    await page.getByText('该统一社会信用代码已注册').first().waitFor();
    expect(await page.getByLabel('统一社会信用代码').isVisible()).toBe(true);
    expect(await page.getByLabel('机构名称').inputValue()).toBe(orgName);

    await page.getByLabel('统一社会信用代码').fill(makeCreditCode('420111'));
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    expect(await page.getByLabel('管理员姓名').inputValue()).toBe('李四');
    await page.getByRole('button', { name: '提交注册' }).click();
    await page.waitForURL('**/workspace');
    await page.getByText('待审核').first().waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${server.url}/`);
    await page.context().close();
  });

  it('lets the operator verify it from the verification queue', async () => {
    const page = await newPage(browser, pageErrors);
    await page.goto(`${server.url}/workspace/verification`);
    await page.waitForURL('**/signin?next=*');
    await signInAs(page, 'operator@kehui.example.cn', 'Demo@2026');
    await page.waitForURL('**/workspace/verification');
    const row = page.getByRole('row', { name: new RegExp(orgName) });
    await row.waitFor();
    expect(await row.textContent()).toContain('洪山区');
    await row.getByRole('button', { name: '通过' }).click();
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('shows its admin the workspace with the organization verified, at phone width too', async () => {
    const page = await newPage(browser, pageErrors, { width: 390, height: 844 });
    await page.goto(`${server.url}/signin`);
    await signInAs(page, mobile, password);
    await page.waitForURL('**/workspace');
    await page.getByText(orgName).first().waitFor();
    await page.getByText('已认证').first().waitFor();
    await page.getByRole('button', { name: '打开菜单' }).click();
    const menu = await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('menuitem').allInnerTexts();
    expect(menu.join(' ')).toContain('工作台');
    expect(menu.join(' ')).not.toContain('机构审核');
    expect(menu.join(' ')).not.toContain('审计日志');
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
