import { translate, type Locale } from './i18n.js';

/** The closed set of error codes, each with its HTTP status. */
export const ERROR_STATUS = {
  validation: 400,
  invalid_json: 400,
  invalid_config: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  account_locked: 423,
  login_throttled: 429,
  account_disabled: 403,
  password_expired: 403,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  cycle: 409,
  version_conflict: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  weak_password: 422,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const;

/** One of the codes the API may answer with. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Extra facts carried by an error: the field at fault and message parameters. */
export interface ErrorParams {
  field?: string;
  [param: string]: string | number | undefined;
}

/** Codes whose message names a reason when one is given (`error.<code>.reason`). */
const WITH_REASON = new Set<ErrorCode>(['forbidden']);
const messageKey = (code: ErrorCode, params: ErrorParams) =>
  WITH_REASON.has(code) && params.reason !== undefined ? `error.${code}.reason` : `error.${code}`;

/** The one error type of Shiji: a code from the closed set, an optional field, message parameters. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(translate('en-US', messageKey(code, params), params));
    this.code = code;
    this.params = params;
  }

  /** HTTP status for this error. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The field at fault, when one is. */
  get field(): string | undefined {
    return this.params.field;
  }

  /** JSON body `{"error":{code,message,field?}}` in the caller's locale. */
  toBody(locale: Locale): { error: { code: ErrorCode; message: string; field?: string } } {
    const body: { code: ErrorCode; message: string; field?: string } = {
      code: this.code,
      message: translate(locale, messageKey(this.code, this.params), this.params),
    };
    if (this.field !== undefined) body.field = this.field;
    return { error: body };
  }
}

/** Shorthand for the 404 every out-of-scope or missing record answers with. */
export function notFound(entity: string): AppError {
  return new AppError('not_found', { entity });
}
