import { ApiError, authHeaders, notifyUnauthorized } from '../../api/client';

/** File types the server takes as evidence (platform/files.ts), by extension, and the largest size. */
export const EVIDENCE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'pdf', 'txt', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'ofd'];
export const EVIDENCE_ACCEPT = EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(',');
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** The file name of a Content-Disposition header, preferring RFC 5987 `filename*=UTF-8''…` over `filename="…"`. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/** Saves a blob under `name` through a temporary link. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** GETs `url` as a stream, calling `onProgress` with the bytes received so far; resolves to the whole body and its file name. */
export async function streamDownload(
  url: string,
  fallbackName: string,
  onProgress: (received: number) => void,
  signal?: AbortSignal,
): Promise<{ blob: Blob; name: string }> {
  const headers = authHeaders('GET');
  headers.Accept = '*/*';
  const response = await fetch(url, { credentials: 'same-origin', headers, signal });
  if (!response.ok) {
    if (response.status === 401) notifyUnauthorized();
    let message = `${response.status} ${response.statusText}`;
    let code = `http_${response.status}`;
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      if (body.error?.message) message = body.error.message;
      if (body.error?.code) code = body.error.code;
    } catch {
      // not JSON
    }
    throw new ApiError(response.status, code, message);
  }
  const name = filenameFromDisposition(response.headers.get('content-disposition'), fallbackName);
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  if (!response.body) {
    const blob = await response.blob();
    onProgress(blob.size);
    return { blob, name };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received);
  }
  return { blob: new Blob(chunks, { type }), name };
}

/** A byte count as KB or MB (1 decimal), for progress texts. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString()} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
