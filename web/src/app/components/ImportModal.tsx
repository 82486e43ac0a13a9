import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Progress, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { ApiError, authHeaders, notifyUnauthorized } from '../../api/client';
import { clearCache } from '../../api/cache';
import type { ImportError, ImportRefusal } from '../../api/types';
import { useT } from '../../i18n';

/** Where the job stands; `started` (ms) times it from the click, `took` is the whole job in seconds. */
type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number; dryRun: boolean; started: number }
  | { kind: 'processing'; dryRun: boolean; started: number }
  | { kind: 'done'; result: AnyImportResult; took: number }
  | { kind: 'refused'; refusal: ImportRefusal; dryRun: boolean; took: number }
  | { kind: 'failed'; message: string; dryRun: boolean; took: number };

const secondsSince = (started: number) => Math.max(0, Math.round((Date.now() - started) / 1000));

/** Ticks once a second while `active`, so an elapsed time on screen moves on. */
function useTicker(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setTick((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
}

/** What any import answers: a dry run or not, and the rows read. */
export interface AnyImportResult {
  dryRun: boolean;
  rows: number;
}

/** Props of the Excel import dialog; each module passes its endpoints, title and success line. */
export interface ImportModalProps<R extends AnyImportResult> {
  open: boolean;
  onClose: () => void;
  /** Called after rows were written (not after a dry run). */
  onImported: (result: R) => void;
  /** POST endpoint of the import (`?dryRun=true` or `&dryRun=true` is added). */
  importUrl: string;
  /** The template to download. */
  templateUrl: string;
  title: string;
  /** The success line of a finished import. */
  describe: (result: R) => { title: string; subTitle?: string | null };
}

function isRefusal(value: unknown): value is ImportRefusal {
  return typeof value === 'object' && value !== null && 'errors' in value && Array.isArray((value as { errors: unknown }).errors);
}

/** Posts the file as multipart with XMLHttpRequest, reporting upload progress; resolves to the status and parsed body. */
function uploadImport(
  url: string,
  file: File,
  dryRun: boolean,
  onProgress: (percent: number) => void,
  onUploaded: () => void,
  xhrRef: { current: XMLHttpRequest | null },
): Promise<{ status: number; statusText: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open('POST', dryRun ? `${url}${url.includes('?') ? '&' : '?'}dryRun=true` : url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(authHeaders('POST'))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.upload.onload = () => onUploaded();
    xhr.onload = () => {
      // An import is a write that bypasses the API client: forget the GETs read before it.
      clearCache();
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, statusText: xhr.statusText, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** 导入Excel: download the template, pick a filled .xlsx, check it (dry run) or import it; errors come back as a table and a marked file. */
export function ImportModal<R extends AnyImportResult>({
  open,
  onClose,
  onImported,
  importUrl,
  templateUrl,
  title,
  describe,
}: ImportModalProps<R>) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [badType, setBadType] = useState(false);
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';
  useTicker(busy);

  useEffect(() => {
    if (open) return;
    xhrRef.current?.abort();
    setFile(null);
    setFileList([]);
    setPhase({ kind: 'idle' });
    setBadType(false);
  }, [open]);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    const started = Date.now();
    setPhase({ kind: 'uploading', percent: 0, dryRun, started });
    try {
      const res = await uploadImport(
        importUrl,
        file,
        dryRun,
        (percent) => setPhase((p) => (p.kind === 'uploading' ? { ...p, percent } : p)),
        () => setPhase({ kind: 'processing', dryRun, started }),
        xhrRef,
      );
      const took = secondsSince(started);
      if (res.status >= 200 && res.status < 300) {
        const result = res.body as R;
        setPhase({ kind: 'done', result, took });
        if (!result.dryRun) onImported(result);
        return;
      }
      if (res.status === 401) notifyUnauthorized();
      if (res.status === 422 && isRefusal(res.body)) {
        setPhase({ kind: 'refused', refusal: res.body, dryRun, took });
        return;
      }
      const err = (res.body as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
      throw new ApiError(res.status, err?.code ?? `http_${res.status}`, err?.message ?? `${res.status} ${res.statusText}`, err?.field);
    } catch (error) {
      if (error instanceof Error && error.message === 'aborted') return;
      setPhase({
        kind: 'failed',
        message: error instanceof ApiError ? error.message : t('common.networkError'),
        dryRun,
        took: secondsSince(started),
      });
    }
  };

  const errorColumns = (errors: readonly ImportError[]): ColumnsType<ImportError> => {
    const columns = [...new Set(errors.map((e) => e.column))];
    return [
      { title: t('ledgerx.import.col.row'), dataIndex: 'row', key: 'row', width: 70, sorter: (a, b) => a.row - b.row },
      {
        title: t('ledgerx.import.col.column'),
        dataIndex: 'column',
        key: 'column',
        width: 110,
        filters: columns.map((c) => ({ text: c || '—', value: c })),
        onFilter: (value, e) => e.column === value,
      },
      {
        title: t('ledgerx.import.col.value'),
        dataIndex: 'value',
        key: 'value',
        ellipsis: true,
        width: 180,
        render: (v: string) => v || <Typography.Text type="secondary">—</Typography.Text>,
      },
      { title: t('ledgerx.import.col.reason'), dataIndex: 'message', key: 'message' },
    ];
  };

  const phaseLabel = (dryRun: boolean) => (dryRun ? t('ledgerx.import.checking') : t('ledgerx.import.importing'));
  const jobDryRun =
    phase.kind === 'uploading' || phase.kind === 'processing' || phase.kind === 'refused' || phase.kind === 'failed'
      ? phase.dryRun
      : phase.kind === 'done'
        ? phase.result.dryRun
        : true;
  const stepIndex = phase.kind === 'uploading' ? 0 : phase.kind === 'processing' ? 1 : 2;
  const stepStatus = phase.kind === 'refused' || phase.kind === 'failed' ? 'error' : phase.kind === 'done' ? 'finish' : 'process';
  const took =
    phase.kind === 'done' || phase.kind === 'refused' || phase.kind === 'failed' ? t('ledgerx.import.took', { s: phase.took }) : '';

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      width={820}
      mask={{ closable: !busy }}
      footer={
        <Space>
          <Button onClick={onClose}>{phase.kind === 'done' && !phase.result.dryRun ? t('common.ok') : t('common.cancel')}</Button>
          <Button disabled={!file || busy} loading={busy && phase.dryRun} onClick={() => void run(true)}>
            {t('ledgerx.import.check')}
          </Button>
          <Button
            type="primary"
            disabled={!file || busy || (phase.kind === 'done' && !phase.result.dryRun)}
            loading={busy && !phase.dryRun}
            onClick={() => void run(false)}
          >
            {t('ledgerx.import.run')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div>
          <Typography.Text>{t('ledgerx.import.step1')}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            <a href={templateUrl} download>
              <DownloadOutlined /> {t('ledgerx.import.template')}
            </a>
          </div>
        </div>
        <Typography.Text>{t('ledgerx.import.step2')}</Typography.Text>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          disabled={busy}
          fileList={fileList}
          beforeUpload={(f) => {
            if (!/\.xlsx$/i.test(f.name)) {
              setBadType(true);
              return Upload.LIST_IGNORE;
            }
            setBadType(false);
            setFile(f);
            setFileList([{ uid: f.uid, name: f.name, size: f.size, status: 'done' }]);
            setPhase({ kind: 'idle' });
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setFileList([]);
            setPhase({ kind: 'idle' });
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('ledgerx.import.drag')}</p>
          <p className="ant-upload-hint">{t('ledgerx.import.dragHint')}</p>
        </Upload.Dragger>
        {badType && <Alert type="error" showIcon title={t('ledgerx.import.onlyXlsx')} />}

        {phase.kind !== 'idle' && (
          <Steps
            size="small"
            current={stepIndex}
            status={stepStatus}
            items={[
              { title: t('ledgerx.import.stepUpload') },
              { title: jobDryRun ? t('ledgerx.import.stepCheck') : t('ledgerx.import.stepImport') },
              { title: t('ledgerx.import.stepResult') },
            ]}
          />
        )}
        {phase.kind === 'uploading' && (
          <div role="status" aria-live="polite">
            <Space size={12}>
              <Typography.Text>{t('ledgerx.import.uploadingPct', { n: phase.percent })}</Typography.Text>
              <Typography.Text type="secondary">{t('ledgerx.import.elapsed', { s: secondsSince(phase.started) })}</Typography.Text>
            </Space>
            <Progress percent={phase.percent} status="active" />
          </div>
        )}
        {phase.kind === 'processing' && (
          <div role="status" aria-live="polite">
            <Space size={12}>
              <Typography.Text>{phaseLabel(phase.dryRun)}</Typography.Text>
              <Typography.Text type="secondary">{t('ledgerx.import.elapsed', { s: secondsSince(phase.started) })}</Typography.Text>
            </Space>
            <Progress percent={100} status="active" showInfo={false} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ledgerx.import.processingHint')}
            </Typography.Text>
          </div>
        )}
        {phase.kind === 'done' && (
          <Result
            status="success"
            style={{ padding: '16px 0' }}
            title={phase.result.dryRun ? t('ledgerx.import.checkOk', { rows: phase.result.rows }) : describe(phase.result as R).title}
            subTitle={[phase.result.dryRun ? null : describe(phase.result as R).subTitle, took].filter(Boolean).join(' · ')}
          />
        )}
        {phase.kind === 'failed' && <Alert type="error" showIcon title={phase.message} description={took} />}
        {phase.kind === 'refused' && (
          <>
            <Alert
              type="error"
              showIcon
              title={`${t('ledgerx.import.errorTitle', { n: phase.refusal.errorCount })} · ${took}`}
              description={
                phase.refusal.errors.length < phase.refusal.errorCount
                  ? `${t('ledgerx.import.errorHint')}；${t('ledgerx.import.errorsShown', { shown: phase.refusal.errors.length, n: phase.refusal.errorCount })}`
                  : t('ledgerx.import.errorHint')
              }
              action={
                phase.refusal.errorFileUrl && (
                  <Button danger icon={<DownloadOutlined />} href={phase.refusal.errorFileUrl} download>
                    {t('ledgerx.import.errorFile')}
                  </Button>
                )
              }
            />
            <Table<ImportError>
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              size="small"
              columns={errorColumns(phase.refusal.errors)}
              dataSource={phase.refusal.errors}
              pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
