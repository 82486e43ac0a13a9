import type { AppDeps } from '../../platform/context.js';
import { findUserBriefByUsername, orgsForSeed } from '../org/index.js';
import * as repo from './ledger.repository.js';
import { addDays, itemCode, RECHECK_DAYS, type ItemCategory, type ItemSource, type ItemStatus } from './ledger.rules.js';
import { searchTerms } from './ledger.terms.js';
import { localDate } from '../../platform/time.js';

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
  const inspector = await findUserBriefByUsername(db, 'inspector');
  const handler = await findUserBriefByUsername(db, 'qingshan.handler');
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
