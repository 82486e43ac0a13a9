import type { ItemCategory, ItemSource, ItemStatus } from './ledger.rules.js';

/** zh-CN names of the sources (GLOSSARY.md), used in Excel columns and import. */
export const SOURCE_LABELS: Record<ItemSource, string> = {
  self_inspection: '自查自纠',
  self_review: '对照检视',
  supervision: '监督检查',
  special_inspection: '专项督查',
  random_check: '随机抽查',
  inspection_tour: '巡视巡察',
  audit: '审计',
  statistics: '统计',
  finance: '财政',
  petition: '信访',
  hotline: '12345热线',
  public_report: '群众举报',
  survey: '调研',
  enterprise_visit: '企业走访',
  assessment_feedback: '考核反馈',
  integrity_check: '数据核查',
};

/** zh-CN names of the categories (GLOSSARY.md). */
export const CATEGORY_LABELS: Record<ItemCategory, string> = {
  image_project: '形象工程',
  vanity_project: '政绩工程',
  face_project: '面子工程',
  unfinished_project: '半拉子工程',
  fake_achievement: '虚假政绩',
  paper_achievement: '数字政绩',
  statistical_fraud: '统计造假',
  reckless_debt: '盲目举债',
  illegal_financing: '违规融资担保',
  legacy_neglect: '新官不理旧账',
  formalism: '形式主义',
  bureaucratism: '官僚主义',
  inaction: '不作为',
  misconduct: '乱作为',
  sham_action: '假作为',
  showcase_building: '堆盆景造亮点',
  business_environment: '损害营商环境',
  digital_formalism: '指尖上的形式主义',
  corruption: '利益输送/腐败',
  livelihood_request: '民生诉求',
  other: '其他',
};

/** zh-CN names of the states. */
export const STATUS_LABELS: Record<ItemStatus, string> = {
  submitted: '待交办',
  assigned: '已交办',
  claimed: '已领题',
  rectifying: '整改中',
  closure_requested: '待销号',
  closed: '已销号',
  returned: '已退回',
  rejected: '不予受理',
  reopened: '重新整改',
  merged: '已合并',
};

/** zh-CN names of the lights and closure outcomes. */
export const LIGHT_LABELS: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
export const OUTCOME_LABELS: Record<string, string> = { rectified: '整改到位', partly_rectified: '部分整改', not_rectifiable: '无法整改' };
