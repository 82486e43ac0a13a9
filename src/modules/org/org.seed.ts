import { sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit.js';
import type { AppDeps } from '../../platform/context.js';
import { hashPassword } from '../../platform/crypto.js';
import type { Db } from '../../platform/db.js';
import type { Role, Scope } from '../../platform/http.js';
import type { ORG_LEVELS, ORG_ZONES } from './org.contract.js';
import * as repo from './org.repository.js';
import { childPath, maskContact, pathDepth } from './org.rules.js';
import { nameSearchKeys } from './org.service.js';

type Level = (typeof ORG_LEVELS)[number];
type Zone = (typeof ORG_ZONES)[number];

interface OrgSpec {
  name: string;
  code: string;
  level: Level;
  zone: Zone;
  children?: OrgSpec[];
  /** Title of the principal (一把手) in this org. */
  head: string;
}

const town = (name: string, code: string, zone: Zone): OrgSpec => ({
  name,
  code,
  level: 'township',
  zone,
  head: name.endsWith('街道') ? '街道党工委书记' : '党委书记',
});

const county = (name: string, code: string, zone: Zone, towns: string[]): OrgSpec => ({
  name,
  code,
  level: 'county',
  zone,
  head: name.endsWith('区') ? '区委书记' : name.endsWith('市') ? '市委书记' : '县委书记',
  children: [
    ...towns.map((t, i) => town(t, `${code}-${String(i + 1).padStart(2, '0')}`, zone)),
    {
      name: `${name.replace(/(县|区|市|开发区)$/, '')}纪委监委`,
      code: `${code}-JW`,
      level: 'department',
      zone: 'agency',
      head: '纪委书记、监委主任',
    },
  ],
});

const dept = (name: string, code: string, head: string): OrgSpec => ({ name, code, level: 'department', zone: 'agency', head });

/** The fictional city 示范市: 13 counties/districts of every zone, their townships, and city departments. */
export const DEMO_CITY: OrgSpec = {
  name: '示范市',
  code: 'SF',
  level: 'city',
  zone: 'urban_core',
  head: '市委书记',
  children: [
    dept('市纪委监委', 'SF-JW', '市纪委书记、监委主任'),
    dept('市委组织部', 'SF-ZZB', '部长'),
    dept('市审计局', 'SF-SJ', '局长'),
    dept('市统计局', 'SF-TJ', '局长'),
    dept('市信访局', 'SF-XF', '局长'),
    dept('市住建局', 'SF-ZJ', '局长'),
    dept('市财政局', 'SF-CZ', '局长'),
    dept('市发展改革委', 'SF-FGW', '主任'),
    dept('市卫生健康委', 'SF-WJW', '主任'),
    dept('市生态环境局', 'SF-STHJ', '局长'),
    dept('市农业农村局', 'SF-NY', '局长'),
    dept('市政务服务中心（12345热线）', 'SF-12345', '主任'),
    county('城关区', 'CG', 'urban_core', ['东关街道', '西关街道', '南门街道', '北苑街道']),
    county('新城区', 'XC', 'urban_core', ['学府街道', '新华街道', '锦绣街道']),
    county('滨江区', 'BJ', 'urban_core', ['江岸街道', '望江街道', '沙洲镇']),
    county('示范高新区', 'GX', 'development_zone', ['科创街道', '创业街道']),
    county('临港经济开发区', 'LG', 'development_zone', ['港城街道', '物流园街道']),
    county('青山县', 'QS', 'agricultural_county', ['青山镇', '石门镇', '柳河乡', '杨庄乡']),
    county('丰谷县', 'FG', 'agricultural_county', ['丰谷镇', '麦田镇', '双井乡']),
    county('禾田县', 'HT', 'agricultural_county', ['禾田镇', '稻香镇', '李家乡']),
    county('平川县', 'PC', 'agricultural_county', ['平川镇', '白沙镇', '三河乡']),
    county('东阳市', 'DY', 'agricultural_county', ['东阳街道', '横店镇', '湖溪镇']),
    county('云岭县', 'YL', 'ecological_zone', ['云岭镇', '雾溪乡', '松涛乡']),
    county('翠屏县', 'CP', 'ecological_zone', ['翠屏镇', '竹海乡', '鹿鸣乡']),
    county('清溪县', 'QX', 'ecological_zone', ['清溪镇', '桃源乡']),
  ],
};

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰海燕文斌宇浩凯丹晨晓东亮辉鹏飞婷雪梅琳宁波峰鑫颖';
const DEPUTIES = ['副书记', '副职', '办公室主任', '科员'];

/** A small deterministic PRNG (mulberry32), so the demo is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Demo accounts: one per role city-wide, plus a few county-scoped ones. */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: Role; scope: Scope; orgCode: string }[] = [
  { username: 'sysadmin', displayName: '系统管理员', role: 'sysadmin', scope: 'all', orgCode: 'SF' },
  { username: 'secadmin', displayName: '安全管理员', role: 'secadmin', scope: 'all', orgCode: 'SF' },
  { username: 'auditor', displayName: '审计管理员', role: 'auditor', scope: 'all', orgCode: 'SF' },
  { username: 'leader', displayName: '市领导', role: 'leader', scope: 'all', orgCode: 'SF' },
  { username: 'discipline', displayName: '市纪委监委', role: 'discipline', scope: 'all', orgCode: 'SF-JW' },
  { username: 'organization', displayName: '市委组织部', role: 'organization', scope: 'all', orgCode: 'SF-ZZB' },
  { username: 'inspector', displayName: '市督查室', role: 'inspector', scope: 'all', orgCode: 'SF' },
  { username: 'handler', displayName: '市承办人', role: 'handler', scope: 'all', orgCode: 'SF' },
  { username: 'deputy', displayName: '人大代表', role: 'deputy', scope: 'all', orgCode: 'SF' },
  { username: 'qingshan.leader', displayName: '青山县领导', role: 'leader', scope: 'subtree', orgCode: 'QS' },
  { username: 'qingshan.handler', displayName: '青山县承办人', role: 'handler', scope: 'subtree', orgCode: 'QS' },
  { username: 'qingshan.sysadmin', displayName: '青山县系统管理员', role: 'sysadmin', scope: 'subtree', orgCode: 'QS' },
  { username: 'chengguan.discipline', displayName: '城关区纪委监委', role: 'discipline', scope: 'subtree', orgCode: 'CG' },
  { username: 'yunling.handler', displayName: '云岭县承办人', role: 'handler', scope: 'own', orgCode: 'YL' },
];

/** Has the database any org yet? */
export async function isEmpty(db: Db): Promise<boolean> {
  const result = (await db.execute(sql`select count(*)::int as n from orgs`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0) === 0;
}

/** Creates a root org for a clean install (`shiji seed --empty`). */
export async function seedRoot(deps: AppDeps, root: { name: string; level: Level; zone: Zone }): Promise<repo.OrgRow> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const id = await repo.nextOrgId(tx);
    const path = childPath('/', id);
    const row = await repo.createOrg(tx, {
      id,
      parentId: null,
      tenantId: id,
      path,
      depth: 0,
      name: root.name,
      level: root.level,
      zone: root.zone,
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(tx, deps.crypto, {
      actorId: null,
      actorName: 'system',
      action: 'seed.empty',
      targetType: 'org',
      targetId: id,
      outcome: 'success',
      detail: { name: root.name },
      at: now,
    });
    return row;
  });
}

/** Seeds the demo city, its people and the demo accounts in one transaction. */
export async function seedDemo(deps: AppDeps, password: string): Promise<{ orgs: number; people: number; users: number }> {
  const now = deps.now();
  const random = prng(20261202);
  const pick = (text: string) => text[Math.floor(random() * text.length)] ?? '';
  const personName = () => pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
  const passwordHash = await hashPassword(password);
  return deps.database.db.transaction(async (tx) => {
    const byCode = new Map<string, repo.OrgRow>();
    const peopleRows: Parameters<typeof repo.createPeople>[1] = [];
    let orgCount = 0;
    const insert = async (spec: OrgSpec, parent: repo.OrgRow | null, order: number) => {
      const id = await repo.nextOrgId(tx);
      const path = childPath(parent?.path ?? '/', id);
      const row = await repo.createOrg(tx, {
        id,
        parentId: parent?.id ?? null,
        tenantId: parent?.tenantId ?? id,
        path,
        depth: pathDepth(path),
        name: spec.name,
        code: spec.code,
        level: spec.level,
        zone: spec.zone,
        sortOrder: order,
        isDemo: true,
        createdAt: now,
        updatedAt: now,
      });
      orgCount += 1;
      byCode.set(spec.code, row);
      const staff = spec.level === 'township' ? 3 : 5;
      for (let i = 0; i < staff; i += 1) {
        const name = personName();
        const phone = `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
        peopleRows.push({
          orgId: row.id,
          tenantId: row.tenantId,
          name,
          ...nameSearchKeys(name),
          position: i === 0 ? spec.head : (DEPUTIES[(i - 1) % DEPUTIES.length] ?? '科员'),
          rank: i === 0 ? (spec.level === 'township' ? '乡科级正职' : '县处级正职') : i === 1 ? '副职' : '科员',
          isPrincipal: i === 0,
          contactSealed: deps.crypto.encrypt(phone),
          contactMasked: maskContact(phone),
          createdAt: now,
          updatedAt: now,
        });
      }
      let childOrder = 0;
      for (const child of spec.children ?? []) await insert(child, row, childOrder++);
      return row;
    };
    await insert(DEMO_CITY, null, 0);
    // A few named cadres the guide and tests refer to.
    const qs = byCode.get('QS');
    if (qs) {
      peopleRows.push({
        orgId: qs.id,
        tenantId: qs.tenantId,
        name: '张三',
        ...nameSearchKeys('张三'),
        position: '县长',
        rank: '县处级正职',
        isPrincipal: false,
        createdAt: now,
        updatedAt: now,
      });
    }
    const principalOf = new Map<number, number>();
    for (let i = 0; i < peopleRows.length; i += 200) {
      for (const person of await repo.createPeople(tx, peopleRows.slice(i, i + 200)))
        if (person.isPrincipal) principalOf.set(person.orgId, person.id);
    }
    for (const account of DEMO_ACCOUNTS) {
      const org = byCode.get(account.orgCode);
      if (!org) throw new Error(`demo org ${account.orgCode} missing`);
      // The demo leaders are their org's principal cadre, so reminders to 主要负责人 reach them.
      const personId = account.role === 'leader' ? (principalOf.get(org.id) ?? null) : null;
      await repo.createUser(tx, {
        ...account,
        orgId: org.id,
        personId,
        passwordHash,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
    await appendAudit(tx, deps.crypto, {
      actorId: null,
      actorName: 'system',
      action: 'seed.demo',
      targetType: 'org',
      targetId: byCode.get('SF')?.id ?? null,
      outcome: 'success',
      detail: { orgs: orgCount, people: peopleRows.length, users: DEMO_ACCOUNTS.length },
      at: now,
    });
    return { orgs: orgCount, people: peopleRows.length, users: DEMO_ACCOUNTS.length };
  });
}

/** Whether the demo city is installed (its system administrator belongs to it). */
export async function hasDemoCity(db: Db): Promise<boolean> {
  return (await repo.findUserByUsername(db, 'sysadmin'))?.orgName === DEMO_CITY.name;
}
