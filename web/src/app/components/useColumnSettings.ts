import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { TableColumnsType } from 'antd';

/** Row heights of a list: antd's large (默认), middle (中等) and small (紧凑) tables. */
export type Density = 'large' | 'middle' | 'small';

/** One column as the settings popover lists it. */
export interface ColumnChoice {
  key: string;
  title: ReactNode;
  visible: boolean;
}

/** What useColumnSettings returns: the columns to draw, the table size and the means to change both. */
export interface ColumnSettings<T> {
  /** The visible columns, in their order. */
  columns: TableColumnsType<T>;
  /** Every column, visible or not, for the settings popover. */
  choices: ColumnChoice[];
  setVisible: (key: string, visible: boolean) => void;
  /** Shows every column again. */
  showAll: () => void;
  density: Density;
  setDensity: (density: Density) => void;
  /** The visible columns' widths added up (150 px for a column without one), for `scroll={{ x }}`. */
  scrollX: number;
}

interface Stored {
  hidden: string[];
  density?: Density;
}

const DENSITIES: readonly Density[] = ['large', 'middle', 'small'];

/** The key a column is known by: its `key`, else its `dataIndex`. */
function columnKey(column: TableColumnsType<unknown>[number], index: number): string {
  if (column.key !== undefined && column.key !== null) return String(column.key);
  const dataIndex = 'dataIndex' in column ? column.dataIndex : undefined;
  if (typeof dataIndex === 'string' || typeof dataIndex === 'number') return String(dataIndex);
  if (Array.isArray(dataIndex)) return dataIndex.join('.');
  return `#${index}`;
}

function read(storageKey: string): Stored {
  try {
    const raw = window.localStorage.getItem(storageKey);
    if (!raw) return { hidden: [] };
    const parsed = JSON.parse(raw) as Partial<Stored>;
    return {
      hidden: Array.isArray(parsed.hidden) ? parsed.hidden.filter((k): k is string => typeof k === 'string') : [],
      density: DENSITIES.includes(parsed.density as Density) ? parsed.density : undefined,
    };
  } catch {
    return { hidden: [] };
  }
}

function write(storageKey: string, stored: Stored): void {
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(stored));
  } catch {
    /* private mode: keep the choice for this visit only */
  }
}

/**
 * Column show/hide and row density of the list `tableId`, kept in localStorage per table (`shiji.table.<id>`), so
 * a list looks the same on the next visit. At least one column stays visible.
 */
export function useColumnSettings<T>(tableId: string, columns: TableColumnsType<T>, defaultDensity: Density = 'middle'): ColumnSettings<T> {
  const storageKey = `shiji.table.${tableId}`;
  const [stored, setStored] = useState<Stored>(() => read(storageKey));
  const update = useCallback(
    (next: Stored) => {
      setStored(next);
      write(storageKey, next);
    },
    [storageKey],
  );

  const keyed = useMemo(() => columns.map((c, i) => ({ column: c, key: columnKey(c as TableColumnsType<unknown>[number], i) })), [columns]);
  const hidden = useMemo(() => new Set(stored.hidden), [stored.hidden]);
  const visible = keyed.filter((k) => !hidden.has(k.key));
  // Never hide everything: with every column unticked the table keeps them all.
  const shown = visible.length > 0 ? visible : keyed;

  const choices = keyed.map(({ column, key }) => ({
    key,
    title: typeof column.title === 'function' ? key : (column.title as ReactNode),
    visible: !hidden.has(key),
  }));

  const setVisible = (key: string, isVisible: boolean) => {
    const next = new Set(stored.hidden);
    if (isVisible) next.delete(key);
    else if (keyed.some((k) => k.key !== key && !next.has(k.key))) next.add(key);
    update({ ...stored, hidden: [...next] });
  };

  const scrollX = shown.reduce((sum, k) => sum + (typeof k.column.width === 'number' ? k.column.width : 150), 0);

  return {
    columns: shown.map((k) => k.column),
    scrollX,
    choices,
    setVisible,
    showAll: () => update({ ...stored, hidden: [] }),
    density: stored.density ?? defaultDensity,
    setDensity: (density) => update({ ...stored, density }),
  };
}
