import { createHash } from 'node:crypto';
import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import type { Principal } from '../../../platform/http.js';
import type { Locale } from '../../../platform/i18n.js';
import { localYear } from '../../../platform/time.js';
import { ImportRefused, markErrors, saveImportErrorFile } from '../../../platform/xlsx.js';
import { orgsForImport, peopleForImport } from '../../org/index.js';
import { LEDGER_COLUMNS } from '../ledger.excel.js';
import {
  buildLookups,
  checkRows,
  CODE_PATTERN,
  ImportProblems,
  type ImportError,
  type ImportResult,
  type ValidRow,
} from '../ledger.import.js';
import * as imports from '../ledger.import.repository.js';
import { maySubmit } from '../ledger.policy.js';
import { itemCode } from '../ledger.rules.js';
import { searchTerms } from '../ledger.terms.js';

/** How a file is imported. */
export interface ImportLedgerOptions {
  /** Only check the rows; write nothing. */
  dryRun: boolean;
  /** The language of the refusals. */
  locale: Locale;
}

const ITEM_CHUNK = 5000;

/**
 * Checks every row of an uploaded 台账 file against the template, the code lists and the caller's
 * scope; when all are valid (and it is not a dry run) writes them in one transaction: items as
 * 待交办 with their measures and a submit event each, one audit entry for the file. Any error and
 * nothing is written: the errors come back with an annotated copy of the file.
 */
export async function importLedger(
  deps: AppDeps,
  actor: Actor,
  file: { fileName: string; content: Buffer },
  options: ImportLedgerOptions,
): Promise<ImportResult> {
  const { principal } = actor;
  if (!maySubmit(principal.role)) throw new AppError('forbidden');
  const db = deps.database.db;
  const lookups = buildLookups(await orgsForImport(db, principal), await peopleForImport(db, principal));
  const problems = new ImportProblems(options.locale);
  const { valid, codeRows } = await checkRows(file.content, lookups, problems, options.locale);
  // Codes already on the ledger (a file imported twice).
  const tenantId = valid[0]?.org.tenantId ?? principal.tenantId;
  for (const code of await imports.findTakenCodes(db, tenantId, [...codeRows.keys()]))
    problems.fail(codeRows.get(code) ?? 0, '编号', code, 'code_taken');
  if (problems.count > 0) {
    const errors = problems.errors.sort((a, b) => a.row - b.row);
    const errorFileId = await saveErrorFile(deps, principal, file, errors);
    throw new ImportRefused(errors, problems.count, errorFileId);
  }
  if (options.dryRun) return { dryRun: true, rows: valid.length, created: 0, codes: { first: null, last: null } };
  const codes = await writeRows(deps, actor, valid, {
    fileName: file.fileName,
    sha256: createHash('sha256').update(file.content).digest('hex'),
  });
  if (valid.length >= 1000) await imports.analyzeItems(db);
  return { dryRun: false, rows: valid.length, created: valid.length, codes };
}

/** Inserts the valid rows in one transaction, in multi-row statements. */
async function writeRows(
  deps: AppDeps,
  actor: Actor,
  rows: ValidRow[],
  file: { fileName: string; sha256: string },
): Promise<{ first: string | null; last: string | null }> {
  const now = deps.now();
  const year = localYear(now);
  const { principal } = actor;
  const tenantId = rows[0]?.org.tenantId ?? principal.tenantId;
  return deps.database.db.transaction(async (tx) => {
    // Codes: the file's own are kept and push the counters past them; the rest are drawn in one block per prefix.
    const highest = new Map<string, number>();
    for (const r of rows) {
      const m = r.code ? CODE_PATTERN.exec(r.code) : null;
      if (!m) continue;
      const key = `${m[1]}:${m[2]}`;
      highest.set(key, Math.max(highest.get(key) ?? 0, Number(m[3])));
    }
    for (const [key, last] of highest) {
      const [prefix = 'WT', y = '0'] = key.split(':');
      await imports.raiseCounter(tx, tenantId, prefix, Number(y), last);
    }
    for (const prefix of ['WT', 'RW'] as const) {
      const need = rows.filter((r) => !r.code && itemCode(r.kind, year, 0).startsWith(prefix));
      if (need.length === 0) continue;
      let next = (await imports.reserveCodeNumbers(tx, tenantId, prefix, year, need.length)) - need.length + 1;
      for (const r of need) r.code = itemCode(r.kind, year, next++);
    }
    const stamp = now.toISOString();
    for (let i = 0; i < rows.length; i += ITEM_CHUNK) {
      const chunk = rows.slice(i, i + ITEM_CHUNK);
      const inserted = await imports.insertItemRows(
        tx,
        chunk.map((r) => ({
          tenant_id: tenantId,
          code: r.code ?? '',
          kind: r.kind,
          title: r.title,
          description: '',
          category: r.category,
          source: r.source,
          org_id: r.org.id,
          responsible_org_id: r.responsible.id,
          responsible_person_id: r.responsiblePersonId,
          lead_leader_id: r.leadLeaderId,
          status: 'submitted',
          deadline: r.deadline,
          original_deadline: r.deadline,
          search_terms: searchTerms(r.title),
          measures_total: r.measures.length,
          measures_done: r.measures.filter((m) => m.done).length,
          extra: { importedFrom: file.fileName, importRow: r.row },
          created_by: principal.userId,
          created_at: stamp,
          updated_at: stamp,
        })),
      );
      const idOf = new Map(inserted.map((x) => [x.code, Number(x.id)]));
      await imports.insertMeasureRows(
        tx,
        chunk.flatMap((r) =>
          r.measures.map((m, order) => ({
            tenant_id: tenantId,
            item_id: idOf.get(r.code ?? '') ?? 0,
            content: m.content,
            status: m.done ? 'done' : 'pending',
            done_at: m.done ? stamp : null,
            sort_order: order,
            created_at: stamp,
            updated_at: stamp,
          })),
        ),
      );
      await imports.insertEventRows(
        tx,
        inserted.map((x) => ({
          tenant_id: tenantId,
          item_id: Number(x.id),
          at: stamp,
          actor_id: principal.userId,
          actor_name: principal.displayName,
          action: 'submit',
          to_status: 'submitted',
          comment: `导入：${file.fileName}`,
          detail: { import: file.sha256 },
        })),
      );
    }
    const first = rows[0]?.code ?? null;
    const last = rows[rows.length - 1]?.code ?? null;
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'ledger.import',
        { type: 'ledger_import', id: null },
        { fileName: file.fileName, sha256: file.sha256, rows: rows.length, first, last },
      ),
    );
    return { first, last };
  });
}

/** An annotated copy of the refused file, kept for the caller to download; null when it cannot be made. */
async function saveErrorFile(
  deps: AppDeps,
  principal: Principal,
  file: { fileName: string; content: Buffer },
  errors: ImportError[],
): Promise<number | null> {
  const content = await markErrors(file.content, errors, {
    sheetName: '导入错误',
    widthOf: (header) => LEDGER_COLUMNS.find(([h]) => h === header)?.[1] ?? 14,
  });
  if (!content) return null;
  return saveImportErrorFile(deps, principal, file.fileName, content);
}
