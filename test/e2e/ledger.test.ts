import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, withBrowserApp, pickOption, signIn } from './browser.js';

const PASSWORD = 'E2e-ledger-pass-2026';

describe.runIf(browserAvailable())('ledger loop in Chromium', () => {
  const app = withBrowserApp(PASSWORD);

  const loggedIn = (username: string): Promise<Page> => signIn(app.browser, app.server.url, username, PASSWORD, /问题台账/);

  async function act(page: Page, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
    await page.getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: `.tmp/e2e-ledger-${action}.png` });
      throw error;
    });
  }

  /** The 已销号 figure of the dashboard's headline cards, once the stats have loaded. */
  async function closedOnDashboard(page: Page): Promise<number> {
    const value = page
      .locator('.ant-statistic')
      .filter({ has: page.getByText('已销号', { exact: true }) })
      .locator('.ant-statistic-content-value');
    await value.waitFor();
    return Number((await value.textContent())?.replace(/[^\d]/g, ''));
  }

  it('creates a problem, assigns it, the handler records measures with a note and a photo and asks to close, a second person closes it, the dashboard counts it', async () => {
    const inspector = await loggedIn('inspector');
    await inspector.getByRole('menuitem', { name: /台账统计/ }).click();
    const closedBefore = await closedOnDashboard(inspector);
    await inspector.getByRole('menuitem', { name: /问题台账/ }).click();
    await inspector.getByRole('button', { name: '新增问题' }).click();
    const form = inspector.getByRole('dialog');
    await form.getByLabel('问题标题').fill('端到端：村卫生室无人坐诊');
    await pickOption(inspector, form.getByLabel('问题类别'), '形式主义', '形式主义');
    await pickOption(inspector, form.getByLabel('问题来源'), '巡视', '巡视巡察');
    await pickOption(inspector, form.getByLabel('所涉单位'), '青山县', '青山县');
    // The form starts with one measure line.
    await form.getByLabel('措施内容 1').fill('落实乡村医生轮班坐诊');
    await form.getByRole('button', { name: '保存' }).click();
    await inspector.waitForURL(/\/ledger\/\d+$/, { timeout: 10_000 }).catch(async (error: unknown) => {
      await inspector.screenshot({ path: '.tmp/e2e-ledger-fail.png' });
      throw error;
    });
    await inspector.getByText('待交办').first().waitFor();

    await act(inspector, '交办', async (dialog) => {
      await pickOption(inspector, dialog.getByLabel('承办人'), 'qingshan.handler', /qingshan\.handler/);
    });
    await inspector.getByText('已交办').first().waitFor();
    const itemUrl = inspector.url();

    const handler = await loggedIn('qingshan.handler');
    await handler.getByRole('menuitem', { name: /我的待办/ }).click();
    await handler.locator('.ant-table-row').filter({ hasText: '端到端：村卫生室无人坐诊' }).click();
    await handler.waitForURL(itemUrl);
    await act(handler, '开始整改');
    await handler.getByText('整改中').first().waitFor();
    await handler.getByRole('button', { name: '更新进度' }).or(handler.getByText('更新进度')).first().click();
    const measure = handler.getByRole('dialog');
    await pickOption(handler, measure.getByLabel('完成状态'), '', '已完成');
    await measure.getByLabel('完成情况').fill('已排班，每日有医生坐诊');
    await measure.getByRole('button', { name: '保存' }).click();
    await measure.waitFor({ state: 'hidden' });
    // The handler adds a second measure and proves it with a photo instead of a note.
    await handler.getByRole('button', { name: '添加措施' }).click();
    const add = handler.getByRole('dialog');
    await add.getByLabel('措施内容').fill('公开坐诊时间');
    await add.getByRole('button', { name: '保存' }).click();
    await add.waitFor({ state: 'hidden' });
    await handler.getByRole('cell', { name: '公开坐诊时间' }).waitFor();
    await pickOption(handler, handler.getByLabel('关联措施'), '', '措施 2 · 公开坐诊时间');
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fe0dcc44f20000000049454e44ae426082',
      'hex',
    );
    await handler.locator('input[type=file]').setInputFiles({ name: '坐诊公示照片.png', mimeType: 'image/png', buffer: png });
    await handler.getByRole('link', { name: '坐诊公示照片.png' }).waitFor();
    await act(handler, '申请销号');
    await handler.getByText('待销号').first().waitFor();
    // The handler has no 销号 button: closing needs a second person.
    expect(await handler.getByRole('button', { name: '销号', exact: true }).count()).toBe(0);

    await inspector.reload();
    await act(inspector, '销号', async (dialog) => {
      await dialog.getByText('整改到位', { exact: true }).click();
      await dialog.getByLabel('意见').fill('经实地核查，整改到位');
    });
    await inspector.getByText('已销号').first().waitFor();
    await inspector.getByText('经实地核查，整改到位').first().waitFor();

    // The dashboard counts it: one more closed item than before the flow.
    await inspector.getByRole('menuitem', { name: /台账统计/ }).click();
    await inspector.waitForURL(/\/ledger\/dashboard/);
    expect(await closedOnDashboard(inspector)).toBe(closedBefore + 1);
  });
});
