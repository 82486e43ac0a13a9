import dayjs from 'dayjs';
import type { TItemDetail } from '../../../api/types';

/** A timestamp as the detail page shows it. */
export const fmt = (at: string): string => dayjs(at).format('YYYY-MM-DD HH:mm');

/** Today as YYYY-MM-DD, to compare with due dates. */
export const today = (): string => dayjs().format('YYYY-MM-DD');

/** What a panel that changes the item hands back: the item as the server answered the write. */
export type OnItemChange = (saved: TItemDetail) => void;
