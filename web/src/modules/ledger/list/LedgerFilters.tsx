import { AutoComplete, DatePicker, Input, Select } from 'antd';
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
import { useT, type MessageKey } from '../../../i18n';
import { useAuth } from '../../../app/auth';
import { OrgTreeSelect } from '../../org/OrgTreeSelect';
import { categoryLabel, confidentialityLabel, kindLabel, sourceLabel, statusLabel } from '../labels';
import { PersonPicker } from '../PersonPicker';
import { LIGHTS, type UrlFilters } from './urlFilters';

/** Props of the ledger filters. */
export interface LedgerFiltersProps {
  filters: UrlFilters;
  onChange: (patch: Partial<UrlFilters>) => void;
}

/** The filters always shown: search, status, light and organisation. */
export function LedgerMainFilters({ filters: f, onChange }: LedgerFiltersProps) {
  const t = useT();
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('ledger.searchPlaceholder')}
        value={f.q}
        onChange={(e) => onChange({ q: e.target.value })}
        style={{ width: 220 }}
      />
      <Select<ItemStatus>
        allowClear
        placeholder={t('ledger.status')}
        value={f.status}
        onChange={(status) => onChange({ status })}
        style={{ width: 130 }}
        options={ITEM_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
      />
      <Select<Light>
        allowClear
        placeholder={t('ledger.light')}
        value={f.light}
        onChange={(light) => onChange({ light })}
        style={{ width: 120 }}
        options={LIGHTS.map((v) => ({ value: v, label: t(`ledger.light.${v}` as MessageKey) }))}
      />
      <OrgTreeSelect
        allowClear
        value={f.orgId}
        onChange={(orgId) => onChange({ orgId })}
        placeholder={t('ledger.orgFilter')}
        onlyActive={false}
        style={{ width: 220 }}
      />
    </>
  );
}

/** The filters behind 展开: category, source, kind, responsible person, deadline range, tag and confidentiality. */
export function LedgerMoreFilters({ filters: f, onChange, tagOptions }: LedgerFiltersProps & { tagOptions: { value: string }[] }) {
  const t = useT();
  const { can } = useAuth();
  return (
    <>
      <Select<ItemCategory>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('ledger.category')}
        value={f.category}
        onChange={(category) => onChange({ category })}
        style={{ width: 160 }}
        options={ITEM_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
      />
      <Select<ItemSource>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('ledger.source')}
        value={f.source}
        onChange={(source) => onChange({ source })}
        style={{ width: 140 }}
        options={ITEM_SOURCES.map((s) => ({ value: s, label: sourceLabel(t, s) }))}
      />
      <Select<ItemKind>
        allowClear
        placeholder={t('ledgerx.kind')}
        aria-label={t('ledgerx.kind')}
        value={f.kind}
        onChange={(kind) => onChange({ kind })}
        style={{ width: 130 }}
        options={ITEM_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
      />
      {can('person.read') && (
        <PersonPicker
          value={f.responsiblePersonId ?? null}
          onChange={(v) => onChange({ responsiblePersonId: v ?? undefined })}
          placeholder={t('ledger.responsiblePerson')}
          aria-label={t('ledger.responsiblePerson')}
          style={{ width: 160 }}
        />
      )}
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('ledgerx.filter.deadlineFrom'), t('ledgerx.filter.deadlineTo')]}
        aria-label={t('ledger.deadline')}
        value={[f.deadlineFrom ? dayjs(f.deadlineFrom) : null, f.deadlineTo ? dayjs(f.deadlineTo) : null]}
        onChange={(range) => onChange({ deadlineFrom: range?.[0]?.format('YYYY-MM-DD'), deadlineTo: range?.[1]?.format('YYYY-MM-DD') })}
        style={{ width: 250 }}
      />
      <AutoComplete
        allowClear
        placeholder={t('ledgerx.tags')}
        aria-label={t('ledgerx.tags')}
        value={f.tag}
        onChange={(v: string | undefined) => onChange({ tag: (v ?? '').slice(0, 30) })}
        options={tagOptions}
        style={{ width: 140 }}
      />
      <Select<Confidentiality>
        allowClear
        placeholder={t('ledgerx.confidentiality')}
        aria-label={t('ledgerx.confidentiality')}
        value={f.confidentiality}
        onChange={(confidentiality) => onChange({ confidentiality })}
        style={{ width: 110 }}
        options={CONFIDENTIALITY.map((c) => ({ value: c, label: confidentialityLabel(t, c) }))}
      />
    </>
  );
}
