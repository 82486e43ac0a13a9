import { Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import type {
  Conformity,
  DeductionKind,
  FlagStatus,
  Grade,
  IndicatorDirection,
  IndicatorDomain,
  IntegrityCheck,
  MissingReason,
  OrgLevel,
  OrgZone,
  ScoringMethod,
  Visibility,
} from '../../api/types';
import { isMessageKey, useT, type MessageKey, type TFunction } from '../../i18n';
import type { FormInstance } from 'antd';

/** 优秀 / 良好 / 一般 / 较差. */
export const gradeLabel = (t: TFunction, g: Grade): string => t(`asm.grade.${g}` as MessageKey);
/** 中心城区 / 农业县 / … (the org module's zone names). */
export const zoneLabel = (t: TFunction, z: OrgZone | string): string => (isMessageKey(`zone.${z}`) ? t(`zone.${z}` as MessageKey) : z);
/** 县(市、区) / 乡镇(街道) / … */
export const levelLabel = (t: TFunction, l: OrgLevel | string): string => (isMessageKey(`level.${l}`) ? t(`level.${l}` as MessageKey) : l);
/** 经济发展 / 民生保障 / … */
export const domainLabel = (t: TFunction, d: IndicatorDomain): string => t(`asm.domain.${d}` as MessageKey);
/** 目标值法 / 同类比较法 / 改善幅度法. */
export const methodLabel = (t: TFunction, m: ScoringMethod): string => t(`asm.method.${m}` as MessageKey);
/** The name of a deduction kind; an unknown kind shows as sent. */
export const deductionLabel = (t: TFunction, k: DeductionKind | string): string =>
  isMessageKey(`asm.deduction.${k}`) ? t(`asm.deduction.${k}` as MessageKey) : k;
/** Why an indicator scored nothing. */
export const missingLabel = (t: TFunction, r: MissingReason | string): string =>
  isMessageKey(`asm.missing.${r}`) ? t(`asm.missing.${r}` as MessageKey) : r;
/** 本福特检验 / 末位数字检验 / … */
export const checkLabel = (t: TFunction, c: IntegrityCheck | string): string =>
  isMessageKey(`asm.int.check.${c}`) ? t(`asm.int.check.${c}` as MessageKey) : c;
/** 待处理 / 已转台账 / 已排除. */
export const flagStatusLabel = (t: TFunction, s: FlagStatus): string => t(`asm.int.status.${s}` as MessageKey);
/** The name of a statistic or condition of a flag (mad, modified_z, gap…); unknown names show as sent. */
export const statLabel = (t: TFunction, name: string): string =>
  isMessageKey(`asm.int.stat.${name}`) ? t(`asm.int.stat.${name}` as MessageKey) : name;
/** 近似符合 / 可接受 / 勉强可接受 / 不符合. */
export const conformityLabel = (t: TFunction, c: Conformity): string => t(`asm.digits.conformity.${c}` as MessageKey);

/** Zones in the order the glossary lists them (pickers and lists follow it). */
export const ZONE_ORDER: readonly OrgZone[] = ['urban_core', 'agricultural_county', 'ecological_zone', 'development_zone', 'agency'];

const GRADE_COLORS: Record<Grade, string> = { excellent: 'success', good: 'processing', fair: 'warning', poor: 'error' };

/** A coloured tag of a grade (优秀 green, 良好 blue, 一般 amber, 较差 red); — when there is none. */
export function GradeTag({ grade }: { grade: Grade | null | undefined }) {
  const t = useT();
  if (!grade) return <span>—</span>;
  return (
    <Tag color={GRADE_COLORS[grade]} style={{ marginInlineEnd: 0 }}>
      {gradeLabel(t, grade)}
    </Tag>
  );
}

/** 显绩 (blue) / 潜绩 (purple) tag. */
export function VisibilityTag({ visibility, lagYears }: { visibility: Visibility; lagYears?: number | undefined }) {
  const t = useT();
  const tag = (
    <Tag color={visibility === 'latent' ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
      {t(`asm.visibility.${visibility}`)}
    </Tag>
  );
  if (visibility !== 'latent' || !lagYears) return tag;
  return (
    <Tooltip title={t('asm.fmt.labelValue', { label: t('asm.ind.lagYears'), value: t('asm.ind.lagYearsN', { n: lagYears }) })}>
      {tag}
    </Tooltip>
  );
}

/** 正向 ↑ / 逆向 ↓ tag with its meaning on hover. */
export function DirectionTag({ direction }: { direction: IndicatorDirection }) {
  const t = useT();
  const up = direction === 'higher_better';
  return (
    <Tooltip title={t(`asm.directionHint.${direction}`)}>
      <Tag icon={up ? <ArrowUpOutlined /> : <ArrowDownOutlined />} color={up ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }}>
        {t(`asm.direction.${direction}`)}
      </Tag>
    </Tooltip>
  );
}

/** A figure as people read it: thousands separated, at most `digits` decimals; — for none. */
export function fmt(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toLocaleString('zh-CN', { maximumFractionDigits: digits });
}

/** A fraction as a percentage (0.2909 → 29.1%). */
export function pct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** Weights are compared in hundredths, as the server does, so 33.33 + 33.33 + 33.34 is exactly 100. */
export function weightSum(weights: readonly (number | null | undefined)[]): number {
  const h = weights.reduce<number>((s, w) => s + (typeof w === 'number' && Number.isFinite(w) ? Math.round(w * 100) : 0), 0);
  return h / 100;
}

/**
 * Marks the form field an API error names, nested paths included (`indicators.3.target` → ['indicators', 3, 'target']).
 * Returns true when the error named a field.
 */
export function markFieldError(form: FormInstance, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const path = error.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  form.setFields([{ name: path, errors: [error.message] }]);
  return true;
}
