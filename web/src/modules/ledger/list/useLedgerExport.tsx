import { useState } from 'react';
import { App, Progress, Space } from 'antd';
import { ApiError } from '../../../api/client';
import { useT } from '../../../i18n';
import { formatSize, saveBlob, streamDownload } from '../../../app/components/download';

/**
 * 导出Excel of the list: downloads it with the table's filters (no paging), streaming it to show progress in a
 * notification; the session cookie goes along with the GET. Returns the starter and whether an export runs.
 */
export function useLedgerExport(): { exporting: boolean; exportExcel: (filters: Record<string, unknown>, total: number) => Promise<void> } {
  const t = useT();
  const { notification } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const exportExcel = async (filters: Record<string, unknown>, total: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) {
      if (value === undefined || value === '') continue;
      params.set(key, String(value));
    }
    const qs = params.toString();
    const key = `ledger-export-${Date.now()}`;
    const rows = total.toLocaleString();
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 1000);
    let received = 0;
    const show = () =>
      notification.open({
        key,
        title: t('ledgerx.export.title'),
        description: (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <span>
              {received === 0
                ? t('ledgerx.export.waiting', { s: seconds() })
                : t('ledgerx.export.progress', { size: formatSize(received), rows, s: seconds() })}
            </span>
            <Progress percent={100} status="active" showInfo={false} size="small" />
          </Space>
        ),
        duration: 0,
        placement: 'bottomRight',
      });
    setExporting(true);
    show();
    // The elapsed time moves on while the server is still generating and no byte has come yet.
    const timer = window.setInterval(show, 1000);
    let last = 0;
    try {
      const { blob, name } = await streamDownload(
        qs ? `/api/ledger/export.xlsx?${qs}` : '/api/ledger/export.xlsx',
        'ledger.xlsx',
        (bytes) => {
          received = bytes;
          const now = Date.now();
          if (now - last < 150) return;
          last = now;
          show();
        },
      );
      window.clearInterval(timer);
      saveBlob(blob, name);
      notification.success({
        key,
        title: t('ledgerx.export.done', { name }),
        description: t('ledgerx.export.summary', { size: formatSize(blob.size), rows, s: seconds() }),
        duration: 6,
        placement: 'bottomRight',
      });
    } catch (error) {
      window.clearInterval(timer);
      const msg = error instanceof ApiError ? error.message : t('common.networkError');
      notification.error({ key, title: t('ledgerx.export.failed', { message: msg }), duration: 6, placement: 'bottomRight' });
    } finally {
      setExporting(false);
    }
  };

  return { exporting, exportExcel };
}
