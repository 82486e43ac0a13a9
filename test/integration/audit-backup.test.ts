import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/platform/audit.js';
import { backupToFile, restoreFromFile } from '../../src/platform/backup.js';
import * as schema from '../../src/schema.js';
import { queryRows } from '../../src/platform/db.js';
import { testEngines } from '../support/databases.js';
import { seedRoot } from '../../src/modules/org/org.seed.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { buildOrg, buildUser, loginAs, type BuiltOrg, type BuiltUser } from '../support/factories.js';

describe.each(testEngines())('audit chain and backup on $name', (engine) => {
  let t: TestApp;
  let root: BuiltOrg;
  let sysadmin: BuiltUser;
  let auditor: BuiltUser;
  beforeAll(async () => {
    t = await startTestApp(engine);
    // A clean install (`shiji seed --empty`, audited), a county under its root, and two accounts.
    const row = await seedRoot(t.deps, { name: '示例市', level: 'city', zone: 'urban_core' });
    root = { id: row.id, tenantId: row.tenantId, path: row.path, name: row.name };
    await buildOrg(t, { parent: root });
    sysadmin = await buildUser(t, { role: 'sysadmin', scope: 'all', org: root });
    auditor = await buildUser(t, { role: 'auditor', scope: 'all', org: root });
    const admin = await loginAs(t, sysadmin);
    await admin.request('POST', '/api/orgs', { parentId: root.id, name: '审计测试镇', level: 'township', zone: 'urban_core' });
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: sysadmin.username, password: 'wrong' } });
    await admin.request('POST', '/api/auth/logout');
  });
  afterAll(async () => t?.close());

  it('records logins (success and failure), writes and logouts', async () => {
    const reader = await loginAs(t, auditor);
    const page = (await reader.request('GET', '/api/audit?pageSize=200')).json();
    const actions = page.items.map((r: { action: string; outcome: string }) => `${r.action}:${r.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.login:success',
        'auth.login:failure',
        'org.create:success',
        'auth.logout:success',
        'seed.empty:success',
      ]),
    );
    const failures = (await reader.request('GET', '/api/audit?outcome=failure')).json();
    expect(failures.items.every((r: { outcome: string }) => r.outcome === 'failure')).toBe(true);
    const verify = (await reader.request('GET', '/api/audit/verify')).json();
    expect(verify).toMatchObject({ ok: true, algorithm: 'sm3' });
    expect(verify.rows).toBe(page.total);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const db = t.deps.database.db;
    await expect(db.execute(sql`update audit_log set actor_name = 'x' where seq = 1`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log where seq = 1`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
  });

  it('backs up and restores: same rows, chain intact, the users still log in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiji-backup-'));
    const file = join(dir, 'backup.sql');
    const counts = await backupToFile(t.deps.database, schema, file);
    // The root, the county and the township created over the API.
    expect(counts.orgs).toBe(3);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('-- Shiji backup');
    const before = await queryRows<{ n: number; h: string }>(
      t.deps.database.db,
      sql`select count(*)::int as n, max(hash) as h from audit_log`,
    );

    const other = await startTestApp(engine);
    try {
      await restoreFromFile(other.deps.database, schema, file);
      const after = await queryRows<{ n: number; h: string }>(
        other.deps.database.db,
        sql`select count(*)::int as n, max(hash) as h from audit_log`,
      );
      expect(after).toEqual(before);
      expect((await verifyAudit(other.deps.database.db, other.deps.crypto)).ok).toBe(true);
      const c = await loginAs(other, sysadmin);
      const orgs = (await c.request('GET', '/api/orgs')).json().items;
      expect(orgs.some((o: { name: string }) => o.name === '审计测试镇')).toBe(true);
      // Ids continue after the restored ones.
      const created = await c.request('POST', '/api/orgs', {
        parentId: root.id,
        name: '恢复后新建',
        level: 'township',
        zone: 'urban_core',
      });
      expect(created.statusCode).toBe(201);
      expect((await verifyAudit(other.deps.database.db, other.deps.crypto)).ok).toBe(true);

      // A damaged file is refused before anything is dropped.
      const broken = join(dir, 'broken.sql');
      writeFileSync(broken, readFileSync(file, 'utf8').replace(/\n-- rows: .*\n$/, '\n'));
      await expect(restoreFromFile(other.deps.database, schema, broken)).rejects.toThrow(/truncated/);
      expect((await c.request('GET', '/api/orgs')).statusCode).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('names the first altered or removed row', async () => {
    const db = t.deps.database.db;
    await db.execute(sql`alter table audit_log disable trigger user`);
    await db.execute(sql`update audit_log set detail = '{"tampered":true}'::jsonb where seq = 5`);
    let result = await verifyAudit(db, t.deps.crypto);
    expect(result).toMatchObject({ ok: false, brokenAt: 5 });
    await db.execute(sql`delete from audit_log where seq = 3`);
    result = await verifyAudit(db, t.deps.crypto);
    expect(result).toMatchObject({ ok: false, brokenAt: 3, reason: 'row 3 is missing' });
    await db.execute(sql`alter table audit_log enable trigger user`);
  });
});
