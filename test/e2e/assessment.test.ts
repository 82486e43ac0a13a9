import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, startServer, type RunningServer } from './browser.js';

const PASSWORD = 'E2e-assess-pass-2026';

describe.runIf(browserAvailable())('实绩考核 in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ SHIJI_DEMO_PASSWORD: PASSWORD });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the ranking, one county’s breakdown with its explanations, and a what-if weight that moves the ranks without saving', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('用户名').fill('organization');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('menuitem', { name: /考核排名/ }).click();
    await page.getByRole('tab', { name: '模拟调整权重' }).waitFor();
    // The 2025 scheme of the agricultural counties (农业县), opened by its address as a bookmark would.
    const schemes = (await (await page.request.get(`${server.url}/api/assessment/schemes?year=2025&zone=agricultural_county`)).json()) as { items: { id: number; name: string }[] };
    const scheme = schemes.items[0];
    if (!scheme) throw new Error('no 2025 agricultural scheme');
    await page.goto(`${server.url}/assessment?year=2025&scheme=${scheme.id}`);
    await page.getByText(scheme.name).first().waitFor();
    const table = page.locator('.ant-table').first();
    await table.getByRole('row').filter({ hasText: '平川县' }).waitFor();
    const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
    expect(await rowOf('平川县').locator('td').first().textContent()).toBe('1');
    expect(await rowOf('东阳市').locator('td').first().textContent()).toBe('3');

    // The breakdown: every line with its explanation (the HTTP tests check that the lines add up to the total).
    await rowOf('东阳市').getByText('东阳市').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '得分明细：东阳市' });
    await drawer.waitFor();
    await drawer.getByText('粮食产量').first().waitFor();
    await expect(drawer.getByText(/基数/).first().isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // What-if: third-party evaluation weighed at 100 puts 东阳市 first; nothing is saved.
    await page.getByRole('tab', { name: '模拟调整权重' }).click();
    const weight = page.getByLabel('试算权重 第三方评估');
    await weight.fill('100');
    await page.getByText('190').first().waitFor();
    await page.getByRole('button', { name: '试算' }).click();
    const result = page.locator('.ant-card').filter({ hasText: '试算结果（未保存）' });
    const moved = result.getByRole('row').filter({ hasText: '东阳市' });
    await moved.getByText('上升 2 位').waitFor();
    await expect(moved.textContent()).resolves.toContain('3');
    await page.getByRole('tab', { name: '考核排名' }).click();
    expect(await rowOf('东阳市').locator('td').first().textContent()).toBe('3');
    await context.close();
  });
});
