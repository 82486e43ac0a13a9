/**
 * The access matrix generated from the routes (issue 11 §5): every catalogued route × every role × data scope,
 * called with objects of the caller's own county, a township of it, another county and the city, checked against
 * test/support/access-expectations.ts. Asserted for every answer: no 5xx; a refusal for whoever the table does not
 * let call the route; no 2xx on another scope's object; no record, org id or 机密 item outside the caller's reach
 * in any answer (markers planted in the objects' names are looked for in every body, spreadsheets included).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role, type Scope } from '../../src/platform/http.js';
import { can, inScope, type Permission } from '../../src/modules/org/org.policy.js';
import { SUPERVISOR_ROLES } from '../../src/modules/ledger/ledger.policy.js';
import { seedDemoLedger } from '../../src/modules/ledger/ledger.seed.js';
import { seedDemoAssessment } from '../../src/modules/assessment/assessment.seed.js';
import * as notifyRepo from '../../src/modules/notify/notify.repository.js';
import { testEngines } from '../support/databases.js';
import { login, multipartBody, startTestApp, type Client, type TestApp } from '../support/app.js';
import { buildUser, loginAs } from '../support/factories.js';
import { fillUrl, queryString, routeCatalogue, sampleOf, sampleParams, type CatalogueRoute } from '../support/routes.js';
import { ACCESS_EXPECTATIONS, type AccessExpectation, type ObjectKind, type Who } from '../support/access-expectations.js';

interface OrgLite {
  id: number;
  path: string;
  tenantId: number;
  name: string;
}
type Owner = 'city' | 'countyA' | 'townA' | 'countyB';
const OWNERS: Owner[] = ['city', 'countyA', 'townA', 'countyB'];

/** Where the test accounts sit: city-wide (all, and subtree of the root), county A's subtree, county A alone. */
const PLACEMENTS = [
  { label: 'city/all', at: 'city', scope: 'all' },
  { label: 'city/subtree', at: 'city', scope: 'subtree' },
  { label: 'countyA/subtree', at: 'countyA', scope: 'subtree' },
  { label: 'countyA/own', at: 'countyA', scope: 'own' },
] as const satisfies readonly { label: string; at: Owner; scope: Scope }[];

interface Actor {
  label: string;
  role: Role;
  scope: Scope;
  orgPath: string;
  tenantId: number;
  org: OrgLite;
  client: Client;
}

/** An object a route is called with: the values it binds (path, query and body fields by name) and whose it is. */
interface Target {
  label: string;
  /** The org whose record it is (null: the tenant's, or nobody's). */
  org: OrgLite | null;
  /** Another user's own record: nobody else reaches it. */
  othersOwn?: boolean;
  confidential?: boolean;
  bind: Record<string, unknown>;
}

/** A string planted in an object's name or title: where it shows, the object's record was in the answer. */
interface Marker {
  text: string;
  org: OrgLite | null;
  confidential?: boolean;
  othersOwn?: boolean;
}

const STALE = 999_999;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const SEARCH_TITLE = '村道破损长期无人维修';
const ORG_SCOPED: ObjectKind[] = ['org', 'person', 'user', 'item', 'webhook', 'delivery', 'figure', 'flag', 'result'];
const OTHERS_OWN: ObjectKind[] = ['token', 'notification', 'importError'];
const CJK = /[\u4e00-\u9fff]/;

const mayCall = (who: Who, role: Role | null): boolean => {
  if (who === 'public') return true;
  if (role === null) return false;
  if (who === 'user') return true;
  if (typeof who === 'string') return can(role, who as Permission);
  return who.includes(role);
};

/** Every value under one of the keys, at any depth. */
function valuesAt(body: unknown, keys: readonly string[], out: unknown[] = []): unknown[] {
  if (Array.isArray(body)) for (const v of body) valuesAt(v, keys, out);
  else if (body !== null && typeof body === 'object')
    for (const [k, v] of Object.entries(body)) {
      if (keys.includes(k)) out.push(v);
      valuesAt(v, keys, out);
    }
  return out;
}

/** The text of a spreadsheet's cells, every sheet. */
async function xlsxText(content: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const parts: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => parts.push(cell.text))));
  return parts.join('\n');
}

describe.each(testEngines())('generated access matrix on $name', (engine) => {
  let t: TestApp;
  let catalogue: CatalogueRoute[];
  let orgs: Record<Owner, OrgLite>;
  let pathOf: Map<number, string>;
  const targets = new Map<ObjectKind, Target[]>();
  const markers: Marker[] = [];
  const defaults: Record<string, unknown> = {
    version: STALE,
    year: 2025,
    action: 'urge',
    url: 'https://example.invalid/hook',
    currentPassword: 'not-the-password',
    newPassword: 'another-long-passphrase-2026',
    username: 'nobody.matrix',
    password: 'not-the-password',
    title: SEARCH_TITLE,
    dryRun: 'true',
  };
  const actors: Actor[] = [];
  const stats = {
    requests: 0,
    cells: 0,
    skippedInScopeWrites: 0,
    byRoute: new Map<string, number>(),
    msByRoute: new Map<string, number>(),
  };
  const seenOutcome = new Map<string, Set<string>>();
  const outcomes = new Map<string, number>();
  const note = (key: string, outcome: string) => {
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    seenOutcome.set(key, (seenOutcome.get(key) ?? new Set()).add(outcome));
  };

  beforeAll(async () => {
    t = await startTestApp(engine, {}, { seed: 'demo' });
    await seedDemoLedger(t.deps);
    await seedDemoAssessment(t.deps);
    catalogue = await routeCatalogue(t.app);
    const sys = await login(t, 'sysadmin');
    const organization = await login(t, 'organization');
    const leader = await login(t, 'leader');
    const allOrgs = (await sys.request('GET', '/api/orgs?includeInactive=true')).json<{ items: (OrgLite & { depth: number })[] }>().items;
    pathOf = new Map(allOrgs.map((o) => [o.id, o.path]));
    const named = (name: string) => {
      const org = allOrgs.find((o) => o.name === name);
      if (!org) throw new Error(`no org ${name}`);
      return { id: org.id, path: org.path, name: org.name, tenantId: allOrgs.find((o) => o.depth === 0)?.id ?? 0 };
    };
    // County A has integrity flags of its own and of a township; county B is another county of the same zone.
    orgs = { city: named('示范市'), countyA: named('禾田县'), townA: named('禾田镇'), countyB: named('丰谷县') };
    expect(orgs.townA.path.startsWith(orgs.countyA.path)).toBe(true);
    const add = (kind: ObjectKind, target: Target) => targets.set(kind, [...(targets.get(kind) ?? []), target]);
    const ok = <T>(res: { statusCode: number; body: string; json: () => unknown }, status = 200): T => {
      if (res.statusCode !== status) throw new Error(`fixture: ${res.statusCode} ${res.body.slice(0, 300)}`);
      return res.json() as T;
    };

    expect((await organization.request('POST', '/api/assessment/integrity/run', { year: 2025 })).statusCode).toBe(200);
    const indicator = ok<{ items: { id: number }[] }>(await organization.request('GET', '/api/assessment/indicators')).items[0];
    const scheme = ok<{ items: { id: number }[] }>(
      await organization.request('GET', '/api/assessment/schemes?year=2025&zone=agricultural_county'),
    ).items[0];
    if (!indicator || !scheme) throw new Error('fixture: no indicator or scheme');
    defaults.indicatorId = indicator.id;
    add('indicator', { label: 'indicator', org: null, bind: { id: indicator.id } });
    add('scheme', { label: 'scheme', org: null, bind: { id: scheme.id } });
    const results = ok<{ results: { orgId: number }[] }>(await organization.request('GET', `/api/assessment/schemes/${scheme.id}/results`));

    // The other user whose own records (a token, a notification, an import's error file) nobody else may reach.
    const other = await buildUser(t, { role: 'handler', scope: 'own', org: orgs.countyA, username: 'ZZotheruserZZ' });
    const otherClient = await loginAs(t, other);
    const token = ok<{ id: number }>(await otherClient.request('POST', '/api/auth/tokens', { name: 'ZZtokenZZ' }), 201);
    add('token', { label: "another user's token", org: null, othersOwn: true, bind: { id: token.id } });
    markers.push({ text: 'ZZtokenZZ', org: null, othersOwn: true });
    await notifyRepo.createNotifications(t.database.db, [
      { tenantId: orgs.city.id, userId: other.id, kind: 'yellow', title: 'ZZnoticeZZ', body: 'ZZnoticeZZ', createdAt: t.clock.now() },
    ]);
    const notice = ok<{ items: { id: number }[] }>(await otherClient.request('GET', '/api/notifications')).items[0];
    if (!notice) throw new Error('fixture: no notification');
    add('notification', { label: "another user's notification", org: null, othersOwn: true, bind: { id: notice.id } });
    markers.push({ text: 'ZZnoticeZZ', org: null, othersOwn: true });
    const template = await otherClient.request('GET', '/api/ledger/import-template.xlsx');
    const refused = await otherClient.upload('/api/ledger/import', {
      fileName: 'empty.xlsx',
      mimeType: 'application/octet-stream',
      content: template.rawPayload,
    });
    const errorFileId = Number(/\/errors\/(\d+)$/.exec(ok<{ errorFileUrl: string }>(refused, 422).errorFileUrl)?.[1]);
    add('importError', { label: "another user's import errors", org: null, othersOwn: true, bind: { id: errorFileId } });

    for (const owner of OWNERS) {
      const org = orgs[owner];
      const mark = (kind: string, extra: Partial<Marker> = {}) => {
        const text = `ZZ${kind}${owner}ZZ`;
        markers.push({ text, org, ...extra });
        return text;
      };
      add('org', { label: `org@${owner}`, org, bind: { id: org.id, orgId: org.id, parentId: org.id, responsibleOrgId: org.id } });
      const person = ok<{ id: number }>(await organization.request('POST', '/api/people', { orgId: org.id, name: mark('person') }), 201);
      add('person', { label: `person@${owner}`, org, bind: { id: person.id, personId: person.id } });
      const user = await buildUser(t, { role: 'handler', scope: 'own', org, username: mark('user') });
      add('user', { label: `user@${owner}`, org, bind: { id: user.id } });

      for (const confidential of owner === 'countyA' ? [false, true] : [false]) {
        const kind = confidential ? 'secret' : 'item';
        const create = (title: string) =>
          leader.request('POST', '/api/ledger/items', {
            title,
            category: 'formalism',
            source: 'self_inspection',
            orgId: org.id,
            confidentiality: confidential ? 'confidential' : 'internal',
            measures: [{ content: `整改 ${title}` }],
          });
        const item = ok<{ id: number; measures: { id: number }[] }>(
          await create(`${SEARCH_TITLE} ${mark(kind, confidential ? { confidential } : {})}`),
          201,
        );
        const second = ok<{ id: number }>(await create(`${SEARCH_TITLE} ${mark(`${kind}two`, confidential ? { confidential } : {})}`), 201);
        ok(await leader.request('POST', `/api/ledger/items/${item.id}/links`, { targetId: second.id }), 201);
        const withEvidence = ok<{ evidence: { id: number }[] }>(
          await leader.upload(`/api/ledger/items/${item.id}/evidence`, { fileName: 'proof.png', mimeType: 'image/png', content: PNG }),
          201,
        );
        add('item', {
          label: `${confidential ? 'confidential item' : 'item'}@${owner}`,
          org,
          confidential,
          bind: { id: item.id, targetId: second.id, measureId: item.measures[0]?.id, evidenceId: withEvidence.evidence[0]?.id },
        });
      }

      const hook = mark('hook');
      const webhook = ok<{ id: number }>(
        await sys.request('PUT', '/api/notify/webhooks', { orgId: org.id, url: `https://example.invalid/${hook}`, enabled: false }),
      );
      add('webhook', { label: `webhook@${owner}`, org, bind: { orgId: org.id } });
      await notifyRepo.createDeliveries(t.database.db, [
        {
          tenantId: org.tenantId,
          orgId: org.id,
          webhookId: webhook.id,
          payload: { msgtype: 'text', text: { content: mark('delivery') } },
          status: 'failed',
          attempts: 3,
          lastError: 'fixture',
          createdAt: t.clock.now(),
        },
      ]);
      const delivery = ok<{ items: { id: number; orgId: number }[] }>(
        await sys.request('GET', '/api/notify/deliveries?status=failed&pageSize=100'),
      ).items.find((d) => d.orgId === org.id);
      if (!delivery) throw new Error(`fixture: no delivery of ${owner}`);
      add('delivery', { label: `delivery@${owner}`, org, bind: { id: delivery.id } });

      // Assessment records exist only where the demo has them: figures of assessed units, results of counties, flags.
      const grid = ok<{ cells: { orgId: number; indicatorId: number }[] }>(
        await organization.request('GET', `/api/assessment/values?year=2025&orgId=${org.id}`),
      );
      const cell = grid.cells.find((c) => c.orgId === org.id);
      if (cell) {
        const figure = { year: 2025, orgId: org.id, indicatorId: cell.indicatorId };
        ok(
          await organization.upload(`/api/assessment/values/evidence${queryString(figure)}`, {
            fileName: 'proof.png',
            mimeType: 'image/png',
            content: PNG,
          }),
          201,
        );
        add('figure', { label: `figure@${owner}`, org, bind: figure });
      }
      const flag = ok<{ items: { id: number; orgId: number | null }[] }>(
        await organization.request('GET', `/api/assessment/integrity/flags?orgId=${org.id}&pageSize=100`),
      ).items.find((f) => f.orgId === org.id);
      if (flag) add('flag', { label: `flag@${owner}`, org, bind: { id: flag.id } });
      if (results.results.some((r) => r.orgId === org.id))
        add('result', { label: `result@${owner}`, org, bind: { id: scheme.id, orgId: org.id } });
    }
    for (const kind of ['figure', 'flag', 'result'] as const) {
      const owners = (targets.get(kind) ?? []).map((x) => x.label);
      // Each kind has an object in county A's reach and one out of it, or the matrix would prove nothing.
      expect(
        owners.some((l) => l.endsWith('@countyA') || l.endsWith('@townA')),
        `${kind}: ${owners.join()}`,
      ).toBe(true);
      expect(
        owners.some((l) => l.endsWith('@countyB')),
        `${kind}: ${owners.join()}`,
      ).toBe(true);
    }

    for (const placement of PLACEMENTS)
      for (const role of ROLES) {
        const org = orgs[placement.at];
        const user = await buildUser(t, { role, scope: placement.scope, org, username: `m.${role}.${placement.label.replace('/', '.')}` });
        actors.push({
          label: `${role}@${placement.label}`,
          role,
          scope: placement.scope,
          orgPath: org.path,
          tenantId: org.tenantId,
          org,
          client: await loginAs(t, user),
        });
      }
  });
  afterAll(async () => t?.close());

  const expectationOf = (route: CatalogueRoute): AccessExpectation => {
    const exp = ACCESS_EXPECTATIONS[route.key];
    if (!exp) throw new Error(`no expectation for ${route.key}`);
    return exp;
  };

  it('every catalogued route has an expectation, and every expectation a route', () => {
    const keys = catalogue.map((r) => r.key);
    expect(
      keys.filter((k) => !ACCESS_EXPECTATIONS[k]),
      'routes without an entry in test/support/access-expectations.ts',
    ).toEqual([]);
    expect(
      Object.keys(ACCESS_EXPECTATIONS).filter((k) => !keys.includes(k)),
      'entries of test/support/access-expectations.ts without a route',
    ).toEqual([]);
    // Every documented route says whether it is public, and the table agrees.
    for (const route of catalogue)
      if (route.documented) expect(route.auth === 'public', route.key).toBe(expectationOf(route).who === 'public');
    expect(catalogue.every((r) => r.url.startsWith('/api/'))).toBe(true);
  });

  const isVisible = (actor: Actor | null, kind: ObjectKind, target: Target): boolean => {
    if (OTHERS_OWN.includes(kind) || target.othersOwn) return false;
    if (!ORG_SCOPED.includes(kind) || !target.org) return true;
    if (!actor) return false;
    if (!inScope(actor, target.org.tenantId, target.org.path)) return false;
    return !target.confidential || SUPERVISOR_ROLES.includes(actor.role);
  };
  const markerVisible = (actor: Actor, m: Marker) =>
    !m.othersOwn && (!m.org || inScope(actor, m.org.tenantId, m.org.path)) && (!m.confidential || SUPERVISOR_ROLES.includes(actor.role));

  /** Builds and sends the request of a route with a target's values, as the actor (or anonymously). */
  async function send(actor: Actor | null, route: CatalogueRoute, exp: AccessExpectation, target: Target) {
    const bind = (name: string) => target.bind[name] ?? defaults[name];
    const params: Record<string, string | number> = {};
    for (const name of route.pathParams) params[name] = String(sampleOf(route.path.properties[name] ?? {}, bind, name));
    let url = fillUrl(route.url, params).replace('*', 'swagger-ui.css');
    url += queryString(sampleParams(route.query, bind));
    const body = route.body ? sampleOf(route.body, bind) : undefined;
    const headers: Record<string, string> = actor ? { cookie: actor.client.cookie, 'x-csrf-token': actor.client.csrf } : {};
    let payload: string | Buffer | undefined = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (exp.upload) {
      const content =
        exp.upload.content === 'png' ? PNG : exp.upload.content === 'digits' ? Buffer.from('123\n234\n345\n') : Buffer.from('junk');
      const multipart = multipartBody({ fileName: exp.upload.fileName, mimeType: exp.upload.mimeType, content }, exp.upload.fields);
      payload = multipart.payload;
      headers['content-type'] = multipart.contentType;
    }
    stats.requests += 1;
    stats.byRoute.set(route.key, (stats.byRoute.get(route.key) ?? 0) + 1);
    const started = performance.now();
    const res = await t.app.inject({ method: route.method, url, headers, ...(payload === undefined ? {} : { payload }) });
    stats.msByRoute.set(route.key, (stats.msByRoute.get(route.key) ?? 0) + performance.now() - started);
    return { res, url };
  }

  /** What is wrong with an answer's content: records, org ids or 机密 items out of the actor's reach. */
  async function contentProblems(actor: Actor, exp: AccessExpectation, res: Awaited<ReturnType<typeof send>>['res'], where: string) {
    const problems: string[] = [];
    if (exp.unscoped) return problems;
    const type = String(res.headers['content-type'] ?? '');
    const text = type.includes('spreadsheetml') ? await xlsxText(res.rawPayload) : res.body;
    for (const m of markers) if (!markerVisible(actor, m) && text.includes(m.text)) problems.push(`leaks ${m.text}: ${where}`);
    if (!type.includes('json')) return problems;
    const body: unknown = res.json();
    const orgIds = [
      ...valuesAt(body, exp.orgKeys ?? []).filter((v): v is number => typeof v === 'number'),
      ...(exp.answerOrgIds?.(body) ?? []),
    ];
    for (const id of orgIds) {
      const path = pathOf.get(id);
      if (path === undefined || !inScope(actor, actor.org.tenantId, path)) problems.push(`org ${id} out of scope: ${where}`);
    }
    if (exp.confidential && !SUPERVISOR_ROLES.includes(actor.role) && valuesAt(body, ['confidentiality']).includes('confidential'))
      problems.push(`a 机密 item: ${where}`);
    return problems;
  }

  /** What is wrong with a refusal's body: it names an error code and says why in Chinese (the default locale). */
  const refusalProblems = (res: Awaited<ReturnType<typeof send>>['res'], where: string): string[] => {
    let error: { code?: unknown; message?: unknown } | undefined;
    try {
      error = res.json<{ error?: { code?: unknown; message?: unknown } }>().error;
    } catch {
      return [`refusal not JSON: ${where}`];
    }
    if (typeof error?.code !== 'string') return [`refusal without error.code: ${where}`];
    if (typeof error.message !== 'string' || !CJK.test(error.message)) return [`refusal message not in Chinese: ${where}`];
    return [];
  };

  const targetsOf = (exp: AccessExpectation): Target[] => {
    const none: Target = { label: 'none', org: null, bind: {} };
    if (exp.object === 'none') return [none];
    const list = targets.get(exp.object) ?? [];
    if (list.length === 0) throw new Error(`no fixture object of kind ${exp.object}`);
    return exp.list ? [none, ...list] : list;
  };

  it('anonymous callers get 401 from every route but the public ones', async () => {
    const problems: string[] = [];
    for (const route of catalogue) {
      const exp = expectationOf(route);
      const target = targetsOf(exp).at(-1) as Target;
      const { res, url } = await send(null, route, exp, target);
      const where = `anonymous ${route.method} ${url} ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (res.statusCode >= 500) problems.push(`5xx: ${where}`);
      if (exp.who === 'public') {
        if (route.method === 'GET' && !(exp.ok ?? [200]).includes(res.statusCode)) problems.push(`public read failed: ${where}`);
      } else {
        if (res.statusCode !== 401) problems.push(`not 401: ${where}`);
        problems.push(...refusalProblems(res, where));
        note(route.key, 'unauthenticated');
      }
    }
    expect(problems).toEqual([]);
  });

  const actorLabels = PLACEMENTS.flatMap((p) => ROLES.map((role) => `${role}@${p.label}`));
  it.each(actorLabels)('%s: refused where the table says so, and sees nothing out of its reach', { timeout: 300_000 }, async (label) => {
    const actor = actors.find((a) => a.label === label);
    if (!actor) throw new Error(`no actor ${label}`);
    const problems: string[] = [];
    const ordered = [...catalogue].sort((a, b) => Number(!!expectationOf(a).endsSession) - Number(!!expectationOf(b).endsSession));
    for (const route of ordered) {
      const exp = expectationOf(route);
      const allowed = mayCall(exp.who, actor.role);
      const all = targetsOf(exp);
      // A role refused the route is asked once, with the object nearest to it (its own county's, in scope). A city-wide
      // caller reaches everything: it is asked with the city's and county B's objects, and the 机密 one.
      const chosen = !allowed
        ? [all.find((x) => x.label.endsWith('@countyA')) ?? (all[0] as Target)]
        : actor.org.id === orgs.city.id
          ? all.filter((x) => !x.org || x.confidential || x.org.id === orgs.city.id || x.org.id === orgs.countyB.id)
          : all;
      for (const target of chosen) {
        const visible = isVisible(actor, exp.object, target);
        const harmless = exp.harmless ?? !!(route.body?.properties && 'version' in route.body.properties);
        stats.cells += 1;
        if (allowed && visible && route.method !== 'GET' && !harmless) {
          // A write this caller may really make: not made here (the matrix leaves the data as it found it).
          stats.skippedInScopeWrites += 1;
          continue;
        }
        const { res, url } = await send(actor, route, exp, target);
        const where = `${label} ${route.method} ${url} [${target.label}] ${res.statusCode} ${res.body.slice(0, 200)}`;
        const fail = (why: string) => problems.push(`${why}: ${where}`);
        if (res.statusCode >= 500) fail('5xx');
        if (res.statusCode === 401 && exp.who !== 'public') fail('logged out');
        const success = res.statusCode < 300;
        if (res.statusCode >= 400) problems.push(...refusalProblems(res, where));
        if (!allowed) {
          if (![403, 404].includes(res.statusCode)) fail(`not for ${actor.role}, yet not refused`);
          note(route.key, 'denied');
        } else if (!visible) {
          if (exp.list && success) note(route.key, 'hidden-empty');
          else {
            if (![400, 403, 404].includes(res.statusCode)) fail('out of reach, yet not refused');
            else if (res.statusCode === 400 && res.json<{ error: { code: string } }>().error.code !== 'validation')
              fail('400 not validation');
            note(route.key, 'hidden');
          }
        } else if (route.method === 'GET') {
          if (!(exp.ok ?? [200]).includes(res.statusCode)) fail('a permitted read failed');
          note(route.key, 'read');
        } else note(route.key, success ? 'harmless-ok' : 'harmless-refused');
        if (success) problems.push(...(await contentProblems(actor, exp, res, where)));
      }
    }
    expect(problems).toEqual([]);
  });

  it('covered every route, and each both ways where the table says it can go both ways (counts printed)', () => {
    const gaps: string[] = [];
    for (const route of catalogue) {
      const exp = expectationOf(route);
      const seen = seenOutcome.get(route.key) ?? new Set<string>();
      if (!stats.byRoute.get(route.key)) gaps.push(`${route.key}: never called`);
      if (exp.who !== 'public' && !seen.has('unauthenticated')) gaps.push(`${route.key}: no 401 seen`);
      if (ROLES.some((role) => !mayCall(exp.who, role)) && !seen.has('denied')) gaps.push(`${route.key}: no refused role seen`);
      if (route.method === 'GET' && !OTHERS_OWN.includes(exp.object) && !seen.has('read'))
        gaps.push(`${route.key}: no permitted read seen`);
      if (ORG_SCOPED.includes(exp.object) && !seen.has('hidden') && !seen.has('hidden-empty'))
        gaps.push(`${route.key}: no out-of-scope call seen`);
      if (OTHERS_OWN.includes(exp.object) && !seen.has('hidden')) gaps.push(`${route.key}: no call on another user's record seen`);
    }
    const perRoute = [...stats.byRoute.entries()].map(([k, n]) => `${n}\t${Math.round(stats.msByRoute.get(k) ?? 0)}ms\t${k}`).join('\n');
    console.log(
      `generated access matrix (${engine.name}): ${catalogue.length} routes, ${actors.length} actors + anonymous, ` +
        `${stats.cells} cells, ${stats.requests} requests, ${stats.skippedInScopeWrites} in-scope writes not made; ` +
        `${[...outcomes.entries()].map(([k, n]) => `${k} ${n}`).join(', ')}\n${perRoute}`,
    );
    expect(gaps).toEqual([]);
  });
});
