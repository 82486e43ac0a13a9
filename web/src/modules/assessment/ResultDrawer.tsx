import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Drawer, Empty, Row, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleFilled, ExclamationCircleFilled, FileAddOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Radar as TRadar, ResultDeduction, ResultLine, TOrgResult, ToLedgerResult } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { useApiGet } from '../../app/useApiGet';
import { useT } from '../../i18n';
import { Radar } from './RadarChart';
import { ToLedgerModal } from './ToLedgerModal';
import { deductionLabel, fmt, GradeTag, methodLabel, missingLabel, pct, VisibilityTag } from './labels';

interface InputRow {
  key: 'thirdParty' | 'satisfaction';
  label: string;
  line: TOrgResult['thirdParty'];
}

/** Props of the 得分明细 drawer. */
export interface ResultDrawerProps {
  schemeId: number;
  result: TOrgResult | null;
  /** 组织部 may put the feedback on the ledger. */
  canManage: boolean;
  onClose: () => void;
}

/** 得分明细: every point of one unit's total explained, its radar against the zone median, and 生成整改反馈. */
export function ResultDrawer({ schemeId, result: listed, canManage, onClose }: ResultDrawerProps) {
  const t = useT();
  // The ranking's row shows at once; the unit's own breakdown then adds each figure's verification and the ledger items' codes.
  const { data: detailed } = useApiGet<TOrgResult>(listed ? `/api/assessment/schemes/${schemeId}/results/${listed.orgId}` : null, {});
  const result = listed && detailed?.orgId === listed.orgId ? detailed : listed;
  const showError = useApiError();
  const [radar, setRadar] = useState<TRadar | null>(null);
  const [radarLoading, setRadarLoading] = useState(false);
  const [feedbackOpen, setFeedbackOpen] = useState(false);
  const [created, setCreated] = useState<ToLedgerResult | null>(null);
  const orgId = result?.orgId;

  useEffect(() => {
    setCreated(null);
    setRadar(null);
    if (orgId === undefined) return;
    let live = true;
    setRadarLoading(true);
    api
      .get<TRadar>(`/api/assessment/schemes/${schemeId}/radar/${orgId}`)
      .then((r) => {
        if (live) setRadar(r);
      })
      .catch((error: unknown) => {
        if (live) showError(error);
      })
      .finally(() => {
        if (live) setRadarLoading(false);
      });
    return () => {
      live = false;
    };
  }, [schemeId, orgId, showError]);

  const lineColumns: ColumnsType<ResultLine> = [
    {
      title: t('asm.indicator'),
      dataIndex: 'name',
      width: 180,
      render: (name: string, l) => (
        <Space size={4} wrap>
          <span>{name}</span>
          <VisibilityTag visibility={l.visibility} />
        </Space>
      ),
    },
    {
      title: t('asm.detail.rawValue'),
      dataIndex: 'rawValue',
      align: 'right',
      width: 120,
      render: (v: number | null, l) => (
        <Space size={4}>
          {l.verification === 'verified' && (
            <Tooltip title={t('asm.figure.status.verified')}>
              <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('asm.figure.status.verified')} />
            </Tooltip>
          )}
          {l.verification === 'disputed' && (
            <Tooltip title={t('asm.values.disputed')}>
              <ExclamationCircleFilled style={{ color: '#fa8c16' }} aria-label={t('asm.figure.status.disputed')} />
            </Tooltip>
          )}
          {l.hasEvidence && (
            <Tooltip title={t('asm.values.legendEvidence')}>
              <PaperClipOutlined aria-label={t('asm.values.legendEvidence')} />
            </Tooltip>
          )}
          <span>{fmt(v, 4)}</span>
        </Space>
      ),
    },
    { title: t('asm.detail.method'), dataIndex: 'method', width: 100, render: (m: ResultLine['method']) => methodLabel(t, m) },
    {
      title: t('asm.detail.subScore'),
      dataIndex: 'subScore',
      align: 'right',
      width: 90,
      render: (v: number | null) => (v === null ? <Typography.Text type="danger">—</Typography.Text> : fmt(v)),
    },
    { title: t('asm.weight'), dataIndex: 'weight', align: 'right', width: 70, render: (v: number) => fmt(v) },
    {
      title: t('asm.detail.contribution'),
      dataIndex: 'contribution',
      align: 'right',
      width: 90,
      render: (v: number) => <Typography.Text strong>{fmt(v)}</Typography.Text>,
    },
    {
      title: t('asm.detail.explanation'),
      dataIndex: ['explanation', 'text'],
      render: (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>,
    },
  ];

  const inputRows: InputRow[] = result
    ? [
        { key: 'thirdParty', label: t('asm.thirdParty'), line: result.thirdParty },
        { key: 'satisfaction', label: t('asm.satisfaction'), line: result.satisfaction },
      ]
    : [];
  const inputColumns: ColumnsType<InputRow> = [
    { title: t('asm.detail.item'), dataIndex: 'label', width: 180 },
    { title: t('asm.detail.score'), key: 'score', align: 'right', width: 100, render: (_, r) => fmt(r.line.score) },
    { title: t('asm.weight'), key: 'weight', align: 'right', width: 70, render: (_, r) => fmt(r.line.weight) },
    {
      title: t('asm.detail.contribution'),
      key: 'contribution',
      align: 'right',
      width: 90,
      render: (_, r) => <Typography.Text strong>{fmt(r.line.contribution)}</Typography.Text>,
    },
    {
      title: t('asm.detail.explanation'),
      key: 'text',
      render: (_, r) => <Typography.Text type="secondary">{r.line.explanation.text}</Typography.Text>,
    },
  ];

  const deductionColumns: ColumnsType<ResultDeduction> = [
    { title: t('asm.detail.deductionKind'), dataIndex: 'kind', width: 200, render: (k: string) => deductionLabel(t, k) },
    { title: t('asm.detail.count'), dataIndex: 'count', align: 'right', width: 80 },
    { title: t('asm.detail.pointsEach'), dataIndex: 'pointsEach', align: 'right', width: 90, render: (v: number) => fmt(v) },
    {
      title: t('asm.detail.points'),
      dataIndex: 'points',
      align: 'right',
      width: 110,
      render: (v: number, d) => (
        <Space size={4}>
          <Typography.Text type={v > 0 ? 'danger' : undefined}>{v > 0 ? `-${fmt(v)}` : '0'}</Typography.Text>
          {d.capped && <Tag color="orange">{t('asm.detail.capped')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('asm.detail.items'),
      dataIndex: 'itemIds',
      render: (ids: number[], d) => (
        <Space size={[4, 4]} wrap>
          {ids.map((id) => {
            const brief = d.items?.find((i) => i.id === id);
            return (
              <Tooltip key={id} title={brief?.title}>
                <Link to={`/ledger/${id}`}>
                  <Tag color="blue" style={{ cursor: 'pointer', marginInlineEnd: 0 }}>
                    {brief?.code ?? `#${id}`}
                  </Tag>
                </Link>
              </Tooltip>
            );
          })}
        </Space>
      ),
    },
  ];

  const nameOf = useMemo(() => new Map((result?.lines ?? []).map((l) => [l.indicatorId, l.name])), [result]);
  const radarAxes = useMemo(() => (radar?.axes ?? []).map((a) => ({ name: a.name, values: [a.subScore, a.zoneMedian] })), [radar]);
  const radarSeries = useMemo(
    () => [
      { name: result?.name ?? '', color: '#b71c1c' },
      { name: t('asm.detail.radarMedian'), color: '#3f6fb5' },
    ],
    [result?.name, t],
  );

  return (
    <Drawer
      open={result !== null}
      onClose={onClose}
      size={960}
      title={result ? t('asm.detail.title', { name: result.name }) : ''}
      extra={
        result &&
        canManage && (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setFeedbackOpen(true)}>
            {t('asm.detail.feedback')}
          </Button>
        )
      }
    >
      {result && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {created && (
            <Alert
              type="success"
              showIcon
              title={
                <Space>
                  {t('asm.ledgerCreated', { code: created.code })}
                  <Link to={`/ledger/${created.itemId}`}>{t('asm.openLedgerItem', { code: created.code })}</Link>
                </Space>
              }
            />
          )}
          <Row gutter={16}>
            <Col span={5}>
              <Statistic title={t('asm.rank.total')} value={result.total} precision={2} styles={{ content: { color: '#b71c1c' } }} />
            </Col>
            <Col span={5}>
              <Statistic title={t('asm.rank.rank')} value={t('asm.detail.rankOf', { rank: result.rank, of: result.of })} />
            </Col>
            <Col span={4}>
              <Statistic title={t('asm.rank.grade')} valueRender={() => <GradeTag grade={result.grade} />} value={result.grade} />
            </Col>
            <Col span={5}>
              <Tooltip title={t('asm.rank.latentShareHint', { visible: fmt(result.visibleScore), latent: fmt(result.latentScore) })}>
                <Statistic
                  title={t('asm.rank.visibleLatent')}
                  value={`${fmt(result.visibleScore)} / ${fmt(result.latentScore)}`}
                  suffix={
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('asm.rank.latentShare', { share: pct(result.latentShare) })}
                    </Typography.Text>
                  }
                />
              </Tooltip>
            </Col>
            <Col span={5}>
              <Statistic
                title={t('asm.rank.deductions')}
                value={result.deductionTotal > 0 ? `-${fmt(result.deductionTotal)}` : '0'}
                styles={{ content: result.deductionTotal > 0 ? { color: '#cf1322' } : {} }}
              />
            </Col>
          </Row>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('asm.detail.indicatorScore')}>{fmt(result.indicatorScore)}</Descriptions.Item>
            <Descriptions.Item label={t('asm.thirdParty')}>{fmt(result.thirdParty.contribution)}</Descriptions.Item>
            <Descriptions.Item label={t('asm.satisfaction')}>{fmt(result.satisfaction.contribution)}</Descriptions.Item>
            <Descriptions.Item label={t('asm.rank.previousGrade')}>
              <GradeTag grade={result.previousGrade} />
            </Descriptions.Item>
          </Descriptions>

          {result.missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('asm.detail.missingTitle')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {result.missing.map((m) => (
                    <li key={m.indicatorId}>
                      {t('asm.fmt.labelValue', {
                        label: nameOf.get(m.indicatorId) ?? `#${m.indicatorId}`,
                        value: missingLabel(t, m.reason),
                      })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}

          <Card size="small" title={t('asm.detail.radar')}>
            {radarLoading ? (
              <div style={{ height: 320, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
                <Spin />
              </div>
            ) : radarAxes.length >= 3 ? (
              <Radar axes={radarAxes} series={radarSeries} />
            ) : (
              <Empty description={t('asm.detail.radarEmpty')} />
            )}
          </Card>

          <Card size="small" title={t('asm.detail.lines')}>
            <Table<ResultLine>
              rowKey="indicatorId"
              size="small"
              columns={lineColumns}
              dataSource={result.lines}
              pagination={false}
              scroll={{ x: 860 }}
            />
          </Card>
          <Card size="small" title={t('asm.detail.inputs')}>
            <Table<InputRow>
              rowKey="key"
              size="small"
              columns={inputColumns}
              dataSource={inputRows}
              pagination={false}
              scroll={{ x: 860 }}
            />
          </Card>
          <Card size="small" title={t('asm.detail.deductionsTitle')}>
            {result.deductions.length === 0 ? (
              <Typography.Text type="secondary">{t('asm.detail.noDeductions')}</Typography.Text>
            ) : (
              <>
                <Table<ResultDeduction>
                  rowKey="kind"
                  size="small"
                  columns={deductionColumns}
                  dataSource={result.deductions}
                  pagination={false}
                />
                {result.deductionsCappedByMax && (
                  <Alert
                    style={{ marginTop: 8 }}
                    type="info"
                    showIcon
                    title={t('asm.detail.deductionsCapped', { before: fmt(result.deductionsBeforeMax), total: fmt(result.deductionTotal) })}
                  />
                )}
              </>
            )}
          </Card>
        </Space>
      )}
      {result && (
        <ToLedgerModal
          open={feedbackOpen}
          title={t('asm.detail.feedbackTitle')}
          intro={t('asm.detail.feedbackIntro')}
          okText={t('asm.detail.feedback')}
          send={(body) => api.post<ToLedgerResult>(`/api/assessment/schemes/${schemeId}/results/${result.orgId}/feedback`, body)}
          onClose={() => setFeedbackOpen(false)}
          onDone={setCreated}
        />
      )}
    </Drawer>
  );
}
