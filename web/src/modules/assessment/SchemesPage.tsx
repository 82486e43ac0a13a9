import { useMemo, useState } from 'react';
import { Button, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { BarChartOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { ORG_ZONES, type OrgZone, type TScheme } from '../../api/types';
import { useAuth } from '../../app/auth';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';
import { useT } from '../../i18n';
import { SchemeDesigner } from './SchemeDesigner';
import { fmt, levelLabel, zoneLabel } from './labels';
import { useAllSchemes, useIndicators } from './useAssessment';

/** 考核方案: the schemes by year and zone, their editions, and the designer. */
export default function SchemesPage() {
  const t = useT();
  const navigate = useNavigate();
  const { can } = useAuth();
  const canManage = can('assessment.manage');
  const { indicators } = useIndicators(true);
  const [year, setYear] = useState<number | undefined>();
  const [zone, setZone] = useState<OrgZone | undefined>();
  const [showSuperseded, setShowSuperseded] = useState(true);
  const { schemes: all, loading, reload: load } = useAllSchemes();
  const [designer, setDesigner] = useState<{ open: boolean; scheme?: TScheme }>({ open: false });

  const years = useMemo(() => [...new Set(all.map((s) => s.year))].sort((a, b) => b - a), [all]);
  const rows = all.filter(
    (s) => (year === undefined || s.year === year) && (zone === undefined || s.zone === zone) && (showSuperseded || s.status === 'current'),
  );
  const nextYear = (years[0] ?? dayjs().year() - 1) + (years.length ? 1 : 0);

  const columns: ColumnsType<TScheme> = [
    { title: t('asm.year'), dataIndex: 'year', width: 80 },
    { title: t('asm.zone'), dataIndex: 'zone', width: 110, render: (z: string) => zoneLabel(t, z) },
    { title: t('asm.level'), dataIndex: 'orgLevel', width: 110, render: (l: string) => levelLabel(t, l) },
    {
      title: t('asm.scheme.name'),
      dataIndex: 'name',
      render: (name: string, s) => <Typography.Text type={s.status === 'superseded' ? 'secondary' : undefined}>{name}</Typography.Text>,
    },
    {
      title: t('asm.scheme.editions'),
      dataIndex: 'edition',
      width: 170,
      render: (n: number, s) =>
        s.status === 'superseded' ? (
          <Space size={4}>
            <Tag>{t('asm.edition', { n })}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('asm.superseded')}
            </Typography.Text>
          </Space>
        ) : (
          <Tag color="blue">{t('asm.edition', { n })}</Tag>
        ),
    },
    { title: t('asm.scheme.indicatorCount'), key: 'n', width: 80, align: 'right', render: (_, s) => s.indicators.length },
    {
      title: t('asm.weightSum'),
      dataIndex: 'weightSum',
      width: 90,
      align: 'right',
      render: (v: number) => <Typography.Text type={Math.abs(v - 100) < 0.005 ? undefined : 'danger'}>{fmt(v)}</Typography.Text>,
    },
    {
      title: t('asm.scheme.results'),
      key: 'results',
      width: 170,
      render: (_, s) =>
        s.resultCount > 0 ? (
          <Space orientation="vertical" size={0}>
            <span>{t('asm.scheme.resultsN', { n: s.resultCount })}</span>
            {s.computedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(s.computedAt).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('asm.scheme.noResults')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, s) => {
        const editable = canManage && s.status === 'current';
        return (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              icon={editable ? <EditOutlined /> : <EyeOutlined />}
              onClick={() => setDesigner({ open: true, scheme: s })}
            >
              {editable ? t('common.edit') : t('asm.scheme.view')}
            </Button>
            <Button
              type="link"
              size="small"
              icon={<BarChartOutlined />}
              onClick={() => void navigate(`/assessment?year=${s.year}&scheme=${s.id}`)}
            >
              {t('menu.assessmentRanking')}
            </Button>
          </Space>
        );
      },
    },
  ];

  const settings = useColumnSettings('schemes', columns);

  return (
    <Card
      title={t('asm.scheme.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDesigner({ open: true })}>
            {t('asm.scheme.add')}
          </Button>
        )
      }
    >
      <ListToolbar
        onReset={() => {
          setYear(undefined);
          setZone(undefined);
          setShowSuperseded(true);
        }}
        onReload={() => void load()}
        settings={settings}
      >
        <Select<number>
          allowClear
          style={{ width: 120 }}
          placeholder={t('asm.year')}
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: t('asm.yearN', { year: y }) }))}
        />
        <Select<OrgZone>
          allowClear
          style={{ width: 150 }}
          placeholder={t('asm.zone')}
          value={zone}
          onChange={setZone}
          options={ORG_ZONES.map((z) => ({ value: z, label: zoneLabel(t, z) }))}
        />
        <Space>
          <Switch checked={showSuperseded} onChange={setShowSuperseded} aria-label={t('asm.scheme.showSuperseded')} />
          <span>{t('asm.scheme.showSuperseded')}</span>
        </Space>
      </ListToolbar>
      <Table<TScheme>
        rowKey="id"
        size={settings.density}
        {...tableLoading({ loading, settled: !loading, firstLoadDone: !loading || all.length > 0 }, t('common.empty'))}
        columns={settings.columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: Math.max(settings.scrollX, 900) }}
        onRow={(s) => ({ style: s.status === 'superseded' ? { background: '#fafafa', color: '#8c8c8c' } : {} })}
      />
      <SchemeDesigner
        open={designer.open}
        scheme={designer.scheme}
        indicators={indicators}
        canManage={canManage}
        defaultYear={year ?? nextYear}
        onClose={() => setDesigner({ open: false })}
        onSaved={() => {
          setDesigner({ open: false });
          void load();
        }}
      />
    </Card>
  );
}
