import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/main.js';
import { openDatabase } from '../../src/platform/db.js';
import { sql } from 'drizzle-orm';

describe('the shiji command on an embedded database', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shiji-cli-'));
    process.env.SHIJI_DATA = join(dir, 'data');
    delete process.env.DATABASE_URL;
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.SHIJI_DATA;
  });

  it('seed --empty, user create, audit verify, backup, restore; a tampered chain exits non-zero', async () => {
    expect(await run(['seed', '--empty', '--root-name', '县纪委监委', '--root-level', 'county', '--root-zone', 'agency'])).toBe(0);
    expect(await run(['user', 'create', '--username', 'admin', '--password', 'first-admin-pass'])).toBe(0);
    expect(out.join('')).toContain('admin (sysadmin, all) in 县纪委监委');
    expect(await run(['user', 'create', '--username', 'admin2', '--password', 'password1'])).toBe(2);
    expect(await run(['audit', 'verify'])).toBe(0);
    expect(out.join('')).toMatch(/intact: 2 rows \(sm3\)/);
    const file = join(dir, 'b.sql');
    expect(await run(['backup', file])).toBe(0);
    expect(await run(['restore', file])).toBe(0);
    expect(out.join('')).toMatch(/audit chain intact \(2 rows\)/);

    const database = await openDatabase({ dataDir: process.env.SHIJI_DATA });
    await database.db.execute(sql`alter table audit_log disable trigger user`);
    await database.db.execute(sql`update audit_log set actor_name = 'mallory' where seq = 2`);
    await database.close();
    expect(await run(['audit', 'verify'])).toBe(1);
    expect(out.join('')).toMatch(/BROKEN at row 2/);
  });

  it('rejects bad arguments with exit code 2 and names them', async () => {
    expect(await run(['frobnicate'])).toBe(2);
    expect(err.join('')).toContain('unknown command: frobnicate');
    expect(await run(['user', 'create', '--username', 'x', '--password', 'long-enough-pass'])).toBe(2);
    expect(err.join('')).toContain('--username');
    expect(await run(['seed', '--root-level', 'galaxy'])).toBe(2);
    expect(err.join('')).toContain('--root-level');
    expect(await run(['backup'])).toBe(2);
    const junk = join(dir, 'junk.sql');
    writeFileSync(junk, 'drop table users;\n');
    expect(await run(['restore', junk])).toBe(2);
    expect(err.join('')).toContain('not a Shiji backup');
    process.env.PORT = 'eighty';
    expect(await run(['migrate'])).toBe(2);
    expect(err.join('')).toContain('PORT');
    delete process.env.PORT;
  });
});
