import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, type RunningServer, signIn, startServer } from './support.js';

/**
 * An online auction in Chromium: the operator puts a published demo achievement up for auction
 * (API), two verified organizations register and the operator confirms their deposits; then two
 * bidders in two browser contexts (武汉光谷星辰激光科技 and 湖北知行) watch the lot page, and each
 * bid appears live in the other's page (Server-Sent Events) without a reload.
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

async function csrfOf(page: Page): Promise<Record<string, string>> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'kehui_csrf')?.value ?? '';
  return { 'x-csrf-token': csrf };
}

async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const r = await page.request.post(`${server.url}${path}`, { data, headers: await csrfOf(page) });
  expect(r.status(), await r.text()).toBeLessThan(300);
  return (await r.json()) as T;
}

describe('an online auction watched live by two bidders', () => {
  it('shows each bid to the other bidder live, with paddles only', async () => {
    const pageErrors: string[] = [];
    const operator = await newPage(browser, pageErrors);
    await signIn(operator, server.url, 'operator@kehui.example.cn');
    const achievements = (await (await operator.request.get(`${server.url}/api/achievements?pageSize=20`)).json()) as { items: { id: string; status?: string }[] };
    // Not one the demo 专场 already auctions.
    const sessions = (await (await operator.request.get(`${server.url}/api/auctions/sessions`)).json()) as { items: { id: string }[] };
    const auctioned = new Set<string>();
    for (const s of sessions.items) {
      const detail = (await (await operator.request.get(`${server.url}/api/auctions/sessions/${s.id}`)).json()) as { lots: { achievementId: string }[] };
      for (const l of detail.lots) auctioned.add(l.achievementId);
    }
    const achievementId = achievements.items.find((a) => !auctioned.has(a.id))?.id;
    expect(achievementId, 'the demo data has published achievements not up for auction').toBeTruthy();
    const session = await post<{ id: string }>(operator, '/api/auctions/sessions', { title: '激光与光电专场', kind: 'industry', industry: 'C' });
    const lot = await post<{ id: string }>(operator, `/api/auctions/sessions/${session.id}/lots`, {
      achievementId,
      startPrice: '500000',
      increment: '10000',
      reserve: '510000',
      deposit: '50000',
      startsAt: new Date(Date.now() - 1000).toISOString(),
      freeMinutes: 30,
      delayMinutes: 5,
    });

    const a = await newPage(browser, pageErrors);
    const b = await newPage(browser, pageErrors);
    await signIn(a, server.url, 'enterprise.admin@kehui.example.cn');
    await signIn(b, server.url, 'broker@kehui.example.cn');
    for (const p of [a, b]) {
      const reg = await post<{ myBidder: { id: string } }>(p, `/api/auctions/lots/${lot.id}/register`, {});
      await post(operator, `/api/auctions/bidders/${reg.myBidder.id}/confirm-deposit`, { paymentReference: `E2E-${reg.myBidder.id.slice(0, 6)}` });
    }

    await a.goto(`${server.url}/auctions/lots/${lot.id}`);
    await b.goto(`${server.url}/auctions/lots/${lot.id}`);
    for (const p of [a, b]) {
      await p.getByText('实时连接').waitFor();
      await p.getByTestId('live-price').getByText('暂无出价').waitFor();
    }

    // A bids the start price from its page; B sees it without reloading.
    await a.getByRole('button', { name: /按最低应价出价/ }).click();
    await a.getByText('出价成功：¥500,000.00').waitFor();
    await b.getByTestId('live-price').getByText('500,000.00').waitFor();
    const paddleA = ((await b.getByTestId('leader-paddle').textContent()) ?? '').match(/\d{3,}/)?.[0];
    expect(paddleA).toBeTruthy();

    // B answers with the next step typed by hand; A sees the price move.
    await b.getByLabel('出价金额（元）').fill('510000');
    await b.getByRole('button', { name: '出价', exact: true }).click();
    await b.getByText('出价成功：¥510,000.00').waitFor();
    await a.getByTestId('live-price').getByText('510,000.00').waitFor();
    const paddleB = ((await a.getByTestId('leader-paddle').textContent()) ?? '').match(/\d{3,}/)?.[0];
    expect(paddleB).toBeTruthy();
    expect(paddleB).not.toBe(paddleA);

    // An off-ladder bid is refused with the rule in Chinese.
    await a.getByLabel('出价金额（元）').fill('515000');
    await a.getByRole('button', { name: '出价', exact: true }).click();
    await a.getByText('出价须为起拍价 500,000.00 元加整数倍加价幅度 10,000.00 元').waitFor();

    // The history shows paddles, never organization names.
    const history = (await a.getByTestId('bid-history').textContent()) ?? '';
    expect(history).toContain('510,000.00');
    expect(history).not.toContain('湖北知行');
    expect(history).not.toContain('星辰激光');

    // Anyone can verify the ledger.
    await b.getByRole('button', { name: '核验账本' }).click();
    await b.getByText(/核验通过：2 条记录/).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
