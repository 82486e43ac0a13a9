/**
 * Test data factories: each builds one record, filling in any parent it is not given, so a test
 * states only the facts it asserts. They write in one transaction each and never depend on the demo city.
 */
import { hashPassword } from '../../src/platform/crypto.js';
import type { Role, Scope } from '../../src/platform/http.js';
import { childPath } from '../../src/modules/org/org.rules.js';
import * as orgRepo from '../../src/modules/org/org.repository.js';
import type { ORG_LEVELS, ORG_ZONES } from '../../src/modules/org/org.contract.js';
import { login, PASSWORD, type Client, type TestApp } from './app.js';

/** An org as the factories hand it back. */
export interface BuiltOrg {
  id: number;
  tenantId: number;
  path: string;
  name: string;
}

/** A user as the factories hand it back; `password` logs it in. */
export interface BuiltUser {
  id: number;
  username: string;
  role: Role;
  scope: Scope;
  org: BuiltOrg;
  password: string;
}

type Level = (typeof ORG_LEVELS)[number];
type Zone = (typeof ORG_ZONES)[number];

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter += 1).toString(36)}`;

const hashes = new Map<string, Promise<string>>();
/** scrypt is slow on purpose; the factories hash each test password once. */
const hashOnce = (password: string) => {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
};

/** A new tenant: a root org (a city by default) with nothing under it. */
export async function buildTenant(t: TestApp, o: { name?: string; level?: Level; zone?: Zone } = {}): Promise<BuiltOrg> {
  const now = t.clock.now();
  return t.database.db.transaction(async (tx) => {
    const id = await orgRepo.nextOrgId(tx);
    const row = await orgRepo.createOrg(tx, {
      id,
      parentId: null,
      tenantId: id,
      path: childPath('/', id),
      depth: 0,
      name: o.name ?? unique('市'),
      level: o.level ?? 'city',
      zone: o.zone ?? 'urban_core',
      createdAt: now,
      updatedAt: now,
    });
    return { id: row.id, tenantId: row.tenantId, path: row.path, name: row.name };
  });
}

/** An org under `parent` (a county of a new tenant when no parent is given). */
export async function buildOrg(t: TestApp, o: { parent?: BuiltOrg; name?: string; level?: Level; zone?: Zone } = {}): Promise<BuiltOrg> {
  const parent = o.parent ?? (await buildTenant(t));
  const now = t.clock.now();
  return t.database.db.transaction(async (tx) => {
    const id = await orgRepo.nextOrgId(tx);
    const path = childPath(parent.path, id);
    const row = await orgRepo.createOrg(tx, {
      id,
      parentId: parent.id,
      tenantId: parent.tenantId,
      path,
      depth: path.split('/').filter(Boolean).length - 1,
      name: o.name ?? unique('县'),
      level: o.level ?? 'county',
      zone: o.zone ?? 'agricultural_county',
      createdAt: now,
      updatedAt: now,
    });
    return { id: row.id, tenantId: row.tenantId, path: row.path, name: row.name };
  });
}

/** A user account of a role and scope at an org (a new county when none is given). */
export async function buildUser(
  t: TestApp,
  o: { role: Role; scope?: Scope; org?: BuiltOrg; username?: string; password?: string },
): Promise<BuiltUser> {
  const org = o.org ?? (await buildOrg(t));
  const password = o.password ?? PASSWORD;
  const username = o.username ?? unique(`u.${o.role}.`);
  const scope = o.scope ?? 'subtree';
  const now = t.clock.now();
  const row = await t.database.db.transaction(async (tx) =>
    orgRepo.createUser(tx, {
      username,
      displayName: username,
      orgId: org.id,
      role: o.role,
      scope,
      passwordHash: await hashOnce(password),
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return { id: row.id, username, role: o.role, scope, org, password };
}

/** Logs a built user in (session cookie and CSRF token on every request). */
export function loginAs(t: TestApp, user: BuiltUser): Promise<Client> {
  return login(t, user.username, user.password);
}
