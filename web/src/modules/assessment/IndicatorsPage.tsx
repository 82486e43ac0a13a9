import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import {
  INDICATOR_DOMAINS,
  type IndicatorDirection,
  type IndicatorDomain,
  type TCreateIndicatorRequest,
  type TIndicator,
  type TUpdateIndicatorRequest,
  type Visibility,
} from '../../api/types';
import { useAuth } from '../../app/auth';
import { useFormSubmit } from '../../app/useFormSubmit';
import { ListToolbar } from '../../app/components/ListToolbar';
import { useColumnSettings } from '../../app/components/useColumnSettings';
import { tableLoading } from '../../app/components/tableLoading';
import { useT } from '../../i18n';
import { DirectionTag, domainLabel, VisibilityTag } from './labels';
import { useIndicators } from './useAssessment';

interface IndicatorValues {
  code: string;
  name: string;
  unit?: string;
  domain: IndicatorDomain;
  direction: IndicatorDirection;
  visibility: Visibility;
  lagYears?: number | null;
  dataSource?: string;
  family?: string;
  isHard?: boolean;
  description?: string;
  isActive?: boolean;
}

/** 新增 / 编辑指标. */
function IndicatorModal({
  open,
  indicator,
  onClose,
  onSaved,
}: {
  open: boolean;
  indicator?: TIndicator | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<IndicatorValues>();
  const visibility = Form.useWatch('visibility', form);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (indicator)
      form.setFieldsValue({
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        domain: indicator.domain,
        direction: indicator.direction,
        visibility: indicator.visibility,
        lagYears: indicator.lagYears,
        dataSource: indicator.dataSource,
        family: indicator.family ?? '',
        isHard: indicator.isHard,
        description: indicator.description,
        isActive: indicator.isActive,
      });
    else form.setFieldsValue({ direction: 'higher_better', visibility: 'visible', isHard: false });
  }, [open, indicator, form]);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const common = {
      name: v.name.trim(),
      unit: (v.unit ?? '').trim(),
      domain: v.domain,
      direction: v.direction,
      visibility: v.visibility,
      dataSource: (v.dataSource ?? '').trim(),
      ...(v.visibility === 'latent' ? { lagYears: v.lagYears ?? 0 } : {}),
      isHard: v.isHard ?? false,
      description: (v.description ?? '').trim(),
    };
    const family = (v.family ?? '').trim();
    if (indicator) {
      const body: TUpdateIndicatorRequest = { ...common, family: family || null, isActive: v.isActive ?? true, version: indicator.version };
      await api.patch<TIndicator>(`/api/assessment/indicators/${indicator.id}`, body);
    } else {
      const body: TCreateIndicatorRequest = { ...common, code: v.code.trim(), ...(family ? { family } : {}) };
      await api.post<TIndicator>('/api/assessment/indicators', body);
    }
    void message.success(indicator ? t('common.saved') : t('common.created'));
    onSaved();
  });

  return (
    <Modal
      open={open}
      title={indicator ? t('asm.ind.editTitle', { name: indicator.name }) : t('asm.ind.addTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item
              name="code"
              label={t('asm.ind.code')}
              tooltip={t('asm.ind.codeRule')}
              rules={[
                { required: true, message: t('common.required', { label: t('asm.ind.code') }) },
                { pattern: /^[A-Za-z0-9_.-]+$/, message: t('asm.ind.codeRule') },
                { max: 30 },
              ]}
            >
              <Input disabled={!!indicator} maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="name"
              label={t('asm.ind.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('asm.ind.name') }) }, { max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="unit" label={t('asm.ind.unit')} rules={[{ max: 20 }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="domain"
              label={t('asm.ind.domain')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('asm.ind.domain') }) }]}
            >
              <Select<IndicatorDomain> options={INDICATOR_DOMAINS.map((d) => ({ value: d, label: domainLabel(t, d) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="direction" label={t('asm.ind.direction')} rules={[{ required: true }]}>
              <Select<IndicatorDirection>
                options={(['higher_better', 'lower_better'] as const).map((d) => ({
                  value: d,
                  label: t('asm.fmt.paren', { text: t(`asm.direction.${d}`), inner: t(`asm.directionHint.${d}`) }),
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="visibility" label={t('asm.ind.visibility')} rules={[{ required: true }]}>
              <Select<Visibility> options={(['visible', 'latent'] as const).map((v) => ({ value: v, label: t(`asm.visibility.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="lagYears" label={t('asm.ind.lagYears')} tooltip={t('asm.ind.lagYearsHint')}>
              <InputNumber<number> min={0} max={10} precision={0} style={{ width: '100%' }} disabled={visibility !== 'latent'} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dataSource" label={t('asm.ind.dataSource')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="family" label={t('asm.ind.family')} tooltip={t('asm.ind.familyHint')} rules={[{ max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="isHard" label={t('asm.ind.isHard')} tooltip={t('asm.ind.isHardHint')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('asm.ind.description')} rules={[{ max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </Col>
          {indicator && (
            <Col span={6}>
              <Form.Item name="isActive" label={t('asm.ind.isActive')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

/** 指标库: the indicators with domain / visibility filters; 组织部 adds and edits. */
export default function IndicatorsPage() {
  const t = useT();
  const { can } = useAuth();
  const canManage = can('assessment.manage');
  const { indicators, loading, reload } = useIndicators(true);
  const [domain, setDomain] = useState<IndicatorDomain | undefined>();
  const [visibility, setVisibility] = useState<Visibility | undefined>();
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [modal, setModal] = useState<{ open: boolean; indicator?: TIndicator }>({ open: false });

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return indicators.filter(
      (i) =>
        (includeInactive || i.isActive) &&
        (domain === undefined || i.domain === domain) &&
        (visibility === undefined || i.visibility === visibility) &&
        (!needle || i.name.toLowerCase().includes(needle) || i.code.toLowerCase().includes(needle)),
    );
  }, [indicators, includeInactive, domain, visibility, q]);

  const columns: ColumnsType<TIndicator> = [
    { title: t('asm.ind.code'), dataIndex: 'code', width: 150, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    {
      title: t('asm.ind.name'),
      dataIndex: 'name',
      render: (name: string, i) => (
        <Space size={4}>
          <Tooltip title={i.description || undefined}>
            <Typography.Text type={i.isActive ? undefined : 'secondary'}>{name}</Typography.Text>
          </Tooltip>
          {i.isHard && (
            <Tooltip title={t('asm.ind.isHardHint')}>
              <Tag color="cyan">{t('asm.ind.isHard')}</Tag>
            </Tooltip>
          )}
          {!i.isActive && <Tag>{t('common.inactive')}</Tag>}
        </Space>
      ),
    },
    { title: t('asm.ind.unit'), dataIndex: 'unit', width: 100 },
    { title: t('asm.ind.domain'), dataIndex: 'domain', width: 110, render: (d: IndicatorDomain) => domainLabel(t, d) },
    {
      title: t('asm.ind.visibility'),
      dataIndex: 'visibility',
      width: 110,
      render: (v: Visibility, i) => <VisibilityTag visibility={v} lagYears={i.lagYears} />,
    },
    {
      title: t('asm.ind.direction'),
      dataIndex: 'direction',
      width: 100,
      render: (d: IndicatorDirection) => <DirectionTag direction={d} />,
    },
    { title: t('asm.ind.dataSource'), dataIndex: 'dataSource', width: 140 },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, i: TIndicator) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setModal({ open: true, indicator: i })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const settings = useColumnSettings('indicators', columns);

  return (
    <Card
      title={t('asm.ind.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ open: true })}>
            {t('asm.ind.add')}
          </Button>
        )
      }
    >
      <ListToolbar
        onReset={() => {
          setQ('');
          setDomain(undefined);
          setVisibility(undefined);
          setIncludeInactive(false);
        }}
        onReload={() => void reload()}
        settings={settings}
      >
        <Input.Search
          allowClear
          placeholder={t('asm.ind.search')}
          style={{ width: 220 }}
          value={q}
          onSearch={setQ}
          onChange={(e) => setQ(e.target.value)}
        />
        <Select<IndicatorDomain>
          allowClear
          style={{ width: 140 }}
          placeholder={t('asm.ind.domain')}
          value={domain}
          onChange={setDomain}
          options={INDICATOR_DOMAINS.map((d) => ({ value: d, label: domainLabel(t, d) }))}
        />
        <Select<Visibility>
          allowClear
          style={{ width: 140 }}
          placeholder={t('asm.ind.visibility')}
          value={visibility}
          onChange={setVisibility}
          options={(['visible', 'latent'] as const).map((v) => ({ value: v, label: t(`asm.visibility.${v}`) }))}
        />
        <Space>
          <Switch checked={includeInactive} onChange={setIncludeInactive} aria-label={t('asm.ind.includeInactive')} />
          <span>{t('asm.ind.includeInactive')}</span>
        </Space>
      </ListToolbar>
      <Table<TIndicator>
        rowKey="id"
        size={settings.density}
        {...tableLoading({ loading, settled: !loading, firstLoadDone: !loading || indicators.length > 0 }, t('common.empty'))}
        columns={settings.columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        scroll={{ x: Math.max(settings.scrollX, 900) }}
      />
      <IndicatorModal
        open={modal.open}
        indicator={modal.indicator}
        onClose={() => setModal({ open: false })}
        onSaved={() => {
          setModal({ open: false });
          void reload();
        }}
      />
    </Card>
  );
}
