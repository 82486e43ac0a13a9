// Value lists of access control, declared once: the server's schemas and the web's pickers both read them.
// A values file imports nothing, so the web can import it without server code.

/** Roles in Shiji (三员分立 plus the business roles). */
export const ROLES = ['sysadmin', 'secadmin', 'auditor', 'leader', 'discipline', 'organization', 'inspector', 'handler', 'deputy'] as const;

/** Data scopes: the user's own org, its subtree, or everything in the tenant. */
export const SCOPES = ['own', 'subtree', 'all'] as const;
