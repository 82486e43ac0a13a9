import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from './ledger.excel.js';
import { IMPORTED, REQUIRED } from './ledger.import.js';
import { CATEGORY_LABELS, SOURCE_LABELS } from './ledger.labels.js';

/** The import template: the 台账 columns (the system's own greyed), drop-down lists for 类别 and 来源, and a sheet of instructions. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Shiji 实绩';
  const sheet = workbook.addWorksheet('问题台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map(([header, width]) => ({ header, width }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  LEDGER_COLUMNS.forEach(([name], i) => {
    const cell = head.getCell(i + 1);
    const imported = (IMPORTED as readonly string[]).includes(name);
    const required = (REQUIRED as readonly string[]).includes(name);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: imported ? (required ? 'FFFFE699' : 'FFDDEBF7') : 'FFD9D9D9' } };
    if (!imported) cell.note = '由系统生成，导入时忽略 / set by the system, ignored on import';
    else if (required) cell.note = '必填 / required';
  });
  const lists = workbook.addWorksheet('选项');
  lists.columns = [
    { header: '问题类别', width: 20 },
    { header: '问题来源', width: 16 },
  ];
  const categories = Object.values(CATEGORY_LABELS);
  const sources = Object.values(SOURCE_LABELS);
  for (let i = 0; i < Math.max(categories.length, sources.length); i += 1) lists.addRow([categories[i] ?? null, sources[i] ?? null]);
  const categoryColumn = LEDGER_COLUMNS.findIndex(([h]) => h === '类别') + 1;
  const sourceColumn = LEDGER_COLUMNS.findIndex(([h]) => h === '来源') + 1;
  for (let r = 2; r <= 2001; r += 1) {
    sheet.getCell(r, categoryColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`选项!$A$2:$A$${categories.length + 1}`],
      showErrorMessage: true,
      error: '请从下拉列表选择问题类别',
    };
    sheet.getCell(r, sourceColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`选项!$B$2:$B$${sources.length + 1}`],
      showErrorMessage: true,
      error: '请从下拉列表选择问题来源',
    };
  }
  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 16 }, { width: 90 }];
  const lines: [string, string][] = [
    ['列', '怎么填'],
    ['编号', '可不填，系统按年自动编号（WT-年份-六位序号）；迁移旧台账时可保留原编号，已存在的编号不能再次导入。'],
    ['问题', '必填，200 字以内。'],
    ['类别', '必填，从下拉列表选择（见“选项”表）。'],
    ['来源', '必填，从下拉列表选择（见“选项”表）。'],
    ['所涉单位', '必填，单位全称；同名单位写成“上级单位/本单位”，如“青山县/城关镇”。'],
    ['责任单位', '不填则同所涉单位。'],
    ['责任人、牵头领导', '干部姓名；同名时写成“单位/姓名”。'],
    ['整改措施', '每行一条（单元格内按 Alt+Enter 换行）；行尾写“（已完成）”表示已完成。'],
    ['时限', '日期，如 2027-03-31。'],
    ['其余列', '状态、红黄绿灯、督办次数、销号日期等由系统生成，导入时忽略；导入的问题均为“待交办”。'],
    ['校验', '先校验全部行：任何一行有错则一行也不导入，并给出标注了错误的文件供修改后重新导入。'],
  ];
  for (const line of lines) help.addRow(line);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
