import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space, Tooltip, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client';
import {
  DEDUCTION_KINDS,
  ORG_LEVELS,
  ORG_ZONES,
  SCORING_METHODS,
  type DeductionKind,
  type OrgLevel,
  type OrgZone,
  type ScoringMethod,
  type TIndicator,
  type TScheme,
  type TSchemeRequest,
} from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n';
import { WeightSumStatistic } from './WhatIfPanel';
import { deductionLabel, levelLabel, markFieldError, methodLabel, pct, weightSum, zoneLabel } from './labels';

interface LineValues {
  indicatorId?: number;
  weight?: number | null;
  method?: ScoringMethod;
  target?: number | null;
  cap?: number | null;
  /** Shown in percent (10 = 10%); the API takes a fraction. */
  fullMarkChange?: number | null;
}

interface DeductionValues {
  kind?: DeductionKind;
  pointsEach?: number | null;
  cap?: number | null;
}

interface SchemeValues {
  year: number;
  zone: OrgZone;
  orgLevel: OrgLevel;
  name: string;
  indicators: LineValues[];
  thirdPartyWeight: number | null;
  satisfactionWeight: number | null;
  deductions: DeductionValues[];
  maxDeduction?: number | null;
  /** Shown in percent; the API takes fractions. */
  gradeQuotas: { excellent: number | null; good: number | null; fair: number | null };
}

const toPercent = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x * 10000) / 100);
const fromPercent = (x: number | null | undefined) => (x === null || x === undefined ? undefined : Math.round(x * 100) / 10000);
const num = (x: number | null | undefined) => (x === null || x === undefined ? undefined : x);

function toValues(s: TScheme): SchemeValues {
  return {
    year: s.year,
    zone: s.zone,
    orgLevel: s.orgLevel,
    name: s.name,
    indicators: s.indicators.map((l) => ({
      indicatorId: l.indicatorId,
      weight: l.weight,
      method: l.method,
      target: l.target,
      cap: l.cap,
      fullMarkChange: toPercent(l.fullMarkChange),
    })),
    thirdPartyWeight: s.thirdPartyWeight,
    satisfactionWeight: s.satisfactionWeight,
    deductions: s.deductions.map((d) => ({ kind: d.kind as DeductionKind, pointsEach: d.pointsEach, cap: d.cap })),
    maxDeduction: s.maxDeduction,
    gradeQuotas: {
      excellent: toPercent(s.gradeQuotas.excellent),
      good: toPercent(s.gradeQuotas.good),
      fair: toPercent(s.gradeQuotas.fair),
    },
  };
}

function toRequest(v: SchemeValues, version: number | undefined): TSchemeRequest {
  const maxDeduction = num(v.maxDeduction);
  return {
    year: v.year,
    zone: v.zone,
    orgLevel: v.orgLevel,
    name: v.name.trim(),
    indicators: v.indicators.map((l) => {
      const target = l.method === 'target' ? num(l.target) : undefined;
      const cap = l.method === 'target' ? num(l.cap) : undefined;
      const fullMarkChange = l.method === 'improvement' ? fromPercent(l.fullMarkChange) : undefined;
      return {
        indicatorId: l.indicatorId ?? 0,
        weight: l.weight ?? 0,
        method: l.method ?? 'target',
        ...(target !== undefined ? { target } : {}),
        ...(cap !== undefined ? { cap } : {}),
        ...(fullMarkChange !== undefined ? { fullMarkChange } : {}),
      };
    }),
    thirdPartyWeight: v.thirdPartyWeight ?? 0,
    satisfactionWeight: v.satisfactionWeight ?? 0,
    deductions: v.deductions
      .filter((d) => d.kind)
      .map((d) => ({ kind: d.kind as DeductionKind, pointsEach: d.pointsEach ?? 0, cap: d.cap ?? 0 })),
    ...(maxDeduction !== undefined ? { maxDeduction } : {}),
    gradeQuotas: {
      excellent: fromPercent(v.gradeQuotas.excellent) ?? 0,
      good: fromPercent(v.gradeQuotas.good) ?? 0,
      fair: fromPercent(v.gradeQuotas.fair) ?? 0,
    },
    ...(version !== undefined ? { version } : {}),
  };
}

/** Props of the scheme designer; without `scheme` it creates one. */
export interface SchemeDesignerProps {
  open: boolean;
  scheme?: TScheme | undefined;
  indicators: TIndicator[];
  /** 组织部 edits; others (and past editions) only view. */
  canManage: boolean;
  defaultYear: number;
  onClose: () => void;
  onSaved: (scheme: TScheme) => void;
}

/** 考核方案 designer: basics, weighted indicator lines with their methods, third party / satisfaction, deductions, grade shares; a live weight total. */
export function SchemeDesigner({ open, scheme, indicators, canManage, defaultYear, onClose, onSaved }: SchemeDesignerProps) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<SchemeValues>();
  const [saving, setSaving] = useState(false);
  const [weightsError, setWeightsError] = useState<string | null>(null);
  const readOnly = !canManage || scheme?.status === 'superseded';
  const editing = scheme !== undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setWeightsError(null);
    form.setFieldsValue(
      scheme
        ? toValues(scheme)
        : {
            year: defaultYear,
            orgLevel: 'county',
            indicators: [{ method: 'target' }],
            thirdPartyWeight: 0,
            satisfactionWeight: 0,
            deductions: [],
            gradeQuotas: { excellent: 20, good: 50, fair: 20 },
          },
    );
  }, [open, scheme, defaultYear, form]);

  const lines = Form.useWatch('indicators', form);
  const tp = Form.useWatch('thirdPartyWeight', form);
  const sat = Form.useWatch('satisfactionWeight', form);
  const quotas = Form.useWatch('gradeQuotas', form);
  const sum = weightSum([...(lines ?? []).map((l) => l?.weight), tp, sat]);
  const poorShare = Math.max(0, 100 - (quotas?.excellent ?? 0) - (quotas?.good ?? 0) - (quotas?.fair ?? 0));

  const indicatorOptions = useMemo(
    () =>
      indicators.map((i) => ({
        value: i.id,
        label: t('asm.fmt.paren', { text: i.name, inner: i.code }),
        disabled: !i.isActive,
      })),
    [indicators],
  );
  const byId = useMemo(() => new Map(indicators.map((i) => [i.id, i])), [indicators]);

  const save = async () => {
    let values: SchemeValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setWeightsError(null);
    try {
      const body = toRequest(values, scheme?.version);
      const saved = scheme
        ? await api.put<TScheme>(`/api/assessment/schemes/${scheme.id}`, body)
        : await api.post<TScheme>('/api/assessment/schemes', body);
      if (scheme && saved.id !== scheme.id) void message.success(t('asm.scheme.savedEdition', { n: saved.edition }));
      else void message.success(t('common.saved'));
      onSaved(saved);
    } catch (error) {
      markFieldError(form, error);
      if (error instanceof ApiError && error.field === 'weights') setWeightsError(error.message);
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const title = !editing
    ? t('asm.scheme.addTitle')
    : readOnly
      ? t('asm.scheme.viewTitle', { name: scheme.name, n: scheme.edition })
      : t('asm.scheme.editTitle', { name: scheme.name, n: scheme.edition });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1080}
      title={title}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{readOnly ? t('common.ok') : t('common.cancel')}</Button>
          {!readOnly && (
            <Button type="primary" loading={saving} onClick={() => void save()}>
              {t('common.save')}
            </Button>
          )}
        </Space>
      }
    >
      {scheme?.status === 'superseded' && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('asm.scheme.supersededNotice')} />
      )}
      {editing && !readOnly && scheme.resultCount > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('asm.scheme.editionNotice', { n: scheme.resultCount, next: scheme.edition + 1 })}
        />
      )}
      <Form form={form} layout="vertical" disabled={readOnly} requiredMark={!readOnly}>
        <div
          style={{
            position: 'sticky',
            top: -24,
            zIndex: 3,
            background: '#fff',
            padding: '8px 0',
            marginBottom: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <WeightSumStatistic sum={sum} title={t('asm.weightSum')} />
          {weightsError && <Typography.Text type="danger">{weightsError}</Typography.Text>}
        </div>

        <Divider titlePlacement="start">{t('asm.scheme.basics')}</Divider>
        <Row gutter={16}>
          <Col span={4}>
            <Form.Item
              name="year"
              label={t('asm.year')}
              rules={[{ required: true, message: t('common.required', { label: t('asm.year') }) }]}
              tooltip={editing ? t('asm.scheme.keyLocked') : undefined}
            >
              <InputNumber<number> min={2000} max={2100} precision={0} style={{ width: '100%' }} disabled={editing} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item
              name="zone"
              label={t('asm.zone')}
              rules={[{ required: true, message: t('common.requiredSelect', { label: t('asm.zone') }) }]}
            >
              <Select<OrgZone> disabled={editing} options={ORG_ZONES.map((z) => ({ value: z, label: zoneLabel(t, z) }))} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="orgLevel" label={t('asm.level')} rules={[{ required: true }]}>
              <Select<OrgLevel> disabled={editing} options={ORG_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="name"
              label={t('asm.scheme.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('asm.scheme.name') }) }, { max: 100 }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('asm.scheme.lines')}</Divider>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <>
              <Row gutter={8} style={{ fontWeight: 500, marginBottom: 4, color: '#595959' }}>
                <Col span={7}>{t('asm.indicator')}</Col>
                <Col span={3}>{t('asm.weight')}</Col>
                <Col span={4}>{t('asm.detail.method')}</Col>
                <Col span={9}>
                  {t('asm.scheme.target')} / {t('asm.scheme.cap')} / {t('asm.scheme.fullMarkChange')}
                </Col>
              </Row>
              {fields.map((field, index) => {
                const method = lines?.[index]?.method;
                const ind = byId.get(lines?.[index]?.indicatorId ?? -1);
                return (
                  <Row gutter={8} key={field.key} align="top">
                    <Col span={7}>
                      <Form.Item
                        name={[field.name, 'indicatorId']}
                        rules={[{ required: true, message: t('common.requiredSelect', { label: t('asm.indicator') }) }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Select<number>
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder={t('asm.scheme.indicatorSearch')}
                          options={indicatorOptions}
                          aria-label={`${t('asm.indicator')} ${index + 1}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item
                        name={[field.name, 'weight']}
                        rules={[{ required: true, message: t('common.required', { label: t('asm.weight') }) }]}
                        style={{ marginBottom: 8 }}
                      >
                        <InputNumber<number>
                          min={0.01}
                          max={100}
                          precision={2}
                          style={{ width: '100%' }}
                          aria-label={`${t('asm.weight')} ${index + 1}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[field.name, 'method']} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
                        <Select<ScoringMethod>
                          options={SCORING_METHODS.map((m) => ({ value: m, label: methodLabel(t, m) }))}
                          aria-label={`${t('asm.detail.method')} ${index + 1}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      {method === 'target' && (
                        <Space.Compact style={{ width: '100%' }}>
                          <Form.Item
                            name={[field.name, 'target']}
                            rules={[{ required: true, message: t('common.required', { label: t('asm.scheme.target') }) }]}
                            style={{ marginBottom: 8, width: '60%' }}
                          >
                            <InputNumber<number>
                              style={{ width: '100%' }}
                              placeholder={t('asm.scheme.target')}
                              suffix={ind?.unit || undefined}
                              aria-label={`${t('asm.scheme.target')} ${index + 1}`}
                            />
                          </Form.Item>
                          <Tooltip title={t('asm.scheme.capHint')}>
                            <Form.Item name={[field.name, 'cap']} style={{ marginBottom: 8, width: '40%' }}>
                              <InputNumber<number>
                                min={1}
                                max={2}
                                step={0.1}
                                style={{ width: '100%' }}
                                placeholder={`${t('asm.scheme.cap')} 1`}
                                aria-label={`${t('asm.scheme.cap')} ${index + 1}`}
                              />
                            </Form.Item>
                          </Tooltip>
                        </Space.Compact>
                      )}
                      {method === 'improvement' && (
                        <Tooltip title={t('asm.scheme.fullMarkChangeHint')}>
                          <Form.Item name={[field.name, 'fullMarkChange']} style={{ marginBottom: 8 }}>
                            <InputNumber<number>
                              min={0.01}
                              max={1000}
                              style={{ width: '60%' }}
                              placeholder={`${t('asm.scheme.fullMarkChange')} 10`}
                              suffix="%"
                              aria-label={`${t('asm.scheme.fullMarkChange')} ${index + 1}`}
                            />
                          </Form.Item>
                        </Tooltip>
                      )}
                      {method === 'peer_minmax' && (
                        <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                          {ind ? t(`asm.directionHint.${ind.direction}`) : ''}
                        </Typography.Text>
                      )}
                    </Col>
                    <Col span={1}>
                      {!readOnly && (
                        <Button
                          type="text"
                          danger
                          icon={<MinusCircleOutlined />}
                          aria-label={`${t('common.cancel')} ${index + 1}`}
                          onClick={() => remove(field.name)}
                          disabled={fields.length <= 1}
                        />
                      )}
                    </Col>
                  </Row>
                );
              })}
              {!readOnly && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ method: 'target' })} style={{ width: '100%' }}>
                  {t('asm.scheme.addLine')}
                </Button>
              )}
            </>
          )}
        </Form.List>

        <Divider titlePlacement="start">{t('asm.scheme.others')}</Divider>
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name="thirdPartyWeight" label={`${t('asm.thirdParty')} · ${t('asm.weight')}`}>
              <InputNumber<number> min={0} max={100} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="satisfactionWeight" label={`${t('asm.satisfaction')} · ${t('asm.weight')}`}>
              <InputNumber<number> min={0} max={100} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('asm.scheme.deductions')}</Divider>
        <Form.List name="deductions">
          {(fields, { add, remove }) => (
            <>
              {fields.length > 0 && (
                <Row gutter={8} style={{ fontWeight: 500, marginBottom: 4, color: '#595959' }}>
                  <Col span={8}>{t('asm.detail.deductionKind')}</Col>
                  <Col span={5}>{t('asm.scheme.pointsEach')}</Col>
                  <Col span={5}>{t('asm.scheme.deductionCap')}</Col>
                </Row>
              )}
              {fields.map((field, index) => (
                <Row gutter={8} key={field.key}>
                  <Col span={8}>
                    <Form.Item
                      name={[field.name, 'kind']}
                      rules={[{ required: true, message: t('common.requiredSelect', { label: t('asm.detail.deductionKind') }) }]}
                      style={{ marginBottom: 8 }}
                    >
                      <Select<DeductionKind>
                        placeholder={t('asm.detail.deductionKind')}
                        options={DEDUCTION_KINDS.map((k) => ({ value: k, label: deductionLabel(t, k) }))}
                        aria-label={`${t('asm.detail.deductionKind')} ${index + 1}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item
                      name={[field.name, 'pointsEach']}
                      rules={[{ required: true, message: t('common.required', { label: t('asm.scheme.pointsEach') }) }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber<number>
                        min={0.01}
                        max={100}
                        style={{ width: '100%' }}
                        placeholder={t('asm.scheme.pointsEach')}
                        suffix={t('asm.scheme.points')}
                        aria-label={`${t('asm.scheme.pointsEach')} ${index + 1}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item
                      name={[field.name, 'cap']}
                      rules={[{ required: true, message: t('common.required', { label: t('asm.scheme.deductionCap') }) }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber<number>
                        min={0.01}
                        max={100}
                        style={{ width: '100%' }}
                        placeholder={t('asm.scheme.deductionCap')}
                        suffix={t('asm.scheme.points')}
                        aria-label={`${t('asm.scheme.deductionCap')} ${index + 1}`}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    {!readOnly && <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />}
                  </Col>
                </Row>
              ))}
              {!readOnly && (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  style={{ width: '50%' }}
                  disabled={fields.length >= DEDUCTION_KINDS.length}
                >
                  {t('asm.scheme.addDeduction')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={6}>
            <Form.Item name="maxDeduction" label={t('asm.scheme.maxDeduction')}>
              <InputNumber<number> min={0.01} max={100} style={{ width: '100%' }} suffix={t('asm.scheme.points')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('asm.scheme.quotas')}</Divider>
        <Card size="small" variant="borderless" styles={{ body: { padding: 0 } }}>
          <Row gutter={16} align="middle">
            {(['excellent', 'good', 'fair'] as const).map((g) => (
              <Col span={5} key={g}>
                <Form.Item name={['gradeQuotas', g]} label={t(`asm.grade.${g}`)} rules={[{ required: true }]}>
                  <InputNumber<number> min={0} max={100} precision={2} style={{ width: '100%' }} suffix="%" />
                </Form.Item>
              </Col>
            ))}
            <Col span={9}>
              <Typography.Text type={poorShare < 0 ? 'danger' : 'secondary'}>
                {t('asm.scheme.quotaPoor', { share: pct(poorShare / 100) })}
              </Typography.Text>
            </Col>
          </Row>
        </Card>
      </Form>
    </Drawer>
  );
}
