import { Select, Space, Typography } from 'antd';
import { useT } from '../../i18n';
import { levelLabel, zoneLabel } from './labels';
import type { SchemeChoice } from './useAssessment';

/** Year + scheme pickers (the scheme named by its zone and name; past editions greyed). */
export function SchemePicker({ choice, onBeforeChange }: { choice: SchemeChoice; onBeforeChange?: (go: () => void) => void }) {
  const t = useT();
  const guard = (go: () => void) => (onBeforeChange ? onBeforeChange(go) : go());
  return (
    <Space wrap>
      <Select<number>
        style={{ width: 110 }}
        loading={choice.loading}
        value={choice.year}
        placeholder={t('asm.year')}
        aria-label={t('asm.year')}
        options={choice.years.map((y) => ({ value: y, label: t('asm.yearN', { year: y }) }))}
        onChange={(y) => guard(() => choice.setYear(y))}
      />
      <Select<number>
        style={{ width: 420, maxWidth: '100%' }}
        loading={choice.loading}
        value={choice.scheme?.id}
        placeholder={t('asm.schemePlaceholder')}
        aria-label={t('asm.scheme')}
        notFoundContent={t('asm.noSchemes')}
        showSearch={{ optionFilterProp: 'search' }}
        options={choice.ofYear.map((s) => ({
          value: s.id,
          search: `${zoneLabel(t, s.zone)} ${s.name}`,
          label: (
            <Typography.Text type={s.status === 'superseded' ? 'secondary' : undefined}>
              {t('asm.fmt.schemeOption', {
                zone: `${zoneLabel(t, s.zone)}${s.orgLevel !== 'county' ? ` · ${levelLabel(t, s.orgLevel)}` : ''}`,
                name: s.name,
              })}
              {(s.edition > 1 || s.status === 'superseded') && ` · ${t('asm.edition', { n: s.edition })}`}
              {s.status === 'superseded' && ` · ${t('asm.superseded')}`}
            </Typography.Text>
          ),
        }))}
        onChange={(id) => guard(() => choice.setScheme(id))}
      />
    </Space>
  );
}
