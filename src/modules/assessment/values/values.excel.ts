/**
 * Figures in and out of Excel (数据填报): the fill-in template of the caller's units × a scheme's indicators, with the
 * figures already in the system filled in. Its import is commands/import-values.ts.
 */
import { timeZone } from '../../../platform/time.js';
import { exportStamp, printLayout } from '../../../platform/xlsx.js';
import ExcelJS from 'exceljs';
import type { AppDeps } from '../../../platform/context.js';
import type { Principal } from '../../../platform/http.js';
import { valueGrid } from './values.queries.js';

/** The header of the column naming the unit of each row. */
export const ORG_COLUMN = '单位';

/** The header of an indicator column: name, unit and the code the import reads back. */
function indicatorHeader(ind: { name: string; unit: string; code: string }): string {
  return `${ind.name}${ind.unit ? `（${ind.unit}）` : ''}[${ind.code}]`;
}

/** The fill-in template: the caller's units × the scheme's indicators, with the figures already in the system. */
export async function valuesTemplate(
  deps: AppDeps,
  principal: Principal,
  query: { year: number; schemeId?: number | undefined },
): Promise<Buffer> {
  const grid = await valueGrid(deps, principal, query);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Shiji 实绩';
  const sheet = workbook.addWorksheet(`${query.year}年考核数据`, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }],
    ...printLayout({
      title: `${query.year}年考核数据`,
      details: [
        `单位 ${grid.orgs.length} 个，指标 ${grid.indicators.length} 项`,
        `导出：${exportStamp(deps.now(), timeZone())} ${principal.displayName}`,
      ],
    }),
  });
  sheet.columns = [
    { header: ORG_COLUMN, width: 18 },
    ...grid.indicators.map((ind) => ({ header: indicatorHeader(ind), width: Math.max(14, Math.min(30, ind.name.length * 2 + 6)) })),
  ];
  sheet.getRow(1).font = { bold: true };
  grid.indicators.forEach((ind, i) => {
    const cell = sheet.getRow(1).getCell(i + 2);
    cell.note = `${ind.visibility === 'latent' ? '潜绩' : '显绩'}，${ind.direction === 'lower_better' ? '逆向（越小越好）' : '正向（越大越好）'}；数据来源：${ind.dataSource || '—'}`;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: ind.visibility === 'latent' ? 'FFE2EFDA' : 'FFDDEBF7' } };
  });
  const byCell = new Map(grid.cells.map((c) => [`${c.orgId}:${c.indicatorId}`, c.value]));
  for (const org of grid.orgs) sheet.addRow([org.name, ...grid.indicators.map((ind) => byCell.get(`${org.id}:${ind.id}`) ?? null)]);
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 14 }, { width: 90 }];
  for (const line of [
    ['列', '怎么填'],
    ['单位', '本单位及下级单位的全称，已列出，请勿改名。'],
    ['指标列', '填数字（可带千分位逗号）；留空表示本次不填、不改已有数据。列名末尾的 [代码] 用于识别指标，请勿修改。'],
    ['已有数据', '系统中已有的数据已填入，一个数只填一次，各类报表直接取用（一表同享）。'],
    ['校验', '导入前逐格检查：任何一格有错则一格也不导入，并给出标注了错误的文件供修改后重新导入；可先点“校验”只检查不写入。'],
  ])
    help.addRow(line);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
