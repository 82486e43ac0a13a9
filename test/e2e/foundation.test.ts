import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, withBrowserApp, pickOption, signIn } from './browser.js';

const PASSWORD = 'E2e-demo-pass-2026';

describe.runIf(browserAvailable())('foundation flow in Chromium', () => {
  const app = withBrowserApp(PASSWORD);
  let page: Page;

  beforeAll(async () => {
    page = await app.browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  });

  it('prints the URL and the demo accounts on start', () => {
    const out = app.server.output.join('');
    expect(out).toMatch(/is running: http:\/\/localhost:\d+\//);
    for (const account of ['sysadmin', 'auditor', 'handler', 'qingshan.handler']) expect(out).toContain(account);
    expect(out).toContain(PASSWORD);
  });

  it('logs in as the demo sysadmin, adds a township in the org tree and finds it in the people form’s org picker', async () => {
    await page.goto(`${app.server.url}/`);
    await page.getByLabel('用户名').fill('sysadmin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByText('用户名或密码错误').first().waitFor()).resolves.toBeUndefined();

    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('演示数据').first().waitFor();
    await page.getByRole('menuitem', { name: /组织机构/ }).click();
    await page.waitForURL(/\/orgs$/);

    // Open the org tree, select 青山县, add a township under it.
    await page.getByPlaceholder('搜索机构名称').fill('青山县');
    await page.locator('.ant-tree').getByText('青山县', { exact: true }).click();
    await page.getByRole('button', { name: '新增下级' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称').fill('端到端测试镇');
    await pickOption(page, dialog.getByLabel('层级'), '', '乡镇(街道)');
    await pickOption(page, dialog.getByLabel('功能区'), '', '农业县');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByPlaceholder('搜索机构名称').fill('端到端');
    await page.locator('.ant-tree').getByText('端到端测试镇').waitFor();

    // The people form's org picker finds it by name.
    await page.getByRole('menuitem', { name: /干部队伍/ }).click();
    await page.waitForURL(/\/people/);
    await page.getByRole('button', { name: '新增干部' }).click();
    const personDialog = page.getByRole('dialog');
    await pickOption(page, personDialog.getByLabel('所属单位'), '端到端', '端到端测试镇');
    await personDialog.getByLabel('姓名').fill('端到端干部');
    await personDialog.getByRole('button', { name: '保存' }).click();
    await personDialog.waitFor({ state: 'hidden' });
    await page.getByPlaceholder('姓名或拼音首字母，如 zs').fill('端到端');
    const row = page.locator('.ant-table-row').filter({ hasText: '端到端干部' });
    await row.waitFor();
    expect(await row.textContent()).toContain('端到端测试镇');
  });

  it('the auditor sees the log of what the sysadmin did and verifies the chain', async () => {
    const auditorPage = await signIn(app.browser, app.server.url, 'auditor', PASSWORD, /审计日志/, { width: 1400, height: 900 });
    await auditorPage.getByRole('menuitem', { name: /审计日志/ }).click();
    await auditorPage.waitForURL(/\/audit/);
    await auditorPage.locator('.ant-table-row').filter({ hasText: '新增组织' }).first().waitFor();
    await auditorPage.getByRole('button', { name: '校验审计链' }).click();
    await auditorPage.getByText('审计链完整', { exact: false }).first().waitFor();
    await auditorPage.context().close();
  });
});
