import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildApp } from './app.js';
import { verifyAudit } from './platform/audit.js';
import { backupToFile, BackupFormatError, restoreFromFile } from './platform/backup.js';
import * as schema from './schema.js';
import { loadConfig, type Config } from './platform/config.js';
import type { AppDeps } from './platform/context.js';
import { openDatabase } from './platform/db.js';
import { AppError } from './platform/errors.js';
import { ROLES, SCOPES } from './platform/http.js';
import { translate } from './platform/i18n.js';
import { openRuntime } from './platform/runtime.js';
import {
  createUserFromCli,
  DEMO_ACCOUNTS,
  hasDemoCity,
  isEmpty,
  ORG_LEVELS,
  ORG_ZONES,
  rescueAccount,
  seedDemo,
  seedRoot,
} from './modules/org/index.js';
import { backfillSearchTerms, ITEM_CATEGORIES, seedDemoLedger } from './modules/ledger/index.js';
import { analyseDigits, runNightlyIntegrity, seedDemoAssessment, writeDemoFigures } from './modules/assessment/index.js';
import { startNotifyScheduler } from './modules/notify/index.js';

const USAGE = `实绩 Shiji — 用法 / usage:
  shiji serve                      启动服务 / start the server (default)
  shiji migrate                    应用数据库迁移 / apply migrations
  shiji seed [--empty] [--root-name 名称] [--root-level city] [--root-zone urban_core]
                                   演示数据，或 --empty 只建根组织 / demo data, or only a root org
  shiji user create --username U --password P [--role sysadmin] [--scope all] [--display-name N] [--org-id ID]
                                   创建用户（首个系统管理员）/ create a user (the first sysadmin)
  shiji user reset-password --username U --password P
                                   在服务器上重置密码（如唯一的安全管理员）/ reset a password on the server (e.g. the only secadmin)
  shiji user unlock --username U   在服务器上解除锁定 / unlock an account on the server
  shiji audit verify               校验审计链 / verify the audit chain
  shiji integrity digits FILE [--test first|second|first-two] [--column NAME] [--json]
                                   数字分析（本福特）：每行一个数的文本、CSV 或 xlsx 的一列 / Benford analysis of a column
  shiji demo-figures [--seed N]    为演示单位生成考核数据并植入各类造假 / synthetic figures with planted frauds
  shiji backup FILE                备份为 SQL 文件 / back up to a SQL file
  shiji restore FILE               从备份恢复（替换全部数据）/ restore (replaces all data)
环境变量 / environment: HOST PORT SHIJI_DATA DATABASE_URL SHIJI_PROFILE SHIJI_CRYPTO SHIJI_SECRET_KEY SHIJI_DEMO_PASSWORD SHIJI_REMINDER_INTERVAL_MS SHIJI_REMINDER_REPEAT_DAYS`;

/** A command-line mistake: printed with the usage, exit code 2. */
class UsageError extends Error {}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function withRuntime<T>(config: Config, fn: (deps: AppDeps) => Promise<T>): Promise<T> {
  const deps = await openRuntime(config);
  try {
    return await fn(deps);
  } finally {
    await deps.database.close();
  }
}

function demoBanner(config: Config, url: string): string {
  const rows = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(22)} ${a.displayName}（${a.role}, ${a.scope}）`);
  return [`实绩 Shiji 已启动 / is running: ${url}`, `演示账号 / demo accounts (密码 / password: ${config.demoPassword})`, ...rows].join(
    '\n',
  );
}

/** Seconds with one decimal, for progress lines. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/**
 * Seeds the demo city on an empty database (the first `shiji serve`, or `shiji seed`): a progress line before each
 * step and its time after it, since the whole takes from seconds to most of a minute depending on the machine.
 */
async function seedDemoWithProgress(deps: AppDeps, password: string): Promise<void> {
  const started = Date.now();
  const total = 3;
  const step = async <T>(n: number, zh: string, en: string, work: () => Promise<T>): Promise<T> => {
    log(`正在写入演示数据 (${n}/${total})：${zh}… / Seeding demo data (${n}/${total}): ${en}…`);
    const t = Date.now();
    const result = await work();
    const took = seconds(Date.now() - t);
    log(`  用时 ${took} 秒 / took ${took} s`);
    return result;
  };
  const counts = await step(1, '组织、人员与账号', 'organisations, people and accounts', () => seedDemo(deps, password));
  const items = await step(2, '整改台账', 'the rectification ledger', () => seedDemoLedger(deps));
  const assessment = await step(3, '考核指标、数据与方案', 'assessment indicators, figures and schemes', () => seedDemoAssessment(deps));
  log(
    `已生成演示数据 / demo data seeded: ${counts.orgs} orgs, ${counts.people} people, ${counts.users} users, ${items} ledger items, ${assessment.figures} figures, ${assessment.schemes} assessment schemes`,
  );
  const took = seconds(Date.now() - started);
  log(`演示数据共用时 ${took} 秒 / demo data took ${took} s in all`);
}

async function serve(config: Config): Promise<number> {
  const started = Date.now();
  // The embedded database is created on the first start (its folder as openDatabase lays it out): that alone can take
  // half a minute, so say so before it starts.
  const creating = !config.databaseUrl && !existsSync(join(resolve(config.dataDir), 'pglite'));
  if (creating) log('正在创建内置数据库（仅首次启动）… / Creating the embedded database (first start only)…');
  const deps = await openRuntime(config);
  if (creating) {
    const took = seconds(Date.now() - started);
    log(`  用时 ${took} 秒 / took ${took} s`);
  }
  let seeded = false;
  if (await isEmpty(deps.database.db)) {
    await seedDemoWithProgress(deps, config.demoPassword);
    seeded = true;
  }
  const backfilled = await backfillSearchTerms(deps.database.db);
  if (backfilled > 0) log(`已为 ${backfilled} 条台账生成查重分词 / search terms computed for ${backfilled} ledger items`);
  const app = await buildApp(deps, { logger: config.logLevel !== 'silent' && process.env.SHIJI_HTTP_LOG === 'true' });
  const address = await app.listen({ host: config.host, port: config.port });
  const url = address.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
  const hasDemo = seeded || (await hasDemoCity(deps.database.db));
  log(hasDemo ? demoBanner(config, `${url}/`) : `实绩 Shiji 已启动 / is running: ${url}/`);
  log(`数据库 / database: ${deps.database.kind} (${deps.database.version}); ready in ${Date.now() - started} ms`);
  // Reminders (yellow, red, still red) and webhook deliveries; SHIJI_REMINDER_INTERVAL_MS=0 turns it off.
  const scheduler = startNotifyScheduler(deps, config.reminderIntervalMs, { alsoRun: [(now) => runNightlyIntegrity(deps, now)] });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await scheduler.stop();
  await app.close();
  await deps.database.close();
  return 0;
}

const ZUserCreate = z.object({
  username: z
    .string()
    .min(3)
    .max(32)
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/),
  password: z.string().min(1).max(128),
  role: z.enum(ROLES).default('sysadmin'),
  scope: z.enum(SCOPES).default('all'),
  'display-name': z.string().min(1).max(50).optional(),
  'org-id': z.coerce.number().int().positive().optional(),
});

function parseOrUsage<T>(schema: z.ZodType<T>, values: unknown): T {
  const result = schema.safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? '?')}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

async function userCreate(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      'display-name': { type: 'string' },
      'org-id': { type: 'string' },
    },
    strict: true,
  });
  const input = parseOrUsage(ZUserCreate, values);
  return withRuntime(config, async (deps) => {
    const result = await createUserFromCli(deps, {
      username: input.username,
      password: input.password,
      role: input.role,
      scope: input.scope,
      displayName: input['display-name'],
      orgId: input['org-id'],
    });
    if (!result.ok) throw new UsageError(result.option ? `--${result.option}: ${result.reason}` : result.reason);
    log(`已创建用户 / created user ${input.username} (${input.role}, ${input.scope}) in ${result.orgName}`);
    return 0;
  });
}

const ZUserRef = z.object({ username: z.string().min(1).max(64) });
const ZUserReset = ZUserRef.extend({ password: z.string().min(1).max(128) });

/**
 * `shiji user reset-password` / `shiji user unlock`: the operator on the server acts on any account, such as the
 * only security administrator's, which no administrator may do through the API (三员分立). Audited as `cli`.
 */
async function userRescue(config: Config, act: 'reset-password' | 'unlock', args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { username: { type: 'string' }, password: { type: 'string' } }, strict: true });
  const input = act === 'reset-password' ? parseOrUsage(ZUserReset, values) : { ...parseOrUsage(ZUserRef, values), password: undefined };
  return withRuntime(config, async (deps) => {
    const result = await rescueAccount(
      deps,
      input.password !== undefined
        ? { act: 'reset-password', username: input.username, password: input.password }
        : { act: 'unlock', username: input.username },
    );
    if (!result.ok) throw new UsageError(`--username: ${result.reason}`);
    const user = { username: result.username };
    log(
      act === 'reset-password'
        ? `已重置密码，首次登录须修改 / password reset for ${user.username} (must change at next login)`
        : `已解除锁定 / unlocked ${user.username}`,
    );
    return 0;
  });
}

const ZSeed = z.object({
  empty: z.boolean().optional(),
  'root-name': z.string().min(1).max(100).default('本单位'),
  'root-level': z.enum(ORG_LEVELS).default('city'),
  'root-zone': z.enum(ORG_ZONES).default('urban_core'),
});

async function seed(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      empty: { type: 'boolean' },
      'root-name': { type: 'string' },
      'root-level': { type: 'string' },
      'root-zone': { type: 'string' },
    },
    strict: true,
  });
  const input = parseOrUsage(ZSeed, values);
  return withRuntime(config, async (deps) => {
    if (!(await isEmpty(deps.database.db)))
      throw new UsageError('the database already has organisations; seed only runs on an empty database');
    if (input.empty) {
      const root = await seedRoot(deps, { name: input['root-name'], level: input['root-level'], zone: input['root-zone'] });
      log(`已创建根组织 / created root org "${root.name}" (id ${root.id}). Next: shiji user create --username admin --password …`);
    } else {
      await seedDemoWithProgress(deps, config.demoPassword);
    }
    return 0;
  });
}

const ZDigitsArgs = z.object({
  test: z.enum(['first', 'second', 'first-two']).default('first'),
  column: z.string().min(1).optional(),
  json: z.boolean().optional(),
});

const CONFORMITY_ZH: Record<string, string> = { close: '高度符合', acceptable: '可接受', marginal: '勉强可接受', nonconformity: '不符合' };

/** `shiji integrity digits FILE`: the Benford analysis of a column, as a table or JSON. No database needed. */
async function integrityDigits(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { test: { type: 'string' }, column: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  const input = parseOrUsage(ZDigitsArgs, values);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('integrity digits needs exactly one FILE argument');
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    throw new UsageError(`FILE: cannot read ${file}`);
  }
  const report = await analyseDigits({ fileName: file, content }, input.test, input.column);
  if (input.json) {
    log(
      JSON.stringify({
        n: report.n,
        counts: report.counts,
        expected: report.expected,
        mad: report.mad,
        conformity: report.conformity,
        chiSquare: report.chiSquare,
        pValue: report.pValue,
        test: report.test,
        digits: report.digits,
        z: report.z,
        skipped: report.skipped,
      }),
    );
    return 0;
  }
  log(
    `本福特${input.test === 'first' ? '首位' : input.test === 'second' ? '第二位' : '前两位'}数字检验 / Benford ${input.test}-digit test: n = ${report.n}${report.skipped ? ` (skipped ${report.skipped})` : ''}`,
  );
  log('digit   count   expected        z');
  report.digits.forEach((d, i) =>
    log(
      `${String(d).padStart(5)} ${String(report.counts[i]).padStart(7)} ${(report.expected[i] ?? 0).toFixed(1).padStart(10)} ${(report.z[i] ?? 0).toFixed(2).padStart(8)}`,
    ),
  );
  log(`MAD ${report.mad.toFixed(6)} → ${CONFORMITY_ZH[report.conformity]} / ${report.conformity}`);
  log(`chi-square ${report.chiSquare.toFixed(3)} (df ${report.df}), p = ${report.pValue.toPrecision(4)}`);
  return 0;
}

/** Runs the CLI; returns the process exit code. */
export async function run(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  try {
    const config = loadConfig(process.env, { categories: ITEM_CATEGORIES });
    switch (command) {
      case 'serve':
        return await serve(config);
      case 'migrate': {
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          const { migrateDatabase } = await import('./platform/db.js');
          await migrateDatabase(database);
        } finally {
          await database.close();
        }
        log('迁移完成 / migrations applied');
        return 0;
      }
      case 'seed':
        return await seed(config, rest);
      case 'user':
        if (rest[0] === 'create') return await userCreate(config, rest.slice(1));
        if (rest[0] === 'reset-password' || rest[0] === 'unlock') return await userRescue(config, rest[0], rest.slice(1));
        throw new UsageError(`unknown subcommand: user ${rest[0] ?? ''}`);
      case 'audit': {
        if (rest[0] !== 'verify') throw new UsageError(`unknown subcommand: audit ${rest[0] ?? ''}`);
        return await withRuntime(config, async (deps) => {
          const result = await verifyAudit(deps.database.db, deps.crypto);
          if (result.ok) {
            log(`审计链完整 / audit chain intact: ${result.rows} rows (${result.algorithm})`);
            return 0;
          }
          log(`审计链被破坏 / audit chain BROKEN at row ${result.brokenAt}: ${result.reason} (${result.rows} rows verified before it)`);
          return 1;
        });
      }
      case 'backup':
      case 'restore': {
        const file = rest[0];
        if (!file || rest.length > 1) throw new UsageError(`${command} needs exactly one FILE argument`);
        return await withRuntime(config, async (deps) => {
          if (command === 'backup') {
            const counts = await backupToFile(deps.database, schema, file);
            log(`已备份 / backed up to ${file}: ${JSON.stringify(counts)}`);
          } else {
            const n = await restoreFromFile(deps.database, schema, file);
            const verify = await verifyAudit(deps.database.db, deps.crypto);
            log(`已恢复 / restored ${n} statements from ${file}; audit chain ${verify.ok ? 'intact' : 'BROKEN'} (${verify.rows} rows)`);
            if (!verify.ok) return 1;
          }
          return 0;
        });
      }
      case 'integrity':
        if (rest[0] !== 'digits') throw new UsageError(`unknown subcommand: integrity ${rest[0] ?? ''}`);
        return await integrityDigits(rest.slice(1));
      case 'demo-figures': {
        const { values } = parseArgs({ args: rest, options: { seed: { type: 'string' } }, strict: true });
        const seedArg = parseOrUsage(
          z.object({
            seed: z.coerce
              .number()
              .int()
              .min(1)
              .max(2 ** 31)
              .optional(),
          }),
          values,
        );
        return await withRuntime(config, async (deps) => {
          const result = await writeDemoFigures(deps, seedArg.seed);
          log(
            `已生成考核数据 / figures written: ${result.figures} (${result.units} units × ${result.indicators} indicators × ${result.years} years)`,
          );
          log('植入的造假 / planted frauds (what 数据核查 should find):');
          for (const p of result.planted)
            log(
              `  ${p.check.padEnd(11)} ${p.code.padEnd(15)} ${p.orgName ?? '（整个指标 / whole indicator）'}${p.otherOrgName ? ` ~ ${p.otherOrgName}` : ''} ${p.year}`,
            );
          return 0;
        });
      }
      case 'help':
      case '--help':
      case '-h':
        log(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`错误 / error: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof BackupFormatError) {
      process.stderr.write(`错误 / error: ${error.message}\n`);
      return 2;
    }
    if (error instanceof AppError) {
      process.stderr.write(`错误: ${translate('zh-CN', `error.${error.code}`, error.params)}\nerror: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
