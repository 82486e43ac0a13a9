/**
 * Ledger benchmark: generated items (1 M on PostgreSQL, 100 k on PGlite by default), then
 *  - the scoped, filtered list through HTTP beside the same SQL run raw,
 *  - the stats endpoint beside its queries run raw,
 *  - an Excel import of N rows through HTTP beside COPY of the same rows,
 *  - an Excel export of N rows (time, peak RSS) beside COPY TO of the same rows.
 * Figures are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/platform/db.js';
import { multipartBody } from '../test/support/app.js';
import { CATEGORY_LABELS, SOURCE_LABELS } from '../src/modules/ledger/ledger.labels.js';
import { ITEM_CATEGORIES, ITEM_SOURCES } from '../src/modules/ledger/ledger.rules.js';
import { searchTerms } from '../src/modules/ledger/ledger.terms.js';

type Timer = (runs: number, fn: () => Promise<unknown>) => Promise<{ p50: number; p95: number }>;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

const OPEN = sql.raw("'submitted','assigned','claimed','rectifying','closure_requested','returned','reopened'");
const STATUSES = [
  'submitted',
  'assigned',
  'rectifying',
  'rectifying',
  'rectifying',
  'closure_requested',
  'closed',
  'closed',
  'returned',
  'reopened',
];
const TITLES = [
  '村卫生室无人坐诊',
  '文化广场建成后闲置',
  '民俗小镇门可罗雀',
  '新官不理旧账积案未结',
  '统计报表数字与实际不符',
  '产业园区半拉子工程',
  '政务热线工单推诿',
  '惠民资金发放滞后',
];

/** Samples the process's resident memory while `fn` runs; the peak and the level before. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; before: number; peak: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, before, peak };
  } finally {
    clearInterval(timer);
  }
}

/** Runs COPY through the engine itself: PGlite's /dev/blob, or psql's \copy against the server. */
async function rawCopyIn(
  database: Database,
  databaseUrl: string | undefined,
  table: string,
  columns: string,
  csv: string,
): Promise<number> {
  const t = performance.now();
  if (database.pglite) {
    await database.pglite.query(`copy ${table} (${columns}) from '/dev/blob' with (format csv)`, [], { blob: new Blob([csv]) });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'shiji-bench-'));
    const file = join(dir, `${table}.csv`);
    writeFileSync(file, csv);
    const r = spawnSync(
      'psql',
      [databaseUrl ?? '', '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${table} (${columns}) from '${file}' with (format csv)`],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`psql copy failed: ${r.stderr}`);
  }
  return performance.now() - t;
}

async function rawCopyOut(database: Database, databaseUrl: string | undefined, query: string): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  if (database.pglite) {
    const res = await database.pglite.query(`copy (${query}) to '/dev/blob' with (format csv)`);
    return { ms: performance.now() - t, bytes: res.blob?.size ?? 0 };
  }
  const r = spawnSync('psql', [databaseUrl ?? '', '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy (${query}) to stdout with (format csv)`], {
    encoding: 'buffer',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`psql copy failed: ${r.stderr.toString()}`);
  return { ms: performance.now() - t, bytes: r.stdout.length };
}

/** An import file of `n` rows as a clerk would fill the template. */
async function importFile(n: number, orgNames: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('问题台账');
  sheet.addRow(['编号', '问题', '类别', '来源', '所涉单位', '责任单位', '责任人', '牵头领导', '整改措施', '时限']).commit();
  for (let i = 0; i < n; i += 1) {
    const category = CATEGORY_LABELS[ITEM_CATEGORIES[i % ITEM_CATEGORIES.length] ?? 'other'];
    const source = SOURCE_LABELS[ITEM_SOURCES[i % ITEM_SOURCES.length] ?? 'supervision'];
    sheet
      .addRow([
        '',
        `${TITLES[i % TITLES.length]}（导入${i}）`,
        category,
        source,
        orgNames[i % orgNames.length],
        '',
        '',
        '',
        '落实整改责任',
        '2027-06-30',
      ])
      .commit();
  }
  sheet.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

const textArray = (values: readonly string[]) =>
  sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** The ledger figures on one engine. */
export async function benchLedger(opts: {
  label: string;
  database: Database;
  databaseUrl?: string | undefined;
  app: FastifyInstance;
  login: (username: string) => Promise<{ cookie: string; csrf: string }>;
  time: Timer;
  runs: number;
}): Promise<void> {
  const { label, database, app, time, runs } = opts;
  const db = database.db;
  const items = Number(process.env.BENCH_ITEMS ?? (database.kind === 'pglite' ? 100_000 : 1_000_000));
  const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

  // 1. Generate the items in SQL (spread over every org, all states, a year of dates).
  const t0 = performance.now();
  const chunk = 100_000;
  for (let from = 1; from <= items; from += chunk) {
    const to = Math.min(items, from + chunk - 1);
    await db.execute(sql`
      insert into ledger_items (tenant_id, code, kind, title, description, category, source, org_id, responsible_org_id, status, deadline, original_deadline, measures_total, measures_done, search_terms, created_at, updated_at, closed_at)
      select 1, 'BM-' || lpad(g::text, 7, '0'), 'problem', t.titles[1 + g % cardinality(t.titles)] || g::text, '',
        t.categories[1 + g % cardinality(t.categories)], t.sources[1 + g % cardinality(t.sources)],
        o.ids[1 + g % cardinality(o.ids)], o.ids[1 + g % cardinality(o.ids)],
        t.statuses[1 + (g / 7) % cardinality(t.statuses)], (date '2026-01-01' + (g % 420)), (date '2026-01-01' + (g % 420)), 2, g % 3, '{}'::text[],
        timestamptz '2025-12-01' + ((g % 360) || ' days')::interval, now(),
        case when t.statuses[1 + (g / 7) % cardinality(t.statuses)] = 'closed' then timestamptz '2026-02-01' + ((g % 300) || ' days')::interval end
      from generate_series(${from}::int, ${to}::int) g
      cross join (select array_agg(id order by id) as ids from orgs) o
      cross join (select ${textArray(TITLES)} as titles, ${textArray(ITEM_CATEGORIES)} as categories, ${textArray(ITEM_SOURCES)} as sources, ${textArray(STATUSES)} as statuses) t`);
  }
  // As autovacuum leaves a table after a bulk load: statistics and the visibility map (index-only scans).
  await db.execute(sql`vacuum analyze ledger_items`);
  console.log(`\n[${label}] ${items.toLocaleString()} ledger items generated in SQL in ${secs(performance.now() - t0)}`);

  const handler = (await opts.login('qingshan.handler')).cookie;
  const { cookie: inspector, csrf } = await opts.login('inspector');
  const [qsRow] = rowsOf<{ id: number; path: string }>(await db.execute(sql`select id, path from orgs where code = 'QS'`));
  if (!qsRow) throw new Error('QS missing');
  const pattern = `${qsRow.path}%`;
  const [{ n: inScope } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(
      sql`select count(*)::int as n from ledger_items where responsible_org_id in (select id from orgs where path like ${pattern})`,
    ),
  );

  // 2. The scoped, filtered list (a county handler's subtree; status filter; deadline order), HTTP vs the same SQL.
  const listUrl = '/api/ledger/items?status=rectifying&sort=deadline&page=1&pageSize=20';
  const http = await time(runs, () => app.inject({ method: 'GET', url: listUrl, headers: { cookie: handler } }));
  const scope = sql`tenant_id = 1 and responsible_org_id in (select id from orgs where tenant_id = 1 and path like ${pattern})`;
  const light = sql`case when status not in (${OPEN}) or deadline is null then null when deadline < current_date then 'red'
    when deadline - current_date < 7 then 'yellow'
    when measures_total > 0 and measures_done::float8 / measures_total < ((current_date - (created_at at time zone 'Asia/Shanghai')::date)::float8 / greatest(deadline - (created_at at time zone 'Asia/Shanghai')::date + 1, 1)) then 'yellow'
    else 'green' end`;
  const raw = await time(runs, async () => {
    await db.execute(sql`select count(*)::int from ledger_items where ${scope} and status = 'rectifying'`);
    await db.execute(
      sql`select *, ${light} as light from ledger_items where ${scope} and status = 'rectifying' order by deadline asc nulls last, id desc limit 20`,
    );
  });
  console.log(
    `[${label}] list, county subtree (${inScope.toLocaleString()} items), status filter, by deadline  HTTP p50 ${fmt(http.p50)} p95 ${fmt(http.p95)} | raw SQL p50 ${fmt(raw.p50)} p95 ${fmt(raw.p95)} | ratio p95 ${(http.p95 / raw.p95).toFixed(2)}×`,
  );

  // The list as it first opens: the subtree, newest first, no filter.
  const httpAll = await time(runs, () =>
    app.inject({ method: 'GET', url: '/api/ledger/items?page=1&pageSize=20', headers: { cookie: handler } }),
  );
  const rawAll = await time(runs, async () => {
    await db.execute(sql`select count(*)::int from ledger_items where ${scope}`);
    await db.execute(sql`select *, ${light} as light from ledger_items where ${scope} order by created_at desc, id desc limit 20`);
  });
  console.log(
    `[${label}] list, county subtree, newest first (as it opens)                HTTP p50 ${fmt(httpAll.p50)} p95 ${fmt(httpAll.p95)} | raw SQL p50 ${fmt(rawAll.p50)} p95 ${fmt(rawAll.p95)} | ratio p95 ${(httpAll.p95 / rawAll.p95).toFixed(2)}×`,
  );

  const redUrl = '/api/ledger/items?light=red&sort=-createdAt&page=1&pageSize=20';
  const httpRed = await time(runs, () => app.inject({ method: 'GET', url: redUrl, headers: { cookie: handler } }));
  const rawRed = await time(runs, async () => {
    await db.execute(sql`select count(*)::int from ledger_items where ${scope} and (${light}) = 'red'`);
    await db.execute(
      sql`select *, ${light} as light from ledger_items where ${scope} and (${light}) = 'red' order by created_at desc, id desc limit 20`,
    );
  });
  console.log(
    `[${label}] list, county subtree, red lights                                  HTTP p50 ${fmt(httpRed.p50)} p95 ${fmt(httpRed.p95)} | raw SQL p50 ${fmt(rawRed.p50)} p95 ${fmt(rawRed.p95)} | ratio p95 ${(httpRed.p95 / rawRed.p95).toFixed(2)}×`,
  );

  // 3. Stats over the county subtree and over the whole city.
  for (const [who, cookie, where] of [
    ['county', handler, scope],
    ['city', inspector, sql`tenant_id = 1`],
  ] as const) {
    const statsRuns = Math.max(5, Math.floor(runs / (who === 'city' ? 20 : 4)));
    const httpStats = await time(statsRuns, () => app.inject({ method: 'GET', url: '/api/ledger/stats', headers: { cookie } }));
    // The same statements the stats service sends (rates, one grouping-sets scan, red by org, monthly in two passes).
    const since = '2026-01-01';
    const rawStats = await time(statsRuns, async () => {
      await db.execute(sql`select count(*)::int, count(*) filter (where status in (${OPEN})), count(*) filter (where status = 'closed'),
        count(*) filter (where status = 'closed' and (deadline is null or (closed_at at time zone 'Asia/Shanghai')::date <= deadline)),
        count(*) filter (where rebound_count > 0), count(*) filter (where status = 'closed' or rebound_count > 0),
        count(*) filter (where status in (${OPEN}) and deadline < current_date) from ledger_items where ${where}`);
      await db.execute(
        sql`select grouping(status), grouping(category), grouping(source), status, category, source, responsible_org_id, count(*) from ledger_items where ${where} group by grouping sets ((status), (category), (source), (responsible_org_id))`,
      );
      await db.execute(
        sql`select responsible_org_id, count(*) from ledger_items where ${where} and status in (${OPEN}) and deadline < current_date group by 1 order by 2 desc limit 20`,
      );
      await db.execute(sql`select m.month, c.n, d.n from (select to_char(d, 'YYYY-MM') as month from generate_series(${since}::date, ${since}::date + interval '11 months', interval '1 month') d) m
        left join (select to_char(created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as k, count(*) as n from ledger_items where ${where} and created_at >= ${since}::date group by 1) c on c.k = m.month
        left join (select to_char(closed_at at time zone 'Asia/Shanghai', 'YYYY-MM') as k, count(*) as n from ledger_items where ${where} and closed_at >= ${since}::date group by 1) d on d.k = m.month`);
    });
    console.log(
      `[${label}] stats (${who} scope)                                                   HTTP p50 ${fmt(httpStats.p50)} p95 ${fmt(httpStats.p95)} | raw SQL p50 ${fmt(rawStats.p50)} p95 ${fmt(rawStats.p95)} | ratio p95 ${(httpStats.p95 / rawStats.p95).toFixed(2)}×`,
    );
  }

  // 4. Import N rows from an Excel file through HTTP, beside COPY of the same rows (items, measures, events).
  const orgNames = rowsOf<{ name: string }>(
    await db.execute(
      sql`select name from orgs where path like ${pattern} and name not in (select name from orgs group by name having count(*) > 1) order by id`,
    ),
  ).map((r) => r.name);
  const file = await importFile(importRows, orgNames);
  const { payload, contentType } = multipartBody({
    fileName: 'bench.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: file,
  });
  const ti = performance.now();
  const imported = await peakRss(() =>
    app.inject({
      method: 'POST',
      url: '/api/ledger/import',
      headers: { cookie: inspector, 'x-csrf-token': csrf, 'content-type': contentType },
      payload,
    }),
  );
  const importMs = performance.now() - ti;
  if (imported.result.statusCode !== 200)
    throw new Error(`import failed: ${imported.result.statusCode} ${imported.result.body.slice(0, 500)}`);
  const orgIds = rowsOf<{ id: number; name: string }>(await db.execute(sql`select id, name from orgs`));
  const idOf = new Map(orgIds.map((o) => [o.name, o.id]));
  const [{ next: firstId } = { next: 0 }] = rowsOf<{ next: number }>(
    await db.execute(sql`select coalesce(max(id), 0)::int + 1000000 as next from ledger_items`),
  );
  const itemCsv: string[] = [];
  const measureCsv: string[] = [];
  const eventCsv: string[] = [];
  const stamp = new Date().toISOString();
  for (let i = 0; i < importRows; i += 1) {
    const id = firstId + i;
    const org = idOf.get(orgNames[i % orgNames.length] ?? '') ?? 1;
    // The same row the import writes, search terms included (they feed a GIN index, so they cost COPY too).
    const title = `${TITLES[i % TITLES.length]}（COPY${i}）`;
    const terms = `"{${searchTerms(title)
      .map((t) => `""${t}""`)
      .join(',')}}"`;
    itemCsv.push(
      `${id},1,CP-${String(i).padStart(7, '0')},problem,"${title}","",${ITEM_CATEGORIES[i % ITEM_CATEGORIES.length]},${ITEM_SOURCES[i % ITEM_SOURCES.length]},${org},${org},submitted,2027-06-30,2027-06-30,1,${terms},${stamp},${stamp}`,
    );
    measureCsv.push(`1,${id},落实整改责任,pending,0,${stamp},${stamp}`);
    eventCsv.push(`1,${id},${stamp},bench,submit,submitted`);
  }
  const copyMs =
    (await rawCopyIn(
      opts.database,
      opts.databaseUrl,
      'ledger_items',
      'id, tenant_id, code, kind, title, description, category, source, org_id, responsible_org_id, status, deadline, original_deadline, measures_total, search_terms, created_at, updated_at',
      itemCsv.join('\n'),
    )) +
    (await rawCopyIn(
      opts.database,
      opts.databaseUrl,
      'ledger_measures',
      'tenant_id, item_id, content, status, sort_order, created_at, updated_at',
      measureCsv.join('\n'),
    )) +
    (await rawCopyIn(
      opts.database,
      opts.databaseUrl,
      'ledger_events',
      'tenant_id, item_id, at, actor_name, action, to_status',
      eventCsv.join('\n'),
    ));
  console.log(
    `[${label}] import ${importRows.toLocaleString()} rows (${mb(file.length)} xlsx) through HTTP  ${secs(importMs)} = ${Math.round(importRows / (importMs / 1000)).toLocaleString()} rows/s | raw COPY of the same rows (items + measures + events) ${secs(copyMs)} = ${Math.round(importRows / (copyMs / 1000)).toLocaleString()} rows/s | import at ${Math.round((copyMs / importMs) * 100)} % of COPY's rate; RSS ${mb(imported.before)} → peak ${mb(imported.peak)}`,
  );

  // 5. Export the imported rows (filtered by their org subtree and status) to Excel, beside COPY TO.
  // The rows just imported: their titles carry “（导入”.
  const exportUrl = `/api/ledger/export.xlsx?q=${encodeURIComponent('（导入')}`;
  const [{ n: exportRows } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from ledger_items where title like '%（导入%'`),
  );
  const te = performance.now();
  const exported = await peakRss(async () => {
    const res = await app.inject({ method: 'GET', url: exportUrl, headers: { cookie: inspector }, payloadAsStream: true });
    let bytes = 0;
    for await (const c of res.stream()) bytes += (c as Buffer).length;
    return bytes;
  });
  const exportMs = performance.now() - te;
  const copyOut = await rawCopyOut(
    opts.database,
    opts.databaseUrl,
    `select i.code, i.title, i.category, i.source, i.org_id, i.responsible_org_id, i.deadline, i.status, (select string_agg(m.content, chr(10)) from ledger_measures m where m.item_id = i.id) from ledger_items i where i.title like '%（导入%' order by i.id`,
  );
  console.log(
    `[${label}] export ${exportRows.toLocaleString()} rows to Excel (${mb(exported.result)})  ${secs(exportMs)}, RSS ${mb(exported.before)} → peak ${mb(exported.peak)} (+${mb(exported.peak - exported.before)}) | raw COPY TO csv ${secs(copyOut.ms)} (${mb(copyOut.bytes)})`,
  );
}

function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
