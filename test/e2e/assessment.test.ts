import { describe, expect, it } from 'vitest';
import { browserAvailable, withBrowserApp, signIn } from './browser.js';

const PASSWORD = 'E2e-assess-pass-2026';

describe.runIf(browserAvailable())('实绩考核 in Chromium', () => {
  const app = withBrowserApp(PASSWORD);

  it('opens the ranking, one county’s breakdown with its explanations, and a what-if weight that moves the ranks without saving', async () => {
    const page = await signIn(app.browser, app.server.url, 'organization', PASSWORD, /考核排名/);
    await page.getByRole('menuitem', { name: /考核排名/ }).click();
    await page.getByRole('tab', { name: '模拟调整权重' }).waitFor();
    // The 2025 scheme of the agricultural counties (农业县), opened by its address as a bookmark would.
    const schemes = (await (
      await page.request.get(`${app.server.url}/api/assessment/schemes?year=2025&zone=agricultural_county`)
    ).json()) as {
      items: { id: number; name: string }[];
    };
    const scheme = schemes.items[0];
    if (!scheme) throw new Error('no 2025 agricultural scheme');
    await page.goto(`${app.server.url}/assessment?year=2025&scheme=${scheme.id}`);
    await page.getByText(scheme.name).first().waitFor();
    const table = page.locator('.ant-table').first();
    await table.getByRole('row').filter({ hasText: '平川县' }).waitFor();
    const rowOf = (name: string) => table.getByRole('row').filter({ hasText: name });
    // 平川县 scores well on its figures but last year's ledger (虚报, 统计造假) costs it first place.
    expect(await rowOf('青山县').locator('td').first().textContent()).toBe('1');
    expect(await rowOf('平川县').locator('td').first().textContent()).toBe('2');
    expect(await rowOf('东阳市').locator('td').first().textContent()).toBe('3');

    // The breakdown: every line with its explanation (the HTTP tests check that the lines add up to the total).
    await rowOf('东阳市').getByText('东阳市').click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '得分明细：东阳市' });
    await drawer.waitFor();
    await drawer.getByText('粮食产量').first().waitFor();
    await expect(drawer.getByText(/基数/).first().isVisible()).resolves.toBe(true);
    // Its deduction names the ledger item behind it.
    const fraud = drawer.getByRole('row').filter({ hasText: '查实统计造假问题' });
    await fraud.getByText(/^WT-2025-\d+$/).waitFor();
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
    await page.context().close();
  });
  it('a figure gets its evidence and the organisation department verifies it, from the data-entry grid', async () => {
    const page = await signIn(app.browser, app.server.url, 'organization', PASSWORD, /数据填报/, { width: 1440, height: 1000 });
    const schemes = (await (await page.request.get(`${app.server.url}/api/assessment/schemes?year=2025&zone=urban_core`)).json()) as {
      items: { id: number }[];
    };
    await page.goto(`${app.server.url}/assessment/values?year=2025&scheme=${schemes.items[0]?.id}`);

    // Clicking a cell opens its detail beside the trend.
    await page.getByLabel('新城区 地区生产总值').click();
    const card = page.locator('.ant-card').filter({ hasText: '新城区 · 地区生产总值（2025 年）' });
    await card.getByText('未上传').waitFor();
    await expect(card.getByText('已报送').isVisible()).resolves.toBe(true);

    const pdf = Buffer.from('%PDF-1.4 新城区 2025 年统计年鉴 第 36 页');
    await card.locator('input[type=file]').setInputFiles({ name: '统计年鉴2025.pdf', mimeType: 'application/pdf', buffer: pdf });
    const link = card.getByRole('link', { name: '统计年鉴2025.pdf' });
    await link.waitFor();
    // The grid marks the cell, and the file that comes back is the file that went in.
    await expect(page.getByRole('row').filter({ hasText: '新城区' }).getByLabel('有佐证材料').count()).resolves.toBe(1);
    const href = await link.getAttribute('href');
    const downloaded = await page.request.get(`${app.server.url}${href}`);
    expect(Buffer.from(await downloaded.body()).equals(pdf)).toBe(true);

    await card.getByRole('button', { name: '核实通过' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '核实：新城区 · 地区生产总值' });
    await dialog.getByLabel('核实说明').fill('与 2025 年统计年鉴第 36 页一致');
    await dialog.getByRole('button', { name: '核实通过' }).click();
    await card.getByText('与 2025 年统计年鉴第 36 页一致').waitFor();
    await expect(card.getByText('已核实').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('row').filter({ hasText: '新城区' }).getByLabel('已核实').count()).resolves.toBe(1);
    await page.context().close();
  });
});
