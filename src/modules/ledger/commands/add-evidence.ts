import { appendAudit } from '../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { checkFileType, saveFile } from '../../../platform/files.js';
import type { TItemDetail } from '../ledger.contract.js';
import { getItem } from '../ledger.queries.js';
import * as repo from '../ledger.repository.js';
import { getScopedItem } from '../ledger.scope.js';
import { assertMayEditMeasures, eventBy } from './shared.js';

/** An uploaded evidence file, optionally of one measure. */
export interface AddEvidenceInput {
  fileName: string;
  mimeType: string;
  content: Buffer;
  measureId?: number | undefined;
  note?: string | undefined;
}

/** Attaches an evidence file to an item, or to one of its measures (整改佐证). */
export async function addEvidence(deps: AppDeps, actor: Actor, itemId: number, input: AddEvidenceInput): Promise<TItemDetail> {
  checkFileType(input.fileName, input.mimeType);
  if (input.content.length === 0) throw new AppError('validation', { field: 'file', reason: 'reason.required' });
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const item = await getScopedItem(tx, actor.principal, itemId);
    assertMayEditMeasures(actor.principal, item);
    if (input.measureId !== undefined && !(await repo.findMeasures(tx, itemId)).some((m) => m.id === input.measureId))
      throw new AppError('validation', { field: 'measureId', reason: 'reason.invalid' });
    const file = await saveFile(tx, {
      tenantId: item.tenantId,
      fileName: input.fileName,
      mimeType: input.mimeType,
      content: input.content,
      createdBy: actor.principal.userId,
      now,
    });
    const evidence = await repo.createEvidence(tx, {
      tenantId: item.tenantId,
      itemId,
      measureId: input.measureId ?? null,
      fileId: file.id,
      fileName: file.fileName,
      mimeType: file.mimeType,
      size: file.size,
      sha256: file.sha256,
      note: input.note ?? null,
      uploadedBy: actor.principal.userId,
      createdAt: now,
    });
    await repo.createEvent(
      tx,
      eventBy(actor, now, item, 'evidence.add', {
        comment: file.fileName,
        detail: { evidenceId: evidence.id, measureId: input.measureId ?? null },
      }),
    );
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'ledger.evidence.add',
        { type: 'ledger_evidence', id: evidence.id },
        { itemId, fileName: file.fileName, sha256: file.sha256, size: file.size },
      ),
    );
  });
  return getItem(deps, actor.principal, itemId);
}
