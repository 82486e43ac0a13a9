import { appendAudit } from '../../../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../../../platform/context.js';
import { AppError } from '../../../../platform/errors.js';
import { checkFileType, saveFile } from '../../../../platform/files.js';
import type { TValueCell } from '../../assessment.contract.js';
import { requireAct } from '../../assessment.policy.js';
import { getFigure, requireFigure, type FigureKey } from '../values.queries.js';
import * as repo from '../values.repository.js';

/** The figure and the 佐证材料 file to attach to it. */
export interface AttachEvidenceInput {
  key: FigureKey;
  file: { fileName: string; mimeType: string; content: Buffer };
}

/** Attaches 佐证材料 to a figure (replacing any earlier file); the file is kept, the figure points at it. */
export async function attachEvidence(deps: AppDeps, actor: Actor, input: AttachEvidenceInput): Promise<TValueCell> {
  requireAct(actor.principal, 'enter_figures');
  const { key, file } = input;
  checkFileType(file.fileName, file.mimeType);
  if (file.content.length === 0) throw new AppError('validation', { field: 'file', reason: 'reason.required' });
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const figure = await requireFigure(tx, actor.principal, key);
    const stored = await saveFile(tx, {
      tenantId: figure.tenantId,
      fileName: file.fileName,
      mimeType: file.mimeType,
      content: file.content,
      createdBy: actor.principal.userId,
      now,
    });
    await repo.setEvidence(tx, figure.id, stored.id, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'assessment.evidence.add',
        { type: 'assessment_value', id: figure.id },
        { ...key, fileName: stored.fileName, sha256: stored.sha256, size: stored.size },
      ),
    );
  });
  return getFigure(deps, actor.principal, key);
}
