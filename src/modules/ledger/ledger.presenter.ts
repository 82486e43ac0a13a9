// Row → API shape: the ledger's records as the contract (ledger.contract.ts) presents them. No I/O: names come in.
import { localDate } from '../../platform/time.js';
import type { TItemDetail, TItemSummary, TLedgerStats, TMeasure, TSimilarItem } from './ledger.contract.js';
import type { EventRow, EvidenceRow, ExtensionRow, ItemRow, MeasureRow, RecheckRow } from './ledger.repository.js';
import type { CountsByColumn, Headline, MonthCount } from './ledger.stats.repository.js';
import { lightOf, WARN_DAYS, type ItemStatus } from './ledger.rules.js';

/** Names of the orgs and people a page of items refers to. */
export interface ItemNames {
  orgs: Map<number, string>;
  persons: Map<number, string>;
}

/** One item as a list shows it: its light from the list's SQL, or worked out for `today`. */
export function presentSummary(r: ItemRow & { light?: string | null }, names: ItemNames, today: string): TItemSummary {
  const { orgs, persons } = names;
  return {
    id: r.id,
    code: r.code,
    kind: r.kind as TItemSummary['kind'],
    title: r.title,
    category: r.category as TItemSummary['category'],
    source: r.source as TItemSummary['source'],
    severity: r.severity as TItemSummary['severity'],
    status: r.status as ItemStatus,
    light:
      r.light !== undefined
        ? (r.light as TItemSummary['light'])
        : lightOf(
            {
              status: r.status as ItemStatus,
              deadline: r.deadline,
              startedOn: localDate(r.createdAt),
              measuresTotal: r.measuresTotal,
              measuresDone: r.measuresDone,
            },
            today,
            WARN_DAYS,
          ),
    orgId: r.orgId,
    orgName: orgs.get(r.orgId) ?? '',
    responsibleOrgId: r.responsibleOrgId,
    responsibleOrgName: orgs.get(r.responsibleOrgId) ?? '',
    responsiblePersonId: r.responsiblePersonId,
    responsiblePersonName: r.responsiblePersonId ? (persons.get(r.responsiblePersonId) ?? null) : null,
    leadLeaderId: r.leadLeaderId,
    leadLeaderName: r.leadLeaderId ? (persons.get(r.leadLeaderId) ?? null) : null,
    handlerUserId: r.handlerUserId,
    deadline: r.deadline,
    originalDeadline: r.originalDeadline,
    isInPool: r.isInPool,
    urgeCount: r.urgeCount,
    closedAt: r.closedAt?.toISOString() ?? null,
    closureOutcome: r.closureOutcome as TItemSummary['closureOutcome'],
    measuresTotal: r.measuresTotal,
    measuresDone: r.measuresDone,
    confidentiality: r.confidentiality as TItemSummary['confidentiality'],
    tags: r.tags,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

/** A measure, with its owner's name. */
export function presentMeasure(m: MeasureRow & { evidenceCount: number }, names: Map<number, string>): TMeasure {
  return {
    id: m.id,
    content: m.content,
    ownerPersonId: m.ownerPersonId,
    ownerName: m.ownerPersonId ? (names.get(m.ownerPersonId) ?? null) : null,
    dueDate: m.dueDate,
    status: m.status as TMeasure['status'],
    completionNote: m.completionNote,
    isMilestone: m.isMilestone,
    evidenceCount: m.evidenceCount,
    version: m.version,
  };
}

/** What the detail adds to the summary, loaded by the query. */
export interface DetailParts {
  measures: (MeasureRow & { evidenceCount: number })[];
  ownerNames: Map<number, string>;
  events: EventRow[];
  extensions: ExtensionRow[];
  evidence: EvidenceRow[];
  rechecks: RecheckRow[];
  checkerNames: Map<number, string>;
  links: TItemDetail['links'];
  similar: TSimilarItem[];
  mayLink: boolean;
  editable: boolean;
  allowedActions: TItemDetail['allowedActions'];
}

/** One item with its four lists, timeline, comments, rechecks, extensions, evidence, links and the caller's steps. */
export function presentDetail(item: ItemRow, summary: TItemSummary, p: DetailParts): TItemDetail {
  return {
    ...summary,
    description: item.description,
    confidentiality: item.confidentiality as TItemDetail['confidentiality'],
    isLongTerm: item.isLongTerm,
    tags: item.tags,
    externalRef: item.externalRef,
    closureNote: item.closureNote,
    rejectReason: item.rejectReason,
    reviewerUserId: item.reviewerUserId,
    measures: p.measures.map((m) => presentMeasure(m, p.ownerNames)),
    events: p.events
      .filter((e) => e.action !== 'comment')
      .map((e) => ({
        at: e.at.toISOString(),
        actorName: e.actorName,
        action: e.action,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        comment: e.comment,
      })),
    comments: p.events
      .filter((e) => e.action === 'comment')
      .map((e) => ({ id: e.id, at: e.at.toISOString(), authorName: e.actorName, body: e.comment ?? '' })),
    rechecks: p.rechecks.map((r) => ({
      id: r.id,
      dueDate: r.dueDate,
      result: r.result as 'consolidated' | 'rebound' | null,
      note: r.note,
      checkedAt: r.checkedAt?.toISOString() ?? null,
      checkedByName: r.checkedBy ? (p.checkerNames.get(r.checkedBy) ?? null) : null,
    })),
    mayLink: p.mayLink,
    extensions: p.extensions.map((e) => ({
      id: e.id,
      requestedAt: e.requestedAt.toISOString(),
      oldDeadline: e.oldDeadline,
      newDeadline: e.newDeadline,
      reason: e.reason,
      isLate: e.isLate,
      isLastMinute: e.isLastMinute,
      status: e.status as 'pending' | 'approved' | 'refused',
      decisionNote: e.decisionNote,
    })),
    recheckDue: item.recheckDue,
    reboundCount: item.reboundCount,
    evidence: p.evidence.map((e) => ({
      id: e.id,
      measureId: e.measureId,
      fileName: e.fileName,
      mimeType: e.mimeType,
      size: e.size,
      sha256: e.sha256,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
    mergedIntoId: item.mergedIntoId,
    links: p.links,
    similar: p.similar,
    editable: p.editable,
    allowedActions: p.allowedActions,
  };
}

/** A duplicate suggestion. */
export function presentSimilar(
  c: Pick<ItemRow, 'id' | 'code' | 'title' | 'status' | 'responsibleOrgId'>,
  score: number,
  orgNames: Map<number, string>,
): TSimilarItem {
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    status: c.status as ItemStatus,
    responsibleOrgName: orgNames.get(c.responsibleOrgId) ?? '',
    score,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);
const labelled = (rows: { key: string; n: number }[], label: (k: string) => string) => rows.map((r) => ({ ...r, label: label(r.key) }));

/** The dashboard's figures from the stats queries; orgs are labelled by name. */
export function presentStats(
  headline: Headline,
  counts: CountsByColumn,
  redRaw: { key: string; n: number }[],
  monthly: MonthCount[],
  names: Map<number, string>,
): TLedgerStats {
  const { status: byStatus, category: byCategory, source: bySource, responsible_org_id: byOrgRaw } = counts;
  return {
    total: headline.total,
    open: headline.open,
    closed: headline.closed,
    red: headline.red,
    closureRate: ratio(headline.closed, headline.closed + headline.open),
    rectifiedRate: ratio(headline.rectified, headline.closed),
    urgeTotal: headline.urgeTotal,
    urgedItems: headline.urgedItems,
    byOutcome: [
      { key: 'rectified', label: 'rectified', n: headline.rectified },
      { key: 'partly_rectified', label: 'partly_rectified', n: headline.partlyRectified },
      { key: 'not_rectifiable', label: 'not_rectifiable', n: headline.notRectifiable },
    ],
    onTimeClosureRate: ratio(headline.closedOnTime, headline.closed),
    reboundRate: ratio(headline.rebounded, headline.everClosed),
    byStatus: labelled(byStatus, (k) => k),
    byCategory: labelled(byCategory, (k) => k),
    bySource: labelled(bySource, (k) => k),
    byOrg: labelled(byOrgRaw, (k) => names.get(Number(k)) ?? k),
    redByOrg: labelled(redRaw, (k) => names.get(Number(k)) ?? k),
    monthly,
  };
}
