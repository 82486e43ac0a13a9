import type { ReactNode } from 'react';
import { Skeleton } from 'antd';

/** Where a list's data stands (usePagedQuery's flags, or the same worked out by a page). */
export interface ListLoadState {
  /** A request is on its way. */
  loading: boolean;
  /** The rows shown answer the current filters (fresh, or kept from the last visit while a fresh read runs). */
  settled: boolean;
  /** The first answer (or failure) has come. */
  firstLoadDone: boolean;
}

/**
 * Table `loading` and `locale` for a list: until the first answer the table shows skeleton rows (not an empty table
 * under a spinner); afterwards the spinner shows only while the rows on screen belong to an earlier request.
 */
export function tableLoading(state: ListLoadState, emptyText: ReactNode): { loading: boolean; locale: { emptyText: ReactNode } } {
  return {
    loading: state.loading && !state.settled && state.firstLoadDone,
    locale: {
      emptyText: state.firstLoadDone ? emptyText : <Skeleton active title={false} paragraph={{ rows: 6 }} data-testid="table-skeleton" />,
    },
  };
}
