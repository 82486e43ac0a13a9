import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, withBrowserApp, signIn } from './browser.js';

const PASSWORD = 'E2e-demo-pass-2026';

/** Collects Content-Security-Policy violations and alert() dialogs of a page. */
async function watch(page: Page): Promise<{ violations: string[]; dialogs: string[] }> {
  const seen = { violations: [] as string[], dialogs: [] as string[] };
  await page.exposeFunction('__cspViolation', (text: string) => seen.violations.push(text));
  await page.addInitScript({
    content:
      "document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(e.violatedDirective + ' ' + e.blockedURI + ' at ' + location.pathname));",
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.violations.push(m.text());
  });
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  return seen;
}

/** The paths of the side menu as rendered for this user (Ant Design keeps the key at the end of data-menu-id). */
async function menuPaths(page: Page): Promise<string[]> {
  const ids = await page.locator('li[data-menu-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-menu-id') ?? ''));
  return [...new Set(ids.map((id) => /-(\/[^\s]*)$/.exec(id)?.[1]).filter((p): p is string => !!p))];
}

describe.runIf(browserAvailable())('security in Chromium: CSP on every page, hostile titles render as text', () => {
  const app = withBrowserApp(PASSWORD);

  it('every page of every kind of user loads with no CSP violation, and the API docs too', async () => {
    const visited: string[] = [];
    for (const [username, menu] of [
      ['leader', /问题台账/],
      ['organization', /考核排名/],
      ['sysadmin', /组织机构/],
      ['secadmin', /安全设置/],
      ['auditor', /审计日志/],
    ] as const) {
      const page = await signIn(app.browser, app.server.url, username, PASSWORD, menu);
      const seen = await watch(page);
      const paths = await menuPaths(page);
      expect(paths.length, username).toBeGreaterThan(1);
      for (const path of paths) {
        await page.goto(`${app.server.url}${path}`);
        await page.locator('.ant-layout-content').first().waitFor();
        await page.waitForLoadState('networkidle');
        visited.push(`${username}:${path}`);
      }
      if (username === 'leader') {
        // An item's detail page, with its charts and cards.
        await page.goto(`${app.server.url}/ledger`);
        await page.locator('.ant-table-row .ant-typography').first().click();
        await page.waitForURL(/\/ledger\/\d+$/);
        await page.waitForLoadState('networkidle');
        visited.push('leader:item');
      }
      expect(seen.violations, `${username}: ${seen.violations.join('\n')}`).toEqual([]);
      await page.context().close();
    }
    const docs = await app.browser.newPage();
    const seen = await watch(docs);
    await docs.goto(`${app.server.url}/api/docs/`);
    await docs.getByText('Shiji 实绩 API').first().waitFor();
    expect(seen.violations).toEqual([]);
    await docs.close();
    expect(visited.length).toBeGreaterThan(20);
  });

  it('an item titled <img src=x onerror=alert(1)> shows that text on its detail page and runs nothing', async () => {
    const page = await signIn(app.browser, app.server.url, 'leader', PASSWORD, /问题台账/);
    const seen = await watch(page);
    const { csrfToken } = (await (await page.request.get(`${app.server.url}/api/auth/me`)).json()) as { csrfToken: string };
    const orgs = (await (await page.request.get(`${app.server.url}/api/orgs`)).json()) as {
      items: { id: number; parentId: number | null }[];
    };
    const county = orgs.items.find((o) => o.parentId !== null);
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const created = await page.request.post(`${app.server.url}/api/ledger/items`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        title: hostile,
        description: '<b onmouseover=alert(3)>说明</b>',
        category: 'formalism',
        source: 'public_report',
        orgId: county?.id,
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    await page.goto(`${app.server.url}/ledger/${id}`);
    await page.getByText(hostile).first().waitFor();
    await page.getByText('<b onmouseover=alert(3)>说明</b>').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('b[onmouseover]').count()).toBe(0);
    // In the list and the browser tab too.
    await page.goto(`${app.server.url}/ledger?q=${encodeURIComponent('img')}`);
    await page.getByText(hostile).first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(seen.violations).toEqual([]);
    await page.context().close();
  });

  it('用户管理 offers each administrator only what 三员分立 lets them do to each account', async () => {
    const actionsOf = async (page: Page, username: string) => {
      await page.goto(`${app.server.url}/users`);
      await page
        .getByPlaceholder(/用户名|姓名/)
        .first()
        .fill(username);
      const row = page.locator('.ant-table-row').filter({ has: page.getByText(username, { exact: true }) });
      await row.first().waitFor();
      await page.waitForLoadState('networkidle');
      return (await row.first().locator('button').allTextContents()).map((s) => s.replace(/\s+/g, ''));
    };
    const sys = await signIn(app.browser, app.server.url, 'sysadmin', PASSWORD, /用户管理/);
    expect(await actionsOf(sys, 'auditor')).toEqual([]);
    expect(await actionsOf(sys, 'secadmin')).toEqual([]);
    expect(await actionsOf(sys, 'qingshan.handler')).toEqual(['编辑', '锁定', '停用', '重置密码']);
    await sys.context().close();
    const sec = await signIn(app.browser, app.server.url, 'secadmin', PASSWORD, /用户管理/);
    expect(await actionsOf(sec, 'auditor')).toEqual(['编辑', '锁定', '停用', '重置密码', '设置角色']);
    expect(await actionsOf(sec, 'qingshan.handler')).toEqual(['锁定', '设置角色']);
    // The secadmin's own row offers nothing: their own password is changed on 个人中心.
    expect(await actionsOf(sec, 'secadmin')).toEqual([]);
    await sec.context().close();
  });
});
