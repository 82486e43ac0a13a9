import { useMemo, useState } from 'react';
import { Button, Card, Col, Form, Input, Row, Select, Space, Statistic, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { ExperimentOutlined, UploadOutlined } from '@ant-design/icons';
import { ApiError, upload } from '../../api/client';
import { DIGIT_TESTS, type Conformity, type DigitsReport, type DigitTest } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n';
import { EChart, type EChartOption } from '../../app/components/EChart';
import { conformityLabel, fmt } from './labels';

const ACCEPTED = ['.txt', '.csv', '.xlsx'];
const CONFORMITY_COLORS: Record<Conformity, string> = {
  close: 'success',
  acceptable: 'processing',
  marginal: 'warning',
  nonconformity: 'error',
};

/** Posts the file and the fields as multipart; answers the report or throws the API's error. */
async function analyse(file: File, test: DigitTest, column: string): Promise<DigitsReport> {
  const form = new FormData();
  form.append('test', test);
  if (column.trim()) form.append('column', column.trim());
  form.append('file', file, file.name);
  return upload<DigitsReport>('/api/assessment/integrity/digits', form);
}

/** 数字分析: upload a column of figures, choose the digit test → observed vs expected counts, MAD, conformity, chi-square and p. */
export function DigitsCard() {
  const t = useT();
  const showError = useApiError();
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [file, setFile] = useState<File | null>(null);
  const [test, setTest] = useState<DigitTest>('first');
  const [column, setColumn] = useState('');
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<DigitsReport | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const run = async () => {
    if (!file) {
      setFileError(t('asm.digits.noFile'));
      return;
    }
    setRunning(true);
    try {
      setReport(await analyse(file, test, column));
    } catch (error) {
      setReport(null);
      if (error instanceof ApiError && error.field === 'file') setFileError(error.message);
      showError(error);
    } finally {
      setRunning(false);
    }
  };

  const option = useMemo<EChartOption | null>(() => {
    if (!report) return null;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? fmt(v, 1) : String(v)) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: report.digits.map(String),
        name: t('asm.digits.digit'),
        axisLabel: { interval: report.digits.length > 20 ? 'auto' : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('asm.digits.observed'), data: report.counts, itemStyle: { color: '#3f6fb5' }, barMaxWidth: 28 },
        {
          type: 'line',
          name: t('asm.digits.expected'),
          data: report.expected.map((e) => Math.round(e * 10) / 10),
          itemStyle: { color: '#cf1322' },
          symbolSize: 5,
          smooth: false,
        },
      ],
    };
  }, [report, t]);

  return (
    <Card size="small" title={t('asm.digits.title')}>
      <Typography.Paragraph type="secondary">{t('asm.digits.intro')}</Typography.Paragraph>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('asm.digits.file')} validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined}>
          <Upload
            accept={ACCEPTED.join(',')}
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              const ok = ACCEPTED.some((ext) => f.name.toLowerCase().endsWith(ext));
              if (!ok) {
                setFileError(t('asm.digits.badType'));
                return Upload.LIST_IGNORE;
              }
              setFile(f);
              setFileError(null);
              setFileList([{ uid: f.uid, name: f.name, status: 'done' }]);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setFileList([]);
            }}
          >
            <Button icon={<UploadOutlined />}>{t('asm.digits.pick')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item label={t('asm.digits.test')}>
          <Select<DigitTest>
            style={{ width: 140 }}
            value={test}
            onChange={setTest}
            options={DIGIT_TESTS.map((d) => ({ value: d, label: t(`asm.digits.test.${d}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('asm.digits.column')} tooltip={t('asm.digits.columnHint')}>
          <Input
            style={{ width: 140 }}
            value={column}
            onChange={(e) => setColumn(e.target.value)}
            placeholder="A / 1 / GDP"
            maxLength={100}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" icon={<ExperimentOutlined />} loading={running} onClick={() => void run()}>
            {t('asm.digits.run')}
          </Button>
        </Form.Item>
      </Form>
      {report && (
        <div style={{ marginTop: 16 }}>
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Statistic
                title={t('asm.digits.n')}
                value={report.n}
                suffix={
                  report.skipped ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('asm.digits.skipped', { n: report.skipped })}
                    </Typography.Text>
                  ) : undefined
                }
              />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('asm.digits.mad')} value={report.mad} precision={4} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic
                title={t('asm.digits.conformity')}
                value={report.conformity}
                valueRender={() => (
                  <Tag
                    color={CONFORMITY_COLORS[report.conformity]}
                    style={{ fontSize: 16, padding: '4px 10px' }}
                    data-testid="digits-conformity"
                  >
                    {conformityLabel(t, report.conformity)}
                  </Tag>
                )}
              />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title={t('asm.digits.chiSquare', { df: report.df })} value={report.chiSquare} precision={2} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('asm.digits.pValue')}
                value={report.pValue < 1e-4 ? report.pValue.toExponential(2) : report.pValue.toFixed(4)}
              />
            </Col>
          </Row>
          {option && (
            <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
              <EChart option={option} height={report.digits.length > 20 ? 360 : 300} />
            </Space>
          )}
        </div>
      )}
    </Card>
  );
}
