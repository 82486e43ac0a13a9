/** Strings of the ledger dashboard (台账统计), spread into the zh-CN and en-US dictionaries in i18n.ts. */
export const zh = {
  'menu.ledgerDashboard': '台账统计',

  'dashboard.title': '问题台账统计',
  'dashboard.orgFilter': '全部单位（可选择下级范围）',
  'dashboard.scopeHint': '统计范围：{org}及下级单位',
  'dashboard.scopeAll': '统计范围：本人可见的全部单位',
  'dashboard.loadFailed': '统计数据加载失败',
  'dashboard.clickHint': '点击图形可查看对应问题清单',

  'dashboard.total': '问题总数',
  'dashboard.open': '未销号',
  'dashboard.closed': '已销号',
  'dashboard.red': '红灯',
  'dashboard.closureRate': '销号率',
  'dashboard.onTimeClosureRate': '按期销号率',
  'dashboard.reboundRate': '回头看反弹率',
  'dashboard.closureRateHint': '已销号 ÷（已销号 + 未销号）',
  'dashboard.onTimeClosureRateHint': '按期销号 ÷ 已销号',
  'dashboard.reboundRateHint': '回头看反弹 ÷ 曾销号',

  'dashboard.byStatus': '按状态',
  'dashboard.byCategory': '按问题类别',
  'dashboard.bySource': '按问题来源',
  'dashboard.byOrg': '按责任单位（前 15）',
  'dashboard.redByOrg': '红灯问题（按责任单位，前 15）',
  'dashboard.monthly': '月度趋势（近 12 个月）',

  'dashboard.view.chart': '图表',
  'dashboard.view.table': '表格',

  'dashboard.col.name': '名称',
  'dashboard.col.count': '数量',
  'dashboard.col.share': '占比',
  'dashboard.col.month': '月份',
  'dashboard.col.sum': '合计',
  'dashboard.created': '新增',
  'dashboard.closedMonthly': '销号',
  'dashboard.noRed': '暂无红灯问题',
};

/** English strings of the ledger dashboard, one for each key of `zh`. */
export const en: Record<keyof typeof zh, string> = {
  'menu.ledgerDashboard': 'Ledger statistics',

  'dashboard.title': 'Issue ledger statistics',
  'dashboard.orgFilter': 'All units (pick a subtree)',
  'dashboard.scopeHint': 'Scope: {org} and its subordinate units',
  'dashboard.scopeAll': 'Scope: all units you may see',
  'dashboard.loadFailed': 'Could not load the statistics',
  'dashboard.clickHint': 'Click a chart element to open the matching items',

  'dashboard.total': 'Total issues',
  'dashboard.open': 'Open',
  'dashboard.closed': 'Closed',
  'dashboard.red': 'Red light',
  'dashboard.closureRate': 'Closure rate',
  'dashboard.onTimeClosureRate': 'On-time closure rate',
  'dashboard.reboundRate': 'Rebound rate (review)',
  'dashboard.closureRateHint': 'Closed ÷ (closed + open)',
  'dashboard.onTimeClosureRateHint': 'Closed by the deadline ÷ closed',
  'dashboard.reboundRateHint': 'Rebounded at review ÷ ever closed',

  'dashboard.byStatus': 'By status',
  'dashboard.byCategory': 'By category',
  'dashboard.bySource': 'By source',
  'dashboard.byOrg': 'By responsible unit (top 15)',
  'dashboard.redByOrg': 'Red-light issues by unit (top 15)',
  'dashboard.monthly': 'Monthly trend (last 12 months)',

  'dashboard.view.chart': 'Chart',
  'dashboard.view.table': 'Table',

  'dashboard.col.name': 'Name',
  'dashboard.col.count': 'Count',
  'dashboard.col.share': 'Share',
  'dashboard.col.month': 'Month',
  'dashboard.col.sum': 'Total',
  'dashboard.created': 'Created',
  'dashboard.closedMonthly': 'Closed',
  'dashboard.noRed': 'No red-light issues',
};
