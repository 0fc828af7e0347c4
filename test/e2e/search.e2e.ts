import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, startServer, newPage } from './support.js';

/**
 * The search journey in Chromium: a visitor types a word from the demo data into the header box,
 * lands on /search with highlighted results and facet counts, ticks a facet value and gets fewer
 * results, all of that value (checked against the API), with the filter in the URL and as a tag;
 * closing the tag brings the first results back. At 390 px the facets live in a drawer.
 */
let server: RunningServer;
let browser: Browser;
const WORD = '电池';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});


interface ApiHit {
  id: string;
  record: { keyField: string; keyFieldLabel: string | null; trl: number | null };
  highlights: { title?: string; abstract?: string };
}

async function apiSearch(query: Record<string, string>): Promise<{ total: number; items: ApiHit[] }> {
  const res = await fetch(`${server.url}/api/search?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; items: ApiHit[] };
}

/** The result count line (共 N 条科技成果，用时 …), once the list is not loading. */
async function resultCount(page: Page): Promise<number> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  const text = (await page.getByRole('status').filter({ hasText: /共 \d+ 条/ }).textContent()) ?? '';
  return Number(/共 (\d+) 条/.exec(text)?.[1] ?? Number.NaN);
}

/** Achievement ids of the cards shown, in order (from their detail links). */
async function shownIds(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: '检索结果' })
    .locator('article h5 a')
    .evaluateAll((links) => links.map((a) => decodeURIComponent(a.getAttribute('href') ?? '').split('/').pop() ?? ''));
}

/** A facet option's name "新材料 (3)" → label and count. */
function parseOption(name: string): { label: string; count: number } {
  const match = /^(.*) \((\d+)\)$/.exec(name.trim());
  if (!match) throw new Error(`unexpected facet option name: ${name}`);
  return { label: match[1] ?? '', count: Number(match[2]) };
}

describe('search: header box → results → facet filter', () => {
  it('searches from the header, filters by a facet value and removes the filter again', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors);
    await page.goto(`${server.url}/`);

    // The header box is a plain form (no antd on the home page) that opens /search?q=….
    const headerBox = page.getByRole('search').getByLabel('搜索');
    await headerBox.fill(WORD);
    await headerBox.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(WORD);

    const box = page.getByLabel('搜索', { exact: true });
    await expect.poll(() => box.inputValue()).toBe(WORD);
    expect(await box.getAttribute('placeholder')).toBe('搜索科技成果、技术需求、机构');

    const api = await apiSearch({ q: WORD, pageSize: '50' });
    expect(api.total).toBeGreaterThan(1);
    const total = await resultCount(page);
    expect(total).toBe(api.total);
    const before = await shownIds(page);
    expect(before).toEqual(api.items.slice(0, 10).map((hit) => hit.id));
    await expect.poll(() => page.getByRole('tab', { name: /科技成果/ }).textContent()).toContain(String(total));
    await expect.poll(() => page.getByText(/检索词：/).textContent()).toContain(WORD);
    // Matches are highlighted (server-escaped <em>).
    expect(await page.locator('article h5 em').first().textContent()).toBe(WORD);
    // Each card shows its abstract's snippet (the hit's record leaves the abstract out: the snippet stands for it).
    const first = api.items[0];
    expect(first?.record).not.toHaveProperty('abstract');
    const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
    const snippet = (first?.highlights.abstract ?? '').replace(/<\/?em>/g, '').replace(/…/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (e) => entities[e] ?? e);
    expect(snippet.length).toBeGreaterThan(10);
    expect(await page.getByRole('article').first().locator('p').first().textContent()).toContain(snippet.slice(0, 10));

    // A value of 重点领域 that narrows the results.
    const group = page.getByRole('group', { name: '重点领域' });
    const names = await group.getByRole('checkbox').evaluateAll((boxes) =>
      boxes.map((input) => input.closest('label')?.textContent ?? ''),
    );
    const options = names.map(parseOption);
    const option = options.find((item) => item.count > 0 && item.count < total);
    expect(option, `a 重点领域 value narrowing ${total} results: ${names.join(', ')}`).toBeDefined();
    if (!option) return;
    await group.getByRole('checkbox', { name: `${option.label} (${option.count})`, exact: true }).check();

    await page.waitForURL(/keyField=/);
    const keyField = new URL(page.url()).searchParams.get('keyField') ?? '';
    expect(new URL(page.url()).searchParams.get('q')).toBe(WORD);
    await expect.poll(() => resultCount(page)).toBe(option.count);
    const after = await shownIds(page);
    expect(after).toHaveLength(Math.min(option.count, 10));
    expect(after).not.toEqual(before);

    // Every result shown is of that key field: on the card, and in the record behind it.
    const filtered = await apiSearch({ q: WORD, keyField, pageSize: '50' });
    expect(filtered.total).toBe(option.count);
    const byId = new Map(filtered.items.map((hit) => [hit.id, hit]));
    for (const id of after) {
      expect(byId.get(id)?.record.keyField).toBe(keyField);
      expect(api.items.some((hit) => hit.id === id)).toBe(true);
    }
    const cards = page.getByRole('list', { name: '检索结果' }).locator('article');
    for (const text of await cards.allTextContents()) expect(text).toContain(option.label);

    // The filter shows as a closable tag; closing it restores the first results.
    const chosen = page.getByRole('group', { name: '已选筛选条件' });
    await expect.poll(() => chosen.textContent()).toContain(`重点领域：${option.label}`);
    await expect.poll(() => group.getByRole('checkbox', { name: new RegExp(`^${option.label} `) }).isChecked()).toBe(true);
    await chosen.locator('.ant-tag-close-icon').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('keyField')).toBeNull();
    await expect.poll(() => resultCount(page)).toBe(total);
    expect(await shownIds(page)).toEqual(before);

    expect(pageErrors).toEqual([]);
  });

  it('folds the facets into a drawer at 390 px and filters from there', async () => {
    const pageErrors: string[] = [];
    const page = await newPage(browser, pageErrors, { width: 390, height: 844 });
    await page.goto(`${server.url}/search?q=${encodeURIComponent(WORD)}`);
    const total = await resultCount(page);
    expect(total).toBeGreaterThan(1);
    expect(await page.getByRole('group', { name: '技术就绪度' }).count()).toBe(0);

    await page.getByRole('button', { name: /筛选/ }).click();
    const drawer = page.getByRole('dialog');
    const group = drawer.getByRole('group', { name: '技术就绪度' });
    await group.waitFor();
    const names = await group.getByRole('checkbox').evaluateAll((boxes) =>
      boxes.map((input) => input.closest('label')?.textContent ?? ''),
    );
    const option = names.map(parseOption).find((item) => item.count < total);
    expect(option).toBeDefined();
    if (!option) return;
    await group.getByRole('checkbox', { name: `${option.label} (${option.count})`, exact: true }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get('trlMin')).toBe(option.label.replace('TRL ', ''));
    await drawer.getByRole('button', { name: `查看 ${option.count} 条结果` }).click();
    await expect.poll(() => resultCount(page)).toBe(option.count);
    for (const text of await page.getByRole('list', { name: '检索结果' }).locator('article').allTextContents()) {
      expect(text).toContain(`${option.label} ·`);
    }
    expect(pageErrors).toEqual([]);
  });
});
