import type { AnyColumn, SQL } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import { appendAudit } from '../../platform/audit.js';
import { auditBy, type Actor, type AppDeps } from '../../platform/context.js';
import type { Db } from '../../platform/db.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Principal } from '../../platform/http.js';
import type {
  TCreateOrgRequest,
  TCreatePersonRequest,
  TListPeopleQuery,
  TOrg,
  TPerson,
  TUpdateOrgRequest,
  TUpdatePersonRequest,
} from './org.contract.js';
import { can, inScope, type Permission } from './org.policy.js';
import * as repo from './org.repository.js';
import { childPath, maskContact, pathDepth, rebasePath, wouldCreateCycle } from './org.rules.js';

/** Refuses with 403 unless the caller's role carries the permission. */
export function authorize(principal: Principal, permission: Permission): void {
  if (!can(principal.role, permission)) throw new AppError('forbidden');
}

/** Presents an org row. */
export function presentOrg(row: repo.OrgRow): TOrg {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    code: row.code,
    level: row.level as TOrg['level'],
    zone: row.zone as TOrg['zone'],
    path: row.path,
    depth: row.depth,
    sortOrder: row.sortOrder,
    isActive: row.isActive,
    isDemo: row.isDemo,
    version: row.version,
  };
}

/** Presents a person row (contact masked). */
export function presentPerson(row: repo.PersonWithOrg): TPerson {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    name: row.name,
    nameInitials: row.nameInitials,
    position: row.position,
    rank: row.rank,
    isPrincipal: row.isPrincipal,
    contactMasked: row.contactMasked,
    isActive: row.isActive,
    version: row.version,
  };
}

/** An org the caller may see, or 404 (never another scope's data). */
export async function getScopedOrg(db: Db, principal: Principal, id: number): Promise<repo.OrgRow> {
  const row = await repo.findOrgById(db, id);
  if (!row || !inScope(principal, row.tenantId, row.path)) throw notFound('entity.org');
  return row;
}

/** Lists the orgs in the caller's scope. */
export async function listOrgs(
  deps: AppDeps,
  principal: Principal,
  filter: { includeInactive?: boolean | undefined; q?: string | undefined },
): Promise<TOrg[]> {
  authorize(principal, 'org.read');
  const rows = await repo.findOrgs(deps.database.db, principal, { includeInactive: filter.includeInactive ?? false, q: filter.q });
  return rows.map(presentOrg);
}

/** One org in scope. */
export async function getOrg(deps: AppDeps, principal: Principal, id: number): Promise<TOrg> {
  authorize(principal, 'org.read');
  return presentOrg(await getScopedOrg(deps.database.db, principal, id));
}

/** Creates an org under a parent in the caller's scope. */
export async function createOrg(deps: AppDeps, actor: Actor, input: TCreateOrgRequest): Promise<TOrg> {
  authorize(actor.principal, 'org.write');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const parent = await repo.findOrgById(tx, input.parentId);
    if (!parent || !inScope(actor.principal, parent.tenantId, parent.path))
      throw new AppError('validation', { field: 'parentId', reason: 'reason.invalid' });
    if (!parent.isActive) throw new AppError('unprocessable', { field: 'parentId', reason: 'reason.org.parent_inactive' });
    if (input.code && (await repo.isOrgCodeTaken(tx, parent.tenantId, input.code)))
      throw new AppError('conflict', { field: 'code', value: input.code });
    const id = await repo.nextOrgId(tx);
    const path = childPath(parent.path, id);
    const row = await repo.createOrg(tx, {
      id,
      parentId: parent.id,
      tenantId: parent.tenantId,
      path,
      depth: pathDepth(path),
      name: input.name,
      code: input.code ?? null,
      level: input.level,
      zone: input.zone,
      sortOrder: input.sortOrder ?? 0,
      isDemo: parent.isDemo,
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'org.create', { type: 'org', id: row.id }, { name: row.name, parentId: parent.id }),
    );
    return presentOrg(row);
  });
}

/** Renames or re-describes an org (optimistic version check). */
export async function updateOrg(deps: AppDeps, actor: Actor, id: number, input: TUpdateOrgRequest): Promise<TOrg> {
  authorize(actor.principal, 'org.write');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const current = await getScopedOrg(tx, actor.principal, id);
    if (input.code && (await repo.isOrgCodeTaken(tx, current.tenantId, input.code, id)))
      throw new AppError('conflict', { field: 'code', value: input.code });
    const { version, ...patch } = input;
    const row = await repo.updateOrg(tx, id, version, patch, now);
    if (!row) throw new AppError('version_conflict');
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'org.update', { type: 'org', id }, { changes: patch, before: { name: current.name } }),
    );
    return presentOrg(row);
  });
}

/** Moves an org and its whole subtree under a new parent; refuses cycles. */
export async function moveOrg(deps: AppDeps, actor: Actor, id: number, input: { parentId: number; version: number }): Promise<TOrg> {
  authorize(actor.principal, 'org.write');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const org = await getScopedOrg(tx, actor.principal, id);
    if (org.parentId === null) throw new AppError('unprocessable', { field: 'parentId', reason: 'reason.org.root_immovable' });
    const parent = await repo.findOrgById(tx, input.parentId);
    if (!parent || !inScope(actor.principal, parent.tenantId, parent.path) || parent.tenantId !== org.tenantId)
      throw new AppError('validation', { field: 'parentId', reason: 'reason.invalid' });
    if (wouldCreateCycle(org.path, parent.path)) throw new AppError('cycle', { field: 'parentId' });
    const bumped = await repo.updateOrg(tx, id, input.version, { parentId: parent.id }, now);
    if (!bumped) throw new AppError('version_conflict');
    const newPath = childPath(parent.path, org.id);
    const moved = await repo.rebaseSubtree(tx, org.tenantId, org.path, newPath, pathDepth(newPath) - org.depth, now);
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(
        actor,
        now,
        'org.move',
        { type: 'org', id },
        { from: org.parentId, to: parent.id, oldPath: org.path, newPath: rebasePath(org.path, org.path, newPath), orgsMoved: moved },
      ),
    );
    const row = await repo.findOrgById(tx, id);
    if (!row) throw notFound('entity.org');
    return presentOrg(row);
  });
}

/** Deactivates (or reactivates) an org; an org with active children cannot be deactivated. */
export async function setOrgActive(deps: AppDeps, actor: Actor, id: number, version: number, isActive: boolean): Promise<TOrg> {
  authorize(actor.principal, 'org.write');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const org = await getScopedOrg(tx, actor.principal, id);
    if (!isActive && org.parentId === null) throw new AppError('unprocessable', { reason: 'reason.org.root_permanent' });
    if (!isActive && (await repo.countActiveDescendants(tx, org.tenantId, org.path)) > 0)
      throw new AppError('unprocessable', { reason: 'reason.org.children_active' });
    const row = await repo.updateOrg(tx, id, version, { isActive }, now);
    if (!row) throw new AppError('version_conflict');
    await appendAudit(tx, deps.crypto, auditBy(actor, now, isActive ? 'org.activate' : 'org.deactivate', { type: 'org', id }));
    return presentOrg(row);
  });
}

/** Pinyin initials and full pinyin of a Chinese name, for search (`zs`, `zhangsan` for 张三). */
export function nameSearchKeys(name: string): { nameInitials: string; namePinyin: string } {
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  return { nameInitials: initials.toLowerCase().replace(/\s/g, ''), namePinyin: full.toLowerCase().replace(/\s/g, '') };
}

/** Lists people in scope. */
export async function listPeople(
  deps: AppDeps,
  principal: Principal,
  query: TListPeopleQuery,
): Promise<{ total: number; items: TPerson[] }> {
  authorize(principal, 'person.read');
  let orgPath: string | undefined;
  if (query.orgId !== undefined) orgPath = (await getScopedOrg(deps.database.db, principal, query.orgId)).path;
  const page = await repo.findPeople(deps.database.db, principal, {
    q: query.q,
    orgPath,
    subtree: query.subtree ?? true,
    isPrincipal: query.isPrincipal,
    includeInactive: query.includeInactive ?? false,
    page: query.page,
    pageSize: query.pageSize,
  });
  return { total: page.total, items: page.items.map(presentPerson) };
}

async function getScopedPerson(db: Db, principal: Principal, id: number): Promise<repo.PersonWithOrg> {
  const row = await repo.findPersonById(db, id);
  if (!row || !inScope(principal, row.orgTenantId, row.orgPath)) throw notFound('entity.person');
  return row;
}

/** One person in scope. */
export async function getPerson(deps: AppDeps, principal: Principal, id: number): Promise<TPerson> {
  authorize(principal, 'person.read');
  return presentPerson(await getScopedPerson(deps.database.db, principal, id));
}

/** Reads a person's decrypted contact; every read is written to the audit chain. */
export async function readPersonContact(deps: AppDeps, actor: Actor, id: number): Promise<{ contact: string | null }> {
  authorize(actor.principal, 'person.contact');
  const person = await getScopedPerson(deps.database.db, actor.principal, id);
  const contact = person.contactSealed ? deps.crypto.decrypt(person.contactSealed) : null;
  await appendAudit(
    deps.database.db,
    deps.crypto,
    auditBy(actor, deps.now(), 'person.contact.read', { type: 'person', id }, { field: 'contact' }),
  );
  return { contact };
}

function sealContact(
  deps: AppDeps,
  contact: string | null | undefined,
): { contactSealed: string | null; contactMasked: string | null } | Record<string, never> {
  if (contact === undefined) return {};
  if (contact === null || contact === '') return { contactSealed: null, contactMasked: null };
  return { contactSealed: deps.crypto.encrypt(contact), contactMasked: maskContact(contact) };
}

/** Creates a person in an org within the caller's scope. */
export async function createPerson(deps: AppDeps, actor: Actor, input: TCreatePersonRequest): Promise<TPerson> {
  authorize(actor.principal, 'person.write');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const org = await repo.findOrgById(tx, input.orgId);
    if (!org || !inScope(actor.principal, org.tenantId, org.path))
      throw new AppError('validation', { field: 'orgId', reason: 'reason.invalid' });
    const [row] = await repo.createPeople(tx, [
      {
        orgId: org.id,
        tenantId: org.tenantId,
        name: input.name,
        ...nameSearchKeys(input.name),
        position: input.position ?? '',
        rank: input.rank ?? '',
        isPrincipal: input.isPrincipal ?? false,
        ...sealContact(deps, input.contact),
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (!row) throw new Error('insert returned nothing');
    await appendAudit(
      tx,
      deps.crypto,
      auditBy(actor, now, 'person.create', { type: 'person', id: row.id }, { name: row.name, orgId: org.id }),
    );
    return presentPerson({ ...row, orgName: org.name, orgPath: org.path, orgTenantId: org.tenantId });
  });
}

/** Updates a person (optimistic version check); moving them needs the new org in scope. */
export async function updatePerson(deps: AppDeps, actor: Actor, id: number, input: TUpdatePersonRequest): Promise<TPerson> {
  authorize(actor.principal, 'person.write');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await getScopedPerson(tx, actor.principal, id);
    if (input.orgId !== undefined) {
      const org = await repo.findOrgById(tx, input.orgId);
      if (!org || !inScope(actor.principal, org.tenantId, org.path))
        throw new AppError('validation', { field: 'orgId', reason: 'reason.invalid' });
    }
    const { version, contact, ...rest } = input;
    const patch = { ...rest, ...(rest.name ? nameSearchKeys(rest.name) : {}), ...sealContact(deps, contact) };
    const row = await repo.updatePerson(tx, id, version, patch, now);
    if (!row) throw new AppError('version_conflict');
    const changed = Object.keys(input).filter((k) => k !== 'version');
    await appendAudit(tx, deps.crypto, auditBy(actor, now, 'person.update', { type: 'person', id }, { fields: changed }));
    const full = await repo.findPersonById(tx, id);
    if (!full) throw notFound('entity.person');
    return presentPerson(full);
  });
}

/**
 * A SQL condition keeping `orgColumn` within the caller's data scope, for other modules' queries:
 * they scope by org through this function instead of reading the org tables themselves.
 */
export function orgScopeCondition(principal: Principal, orgColumn: AnyColumn): SQL {
  return repo.scopedOrgCondition(principal, orgColumn);
}

/** Display names of users by id, for presenting other modules' records. */
export async function userNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  return repo.findUserNames(
    db,
    ids.filter((id): id is number => id !== null),
  );
}

/** The materialised path of an org (for "at or above the caller" checks), or null. */
export async function orgPathOf(db: Db, id: number): Promise<string | null> {
  return (await repo.findOrgById(db, id))?.path ?? null;
}

/** Names of orgs by id, for presenting other modules' records. */
export async function orgNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  return repo.findOrgNames(db, ids);
}

/** Names of people by id. */
export async function personNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  return repo.findPersonNames(
    db,
    ids.filter((id): id is number => id !== null),
  );
}

/** An org the caller may reach, or a validation error naming the field (for other modules' inputs). */
export async function requireScopedOrg(db: Db, principal: Principal, id: number, field: string): Promise<repo.OrgRow> {
  const org = await repo.findOrgById(db, id);
  if (!org || !inScope(principal, org.tenantId, org.path) || !org.isActive)
    throw new AppError('validation', { field, reason: 'reason.invalid' });
  return org;
}

/** A person the caller may reach, or a validation error naming the field. */
export async function requireScopedPerson(db: Db, principal: Principal, id: number, field: string): Promise<repo.PersonWithOrg> {
  const person = await repo.findPersonById(db, id);
  if (!person || !inScope(principal, person.orgTenantId, person.orgPath))
    throw new AppError('validation', { field, reason: 'reason.invalid' });
  return person;
}

/** Is the org (active or not) within the caller's data scope? */
export async function isOrgInScope(db: Db, principal: Principal, orgId: number): Promise<boolean> {
  const org = await repo.findOrgById(db, orgId);
  return !!org && inScope(principal, org.tenantId, org.path);
}

/** Every org (id, name, level, tenant), for other modules' demo seeds. */
export async function orgsForSeed(db: Db): Promise<{ id: number; name: string; level: string; tenantId: number }[]> {
  return (
    await repo.findOrgs(db, { scope: 'all', orgPath: '/', tenantId: (await repo.findRootOrg(db))?.id ?? 0 }, { includeInactive: false })
  ).map((o) => ({ id: o.id, name: o.name, level: o.level, tenantId: o.tenantId }));
}

/** Users of the given roles the caller may pick (in scope, active): names only, no account details. */
export async function assignableUsers(
  db: Db,
  principal: Principal,
  roles: string[],
  q?: string,
): Promise<{ id: number; displayName: string; username: string; orgName: string; role: string }[]> {
  return repo.findUsersByRoles(db, principal, roles, q, 200);
}
