import dayjs from 'dayjs';
import {
  CONFIDENTIALITY,
  ITEM_CATEGORIES,
  ITEM_KINDS,
  ITEM_SOURCES,
  ITEM_STATUSES,
  type Confidentiality,
  type ItemCategory,
  type ItemKind,
  type ItemSource,
  type ItemStatus,
  type Light,
} from '../../../api/types';

/** The lights a list can be filtered by. */
export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];

/** The list filters that live in the URL (?status=…&light=…&category=…&source=…&orgId=…&q=…&kind=…&responsiblePersonId=…&deadlineFrom=…&deadlineTo=…&tag=…&confidentiality=…), so links such as the dashboard's open a filtered list. */
export interface UrlFilters {
  q: string;
  status: ItemStatus | undefined;
  light: Light | undefined;
  category: ItemCategory | undefined;
  source: ItemSource | undefined;
  orgId: number | undefined;
  kind: ItemKind | undefined;
  responsiblePersonId: number | undefined;
  deadlineFrom: string | undefined;
  deadlineTo: string | undefined;
  tag: string;
  confidentiality: Confidentiality | undefined;
}

/** No filter set (重置). */
export const NO_FILTERS: UrlFilters = {
  q: '',
  status: undefined,
  light: undefined,
  category: undefined,
  source: undefined,
  orgId: undefined,
  kind: undefined,
  responsiblePersonId: undefined,
  deadlineFrom: undefined,
  deadlineTo: undefined,
  tag: '',
  confidentiality: undefined,
};

const positiveId = (value: string | null): number | undefined => {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
};
const isoDate = (value: string | null): string | undefined =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && dayjs(value).isValid() ? value : undefined;

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** The filters a URL names; anything malformed is left out. */
export function parseUrlFilters(params: URLSearchParams): UrlFilters {
  return {
    q: (params.get('q') ?? '').slice(0, 100),
    status: oneOf(params.get('status'), ITEM_STATUSES),
    light: oneOf(params.get('light'), LIGHTS),
    category: oneOf(params.get('category'), ITEM_CATEGORIES),
    source: oneOf(params.get('source'), ITEM_SOURCES),
    orgId: positiveId(params.get('orgId')),
    kind: oneOf(params.get('kind'), ITEM_KINDS),
    responsiblePersonId: positiveId(params.get('responsiblePersonId')),
    deadlineFrom: isoDate(params.get('deadlineFrom')),
    deadlineTo: isoDate(params.get('deadlineTo')),
    tag: (params.get('tag') ?? '').slice(0, 30),
    confidentiality: oneOf(params.get('confidentiality'), CONFIDENTIALITY),
  };
}

/** The URL query of the filters (text trimmed, empty ones left out). */
export function urlFiltersToParams(f: UrlFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set('q', f.q.trim());
  if (f.status) params.set('status', f.status);
  if (f.light) params.set('light', f.light);
  if (f.category) params.set('category', f.category);
  if (f.source) params.set('source', f.source);
  if (f.orgId) params.set('orgId', String(f.orgId));
  if (f.kind) params.set('kind', f.kind);
  if (f.responsiblePersonId) params.set('responsiblePersonId', String(f.responsiblePersonId));
  if (f.deadlineFrom) params.set('deadlineFrom', f.deadlineFrom);
  if (f.deadlineTo) params.set('deadlineTo', f.deadlineTo);
  if (f.tag.trim()) params.set('tag', f.tag.trim());
  if (f.confidentiality) params.set('confidentiality', f.confidentiality);
  return params;
}

/** Is one of the filters behind 展开 set (so they start unfolded)? */
export function hasMoreFilters(f: UrlFilters): boolean {
  return !!(
    f.category ||
    f.source ||
    f.kind ||
    f.responsiblePersonId ||
    f.deadlineFrom ||
    f.deadlineTo ||
    f.tag.trim() ||
    f.confidentiality
  );
}
