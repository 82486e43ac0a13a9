import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, withBrowserApp, signIn } from './browser.js';

const PASSWORD = 'E2e-ui-pass-2026';

/** How wide the page is against the window: a page that scrolls sideways is wider. */
const widths = (page: Page): Promise<{ scrollWidth: number; innerWidth: number }> =>
  // A string, as the test code is compiled without the DOM library.
  page.evaluate('({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })');

/** The number in the list's 共 N 条. */
async function listTotal(page: Page): Promise<number> {
  const text = await page.locator('.ant-pagination-total-text').first().textContent();
  return Number(text?.replace(/[^\d]/g, ''));
}

describe.runIf(browserAvailable())('list tools and the phone layout in Chromium', () => {
  const app = withBrowserApp(PASSWORD);

  it('shows breadcrumbs; 重置 clears a filter; column settings hide a column and keep it hidden; the density switch makes the table compact', async () => {
    const page = await signIn(app.browser, app.server.url, 'inspector', PASSWORD, /问题台账/, { width: 1280, height: 800 });
    const crumbs = page.locator('.page-breadcrumb');
    await crumbs.getByText('问题台账').waitFor();
    expect(await crumbs.textContent()).toContain('首页');

    // A filter from the address narrows the list; 重置 takes it off again, in the list and in the address.
    await page.goto(`${app.server.url}/ledger?status=closed`);
    const rows = page.locator('.ant-table-row');
    await rows.first().waitFor();
    await page.locator('.ant-select').filter({ hasText: '已销号' }).first().waitFor();
    const closedTotal = await listTotal(page);
    for (const text of await rows.allTextContents()) expect(text).toContain('已销号');
    await page.getByRole('button', { name: '重置', exact: true }).click();
    await page.waitForURL((url) => !url.searchParams.has('status'));
    await expect.poll(() => listTotal(page)).toBeGreaterThan(closedTotal);
    expect(await page.locator('.list-toolbar .ant-select').filter({ hasText: '已销号' }).count()).toBe(0);

    // 列设置: untick 来源 and the column goes, also after a reload; the popover's 重置 brings it back.
    const source = page.getByRole('columnheader', { name: '来源', exact: true });
    await source.waitFor();
    await page.getByRole('button', { name: '列设置' }).click();
    const columns = page.getByRole('group', { name: '列设置' });
    await columns.getByRole('checkbox', { name: '来源' }).uncheck();
    await source.waitFor({ state: 'detached' });
    await page.reload();
    await rows.first().waitFor();
    expect(await source.count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: '类别', exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: '列设置' }).click();
    await page.locator('.ant-popover').filter({ has: columns }).getByRole('button', { name: '重置' }).click();
    await source.waitFor();

    // 密度: 紧凑 is antd's small table.
    await page.getByRole('button', { name: '密度' }).click();
    await page.getByRole('menuitem', { name: '紧凑' }).click();
    await page.locator('.ant-table.ant-table-small').waitFor();

    // The item page's breadcrumbs lead back to the list.
    await rows.first().click();
    await page.waitForURL(/\/ledger\/\d+$/);
    await crumbs.getByText('问题详情').waitFor();
    await crumbs.getByRole('link', { name: '问题台账' }).click();
    await page.waitForURL(/\/ledger$/);
    await page.context().close();
  });

  it('on a 390 px phone the menu is a drawer behind a header button and no page scrolls sideways', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${app.server.url}/`);
    await page.getByLabel('用户名').fill('inspector');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/ledger$/);
    await page.locator('.ant-table-row').first().waitFor();

    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: /台账统计/ }).count()).toBe(0);
    const list = await widths(page);
    expect(list.innerWidth).toBe(390);
    expect(list.scrollWidth).toBeLessThanOrEqual(list.innerWidth);

    await page.getByRole('button', { name: '打开菜单' }).click();
    const drawer = page.locator('.app-menu-drawer');
    await drawer.getByRole('menuitem', { name: /台账统计/ }).click();
    await page.waitForURL(/\/ledger\/dashboard$/);
    await drawer.getByRole('menuitem', { name: /台账统计/ }).waitFor({ state: 'hidden' });
    await page.locator('.ant-statistic').first().waitFor();
    const dashboard = await widths(page);
    expect(dashboard.scrollWidth).toBeLessThanOrEqual(dashboard.innerWidth);

    await page.getByRole('button', { name: '打开菜单' }).click();
    await drawer.getByRole('menuitem', { name: /我的待办/ }).click();
    await page.waitForURL(/\/ledger\/todo$/);
    await page.locator('.page-breadcrumb').getByText('我的待办').waitFor();
    const todo = await widths(page);
    expect(todo.scrollWidth).toBeLessThanOrEqual(todo.innerWidth);
    await context.close();
  });
});
