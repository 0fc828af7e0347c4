import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { beforeEach, expect } from 'vitest';

/**
 * End-to-end support: a real Kehui server process (as `npm start` runs it) on a fresh data
 * directory, and Debian's Chromium driven by playwright-core.
 */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? mkdtempSync(path.join(tmpdir(), 'kehui-e2e-'));
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/api/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready in 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    process: child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** When a journey step fails, prints the end of the server's output (LOG_LEVEL warn: warnings and errors). */
export function reportServerOnFailure(server: () => RunningServer | undefined) {
  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      console.error(`server output, last 4,000 characters:\n${server()?.output().slice(-4000) ?? '(no server)'}`);
    });
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in its own context (zh-CN, Asia/Shanghai, desktop size unless given), collecting the
 * page's uncaught errors into `pageErrors` so a journey can assert there were none.
 */
export async function newPage(browser: Browser, pageErrors: string[], viewport = { width: 1280, height: 900 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Demo@2026';

/** Signs in through the sign-in page and waits for the workspace. */
export async function signIn(page: Page, baseUrl: string, login: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel('手机号或邮箱').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/workspace');
}

/**
 * Gives the page's only file input a file and waits for the server's answer to its upload (a POST
 * to `uploadPath`), failing with that answer's status and body when it is refused, or with a
 * clear timeout when the page sends nothing, instead of a 30 s wait for text that never shows.
 */
export async function uploadFile(page: Page, uploadPath: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === uploadPath && r.request().method() === 'POST', { timeout: 15_000 }),
    page.locator('input[type=file]').setInputFiles(file),
  ]);
  expect(response.status(), `POST ${uploadPath}: ${await response.text()}`).toBe(201);
}

/** Opens a workspace page from the side menu. */
export async function openMenu(page: Page, name: string) {
  await page.getByRole('navigation', { name: '工作台菜单' }).getByRole('menuitem', { name }).click();
}

/**
 * Chooses `options` (by their Chinese labels) in the antd Select labelled `label`, the way a
 * keyboard user does: arrow keys move the active option, which the combobox names through
 * aria-activedescendant, and Enter takes it. (Clicking options is racy: the option list is virtual
 * and animates open, so a click now and then lands between re-renders and selects nothing.)
 */
export async function pick(page: Page, label: string, ...options: string[]) {
  const select = page.getByLabel(label, { exact: true });
  await select.click();
  await expect.poll(() => select.getAttribute('aria-expanded')).toBe('true');
  for (const option of options) {
    let active: string | null = null;
    for (let step = 0; step < 60; step++) {
      const id = await select.getAttribute('aria-activedescendant');
      active = id ? await page.locator(`[id="${id}"]`).getAttribute('aria-label') : null;
      if (active === option) break;
      await select.press('ArrowDown');
    }
    expect(active, `option ${option} of ${label}`).toBe(option);
    await select.press('Enter');
  }
  if ((await select.getAttribute('aria-expanded')) === 'true') await select.press('Escape');
}
