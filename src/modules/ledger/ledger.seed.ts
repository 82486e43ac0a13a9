import { appendAudit } from '../../platform/audit.js';
import type { AppDeps } from '../../platform/context.js';
import { findUserByUsername } from '../org/org.repository.js';
import { orgsForSeed } from '../org/org.service.js';
import * as repo from './ledger.repository.js';
import { searchTerms } from './ledger.terms.js';
import { addDays, itemCode, type ItemCategory, type ItemSource, type ItemStatus } from './ledger.rules.js';
import { localDate } from '../../platform/time.js';
import { RECHECK_DAYS } from './ledger.service.js';

/** Problems drawn from the seed texts: [title template, category, source, measures]. `{org}` is the place. */
const TEMPLATES: [string, ItemCategory, ItemSource, string[]][] = [
  ['{org}村卫生室建成后无人坐诊', 'formalism', 'inspection_tour', ['落实乡村医生轮班坐诊制度', '公示坐诊时间和联系电话']],
  ['{org}文化广场修好后常年闲置', 'image_project', 'public_report', ['制定广场活动计划并每月组织群众文化活动', '移交村委会日常管护']],
  ['{org}民俗小镇开业半年门可罗雀、投资打水漂', 'vanity_project', 'audit', ['委托第三方评估项目存续价值', '制定盘活或止损方案并报批']],
  ['{org}新官不理旧账，信访积案久拖不决', 'legacy_neglect', 'petition', ['逐案明确包案领导', '建立积案化解台账，逐件销号']],
  [
    '{org}"刷白墙""摆盆景"迎接检查',
    'showcase_building',
    'random_check',
    ['停止突击粉刷，资金转用于村内道路维修', '对相关责任人进行提醒谈话'],
  ],
  ['{org}违规通过融资平台举债上项目', 'reckless_debt', 'finance', ['清理在建项目融资情况', '制定隐性债务化解计划']],
  ['{org}统计数据与用电量、税收明显背离', 'statistical_fraud', 'integrity_check', ['核查企业原始台账', '更正上报数据并说明原因']],
  ['{org}要求群众在多个APP重复打卡上报', 'digital_formalism', 'self_inspection', ['清理合并工作群和政务APP', '取消不必要的截图留痕要求']],
  ['{org}以"开会发文"代替落实，文件落实文件', 'formalism', 'self_review', ['梳理年度发文清单并压减', '对重点任务实行清单化督办']],
  ['{org}"半拉子工程"停工两年未处置', 'unfinished_project', 'special_inspection', ['摸清停工原因和资金缺口', '确定续建、转用或拆除方案']],
  ['{org}扶贫产业项目昙花一现', 'paper_achievement', 'survey', ['评估产业项目带贫效果', '调整扶持方式，建立长效联农带农机制']],
  ['{org}企业反映审批事项多头跑、时限长', 'business_environment', 'enterprise_visit', ['推行一窗受理、并联审批', '公开办理时限并接受监督']],
  ['{org}群众反映路灯损坏长期无人修', 'livelihood_request', 'hotline', ['一周内完成路灯维修', '建立路灯巡查机制']],
  ['{org}虚报招商引资到位资金', 'fake_achievement', 'statistics', ['逐项核实签约和到位资金', '更正统计口径']],
  ['{org}对群众诉求推诿扯皮、层层甩锅', 'bureaucratism', 'public_report', ['明确首问负责人', '限期答复并回访']],
];

const PLACES = [
  '青山镇',
  '石门镇',
  '柳河乡',
  '杨庄乡',
  '丰谷镇',
  '麦田镇',
  '双井乡',
  '禾田镇',
  '稻香镇',
  '云岭镇',
  '雾溪乡',
  '翠屏镇',
  '竹海乡',
  '清溪镇',
  '东关街道',
  '学府街道',
  '江岸街道',
];

/** Seeds a few hundred ledger items in every state over the demo orgs, with their timelines. */
export async function seedDemoLedger(deps: AppDeps, count = 240): Promise<number> {
  const now = deps.now();
  const today = localDate(now);
  const db = deps.database.db;
  const inspector = await findUserByUsername(db, 'inspector');
  const handler = await findUserByUsername(db, 'qingshan.handler');
  if (!inspector || !handler) return 0;
  const orgs = (await orgsForSeed(db)).filter((o) => o.level === 'township' || o.level === 'county' || o.level === 'department');
  let a = 20261202;
  const random = () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296;
  const statuses: ItemStatus[] = [
    'submitted',
    'assigned',
    'rectifying',
    'rectifying',
    'rectifying',
    'closure_requested',
    'closed',
    'closed',
    'closed',
    'returned',
    'rejected',
    'reopened',
  ];
  await db.transaction(async (tx) => {
    for (let i = 0; i < count; i += 1) {
      const [titleTemplate, category, source, measures] = TEMPLATES[i % TEMPLATES.length] as (typeof TEMPLATES)[number];
      const org = orgs[Math.floor(random() * orgs.length)];
      if (!org) break;
      const place = org.level === 'township' ? org.name : (PLACES[i % PLACES.length] ?? org.name);
      const status = statuses[Math.floor(random() * statuses.length)] as ItemStatus;
      const ageDays = Math.floor(random() * 300);
      const createdAt = new Date(now.getTime() - ageDays * 86_400_000);
      const created = localDate(createdAt);
      const deadline = addDays(created, 30 + Math.floor(random() * 150));
      const year = Number(created.slice(0, 4));
      const code = itemCode('problem', year, await repo.nextCodeNumber(tx, org.tenantId, 'WT', year));
      const isClosed = status === 'closed';
      const done =
        isClosed || status === 'closure_requested' ? measures.length : status === 'rectifying' ? Math.floor(random() * measures.length) : 0;
      const closedAt = isClosed
        ? new Date(Math.min(now.getTime(), createdAt.getTime() + (20 + Math.floor(random() * 160)) * 86_400_000))
        : null;
      const item = await repo.createItem(tx, {
        tenantId: org.tenantId,
        code,
        kind: 'problem',
        title: titleTemplate.replace('{org}', place),
        description: `${place}：${titleTemplate.replace('{org}', '')}。（演示数据）`,
        searchTerms: searchTerms(titleTemplate.replace('{org}', place)),
        category,
        source,
        severity: (['general', 'general', 'serious', 'minor', 'critical'] as const)[i % 5],
        orgId: org.id,
        responsibleOrgId: org.id,
        handlerUserId: status === 'submitted' || status === 'rejected' ? null : handler.id,
        assignerUserId: status === 'submitted' || status === 'rejected' ? null : inspector.id,
        status,
        isInPool: status === 'submitted' && i % 2 === 0,
        deadline,
        originalDeadline: deadline,
        measuresTotal: measures.length,
        measuresDone: done,
        urgeCount: status === 'rectifying' && random() < 0.3 ? 1 + Math.floor(random() * 3) : 0,
        closedAt,
        closureOutcome: isClosed ? (random() < 0.8 ? 'rectified' : 'partly_rectified') : null,
        reviewerUserId: isClosed ? inspector.id : null,
        rejectReason: status === 'rejected' ? '经核查不属于本单位职责范围，已转交相关部门' : null,
        recheckDue: isClosed && closedAt ? addDays(localDate(closedAt), RECHECK_DAYS) : null,
        reboundCount: status === 'reopened' ? 1 : 0,
        createdBy: inspector.id,
        createdAt,
        updatedAt: closedAt ?? createdAt,
      });
      if (item.recheckDue) await repo.createRecheck(tx, { tenantId: org.tenantId, itemId: item.id, dueDate: item.recheckDue });
      await repo.createMeasures(
        tx,
        measures.map((content, k) => ({
          tenantId: org.tenantId,
          itemId: item.id,
          content,
          dueDate: deadline,
          status: k < done ? 'done' : 'pending',
          completionNote: k < done ? '已完成，附现场照片和工作记录' : null,
          sortOrder: k,
          createdAt,
          updatedAt: createdAt,
        })),
      );
      await repo.createEvent(tx, {
        tenantId: org.tenantId,
        itemId: item.id,
        at: createdAt,
        actorId: inspector.id,
        actorName: inspector.displayName,
        action: 'submit',
        toStatus: 'submitted',
      });
      if (status !== 'submitted')
        await repo.createEvent(tx, {
          tenantId: org.tenantId,
          itemId: item.id,
          at: createdAt,
          actorId: inspector.id,
          actorName: inspector.displayName,
          action: status === 'rejected' ? 'reject' : 'assign',
          fromStatus: 'submitted',
          toStatus: status === 'rejected' ? 'rejected' : 'assigned',
        });
    }
    await appendAudit(tx, deps.crypto, {
      actorId: null,
      actorName: 'system',
      action: 'seed.ledger',
      targetType: 'ledger_item',
      targetId: null,
      outcome: 'success',
      detail: { items: count, today },
      at: now,
    });
  });
  return count + (await seedDemoLedgerHistory(deps));
}

/** One problem of last year's ledger, as the year-end assessment reads it: dates in Shanghai time. */
interface HistoricItem {
  org: string;
  title: string;
  category: ItemCategory;
  source: ItemSource;
  severity: 'general' | 'serious' | 'critical';
  created: string;
  deadline: string;
  /** Closed on this day (rectified); absent while open at year end. */
  closed?: string;
  /** A 回头看 on this day found it had come back (反弹), and it was reopened. */
  rebound?: string;
  status: ItemStatus;
  measures: string[];
}

/**
 * Problems of 2025 on the agricultural counties, so the demo's 2025 assessment has deductions to explain: verified
 * 统计造假 and 虚报政绩, items still red at year end, and a problem that came back at its 回头看.
 */
const HISTORY: HistoricItem[] = [
  {
    org: '东阳市',
    title: '东阳市地区生产总值增速与用电量、税收明显背离，虚报统计数据',
    category: 'statistical_fraud',
    source: 'integrity_check',
    severity: 'serious',
    created: '2025-08-12',
    deadline: '2025-10-31',
    closed: '2025-10-28',
    status: 'closed',
    measures: ['核查规上企业原始台账', '更正上报数据并向市统计局说明原因'],
  },
  {
    org: '平川县',
    title: '平川县虚报招商引资到位资金 3.2 亿元',
    category: 'fake_achievement',
    source: 'audit',
    severity: 'serious',
    created: '2025-05-09',
    deadline: '2025-08-31',
    closed: '2025-09-20',
    status: 'closed',
    measures: ['逐项核实签约和到位资金', '更正统计口径并通报'],
  },
  {
    org: '平川县',
    title: '平川县工业增加值与企业用电量背离，数据待核实',
    category: 'statistical_fraud',
    source: 'integrity_check',
    severity: 'serious',
    created: '2025-10-15',
    deadline: '2025-12-15',
    status: 'rectifying',
    measures: ['调取企业电费和增值税发票', '逐企核对产值'],
  },
  {
    org: '丰谷县',
    title: '丰谷县农贸市场改造“半拉子工程”停工一年未处置',
    category: 'unfinished_project',
    source: 'special_inspection',
    severity: 'general',
    created: '2025-03-01',
    deadline: '2025-10-31',
    closed: '2026-03-10',
    status: 'closed',
    measures: ['摸清停工原因和资金缺口', '确定续建方案并开工'],
  },
  {
    org: '青山县',
    title: '青山县信访积案久拖不决，新官不理旧账',
    category: 'legacy_neglect',
    source: 'petition',
    severity: 'critical',
    created: '2025-04-20',
    deadline: '2025-09-30',
    status: 'rectifying',
    measures: ['逐案明确包案领导', '建立积案化解台账，逐件销号'],
  },
  {
    org: '禾田县',
    title: '禾田县村级“文化广场”整改后再度闲置',
    category: 'image_project',
    source: 'public_report',
    severity: 'general',
    created: '2025-01-10',
    deadline: '2025-03-31',
    rebound: '2025-06-28',
    status: 'reopened',
    measures: ['制定广场活动计划并每月组织群众文化活动', '移交村委会日常管护'],
  },
];

/** Shanghai midnight of a day, plus hours. */
const at = (day: string, hours = 10) => new Date(`${day}T${String(hours).padStart(2, '0')}:00:00+08:00`);

/** Seeds last year's problems of the demo counties (see HISTORY); 0 when the demo orgs are not there. */
export async function seedDemoLedgerHistory(deps: AppDeps): Promise<number> {
  const db = deps.database.db;
  const inspector = await findUserByUsername(db, 'inspector');
  const handler = await findUserByUsername(db, 'qingshan.handler');
  const byName = new Map((await orgsForSeed(db)).map((o) => [o.name, o]));
  if (!inspector || !handler) return 0;
  let n = 0;
  await db.transaction(async (tx) => {
    for (const h of HISTORY) {
      const org = byName.get(h.org);
      if (!org) continue;
      const createdAt = at(h.created);
      const year = Number(h.created.slice(0, 4));
      const code = itemCode('problem', year, await repo.nextCodeNumber(tx, org.tenantId, 'WT', year));
      // A rebound: it was closed a week after its deadline, came back at the 回头看, and was reopened.
      const firstClosed = h.rebound ? addDays(h.deadline, 7) : h.closed;
      const closedAt = h.closed ? at(h.closed, 16) : null;
      const done = h.status === 'closed' ? h.measures.length : h.status === 'reopened' ? 0 : 1;
      const item = await repo.createItem(tx, {
        tenantId: org.tenantId,
        code,
        kind: 'problem',
        title: h.title,
        description: `${h.title}。（演示数据）`,
        searchTerms: searchTerms(h.title),
        category: h.category,
        source: h.source,
        severity: h.severity,
        orgId: org.id,
        responsibleOrgId: org.id,
        handlerUserId: handler.id,
        assignerUserId: inspector.id,
        status: h.status,
        isInPool: false,
        deadline: h.deadline,
        originalDeadline: h.deadline,
        measuresTotal: h.measures.length,
        measuresDone: done,
        urgeCount: h.status === 'rectifying' ? 2 : 0,
        closedAt,
        closureOutcome: closedAt ? 'rectified' : null,
        reviewerUserId: closedAt || h.rebound ? inspector.id : null,
        rejectReason: null,
        recheckDue: closedAt ? addDays(localDate(closedAt), RECHECK_DAYS) : null,
        reboundCount: h.rebound ? 1 : 0,
        createdBy: inspector.id,
        createdAt,
        updatedAt: h.rebound ? at(h.rebound, 16) : (closedAt ?? createdAt),
      });
      await repo.createMeasures(
        tx,
        h.measures.map((content, k) => ({
          tenantId: org.tenantId,
          itemId: item.id,
          content,
          dueDate: h.deadline,
          status: k < done ? 'done' : 'pending',
          completionNote: k < done ? '已完成，附工作记录' : null,
          sortOrder: k,
          createdAt,
          updatedAt: createdAt,
        })),
      );
      const event = (day: Date, action: string, fromStatus: ItemStatus | null, toStatus: ItemStatus, comment?: string) =>
        repo.createEvent(tx, {
          tenantId: org.tenantId,
          itemId: item.id,
          at: day,
          actorId: inspector.id,
          actorName: inspector.displayName,
          action,
          fromStatus,
          toStatus,
          ...(comment ? { comment } : {}),
        });
      await event(createdAt, 'submit', null, 'submitted');
      await event(createdAt, 'assign', 'submitted', 'assigned');
      if (closedAt) await event(closedAt, 'close', 'closure_requested', 'closed', '整改到位，予以销号');
      if (closedAt && item.recheckDue) await repo.createRecheck(tx, { tenantId: org.tenantId, itemId: item.id, dueDate: item.recheckDue });
      if (h.rebound && firstClosed) {
        await event(at(firstClosed, 16), 'close', 'closure_requested', 'closed', '整改到位，予以销号');
        await repo.createRecheck(tx, {
          tenantId: org.tenantId,
          itemId: item.id,
          dueDate: addDays(firstClosed, RECHECK_DAYS),
          result: 'rebound',
          note: '回头看发现广场再度闲置，问题反弹',
          checkedBy: inspector.id,
          checkedAt: at(h.rebound, 15),
        });
        await event(at(h.rebound, 16), 'reopen', 'closed', 'reopened', '回头看发现问题反弹，重新整改');
      }
      n++;
    }
  });
  return n;
}
