// The org module's value lists, declared once (imports nothing; the web reads them too).

/** Levels of the organisation tree. */
export const ORG_LEVELS = ['province', 'city', 'county', 'township', 'village', 'department'] as const;

/** Functional zones (功能区类型) that drive differentiated assessment. */
export const ORG_ZONES = ['urban_core', 'agricultural_county', 'ecological_zone', 'development_zone', 'agency'] as const;

/** What an administrator may do to an existing account (org.policy's mayActOnAccount decides). */
export const ACCOUNT_ACTS = ['update', 'set-role', 'lock', 'unlock', 'disable', 'enable', 'reset-password'] as const;
