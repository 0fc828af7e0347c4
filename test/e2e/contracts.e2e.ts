import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, openMenu, type RunningServer, reportServerOnFailure, signIn, startServer, uploadFile } from './support.js';

/**
 * The technology-contract journey in Chromium: a 江城理工大学 member opens the demo deal (delisted by
 * 武汉光谷星辰激光科技), signs its contract from the deal (签订技术合同, parties prefilled), uploads the
 * signed PDF and submits; the Wuhan registrar accepts and registers it from 合同登记; the
 * certificate downloads as a PDF, and the verification link printed in it opens the public page
 * that says 登记信息真实有效.
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

const SIGNED_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% signed by both parties (e2e)\n%%EOF\n');

describe('a technology contract from a deal to its verified certificate', () => {
  const title = `激光清洗头专利实施许可合同${Date.now().toString(36).slice(-4)}`;
  let certificate: Buffer = Buffer.alloc(0);

  it('lets the university member submit the signed contract from the deal', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'univ.member@kehui.example.cn');
    const submissions: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/contracts') submissions.push(r.url());
    });
    const delisted = (await (await page.request.get(`${server.url}/api/listings?status=delisted`)).json()) as { items: { id: string }[] };
    const listingId = delisted.items[0]?.id;
    expect(listingId, 'the demo data has a delisted listing').toBeTruthy();
    await page.goto(`${server.url}/listings/${listingId ?? ''}`);
    await page.getByRole('link', { name: '签订技术合同' }).click();
    await page.waitForURL(/\/workspace\/contracts\/new\?dealId=/);
    // Parties come from the deal.
    await page.getByText('武汉光谷星辰激光科技有限公司').waitFor();
    await page.getByText('江城理工大学', { exact: true }).first().waitFor();
    await page.getByLabel('合同名称', { exact: true }).fill(title);
    const signedOn = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const date = page.getByLabel('签订日期', { exact: true });
    await date.click();
    await date.fill(signedOn);
    await date.press('Enter');
    await uploadFile(page, '/api/contracts/uploads', { name: '已签署合同.pdf', mimeType: 'application/pdf', buffer: SIGNED_PDF });
    await page.getByText('已上传：已签署合同.pdf').waitFor();
    // Enter in the date field took the date and did not send the half-filled form.
    expect(await page.getByLabel('签订日期', { exact: true }).inputValue()).toBe(signedOn);
    expect(submissions).toEqual([]);
    await page.getByRole('button', { name: '提交登记申请' }).click();
    await page.waitForURL(/\/workspace\/contracts\/[0-9a-f-]{36}$/);
    await page.getByText('待受理', { exact: true }).first().waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('lets the Wuhan registrar accept and register it, and the certificate downloads as a PDF', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await signIn(page, server.url, 'gov.wuhan@kehui.example.cn');
    await openMenu(page, '合同登记');
    await page.getByRole('link', { name: title }).click();
    await page.waitForURL(/\/workspace\/contracts\/[0-9a-f-]{36}$/);
    const toolbar = page.getByRole('toolbar', { name: '合同操作' });
    await toolbar.getByRole('button', { name: '受理' }).click();
    await page.getByText('审查中', { exact: true }).first().waitFor();
    await toolbar.getByRole('button', { name: '准予登记' }).click();
    await page.getByLabel('认定技术交易额（元）').fill('1,000,000');
    await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
    await page.getByText('已登记', { exact: true }).first().waitFor();
    await page.getByText(/^登记编号：/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), toolbar.getByRole('link', { name: '下载登记证明' }).or(toolbar.getByRole('button', { name: '下载登记证明' })).click()]);
    const file = await download.path();
    certificate = readFileSync(file);
    expect(certificate.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('opens the verification link printed in the certificate for anyone', async () => {
    const link = /\/URI \((http[^)]+)\)/.exec(certificate.toString('latin1'))?.[1] ?? '';
    expect(link).toMatch(/\/verify\/contracts\/\d{16}\?code=/);
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await page.goto(link);
    await page.getByText('登记信息真实有效').waitFor();
    await page.getByText(title).waitFor();
    await page.getByText('¥1,000,000.00').waitFor();
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
