import type { Actor, AppDeps } from '../../../../platform/context.js';
import { translate, type Locale } from '../../../../platform/i18n.js';
import { createItem } from '../../../ledger/index.js';
import { requireAct } from '../../assessment.policy.js';
import { getOrgResult } from '../results.queries.js';

/** Whose result goes on the ledger, and the item's title, description and deadline when the caller sets them. */
export interface FeedbackToLedgerInput {
  schemeId: number;
  orgId: number;
  title?: string | undefined;
  description?: string | undefined;
  deadline?: string | undefined;
  locale: Locale;
}

/** 以考促改: turns one org's result into a ledger item (source assessment_feedback) naming its weakest lines. */
export async function feedbackToLedger(
  deps: AppDeps,
  actor: Actor,
  input: FeedbackToLedgerInput,
): Promise<{ itemId: number; code: string }> {
  requireAct(actor.principal, 'feed_back');
  const { schemeId, orgId, locale } = input;
  const result = await getOrgResult(deps, actor.principal, { schemeId, orgId }, locale);
  const weakest = [...result.lines]
    .filter((l) => l.subScore !== null)
    .sort((a, b) => (a.subScore ?? 0) - (b.subScore ?? 0))
    .slice(0, 3);
  const zh = locale !== 'en-US';
  const title =
    input.title ??
    (zh
      ? `${result.year}年度考核反馈：${result.name}（排名第${result.rank}/${result.of}）`
      : `${result.year} assessment feedback: ${result.name} (rank ${result.rank}/${result.of})`);
  const lines = weakest.map((l) => `${l.name}：${l.subScore ?? 0}分（${l.explanation.text}）`);
  const deductions = result.deductions
    .filter((d) => d.points > 0)
    .map((d) => `${translate(locale, `assessment.deduction.${d.kind}`, {})} ${d.count} → -${d.points}`);
  const description =
    input.description ??
    [
      zh
        ? `综合得分 ${result.total}，等次 ${translate(locale, `assessment.grade.${result.grade}`, {})}。`
        : `Total ${result.total}, grade ${result.grade}.`,
      ...lines,
      ...deductions,
    ].join('\n');
  // The ledger writes the item in its own transaction and audit entry.
  const item = await createItem(deps, actor, {
    kind: 'problem',
    title: title.slice(0, 200),
    description: description.slice(0, 5000),
    category: 'other',
    source: 'assessment_feedback',
    orgId,
    ...(input.deadline ? { deadline: input.deadline } : {}),
    externalRef: `ASM-${schemeId}-${orgId}`,
  });
  return { itemId: item.id, code: item.code };
}
