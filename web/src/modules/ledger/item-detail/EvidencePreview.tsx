import { Button, Image, Modal } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ItemEvidence, TItemDetail } from '../../../api/types';
import { useT } from '../../../i18n';

/** How an evidence file opens in the page: images in the image viewer, PDFs in a frame, anything else downloads. */
export const previewKind = (e: ItemEvidence): 'image' | 'pdf' | null =>
  e.mimeType.startsWith('image/') ? 'image' : e.mimeType === 'application/pdf' ? 'pdf' : null;

/** Where an evidence file is read. */
export const evidenceUrl = (itemId: number, e: ItemEvidence): string => `/api/ledger/items/${itemId}/evidence/${e.id}`;

/** The file being previewed, or null. */
export type PreviewTarget = ItemEvidence | null;

/** Props of the evidence viewer. */
export interface EvidencePreviewProps {
  item: TItemDetail;
  target: PreviewTarget;
  onClose: () => void;
  /** Paging through the images moves the target. */
  onTarget: (e: ItemEvidence) => void;
}

/** Shows `target` in the page: an image in antd's viewer (paging through the item's images), a PDF in a dialog with a download. */
export function EvidencePreview({ item, target, onClose, onTarget }: EvidencePreviewProps) {
  const t = useT();
  const images = item.evidence.filter((e) => previewKind(e) === 'image');
  const imageIndex = target && previewKind(target) === 'image' ? images.findIndex((i) => i.id === target.id) : -1;
  const pdf = target && previewKind(target) === 'pdf' ? target : null;
  return (
    <>
      {images.length > 0 && (
        <Image.PreviewGroup
          items={images.map((e) => ({ src: evidenceUrl(item.id, e), alt: e.fileName }))}
          preview={{
            open: imageIndex >= 0,
            current: Math.max(0, imageIndex),
            onChange: (current) => {
              const next = images[current];
              if (next) onTarget(next);
            },
            onOpenChange: (open) => {
              if (!open) onClose();
            },
          }}
        />
      )}
      <Modal
        open={pdf !== null}
        title={pdf?.fileName}
        onCancel={onClose}
        width="min(1000px, 96vw)"
        styles={{ body: { height: '78vh', padding: 0 } }}
        footer={
          pdf && (
            <Button icon={<DownloadOutlined />} href={evidenceUrl(item.id, pdf)} download={pdf.fileName}>
              {t('ledgerx.evidence.download')}
            </Button>
          )
        }
        destroyOnHidden
      >
        {pdf && (
          <object
            data={evidenceUrl(item.id, pdf)}
            type="application/pdf"
            aria-label={pdf.fileName}
            style={{ width: '100%', height: '100%', border: 0 }}
          >
            <div style={{ padding: 24 }}>
              {t('ledgerx.evidence.pdfFallback')}{' '}
              <a href={evidenceUrl(item.id, pdf)} download={pdf.fileName}>
                {t('ledgerx.evidence.download')}
              </a>
            </div>
          </object>
        )}
      </Modal>
    </>
  );
}
