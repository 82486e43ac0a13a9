/** Pure rules of the closed loop: states, transitions, lights, codes. No I/O, no clock. */
import {
  CLOSURE_OUTCOMES,
  CONFIDENTIALITY,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  ITEM_SOURCES,
  ITEM_STATUSES,
  SEVERITIES,
} from './ledger.values.js';

export { CLOSURE_OUTCOMES, CONFIDENTIALITY, ITEM_CATEGORIES, ITEM_KINDS, ITEM_SOURCES, ITEM_STATUSES, SEVERITIES };

/** Kinds of ledger item; later modules add `matter`, `petition`, `legacy`. */
/** Days before the deadline when the light turns yellow. */
export const WARN_DAYS = 7;

/** A kind of ledger item. */
export type ItemKind = (typeof ITEM_KINDS)[number];

/** A source. */
export type ItemSource = (typeof ITEM_SOURCES)[number];

/** A category. */
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** A state. */
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Steps a user can take on an item. */
export const ITEM_ACTIONS = [
  'assign',
  'claim',
  'start',
  'request-closure',
  'close',
  'return',
  'reject',
  'reopen',
  'urge',
  'request-extension',
  'decide-extension',
  'recheck',
  'merge',
] as const;
/** A step. */
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** States in which the item is still being worked on. */
export const OPEN_STATUSES: readonly ItemStatus[] = [
  'submitted',
  'assigned',
  'claimed',
  'rectifying',
  'closure_requested',
  'returned',
  'reopened',
];
/** Is the item still open (not closed, rejected or merged)? */
export function isOpen(status: ItemStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * The transition table: for each action, the states it may start from and the state it leads to.
 * `null` as target keeps the state (urge, extensions); `recheck` leads to closed or reopened by its result.
 */
export const TRANSITIONS: Record<ItemAction, { from: readonly ItemStatus[]; to: ItemStatus | null }> = {
  assign: { from: ['submitted'], to: 'assigned' },
  claim: { from: ['submitted'], to: 'claimed' },
  start: { from: ['assigned', 'claimed', 'returned', 'reopened'], to: 'rectifying' },
  'request-closure': { from: ['rectifying'], to: 'closure_requested' },
  close: { from: ['closure_requested'], to: 'closed' },
  return: { from: ['closure_requested'], to: 'returned' },
  reject: { from: ['submitted'], to: 'rejected' },
  reopen: { from: ['closed', 'rejected'], to: 'reopened' },
  urge: { from: ['assigned', 'claimed', 'rectifying', 'returned', 'reopened', 'closure_requested'], to: null },
  'request-extension': { from: ['assigned', 'claimed', 'rectifying', 'returned', 'reopened'], to: null },
  'decide-extension': { from: ['assigned', 'claimed', 'rectifying', 'returned', 'reopened', 'closure_requested'], to: null },
  recheck: { from: ['closed'], to: null },
  merge: { from: ['submitted', 'assigned', 'claimed', 'rectifying', 'returned', 'reopened'], to: 'merged' },
};

/** The state after an action, or null when the action is not allowed from `status`. */
export function nextStatus(status: ItemStatus, action: ItemAction, recheckResult?: 'consolidated' | 'rebound'): ItemStatus | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) return null;
  if (action === 'recheck') return recheckResult === 'rebound' ? 'reopened' : 'closed';
  return rule.to ?? status;
}

/** An outcome. */
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

/** A measure as the closure check sees it. */
export interface MeasureForClosure {
  status: string;
  completionNote: string | null;
  evidenceCount: number;
}

/** Why closure cannot be requested, or null: every measure needs a completion note or evidence. */
export function closureBlocker(measures: readonly MeasureForClosure[]): 'no_measures' | 'measure_without_proof' | null {
  if (measures.length === 0) return 'no_measures';
  const unproven = measures.some((m) => !(m.completionNote && m.completionNote.trim()) && m.evidenceCount === 0);
  return unproven ? 'measure_without_proof' : null;
}

/** 红黄绿灯. */
export type Light = 'red' | 'yellow' | 'green';

/** What the light is derived from. */
export interface LightInput {
  status: ItemStatus;
  /** Deadline as a calendar date `YYYY-MM-DD` (the item is due by the end of that day). */
  deadline: string | null;
  /** When work started (the item's creation), `YYYY-MM-DD`. */
  startedOn: string;
  measuresTotal: number;
  measuresDone: number;
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);

/**
 * The light on `today` (`YYYY-MM-DD`, in the deployment's time zone): red past the deadline;
 * yellow within `warnDays` of it, or behind pace (share of measures done < share of time elapsed);
 * green otherwise. Closed, rejected and merged items have none.
 */
export function lightOf(input: LightInput, today: string, warnDays = 7): Light | null {
  if (!isOpen(input.status) || !input.deadline) return null;
  const due = dayNumber(input.deadline);
  const now = dayNumber(today);
  if (now > due) return 'red';
  if (due - now < warnDays) return 'yellow';
  const start = dayNumber(input.startedOn);
  const span = due - start + 1;
  if (input.measuresTotal > 0 && span > 0) {
    // Days fully elapsed before today: an item is never behind pace on its first day.
    const elapsed = (now - start) / span;
    const done = input.measuresDone / input.measuresTotal;
    if (done < elapsed) return 'yellow';
  }
  return 'green';
}

/** An item code such as `WT-2026-000123` (问题 WT, 任务 RW, 实事 SS, 信访 XF, 遗留 YL). */
export function itemCode(kind: ItemKind, year: number, sequence: number): string {
  const prefix: Record<ItemKind, string> = { problem: 'WT', task: 'RW', matter: 'SS', petition: 'XF', legacy: 'YL' };
  return `${prefix[kind]}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** Flags on an extension request: made after the deadline day ended (in `utcOffset`), or within its last 24 hours. */
export function extensionFlags(deadline: string, requestedAt: Date, utcOffset = 'Z'): { isLate: boolean; isLastMinute: boolean } {
  const endOfDeadline = Date.parse(`${deadline}T23:59:59.999${utcOffset}`);
  const t = requestedAt.getTime();
  return { isLate: t > endOfDeadline, isLastMinute: t <= endOfDeadline && endOfDeadline - t < DAY };
}

/** The date `days` after `date` (`YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Why an item waits for someone (我的待办). */
export type TodoReason = 'handle' | 'review' | 'extension' | 'recheck';

/** What 我的待办 needs to know of an item. */
export interface ItemForTodo {
  status: ItemStatus;
  handlerUserId: number | null;
  assignerUserId: number | null;
  leadLeaderId: number | null;
  recheckDue: string | null;
  /** Who asked for the pending extension, if one is pending. */
  extensionRequesterId: number | null;
}

/** Days ahead in which a due 回头看 already shows in 我的待办. */
export const RECHECK_TODO_DAYS = 7;

/** Days after closing when 回头看 is due, unless SHIJI_RECHECK_DAYS says otherwise (the demo seeds use it). */
export const RECHECK_DAYS = 90;

/**
 * Why this item waits for this user: the handler has work on it; a supervisor or the lead leader (not the
 * handler) has a closure to review or an extension to decide (the assigner too); a supervisor has a 回头看
 * due within RECHECK_TODO_DAYS. The repository's SQL says the same rule.
 */
export function todoReasons(
  item: ItemForTodo,
  user: { userId: number; personId: number | null; isSupervisor: boolean },
  today: string,
): TodoReason[] {
  const reasons: TodoReason[] = [];
  const isLead = user.personId !== null && item.leadLeaderId === user.personId;
  if (item.handlerUserId === user.userId && ['assigned', 'claimed', 'rectifying', 'returned', 'reopened'].includes(item.status))
    reasons.push('handle');
  if (item.status === 'closure_requested' && item.handlerUserId !== user.userId && (user.isSupervisor || isLead)) reasons.push('review');
  if (
    isOpen(item.status) &&
    item.extensionRequesterId !== null &&
    item.extensionRequesterId !== user.userId &&
    (user.isSupervisor || item.assignerUserId === user.userId || isLead)
  )
    reasons.push('extension');
  if (user.isSupervisor && item.status === 'closed' && item.recheckDue !== null && item.recheckDue <= addDays(today, RECHECK_TODO_DAYS))
    reasons.push('recheck');
  return reasons;
}
