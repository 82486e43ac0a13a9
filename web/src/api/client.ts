import { getLocale, translate } from '../i18n';
import { clearCache } from './cache';

/** An error answered by the API as `{"error":{"code","message","field"?}}`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Keeps the session's CSRF token (from login or /api/auth/me) in memory. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's current CSRF token, for requests made outside `request` (e.g. multipart uploads). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

/** Headers every request outside `request` (multipart uploads, streamed downloads) should carry: the locale and, for writes, the CSRF token. */
export function authHeaders(method: Method = 'GET'): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLocale() };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return headers;
}

/** Registers what to do when the session is gone (401 on anything but login). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** Query-string values; undefined, null and '' are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

/** HTTP verbs the client uses. */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; field?: string } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

/** Reports a 401 (session gone) to the registered handler, for requests made outside `request`. */
export function notifyUnauthorized(): void {
  onUnauthorized?.();
}

/** Reads an answer: the parsed JSON body, or throws ApiError (and reports a lost session). */
async function answer<T>(response: Response, path: string): Promise<T> {
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && path !== '/api/auth/login') onUnauthorized?.();
    if (isErrorBody(data)) throw new ApiError(response.status, data.error.code, data.error.message, data.error.field);
    throw new ApiError(response.status, `http_${response.status}`, `${response.status} ${response.statusText}`);
  }
  return data as T;
}

/** Calls the API and returns the parsed JSON answer; throws ApiError on failure. Any write empties the GET cache, whatever its outcome. */
export async function request<T>(method: Method, path: string, options: { body?: unknown; query?: Query } = {}): Promise<T> {
  if (method !== 'GET') clearCache();
  const locale = getLocale();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network', translate(locale, 'common.networkError'));
  }
  // Cleared again once the write is done, so a read that raced it is not kept.
  if (method !== 'GET') clearCache();
  return answer<T>(response, path);
}

/** POSTs a multipart form (text fields first, then the file, so the server reads the fields before the bytes); answers like `request`. */
export async function upload<T>(path: string, form: FormData, query?: Query): Promise<T> {
  clearCache();
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { method: 'POST', headers: authHeaders('POST'), credentials: 'same-origin', body: form });
  } catch {
    throw new ApiError(0, 'network', translate(getLocale(), 'common.networkError'));
  }
  clearCache();
  return answer<T>(response, path);
}

/** Typed shorthands for the API's verbs. */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
