import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from './db.js';
import { AppError } from './errors.js';
import { storedFiles } from './files.table.js';

/** File types accepted as evidence and imports: what offices scan, photograph and type. */
export const ALLOWED_TYPES: Record<string, string[]> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.ms-powerpoint': ['ppt'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/ofd': ['ofd'],
  'application/wps-office.docx': ['wps'],
};

/** Largest file accepted, bytes. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Checks a file's declared type against its name; refuses types not on the list, naming the field. */
export function checkFileType(fileName: string, mimeType: string, field = 'file'): void {
  const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
  const exts = ALLOWED_TYPES[mimeType];
  if (!exts || !exts.includes(ext)) throw new AppError('unsupported_media_type', { field, type: `${mimeType} (.${ext})` });
}

/** A stored file's metadata. */
export interface StoredFile {
  id: number;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

/** Stores a file's bytes in the database. */
export async function saveFile(
  db: Db,
  input: { tenantId: number; fileName: string; mimeType: string; content: Buffer; createdBy: number | null; now: Date },
): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const [row] = await db
    .insert(storedFiles)
    .values({
      tenantId: input.tenantId,
      fileName: input.fileName,
      mimeType: input.mimeType,
      size: input.content.length,
      sha256,
      content: input.content,
      createdBy: input.createdBy,
      createdAt: input.now,
    })
    .returning({
      id: storedFiles.id,
      fileName: storedFiles.fileName,
      mimeType: storedFiles.mimeType,
      size: storedFiles.size,
      sha256: storedFiles.sha256,
    });
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Reads a file's bytes (within a tenant). */
export async function readFile(
  db: Db,
  tenantId: number,
  id: number,
): Promise<(StoredFile & { content: Buffer; createdBy: number | null }) | undefined> {
  const [row] = await db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.id, id), eq(storedFiles.tenantId, tenantId)))
    .limit(1);
  return row;
}
