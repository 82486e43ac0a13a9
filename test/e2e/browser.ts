import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { packageRoot } from '../../src/platform/db.js';

/** Debian's Chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Is the browser here? When SHIJI_REQUIRE_E2E=1 (CI) a missing browser is a failure, not a skip. */
export function browserAvailable(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.SHIJI_REQUIRE_E2E === '1')
    throw new Error(`SHIJI_REQUIRE_E2E=1 but ${CHROMIUM} is missing: end-to-end tests would be skipped`);
  return present;
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
  });
}

/** A real `shiji serve` process on a fresh data folder, as `npm start` runs it. */
export interface RunningServer {
  url: string;
  output: string[];
  stop(): Promise<void>;
}

/**
 * Starts the built server (dist/) on a free port and waits for its "running" line. On its empty data folder the
 * server seeds the demo city (accounts, ledger, assessment): the end-to-end flows run the real demo app and sign
 * in as its accounts, with the SHIJI_DEMO_PASSWORD they pass.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const root = packageRoot();
  if (!existsSync(join(root, 'dist', 'server', 'main.js')) || !existsSync(join(root, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` (npm install does it)');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'shiji-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin', 'shiji.js'), 'serve'], {
    cwd: root,
    env: { ...process.env, SHIJI_DATA: dataDir, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /is running: (http:\/\/\S+)/.exec(output.join(''));
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.join('')}`)));
  });
  return {
    url,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Chooses an option in an Ant Design Select or TreeSelect the way a keyboard user does: open it, type the
 * search text (or walk with the arrow keys when there is none), wait until the option the component made
 * active is the wanted one, press Enter, and wait until the field shows it. Clicking options in the virtual
 * list races its re-render after a search; the active option is the component's own state, so this is
 * deterministic. `label` as a string must be the option's whole text.
 */
/** A new browser context (zh-CN) signed in as `username`; resolves once the menu shows `menu`. */
export async function signIn(
  browser: Browser,
  url: string,
  username: string,
  password: string,
  menu: RegExp,
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('menuitem', { name: menu }).waitFor();
  return page;
}

export async function pickOption(page: Page, field: Locator, search: string, label: string | RegExp): Promise<void> {
  const wanted = typeof label === 'string' ? new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : label;
  await field.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const active = dropdown.locator('.ant-select-item-option-active, .ant-select-tree-treenode-active');
  if (search) {
    await field.pressSequentially(search);
  } else {
    await dropdown.first().waitFor();
    for (let step = 0; step < 100 && (await active.filter({ hasText: wanted }).count()) === 0; step += 1)
      await page.keyboard.press('ArrowDown');
  }
  await active.filter({ hasText: wanted }).first().waitFor();
  await page.keyboard.press('Enter');
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  await select.filter({ hasText: typeof label === 'string' ? label : wanted }).waitFor();
}

/** The running app and browser of a describe block (filled in before its tests run). */
export interface BrowserApp {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * Inside a `describe`: starts `shiji serve` on a fresh data folder with the demo (its accounts get `password`) and
 * Chromium before the tests, and stops both after them.
 */
export function withBrowserApp(password: string): BrowserApp {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer({ SHIJI_DEMO_PASSWORD: password });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the app and browser start in beforeAll');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}
