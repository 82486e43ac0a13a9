import { Space, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import {
  TODO_REASONS,
  type ClosureOutcome,
  type Confidentiality,
  type ItemAction,
  type ItemCategory,
  type ItemKind,
  type ItemSource,
  type ItemStatus,
  type Light,
  type MeasureStatus,
  type Severity,
  type TodoReason,
} from '../../api/types';
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

/** Label of an item kind (问题 / 任务 / …). */
export const kindLabel = (t: TFunction, k: ItemKind): string => t(`ledgerx.kindName.${k}` as MessageKey);
/** Label of a confidentiality (公开 / 内部 / 机密). */
export const confidentialityLabel = (t: TFunction, c: Confidentiality): string => t(`ledgerx.confidentialityName.${c}` as MessageKey);
/** Label of a 我的待办 reason. */
export const todoLabel = (t: TFunction, r: TodoReason): string => t(`ledgerx.todo.${r}` as MessageKey);

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

/** A red 机密 tag with a lock. */
export function ConfidentialTag() {
  const t = useT();
  return (
    <Tag color="red" icon={<LockOutlined />}>
      {confidentialityLabel(t, 'confidential')}
    </Tag>
  );
}

/** The item's tags (标签) as small tags; nothing when there are none. */
export function ItemTags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <Space size={[0, 4]} wrap>
      {tags.map((tag) => (
        <Tag key={tag} variant="filled" style={{ fontSize: 12, lineHeight: '18px', marginInlineEnd: 4 }}>
          {tag}
        </Tag>
      ))}
    </Space>
  );
}

const TODO_COLORS: Record<TodoReason, string> = { handle: 'blue', review: 'purple', extension: 'orange', recheck: 'cyan' };

/** Why the item waits for the caller (我的待办): 待整改 / 待审核销号 / 待审批延期 / 待回头看. */
export function TodoTags({ todo }: { todo: readonly TodoReason[] | undefined }) {
  const t = useT();
  if (!todo || todo.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[0, 4]} wrap>
      {TODO_REASONS.filter((r) => todo.includes(r)).map((r) => (
        <Tag key={r} color={TODO_COLORS[r]}>
          {todoLabel(t, r)}
        </Tag>
      ))}
    </Space>
  );
}
