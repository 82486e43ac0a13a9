import { appendAudit } from '../../platform/audit.js';
import type { AppDeps } from '../../platform/context.js';
import { findUserBriefByUsername, orgsForSeed, peopleForSeed } from '../org/index.js';
import * as repo from './ledger.repository.js';
import { searchTerms } from './ledger.terms.js';
import { addDays, itemCode, RECHECK_DAYS, type ItemCategory, type ItemSource, type ItemStatus } from './ledger.rules.js';
import { localDate } from '../../platform/time.js';
import { seedDemoLedgerHistory } from './ledger.history.seed.js';

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
  const inspector = await findUserBriefByUsername(db, 'inspector');
  const handler = await findUserBriefByUsername(db, 'qingshan.handler');
  if (!inspector || !handler) return 0;
  const orgs = (await orgsForSeed(db)).filter((o) => o.level === 'township' || o.level === 'county' || o.level === 'department');
  // 责任人 and 牵头领导 of each org: a cadre of the org, and its principal (一把手) when it has one.
  const staff = new Map<number, { responsible: number | null; lead: number | null }>();
  for (const p of await peopleForSeed(db, orgs[0]?.tenantId ?? 0)) {
    const entry = staff.get(p.orgId) ?? { responsible: null, lead: null };
    if (p.isPrincipal) entry.lead ??= p.id;
    else entry.responsible ??= p.id;
    staff.set(p.orgId, entry);
  }
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
        responsiblePersonId: staff.get(org.id)?.responsible ?? staff.get(org.id)?.lead ?? null,
        leadLeaderId: staff.get(org.id)?.lead ?? null,
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
