/**
 * Test data factories: each builds one record, filling in any parent it is not given (an org gets a
 * tenant, an item gets an org and the people working it), so a test states only the facts it asserts.
 * They never depend on the demo city.
 *
 * The org tree, people and accounts are written through the org repository, one transaction each: the
 * org services need an acting account, which is what these build. Everything above them (ledger items,
 * indicators, schemes, figures) goes through the module services as a built account, so a record is
 * in a state the real rules reached (an item is walked through the loop, step by step), never a patched row.
 */
import { hashPassword } from '../../src/platform/crypto.js';
import type { Actor } from '../../src/platform/context.js';
import type { Principal, Role, Scope } from '../../src/platform/http.js';
import { childPath, maskContact } from '../../src/modules/org/org.rules.js';
import * as orgRepo from '../../src/modules/org/org.repository.js';
import { nameSearchKeys } from '../../src/modules/org/org.service.js';
import type { ORG_LEVELS, ORG_ZONES } from '../../src/modules/org/org.contract.js';
import * as ledger from '../../src/modules/ledger/index.js';
import type { TCreateItemRequest, TItemDetail } from '../../src/modules/ledger/ledger.contract.js';
import type { ClosureOutcome, ItemStatus } from '../../src/modules/ledger/ledger.rules.js';
import * as assessment from '../../src/modules/assessment/index.js';
import {
  ZSchemeRequest,
  type TCreateIndicatorRequest,
  type TIndicator,
  type TScheme,
  type TSchemeRequest,
  type TValueCell,
} from '../../src/modules/assessment/assessment.contract.js';
import { login, PASSWORD, type Client, type TestApp } from './app.js';

/** An org as the factories hand it back. */
export interface BuiltOrg {
  id: number;
  tenantId: number;
  path: string;
  name: string;
}

/** A person (cadre) as the factories hand it back. */
export interface BuiltPerson {
  id: number;
  name: string;
  org: BuiltOrg;
  isPrincipal: boolean;
}

/** A user as the factories hand it back; `password` logs it in. */
export interface BuiltUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  org: BuiltOrg;
  /** The cadre the account is linked to, if any. */
  personId: number | null;
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

const builtOrg = (row: orgRepo.OrgRow): BuiltOrg => ({ id: row.id, tenantId: row.tenantId, path: row.path, name: row.name });

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
    return builtOrg(row);
  });
}

/** An org under `parent` (a county of a new tenant when no parent is given). */
export async function buildOrg(
  t: TestApp,
  o: { parent?: BuiltOrg; name?: string; code?: string; level?: Level; zone?: Zone } = {},
): Promise<BuiltOrg> {
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
      ...(o.code ? { code: o.code } : {}),
      level: o.level ?? 'county',
      zone: o.zone ?? 'agricultural_county',
      createdAt: now,
      updatedAt: now,
    });
    return builtOrg(row);
  });
}

/** A person (cadre) at an org (a new county when none is given); `contact` is sealed and masked as the service does. */
export async function buildPerson(
  t: TestApp,
  o: { org?: BuiltOrg; name?: string; position?: string; rank?: string; isPrincipal?: boolean; contact?: string } = {},
): Promise<BuiltPerson> {
  const org = o.org ?? (await buildOrg(t));
  const name = o.name ?? unique('干部');
  const now = t.clock.now();
  const [row] = await t.database.db.transaction(async (tx) =>
    orgRepo.createPeople(tx, [
      {
        orgId: org.id,
        tenantId: org.tenantId,
        name,
        ...nameSearchKeys(name),
        position: o.position ?? '',
        rank: o.rank ?? '',
        isPrincipal: o.isPrincipal ?? false,
        ...(o.contact ? { contactSealed: t.deps.crypto.encrypt(o.contact), contactMasked: maskContact(o.contact) } : {}),
        createdAt: now,
        updatedAt: now,
      },
    ]),
  );
  if (!row) throw new Error('insert returned nothing');
  return { id: row.id, name: row.name, org, isPrincipal: row.isPrincipal };
}

/** A user account of a role and scope at an org (a new county when none is given), optionally linked to a cadre. */
export async function buildUser(
  t: TestApp,
  o: {
    role: Role;
    scope?: Scope;
    org?: BuiltOrg;
    username?: string;
    displayName?: string;
    password?: string;
    person?: BuiltPerson;
  },
): Promise<BuiltUser> {
  const org = o.org ?? o.person?.org ?? (await buildOrg(t));
  const password = o.password ?? PASSWORD;
  const username = o.username ?? unique(`u.${o.role}.`);
  const displayName = o.displayName ?? username;
  const scope = o.scope ?? 'subtree';
  const now = t.clock.now();
  const row = await t.database.db.transaction(async (tx) =>
    orgRepo.createUser(tx, {
      username,
      displayName,
      orgId: org.id,
      role: o.role,
      scope,
      personId: o.person?.id ?? null,
      passwordHash: await hashOnce(password),
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return { id: row.id, username, displayName, role: o.role, scope, org, personId: row.personId, password };
}

/** Logs a built user in (session cookie and CSRF token on every request). */
export function loginAs(t: TestApp, user: BuiltUser): Promise<Client> {
  return login(t, user.username, user.password);
}

/** The principal a built user acts as when the factories call a service directly (as a session would). */
export function principalOf(user: BuiltUser): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    scope: user.scope,
    orgId: user.org.id,
    orgPath: user.org.path,
    tenantId: user.org.tenantId,
    personId: user.personId,
    via: 'session',
    sessionDigest: null,
    passwordExpired: false,
  };
}

/** A built user as the acting party of a service call. */
export function actorOf(user: BuiltUser): Actor {
  return { principal: principalOf(user), ip: null };
}

/** Measures of a built item: their content, or the full measure input. */
type MeasureSpec = string | NonNullable<TCreateItemRequest['measures']>[number];

/** States a built item can be walked to. */
export type BuildableStatus = Exclude<ItemStatus, 'merged'>;

/** States after 申请销号: the walk proves every measure (done, with a completion note) to get there. */
const NEEDS_PROOF: readonly BuildableStatus[] = ['closure_requested', 'closed', 'returned', 'reopened'];

/**
 * A ledger item in `status` (submitted by default), reached by walking the real loop through the ledger
 * service: 出题 by `by`, then 交办 to `handler` → 开始整改 → every measure done with a note → 申请销号 →
 * 销号 by `by` (→ 退回 or 重新打开); 领题 for `claimed` (published to the pool, claimed by `handler`);
 * 不予受理 for `rejected`. `by` (a supervisor, an inspector of the org's subtree by default) and `handler`
 * (a handler of the org by default) are built when not given; the org is a new county when not given.
 * Each step is one service call (one transaction each: the service takes one step per call).
 * Returns the item as `by` sees it after the last step.
 */
export async function buildItem(
  t: TestApp,
  o: Partial<Omit<TCreateItemRequest, 'orgId' | 'measures' | 'leadLeaderId' | 'responsiblePersonId'>> & {
    org?: BuiltOrg;
    status?: BuildableStatus;
    by?: BuiltUser;
    handler?: BuiltUser;
    measures?: MeasureSpec[];
    leadLeader?: BuiltPerson;
    responsiblePerson?: BuiltPerson;
    /** The outcome of 销号 (rectified by default). */
    outcome?: ClosureOutcome;
  } = {},
): Promise<TItemDetail> {
  const {
    org: givenOrg,
    status = 'submitted',
    by: givenBy,
    handler: givenHandler,
    measures,
    leadLeader,
    responsiblePerson,
    outcome,
    ...fields
  } = o;
  const org = givenOrg ?? givenBy?.org ?? (await buildOrg(t));
  const by = givenBy ?? (await buildUser(t, { role: 'inspector', scope: 'subtree', org }));
  const needsHandler = !['submitted', 'rejected'].includes(status);
  const handler = needsHandler ? (givenHandler ?? (await buildUser(t, { role: 'handler', scope: 'subtree', org }))) : givenHandler;
  const supervisor = actorOf(by);
  const measureList = (measures ?? (NEEDS_PROOF.includes(status) ? ['整改措施'] : [])).map((m) =>
    typeof m === 'string' ? { content: m } : m,
  );
  let item = await ledger.createItem(t.deps, supervisor, {
    kind: 'problem',
    title: unique('问题'),
    category: 'formalism',
    source: 'supervision',
    ...fields,
    ...(status === 'claimed' ? { isInPool: true } : {}),
    orgId: org.id,
    ...(leadLeader ? { leadLeaderId: leadLeader.id } : {}),
    ...(responsiblePerson ? { responsiblePersonId: responsiblePerson.id } : {}),
    ...(measureList.length ? { measures: measureList } : {}),
  });
  const step = async (
    who: BuiltUser,
    action: Parameters<typeof ledger.actOnItem>[3],
    input: Parameters<typeof ledger.actOnItem>[4] = {},
  ) => {
    item = await ledger.actOnItem(t.deps, actorOf(who), item.id, action, { version: item.version, ...input });
  };
  const seenBy = async () => ledger.getItem(t.deps, supervisor.principal, item.id);
  if (status === 'submitted') return item;
  if (status === 'rejected') {
    await step(by, 'reject', { reason: '不属于受理范围' });
    return item;
  }
  if (!handler) throw new Error('no handler');
  if (status === 'claimed') {
    await step(handler, 'claim');
    return seenBy();
  }
  await step(by, 'assign', { handlerUserId: handler.id });
  if (status === 'assigned') return item;
  await step(handler, 'start');
  if (status === 'rectifying') return seenBy();
  for (const m of item.measures)
    item = await ledger.updateMeasure(t.deps, actorOf(handler), item.id, m.id, {
      status: 'done',
      completionNote: '已完成',
      version: m.version,
    });
  await step(handler, 'request-closure');
  if (status === 'closure_requested') return seenBy();
  if (status === 'returned') {
    await step(by, 'return', { comment: '佐证材料不足' });
    return item;
  }
  await step(by, 'close', { outcome: outcome ?? 'rectified', ...(outcome === 'not_rectifiable' ? { reason: '客观原因无法整改' } : {}) });
  if (status === 'closed') return item;
  await step(by, 'reopen', { comment: '问题反复' });
  return item;
}

/** An account of the organisation department of the tenant (every org), who runs 实绩考核. */
async function organizationOf(t: TestApp, tenant: BuiltOrg | undefined): Promise<BuiltUser> {
  return buildUser(t, { role: 'organization', scope: 'all', org: tenant ?? (await buildTenant(t)) });
}

/** An indicator of the tenant's library, created by `by` (the tenant's organisation department by default; a new tenant's when neither is given). */
export async function buildIndicator(
  t: TestApp,
  o: Partial<TCreateIndicatorRequest> & { tenant?: BuiltOrg; by?: BuiltUser } = {},
): Promise<TIndicator> {
  const { tenant, by, ...fields } = o;
  const actor = actorOf(by ?? (await organizationOf(t, tenant)));
  return assessment.createIndicator(t.deps, actor, {
    code: unique('IND-').toUpperCase(),
    name: unique('指标'),
    domain: 'economy',
    direction: 'higher_better',
    visibility: 'visible',
    ...fields,
  });
}

/** A line of a built scheme: an indicator (built by the factory when not given) and its weight and method. */
export interface SchemeLineSpec {
  indicator?: { id: number };
  weight: number;
  method?: 'target' | 'peer_minmax' | 'improvement';
  target?: number;
  cap?: number;
}

/**
 * An assessment scheme of a year and zone, created by `by` (the tenant's organisation department by
 * default). Without lines it gets one built indicator carrying what third party and satisfaction leave of 100.
 */
export async function buildScheme(
  t: TestApp,
  o: Partial<Omit<TSchemeRequest, 'indicators'>> & { tenant?: BuiltOrg; by?: BuiltUser; lines?: SchemeLineSpec[] } = {},
): Promise<TScheme> {
  const { tenant, by: givenBy, lines, ...fields } = o;
  const by = givenBy ?? (await organizationOf(t, tenant));
  const thirdParty = fields.thirdPartyWeight ?? 0;
  const satisfaction = fields.satisfactionWeight ?? 0;
  const specs = lines ?? [{ weight: 100 - thirdParty - satisfaction }];
  const indicators = [];
  for (const line of specs) {
    const indicator = line.indicator ?? (await buildIndicator(t, { by }));
    indicators.push({
      indicatorId: indicator.id,
      weight: line.weight,
      method: line.method ?? (line.target === undefined ? 'improvement' : 'target'),
      ...(line.target !== undefined ? { target: line.target } : {}),
      ...(line.cap !== undefined ? { cap: line.cap } : {}),
    });
  }
  const year = fields.year ?? 2026;
  const zone = fields.zone ?? 'agricultural_county';
  return assessment.createScheme(
    t.deps,
    actorOf(by),
    ZSchemeRequest.parse({ name: `${year}年度${unique('考核方案')}`, year, zone, ...fields, indicators }),
  );
}

/** A figure (考核数据) of an org for an indicator and year, entered by `by` (an organisation-department account over the org by default). */
export async function buildFigure(
  t: TestApp,
  o: { org: BuiltOrg; indicator: { id: number }; value: number; year?: number; by?: BuiltUser; source?: string },
): Promise<TValueCell> {
  const by = o.by ?? (await buildUser(t, { role: 'organization', scope: 'subtree', org: o.org }));
  const year = o.year ?? 2026;
  const actor = actorOf(by);
  await assessment.putValues(t.deps, actor, {
    year,
    values: [{ orgId: o.org.id, indicatorId: o.indicator.id, value: o.value, ...(o.source ? { source: o.source } : {}) }],
  });
  return assessment.getFigure(t.deps, actor.principal, { year, orgId: o.org.id, indicatorId: o.indicator.id });
}
