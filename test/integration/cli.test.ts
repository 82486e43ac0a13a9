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

  it('the operator resets the only security administrator’s password and unlocks an account on the server; both audited as cli', async () => {
    expect(await run(['seed', '--empty', '--root-name', '某县'])).toBe(0);
    expect(await run(['user', 'create', '--username', 'sec', '--password', 'first-sec-passphrase', '--role', 'secadmin'])).toBe(0);
    expect(await run(['user', 'reset-password', '--username', 'sec', '--password', 'second-sec-passphrase'])).toBe(0);
    expect(await run(['user', 'unlock', '--username', 'sec'])).toBe(0);
    expect(await run(['user', 'reset-password', '--username', 'nobody', '--password', 'second-sec-passphrase'])).toBe(2);
    expect(err.join('')).toContain('--username');
    expect(await run(['user', 'reset-password', '--username', 'sec', '--password', 'password1'])).toBe(2);
    expect(await run(['user', 'reset-password', '--username', 'sec'])).toBe(2);
    expect(err.join('')).toContain('--password');
    const database = await openDatabase({ dataDir: process.env.SHIJI_DATA });
    try {
      const rows = (await database.db.execute(sql`select action, actor_name from audit_log order by seq`)) as unknown as {
        rows: { action: string; actor_name: string }[];
      };
      expect(rows.rows.slice(-2)).toEqual([
        { action: 'user.password.reset', actor_name: 'cli' },
        { action: 'user.unlock', actor_name: 'cli' },
      ]);
      const user = (await database.db.execute(sql`select must_change_password from users where username = 'sec'`)) as unknown as {
        rows: { must_change_password: boolean }[];
      };
      expect(user.rows[0]?.must_change_password).toBe(true);
    } finally {
      await database.close();
    }
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

  it('integrity digits reads a column and prints Nigrini’s figures; bad arguments exit 2 naming them', async () => {
    const fib: bigint[] = [1n, 1n];
    while (fib.length < 1000) fib.push((fib[fib.length - 1] ?? 0n) + (fib[fib.length - 2] ?? 0n));
    const txt = join(dir, 'fib.txt');
    writeFileSync(txt, fib.join('\n'));
    expect(await run(['integrity', 'digits', txt, '--json'])).toBe(0);
    const report = JSON.parse(out.join('').trim()) as {
      n: number;
      counts: number[];
      mad: number;
      conformity: string;
      chiSquare: number;
      pValue: number;
      expected: number[];
    };
    expect(report).toMatchObject({ n: 1000, counts: [301, 177, 125, 96, 80, 67, 56, 53, 45], conformity: 'close' });
    expect(report.mad).toBeCloseTo(0.00082, 6);
    expect(report.expected[0]).toBeCloseTo(1000 * Math.log10(2), 9);
    // Powers of two in the second column of a CSV with a header.
    const csv = join(dir, 'pow2.csv');
    writeFileSync(csv, `k,value\n${Array.from({ length: 1000 }, (_, k) => `${k},${2n ** BigInt(k)}`).join('\n')}\n`);
    out.length = 0;
    expect(await run(['integrity', 'digits', csv, '--column', 'value', '--json'])).toBe(0);
    expect(JSON.parse(out.join('').trim()).counts).toEqual([301, 176, 125, 97, 79, 69, 56, 52, 45]);
    out.length = 0;
    expect(await run(['integrity', 'digits', txt])).toBe(0);
    expect(out.join('')).toContain('MAD 0.000820');
    expect(await run(['integrity', 'digits', txt, '--test', 'third'])).toBe(2);
    expect(err.join('')).toContain('--test');
    expect(await run(['integrity', 'digits'])).toBe(2);
    expect(await run(['integrity', 'digits', join(dir, 'missing.txt')])).toBe(2);
    expect(err.join('')).toContain('missing.txt');
  });

  it('seed writes the demo city, printing each step before it starts and its time after it', async () => {
    expect(await run(['seed'])).toBe(0);
    const lines = out.join('').split('\n');
    const steps = lines.flatMap((line, i) =>
      /^正在写入演示数据 \(\d\/3\)：.+… \/ Seeding demo data \(\d\/3\): .+…$/.test(line) ? [i] : [],
    );
    expect(steps.map((i) => /\((\d)\/3\)/.exec(lines[i] ?? '')?.[1])).toEqual(['1', '2', '3']);
    for (const i of steps) expect(lines[i + 1]).toMatch(/^ {2}用时 \d+\.\d 秒 \/ took \d+\.\d s$/);
    const last = steps.at(-1) ?? 0;
    expect(lines[last + 2]).toMatch(/^已生成演示数据 \/ demo data seeded: \d+ orgs, \d+ people, \d+ users, \d+ ledger items/);
    expect(lines[last + 3]).toMatch(/^演示数据共用时 \d+\.\d 秒 \/ demo data took \d+\.\d s in all$/);
  });
});
