// The org module's front door: organisations, people, users, sign-in and the access policy every module checks.
// Other modules and the app import org only from here.
export * from './org.contract.js';
export { ADMIN_ROLES, can, inScope, PERMISSIONS, permissionsOf, type Permission } from './org.policy.js';
export {
  authorize,
  isOrgInScope,
  orgNames,
  orgPathOf,
  orgScopeCondition,
  orgsForSeed,
  personNames,
  requireScopedOrg,
  requireScopedPerson,
  userNames,
} from './org.service.js';
export * from './org.queries.js';
export { assertPasswordAcceptable, authenticate } from './auth.service.js';
export { DEMO_ACCOUNTS, DEMO_CITY, hasDemoCity, isEmpty, seedDemo, seedRoot } from './org.seed.js';
export { createUserFromCli, type CliRefusal, type CreateUserFromCliOptions } from './commands/create-user-from-cli.js';
export { rescueAccount, type RescueOptions } from './commands/rescue-account.js';
export { registerOrgRoutes } from './org.routes.js';
export { registerUserRoutes } from './user.routes.js';
