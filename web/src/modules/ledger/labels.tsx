import { Tag, Typography } from 'antd';
import type { ClosureOutcome, ItemAction, ItemCategory, ItemSource, ItemStatus, Light, MeasureStatus, Severity } from '../../api/types';
import { useT, type MessageKey, type TFunction } from '../../i18n';

/** Chinese/English label of a status. */
export const statusLabel = (t: TFunction, s: ItemStatus | string): string => t(`ledger.statusName.${s}` as MessageKey);
/** Label of a category. */
export const categoryLabel = (t: TFunction, c: ItemCategory): string => t(`ledger.categoryName.${c}` as MessageKey);
/** Label of a source. */
export const sourceLabel = (t: TFunction, s: ItemSource): string => t(`ledger.sourceName.${s}` as MessageKey);
/** Label of a step. */
export const actionLabel = (t: TFunction, a: ItemAction | string): string => t(`ledger.action.${a}` as MessageKey);
/** Label of a closure outcome. */
export const outcomeLabel = (t: TFunction, o: ClosureOutcome): string => t(`ledger.outcome.${o}` as MessageKey);
/** Label of a severity. */
export const severityLabel = (t: TFunction, s: Severity): string => t(`ledger.severityName.${s}` as MessageKey);
/** Label of a measure state. */
export const measureStatusLabel = (t: TFunction, s: MeasureStatus): string => t(`ledger.measureStatus.${s}` as MessageKey);

const STATUS_COLORS: Record<ItemStatus, string> = {
  submitted: 'default',
  assigned: 'blue',
  claimed: 'cyan',
  rectifying: 'processing',
  closure_requested: 'purple',
  closed: 'success',
  returned: 'orange',
  rejected: 'default',
  reopened: 'magenta',
  merged: 'default',
};

/** A coloured Tag of the item's state. */
export function StatusTag({ status }: { status: ItemStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{statusLabel(t, status)}</Tag>;
}

const LIGHT_COLORS: Record<Light, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** 红灯 / 黄灯 / 绿灯, or — when the item has no light. */
export function LightTag({ light }: { light: Light | null }) {
  const t = useT();
  if (!light) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={LIGHT_COLORS[light]}>{t(`ledger.light.${light}` as MessageKey)}</Tag>;
}
